"""Fixtures: moto with state-machine execution, resources from infra/, the API's test client, tokens."""

from __future__ import annotations

import copy
import json
import logging
import os
import shutil
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests import support  # noqa: F401 - registers the AWS call counter before any session exists

ROOT = Path(__file__).resolve().parent.parent
TEST_ENV = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": "ap-southeast-3",
    "AWS_REGION": "ap-southeast-3",
    "STAGE": "test",
    "AUTH_MODE": "local",
    "LOCAL_JWT_SECRET": "test-secret-that-is-long-enough-for-hs256",
    "PUBLIC_BASE_URL": "https://kantor.example.go.id",
    "POWERTOOLS_LOG_LEVEL": "WARNING",
    "POWERTOOLS_METRICS_DISABLED": "true",
    "POWERTOOLS_TRACE_DISABLED": "true",
}
os.environ.update(TEST_ENV)
os.environ.pop("AWS_ENDPOINT_URL", None)
os.environ.pop("AWS_PROFILE", None)

from moto import mock_aws  # noqa: E402

from chalicelib import bootstrap  # noqa: E402
from infra import local_stack, seed  # noqa: E402

MOTO_CONFIG: Any = {"stepfunctions": {"execute_state_machine": True}}
# Executions still waiting for a decision when a test ends lose their table with the mock and log a
# States.Runtime error from their background thread: noise about a test that is already over.
logging.getLogger("moto.stepfunctions.parser").setLevel(logging.CRITICAL)
local_stack.serialize_moto_dynamodb()
_package_build: Any = None


def pytest_configure(config: pytest.Config) -> None:
    """Under `make test`, start building the deployment package while the tests run (only in the main process)."""
    global _package_build
    if (hasattr(config, "workerinput") or os.environ.get("KV_PREBUILD_PACKAGE") != "1"
            or support.PACKAGE_BUILD in os.environ):
        return
    process, where = support.start_package_build(ROOT)
    _package_build = process
    os.environ[support.PACKAGE_BUILD] = str(where)  # the xdist workers start after this and inherit it


def pytest_unconfigure(config: pytest.Config) -> None:
    """Stop a background package build nobody waited for (a partial run) and remove what it built."""
    if _package_build is None:
        return
    if _package_build.poll() is None:
        os.killpg(_package_build.pid, signal.SIGTERM)
        _package_build.wait(timeout=30)
    shutil.rmtree(os.environ.pop(support.PACKAGE_BUILD), ignore_errors=True)


@pytest.fixture(autouse=True)
def no_scan() -> Iterator[None]:
    """No request path calls DynamoDB Scan (DESIGN §7): any test during which one ran fails."""
    with support.count_aws_calls() as calls:
        yield
    assert calls["dynamodb:Scan"] == 0, "a DynamoDB Scan was called; serve the access pattern with a key or an index"


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    """A fresh mocked AWS account with every resource of infra/template.yaml; yields the app's env."""
    with mock_aws(config=MOTO_CONFIG):
        env = local_stack.build(prefix="kv-test")
        # TEST_ENV again: loading the app for another stage (chalice package) leaves that stage's variables behind.
        for key, value in {**TEST_ENV, **env}.items():
            monkeypatch.setenv(key, value)
        bootstrap.reset()
        yield env
        bootstrap.reset()


_seeded: dict[str, Any] = {}


@pytest.fixture
def province(aws: dict[str, str]) -> dict[str, list[str]]:
    """The demo province, seeded through the services once per worker and restored into each test's table.

    Seeding is 55 transactions, and moto copies the whole table for each one; restoring a copy of the
    seeded table gives every test the same starting data in a fraction of the time.
    """
    from moto.dynamodb.models import dynamodb_backends

    tables = dynamodb_backends[local_stack.ACCOUNT_ID]["ap-southeast-3"].tables
    name = aws["TABLE_NAME"]
    if "table" not in _seeded:
        _seeded["users"] = seed.seed(bootstrap.container())
        _seeded["table"] = copy.deepcopy(tables[name])
    else:
        tables[name] = copy.deepcopy(_seeded["table"])
    return _seeded["users"]


@pytest.fixture
def events(aws: dict[str, str]) -> Any:
    """The SNS → on_event relay; call `events.pump()` after an action to run the reactions to its events."""
    from app import on_event
    from infra.event_pump import EventPump

    return EventPump(aws["EVENTS_TOPIC_ARN"], on_event, region="ap-southeast-3")


class Api:
    """The HTTP API through Chalice's test client, with JSON helpers and tokens per user."""

    def __init__(self, client: Any) -> None:
        self.client = client
        self._tokens: dict[str, str] = {}

    def token(self, username: str) -> str:
        if username not in self._tokens:
            response = self.call("POST", "/auth/dev-login", body={"username": username})
            assert response.status_code == 200, response.body
            self._tokens[username] = response.json_body["token"]
        return self._tokens[username]

    def call(self, method: str, path: str, *, as_user: str | None = None, body: Any = None,
             headers: dict[str, str] | None = None, raw: bytes | None = None) -> Any:
        all_headers = {"Content-Type": "application/json", **(headers or {})}
        if as_user is not None:
            all_headers["Authorization"] = f"Bearer {self.token(as_user)}"
        payload = raw if raw is not None else (json.dumps(body).encode() if body is not None else b"")
        return self.client.http.request(method, path, headers=all_headers, body=payload)

    def get(self, path: str, **kw: Any) -> Any:
        return self.call("GET", path, **kw)

    def post(self, path: str, body: Any = None, **kw: Any) -> Any:
        return self.call("POST", path, body=body, **kw)

    def patch(self, path: str, body: Any = None, **kw: Any) -> Any:
        return self.call("PATCH", path, body=body, **kw)


@pytest.fixture
def api(aws: dict[str, str]) -> Iterator[Api]:
    """The API over the mocked account."""
    from app import app
    from infra.local_gateway import ProjectTestClient

    with ProjectTestClient(app, stage_name="test", project_dir=str(ROOT)) as client:
        yield Api(client)


def assert_error(response: Any, status: int, code: str | None = None, field: str | None = None) -> dict[str, Any]:
    """The response is an error of the project's shape, with this status (and code / field)."""
    assert response.status_code == status, (response.status_code, response.body)
    error = response.json_body["error"]
    assert set(error) == {"code", "message", "details", "correlation_id"}
    assert isinstance(error["details"], list), error
    assert error["correlation_id"]
    if code is not None:
        assert error["code"] == code, error
    if field is not None:
        assert field in fields_named(error), error
    return error


def fields_named(error: dict[str, Any]) -> list[str]:
    """The fields an error names (`details` entries with a `field`)."""
    return [d["field"] for d in error["details"] if "field" in d]
