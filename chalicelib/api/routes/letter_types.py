"""Routes: the catalogue of letter types (any signed-in employee; the same for everyone, so cacheable)."""

from __future__ import annotations

from typing import Any

from chalicelib.api import http
from chalicelib.api import schemas_letter_types as s
from chalicelib.domain.errors import Forbidden
from chalicelib.domain.letter_types import CATALOGUE, spec_of

r = http.router("letter-types")
CACHE = {"Cache-Control": "private, max-age=3600"}  # changes only with a deployment


def _employee() -> None:
    if http.principal().org is None:
        raise Forbidden("the catalogue is for an org's employees")


@r.route("/letter-types", response=s.LetterTypeListOut, errors=(401, 403))
def list_letter_types() -> Any:
    """Every type of naskah dinas with its fields (JSON Schema), signing level and printed sections."""
    _employee()
    return http.json_response({"items": [spec.view() for spec in CATALOGUE.values()]}, headers=CACHE)


@r.route("/letter-types/{code}", response=s.LetterTypeOut, errors=(401, 403, 404))
def get_letter_type(code: str) -> Any:
    """One type of naskah dinas."""
    _employee()
    return http.json_response(spec_of(code).view(), headers=CACHE)
