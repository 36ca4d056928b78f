"""GET /openapi.json describes every route, and GET /docs renders it without the internet."""

from __future__ import annotations

import re

import pytest

from tests.conftest import Api

HTTP_METHODS = {"get", "post", "put", "patch", "delete"}


def app_routes() -> set[tuple[str, str]]:
    from app import app

    return {(path, method.lower()) for path, entries in app.routes.items() for method in entries}


def documented(api: Api) -> set[tuple[str, str]]:
    doc = api.get("/openapi.json").json_body
    return {(path, method) for path, ops in doc["paths"].items() for method in ops if method in HTTP_METHODS}


def test_every_route_of_the_app_is_documented_and_nothing_else(api: Api) -> None:
    assert documented(api) == app_routes()


def test_the_document_is_openapi_3_1_without_a_token(api: Api) -> None:
    response = api.get("/openapi.json")
    assert response.status_code == 200
    assert response.json_body["openapi"] == "3.1.0"


def test_the_document_is_valid_openapi(api: Api) -> None:
    validator = pytest.importorskip("openapi_spec_validator")
    validator.validate(api.get("/openapi.json").json_body)


def test_protected_routes_declare_the_bearer_scheme_and_a_401(api: Api) -> None:
    doc = api.get("/openapi.json").json_body
    me = doc["paths"]["/me"]["get"]
    assert me["security"] == [{"bearer": []}]
    assert "401" in me["responses"]
    assert doc["paths"]["/auth/dev-login"]["post"]["security"] == []


def test_creates_document_the_idempotency_key_header(api: Api) -> None:
    doc = api.get("/openapi.json").json_body
    names = [p["name"] for p in doc["paths"]["/orgs"]["post"]["parameters"]]
    assert "Idempotency-Key" in names


def test_errors_are_documented_with_the_error_shape(api: Api) -> None:
    doc = api.get("/openapi.json").json_body
    ref = doc["paths"]["/orgs"]["post"]["responses"]["409"]["content"]["application/json"]["schema"]["$ref"]
    assert ref == "#/components/schemas/ErrorOut"


def test_docs_is_html_listing_every_path(api: Api) -> None:
    response = api.get("/docs")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/html")
    page = response.body.decode()
    for path, _method in app_routes():
        assert f"<code>{path}</code>" in page, path


def test_docs_loads_nothing_from_the_internet(api: Api) -> None:
    page = api.get("/docs").body.decode()
    assert not re.search(r"""(src|href)\s*=\s*['"]?(https?:)?//""", page)
    assert "<script" not in page.lower()
    assert "@import" not in page


def test_the_route_table_the_app_registers_matches_the_declarations():
    from chalicelib.api import http, route_table

    assert route_table.ROUTES == http.route_table(), "run: python -m chalicelib.api.route_table"
