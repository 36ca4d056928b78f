"""The contract every route keeps: tokens, the error shape, correlation ids, unknown routes and methods."""

from __future__ import annotations

import re
from typing import Any

import pytest

import app as _app  # noqa: F401 - installs every route before they are listed below
from chalicelib.api import http
from tests.conftest import Api, assert_error

pytestmark = pytest.mark.usefixtures("province")

PROTECTED = sorted((spec.method, spec.path) for spec in http.load_routes() if spec.auth)
SAMPLE_ID = {"org": "DISKOMINFOS"}


def concrete(path: str) -> str:
    return re.sub(r"{(\w+)}", lambda m: SAMPLE_ID.get(m.group(1), "sample-id"), path)


@pytest.mark.parametrize(("method", "path"), PROTECTED, ids=[f"{m} {p}" for m, p in PROTECTED])
def test_every_protected_route_needs_a_token(api: Api, method: str, path: str) -> None:
    assert_error(api.call(method, concrete(path), body={}), 401, "unauthenticated")


@pytest.mark.parametrize(("method", "path"), PROTECTED, ids=[f"{m} {p}" for m, p in PROTECTED])
def test_every_protected_route_refuses_a_forged_token(api: Api, method: str, path: str) -> None:
    headers = {"Authorization": "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJl"}
    assert_error(api.call(method, concrete(path), body={}, headers=headers), 401, "unauthenticated")


def test_the_api_knows_more_than_one_protected_route() -> None:
    # Guards the parametrisation above against an empty route list.
    assert ("GET", "/me") in PROTECTED
    assert len(PROTECTED) >= 10


@pytest.mark.parametrize("who", [None, "admin"])
def test_an_unknown_route_is_a_404_in_the_error_shape(api: Api, who: str | None) -> None:
    assert_error(api.get("/surat-yang-tidak-ada", as_user=who), 404, "not_found")


@pytest.mark.parametrize(("method", "path"), [("DELETE", "/orgs"), ("PUT", "/me"), ("PATCH", "/users")])
def test_a_wrong_method_is_a_405_in_the_error_shape(api: Api, method: str, path: str) -> None:
    assert_error(api.call(method, path, as_user="admin"), 405, "method_not_allowed")


@pytest.mark.parametrize("raw", [b"{bad json", b'{"code": "X",}', b"\xff\xfe"])
def test_malformed_json_is_a_400_naming_the_body(api: Api, raw: bytes) -> None:
    assert_error(api.post("/orgs", as_user="admin", raw=raw), 400, "validation_error", field="body")


WITH_BODY = sorted((spec.method, spec.path) for spec in http.load_routes() if spec.body is not None)


@pytest.mark.parametrize("raw", [b"[" * 4096, b'{"a":' * 2000 + b"1" + b"}" * 2000, b"[" * 100 + b"]" * 100],
                         ids=["4 KB of [", "2,000 nested objects", "100 nested arrays"])
def test_a_deeply_nested_body_is_a_400_naming_the_body_even_without_a_token(api: Api, raw: bytes) -> None:
    assert_error(api.post("/public/submissions", raw=raw), 400, "validation_error", field="body")
    assert_error(api.post("/orgs", as_user="admin", raw=raw), 400, "validation_error", field="body")


@pytest.mark.parametrize(("method", "path"), WITH_BODY, ids=[f"{m} {p}" for m, p in WITH_BODY])
def test_no_route_answers_a_deeply_nested_body_with_a_server_error(api: Api, method: str, path: str) -> None:
    response = api.call(method, concrete(path), as_user="admin" if (method, path) in PROTECTED else None,
                        raw=b"[" * 4096)
    assert 400 <= response.status_code < 500, (response.status_code, response.body)


def test_a_missing_body_is_a_400_naming_the_body(api: Api) -> None:
    assert_error(api.post("/orgs", as_user="admin", raw=b""), 400, "validation_error", field="body")


ERRORS: list[tuple[str, str, str | None, Any]] = [
    ("GET", "/me", None, None),                                    # 401 from the gateway
    ("GET", "/nowhere", None, None),                               # 404 from the gateway
    ("DELETE", "/orgs", "admin", None),                            # 405 from Chalice
    ("POST", "/orgs", "admin", {"code": "bad code"}),              # 400 from validation
    ("GET", "/orgs", "warga", None),                               # 403 from a service
    ("GET", "/orgs/NOPE", "admin", None),                          # 404 from a service
    ("POST", "/orgs/DISKOMINFOS/units", "admin", {"code": "APTIKA", "name": "x"}),  # 409 from a transaction
]


@pytest.mark.parametrize(("method", "path", "who", "body"), ERRORS,
                         ids=["401", "404-route", "405", "400", "403", "404-record", "409"])
def test_every_error_carries_the_correlation_id_of_its_response_header(api: Api, method: str, path: str,
                                                                      who: str | None, body: Any) -> None:
    response = api.call(method, path, as_user=who, body=body)
    error = assert_error(response, response.status_code)
    assert response.status_code >= 400
    assert error["correlation_id"] == response.headers["X-Correlation-Id"]


def test_a_clients_correlation_id_is_echoed_on_success(api: Api) -> None:
    response = api.get("/me", as_user="warga", headers={"X-Correlation-Id": "frontend-7f3a9c21"})
    assert response.status_code == 200
    assert response.headers["X-Correlation-Id"] == "frontend-7f3a9c21"


def test_a_clients_correlation_id_is_echoed_in_an_error(api: Api) -> None:
    response = api.get("/orgs/NOPE", as_user="admin", headers={"X-Correlation-Id": "frontend-7f3a9c21"})
    error = assert_error(response, 404)
    assert error["correlation_id"] == response.headers["X-Correlation-Id"] == "frontend-7f3a9c21"


def test_a_malformed_client_correlation_id_is_replaced(api: Api) -> None:
    response = api.get("/me", as_user="warga", headers={"X-Correlation-Id": "<script>"})
    assert response.headers["X-Correlation-Id"] not in ("", "<script>")


def test_each_request_gets_its_own_correlation_id(api: Api) -> None:
    ids = {api.get("/me", as_user="warga").headers["X-Correlation-Id"] for _ in range(3)}
    assert len(ids) == 3
