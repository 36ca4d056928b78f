"""A 2xx body its route's response schema does not accept fails in tests and is logged loudly locally."""

from __future__ import annotations

import logging

import pytest

from chalicelib.api.contract import ResponseContractViolation, check_response
from chalicelib.api.schemas import Schema


class ThingOut(Schema):
    """What the route declares."""

    id: str
    pages: int


def test_a_body_with_an_undeclared_field_fails_in_the_test_stage() -> None:
    with pytest.raises(ResponseContractViolation, match="pdf: Extra inputs are not permitted"):
        check_response("GET", "/things/{id}", ThingOut, 200, {"id": "a", "pages": 1, "pdf": {}}, mode="fail")


def test_a_body_of_the_wrong_type_fails_as_the_client_would_read_it() -> None:
    with pytest.raises(ResponseContractViolation, match="pages"):
        check_response("GET", "/things/{id}", ThingOut, 200, {"id": "a", "pages": "1"}, mode="fail")


def test_locally_a_mismatch_is_logged_and_the_body_still_sent(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR):
        check_response("GET", "/things/{id}", ThingOut, 200, {"id": "a"}, mode="log")
    assert "RESPONSE CONTRACT VIOLATION: GET /things/{id}" in caplog.text and "pages" in caplog.text


def test_errors_and_matching_bodies_pass() -> None:
    check_response("GET", "/things/{id}", ThingOut, 200, {"id": "a", "pages": 2}, mode="fail")
    check_response("GET", "/things/{id}", ThingOut, 404, {"error": {}}, mode="fail")
