"""GET /openapi.json describes every route, and GET /docs renders it without the internet."""

from __future__ import annotations

import re

import pytest

from tests.conftest import Api, assert_error

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


def test_two_different_schemas_cannot_share_a_component_name() -> None:
    from pydantic import BaseModel

    from chalicelib.api import openapi

    first = type("AttachmentOut", (BaseModel,), {"__annotations__": {"state": str}})
    second = type("AttachmentOut", (BaseModel,), {"__annotations__": {"status": str}})
    components: dict = {}
    openapi._ref(first, components)
    openapi._ref(first, components)  # the same schema twice is one component
    with pytest.raises(openapi.ComponentNameCollision):
        openapi._ref(second, components)


def schema_of(doc: dict, ref: dict) -> dict:
    return doc["components"]["schemas"][ref["$ref"].rsplit("/", 1)[-1]]


def test_letter_attachments_are_documented_as_they_are_sent_and_returned(api: Api) -> None:
    doc = api.get("/openapi.json").json_body
    op = doc["paths"]["/letters/{letter_id}/attachments"]["post"]
    body = schema_of(doc, op["requestBody"]["content"]["application/json"]["schema"])
    assert set(body["properties"]) == {"filename", "content_type"}
    letter = doc["components"]["schemas"]["LetterOut"]["properties"]
    attachment = schema_of(doc, letter["attachments"]["items"])
    assert "state" in attachment["properties"] and "status" not in attachment["properties"]
    assert {"verification_code", "pdf"} <= set(letter)
    public = doc["paths"]["/public/submissions/{code}/attachments"]["post"]
    assert "secret" in schema_of(doc, public["requestBody"]["content"]["application/json"]["schema"])["properties"]


def query_schema(doc: dict, path: str, name: str, method: str = "get") -> dict:
    return next(p for p in doc["paths"][path][method]["parameters"] if p["name"] == name and p["in"] == "query")


def test_query_parameters_are_typed_as_the_server_enforces_them(api: Api) -> None:
    doc = api.get("/openapi.json").json_body
    assert query_schema(doc, "/letters", "limit")["schema"] == {"type": "integer", "minimum": 1, "maximum": 100}
    assert query_schema(doc, "/archive/export", "limit")["schema"]["maximum"] == 1000
    assert query_schema(doc, "/dispositions", "overdue")["schema"] == {"type": "boolean"}
    assert "review" in query_schema(doc, "/letters", "box")["schema"]["enum"]
    assert query_schema(doc, "/incoming", "state")["schema"]["enum"] == ["registered", "disposed", "in_progress",
                                                                         "done"]
    assert "accepted" in query_schema(doc, "/submissions", "status")["schema"]["enum"]
    assert query_schema(doc, "/archive", "kind")["schema"]["enum"] == ["letter", "incoming"]
    assert query_schema(doc, "/archive", "from")["schema"]["format"] == "date"


@pytest.mark.usefixtures("province")
@pytest.mark.parametrize("limit", ["0", "101", "²", "1.5", "-1"])
def test_a_limit_outside_its_documented_range_is_a_400_naming_it(api: Api, limit: str) -> None:
    assert_error(api.get(f"/orgs?limit={limit}", as_user="admin"), 400, "validation_error", field="limit")


def component_validator(doc: dict, name: str):  # type: ignore[no-untyped-def]
    from jsonschema import Draft202012Validator

    return Draft202012Validator({"$ref": f"#/components/schemas/{name}", "components": doc["components"]})


def test_cross_field_rules_are_in_the_schema(api: Api) -> None:
    doc = api.get("/openapi.json").json_body
    citizen = {"sender_type": "citizen", "name": "Ni Luh", "org": "DISKOMINFOS", "kind": "letter", "subject": "Data",
               "body": "Mohon data", "email": None, "phone": None}
    submission = component_validator(doc, "SubmissionIn")
    assert not submission.is_valid(citizen)  # neither email nor phone
    assert submission.is_valid({**citizen, "phone": "081234567890"})
    assert not submission.is_valid({**citizen, "phone": "081234567890", "sender_type": "business"})  # no NIB
    assert not submission.is_valid({**citizen, "phone": "081234567890", "kind": "proposal"})  # no category
    recipient = component_validator(doc, "RecipientIn")
    assert not recipient.is_valid({"kind": "external", "code": "X"}) and recipient.is_valid({"kind": "external",
                                                                                            "name": "PT Bali"})
    assert not recipient.is_valid({"kind": "position", "name": "Kadis"}) and recipient.is_valid({"kind": "org",
                                                                                                "code": "BIROUMUM"})
    org = doc["components"]["schemas"]["OrgIn"]["properties"]["number_format"]["pattern"]
    assert re.search(org, "{classification}/{seq}/{year}") and not re.search(org, "{classification}/{seq}")
    decision = component_validator(doc, "DecisionIn")
    assert not decision.is_valid({"decision": "reject"}) and decision.is_valid({"decision": "approve"})


def test_verifying_a_file_documents_its_pdf_body_and_the_415(api: Api) -> None:
    op = api.get("/openapi.json").json_body["paths"]["/public/verify/{code}"]["post"]
    assert list(op["requestBody"]["content"]) == ["application/pdf"] and op["requestBody"]["required"] is True
    assert "415" in op["responses"]
    wrong = api.call("POST", "/public/verify/ABCDEFGH", headers={"Content-Type": "text/plain"}, raw=b"x")
    assert_error(wrong, 415, "unsupported_media_type")
