"""Browsers on an allowed origin may call the API; any other origin gets no CORS grant."""

from __future__ import annotations

import json
from typing import Any

import pytest

from chalicelib import bootstrap
from chalicelib.api import cors
from infra import local_stack

ALLOWED = "https://portal.example.go.id"
OTHER = "https://evil.example.com"


@pytest.fixture
def origins(aws: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALLOWED_ORIGINS", f"{ALLOWED}, http://localhost:5173")
    bootstrap.reset()


def preflight_event(origin: str, path: str = "/letters") -> dict[str, Any]:
    """The OPTIONS request API Gateway sends to the API function (infra/package.py routes preflights there)."""
    headers = {"Origin": origin, "Access-Control-Request-Method": "POST",
               "Access-Control-Request-Headers": "authorization,content-type"}
    return {"resource": path, "path": path, "httpMethod": "OPTIONS", "headers": headers, "multiValueHeaders": {},
            "queryStringParameters": None, "multiValueQueryStringParameters": None, "pathParameters": None,
            "stageVariables": None, "body": None, "isBase64Encoded": False,
            "requestContext": {"resourcePath": path, "httpMethod": "OPTIONS", "stage": "api", "requestId": "r-1"}}


def test_an_allowed_origin_reads_the_answer(api: Any, origins: None) -> None:
    response = api.get("/openapi.json", headers={"Origin": ALLOWED})
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == ALLOWED
    assert "X-Correlation-Id" in response.headers["Access-Control-Expose-Headers"]
    assert response.headers["Vary"] == "Origin"


def test_another_origin_gets_no_grant(api: Any, origins: None) -> None:
    response = api.get("/openapi.json", headers={"Origin": OTHER})
    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response.headers
    assert response.headers["Vary"] == "Origin"


def test_an_error_of_a_route_carries_the_grant_too(api: Any, province: Any, origins: None) -> None:
    response = api.get("/letters/TIDAK-ADA", as_user="staf.kominfo", headers={"Origin": ALLOWED})
    assert response.status_code == 404
    assert response.headers["Access-Control-Allow-Origin"] == ALLOWED


def test_a_preflight_from_an_allowed_origin_is_granted_and_cached(origins: None) -> None:
    from app import app

    response = app(preflight_event(ALLOWED), None)
    assert response["statusCode"] == 204
    headers = response["headers"]
    assert headers["Access-Control-Allow-Origin"] == ALLOWED
    assert "POST" in headers["Access-Control-Allow-Methods"]
    assert "Authorization" in headers["Access-Control-Allow-Headers"]
    assert "X-Acting-For" in headers["Access-Control-Allow-Headers"]
    assert int(headers["Access-Control-Max-Age"]) == cors.PREFLIGHT_MAX_AGE_SECONDS


def test_a_preflight_from_another_origin_is_answered_without_a_grant(origins: None) -> None:
    from app import app

    response = app(preflight_event(OTHER), None)
    assert response["statusCode"] == 204
    assert not any(name.startswith("Access-Control-") for name in response["headers"])


def test_without_allowed_origins_nobody_gets_a_grant(api: Any) -> None:
    response = api.get("/openapi.json", headers={"Origin": ALLOWED})
    assert "Access-Control-Allow-Origin" not in response.headers


def test_every_gateway_error_response_grants_the_first_allowed_origin() -> None:
    responses = local_stack.gateway_responses()
    assert len(responses) >= 6
    for response_type, spec in responses.items():
        origin = spec["ResponseParameters"]["gatewayresponse.header.Access-Control-Allow-Origin"]
        assert "HasAllowedOrigins" in json.dumps(origin) and "AllowedOrigins" in json.dumps(origin), response_type
