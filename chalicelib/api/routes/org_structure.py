"""Routes: editing an org's structure — units and positions (that org's admin)."""

from __future__ import annotations

from typing import Any

from chalicelib.api import http, schemas
from chalicelib.api import schemas_structure as s
from chalicelib.bootstrap import container

r = http.router("org_structure")


@r.route("/orgs/{org}/units/{code}", "PATCH", body=s.UnitPatch, response=schemas.UnitOut,
         errors=(400, 401, 403, 404, 409))
def edit_unit(org: str, code: str) -> Any:
    """Rename a unit or move it under another unit of the org (409: under itself or below, or the tree changed)."""
    return container().org_structure.edit_unit(http.principal(), org, code, http.body(s.UnitPatch))


@r.route("/orgs/{org}/positions/{code}", "PATCH", body=s.PositionPatch, response=schemas.PositionOut,
         errors=(400, 401, 403, 404, 409))
def edit_position(org: str, code: str) -> Any:
    """Retitle a position, or move it to another unit or under another superior of a higher level."""
    return container().org_structure.edit_position(http.principal(), org, code, http.body(s.PositionPatch))
