"""Request bodies of the org structure's edits (responses: UnitOut and PositionOut of api/schemas.py)."""

from __future__ import annotations

from pydantic import Field

from chalicelib.api.schemas import Code, Name, Schema


class UnitPatch(Schema):
    """What to change in a unit (at least one field)."""

    name: Name | None = None
    parent: Code | None = Field(None, description="move under this unit of the same org (not under itself or below)")


class PositionPatch(Schema):
    """What to change in a position (at least one field); its level stays (create another position for that)."""

    title: Name | None = None
    unit: Code | None = Field(None, description="a unit of the same org")
    reports_to: Code | None = Field(None, description="a position of the same org at a higher level")
