"""What `make package` builds really runs: every function started from the deployment zip alone.

The prod package is built once, as `make package STAGE=prod` builds it (`chalice package --merge-template`,
then the deployable template), and unzipped. Each function then runs in its own fresh interpreter whose
`sys.path` holds only the package and the standard library (tests/integration/lambda_sandbox.py), with the
environment its template gives it, against an embedded AWS (moto's server on loopback) built from
infra/template.yaml: a module the package lacks, or a setting the template forgets, fails here.

The first build on a machine downloads the Lambda wheels (minutes); Chalice caches them in
.chalice/deployments/, after which the build takes seconds.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import uuid
import zipfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import boto3
import pytest

from chalicelib import bootstrap
from infra import local_stack, package
from infra.bootstrap_admin import bootstrap_admin
from infra.local_stack import parse_template
from infra.run_local import start_embedded_aws
from tests import support
from tests.conftest import ROOT
from tests.support import wait_until

SANDBOX = Path(__file__).with_name("lambda_sandbox.py")
REGION = "ap-southeast-3"
PUBLIC_BASE_URL = "https://kantor.example.go.id"
ADMIN = "admin.provinsi"
PASSWORD = "Rahasia-Sekali-123!"  # noqa: S105 - a password of the embedded Cognito only


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def artifact(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The prod package, built as `make package STAGE=prod` builds it: its template and its unzipped code."""
    prebuilt = os.environ.get(support.PACKAGE_BUILD)
    if prebuilt:  # `make test` started the build with the session (tests/conftest.py)
        where = Path(prebuilt)
        rc = wait_until(lambda: (where / "rc").exists() and (where / "rc").read_text().strip(), timeout=900,
                        message="the background package build")
        out = where / "prod"
        assert rc == "0", (where / "log").read_text()[-4000:]
    else:
        out = tmp_path_factory.mktemp("build") / "prod"
        built = subprocess.run(support.package_command(out), cwd=ROOT, env=support.package_env(REGION),
                               capture_output=True, text=True, timeout=900)
        assert built.returncode == 0, built.stdout + built.stderr
    template = package.finish(parse_template((out / package.CHALICE_OUTPUT).read_text()))
    task = out / "task"
    with zipfile.ZipFile(out / package.DEPLOYMENT_ZIP) as code:
        code.extractall(task)
    return {"template": template, "task": task}


@pytest.fixture(scope="module")
def cloud() -> Iterator[dict[str, Any]]:
    """moto's server on loopback with the template's resources and the first admin, as after a first deploy."""
    port = _free_port()
    server = start_embedded_aws(port)
    endpoint = f"http://127.0.0.1:{port}"
    try:
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("AWS_ENDPOINT_URL", endpoint)
            stack = local_stack.build(prefix=f"kv-pkg-{uuid.uuid4().hex[:6]}", endpoint_url=endpoint)
            for key, value in stack.items():
                mp.setenv(key, value)
            bootstrap.reset()
            cognito = boto3.client("cognito-idp", region_name=REGION, endpoint_url=endpoint)
            pool = stack["COGNITO_USER_POOL_ID"]
            bootstrap_admin(cognito, pool, bootstrap.container(), username=ADMIN, email="admin@example.go.id",
                            full_name="Administrator Provinsi")
            cognito.admin_set_user_password(UserPoolId=pool, Username=ADMIN, Password=PASSWORD, Permanent=True)
            tokens = cognito.admin_initiate_auth(
                UserPoolId=pool, ClientId=stack["COGNITO_APP_CLIENT_ID"], AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                AuthParameters={"USERNAME": ADMIN, "PASSWORD": PASSWORD})["AuthenticationResult"]
            bootstrap.reset()
        yield {"endpoint": endpoint, "stack": stack, "id_token": tokens["IdToken"]}
    finally:
        bootstrap.reset()
        server.stop()


def function_environment(artifact: dict[str, Any], cloud: dict[str, Any], function: str) -> dict[str, str]:
    """The environment Lambda gives `function`: its template variables resolved against the embedded stack."""
    variables = artifact["template"]["Resources"][function]["Properties"]["Environment"]["Variables"]
    given = {**cloud["stack"], "PUBLIC_BASE_URL": PUBLIC_BASE_URL, "ALLOWED_ORIGINS": "https://portal.example.go.id",
             "BSRE_SECRET_ID": "", "CERTIFIED_SIGNING_ORGS": ""}  # the parameters' defaults: the KMS seal only
    unresolved = [name for name, value in variables.items() if not isinstance(value, str) and name not in given]
    assert unresolved == [], f"{function}: the stack gives no value for {unresolved}"
    env = {name: value if isinstance(value, str) else given[name] for name, value in variables.items()}
    return {
        **env,
        # What the Lambda runtime sets, and credentials for the embedded AWS.
        "AWS_LAMBDA_FUNCTION_NAME": f"kantor-virtual-prod-{function}", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "512",
        "AWS_EXECUTION_ENV": "AWS_Lambda_python3.11", "LAMBDA_TASK_ROOT": str(artifact["task"]),
        "_X_AMZN_TRACE_ID": "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0",
        "AWS_REGION": REGION, "AWS_DEFAULT_REGION": REGION, "TZ": ":UTC", "LANG": "en_US.UTF-8",
        "PATH": "/usr/bin:/bin", "AWS_ACCESS_KEY_ID": "local", "AWS_SECRET_ACCESS_KEY": "local",
        "AWS_ENDPOINT_URL": cloud["endpoint"],
    }


def invoke(artifact: dict[str, Any], cloud: dict[str, Any], function: str, events: list[Any],
           failing: int | None = None) -> list[Any]:
    """Cold-start `function` from the package in a fresh interpreter and invoke it with each event.

    Every invocation must succeed except the one at index `failing`, whose error is returned in its place.
    """
    handler = artifact["template"]["Resources"][function]["Properties"]["Handler"]
    run = subprocess.run([sys.executable, "-I", "-S", str(SANDBOX), str(artifact["task"]), handler],
                         input=json.dumps(events), env=function_environment(artifact, cloud, function),
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-4000:]
    output = json.loads(run.stdout)
    assert not any("site-packages" in p or ".venv" in p for p in output["sys_path"]), output["sys_path"]
    for index, answer in enumerate(output["answers"]):
        assert ("error" in answer) == (index == failing), f"{function}: {answer}\n{run.stderr[-3000:]}"
    return [answer.get("result", answer.get("error")) for answer in output["answers"]]


def api_event(method: str, resource: str, path_parameters: dict[str, str] | None = None, *,
              authorizer: dict[str, Any] | None = None, body: Any = None) -> dict[str, Any]:
    """A REST API proxy event as API Gateway sends it to the API function (stage `api`)."""
    path = resource.format(**(path_parameters or {}))
    return {
        "resource": resource, "path": path, "httpMethod": method,
        "headers": {"Accept": "application/json", "Content-Type": "application/json", "Host": "api.example"},
        "multiValueHeaders": {}, "queryStringParameters": None, "multiValueQueryStringParameters": None,
        "pathParameters": path_parameters, "stageVariables": None,
        "requestContext": {"resourcePath": resource, "httpMethod": method, "path": f"/api{path}", "stage": "api",
                           "requestId": str(uuid.uuid4()), "apiId": "abc123", "identity": {"sourceIp": "10.0.0.1"},
                           "authorizer": authorizer},
        "body": json.dumps(body) if body is not None else None, "isBase64Encoded": False,
    }


def authorizer_event(token: str, resource: str) -> dict[str, Any]:
    """The TOKEN authorizer's event for a request to `resource`."""
    return {"type": "TOKEN", "authorizationToken": f"Bearer {token}",
            "methodArn": f"arn:aws:execute-api:{REGION}:123456789012:abc123/api/GET{resource}"}


@pytest.fixture(scope="module")
def answers(artifact: dict[str, Any], cloud: dict[str, Any]) -> dict[str, list[Any]]:
    """Every function of the package invoked from the zip: the authorizer first (the API needs its context)."""
    granted, refused = invoke(artifact, cloud, "JwtAuth", [authorizer_event(cloud["id_token"], "/me"),
                                                          authorizer_event("not-a-token", "/me")], failing=1)
    caller = {**granted.get("context", {}), "principalId": granted.get("principalId")}
    org = {"code": "DISKOMINFO", "name": "Dinas Komunikasi dan Informatika", "address": "Jl. Raya Puputan 1",
           "city": "Denpasar", "email": "kominfo@example.go.id"}
    def sns_record(event: dict[str, Any]) -> dict[str, Any]:
        return {"Records": [{"EventSource": "aws:sns", "EventVersion": "1.0", "Sns": {
            "Type": "Notification", "MessageId": str(uuid.uuid4()), "TopicArn": cloud["stack"]["EVENTS_TOPIC_ARN"],
            "Message": json.dumps(event), "MessageAttributes": {"type": {"Type": "String", "Value": event["type"]}},
        }}]}

    schedule = {"version": "0", "id": str(uuid.uuid4()), "detail-type": "Scheduled Event", "source": "aws.events",
                "account": "123456789012", "time": "2026-12-03T04:00:00Z", "region": REGION, "detail": {},
                "resources": ["arn:aws:events:ap-southeast-3:123456789012:rule/sweep"]}
    jobs = {
        "APIHandler": [
            api_event("GET", "/openapi.json"),
            api_event("GET", "/me", authorizer=caller),
            api_event("POST", "/orgs", authorizer=caller, body=org),
            api_event("GET", "/orgs/{org}", {"org": "DISKOMINFO"}, authorizer=caller),
            api_event("GET", "/orgs", authorizer=caller),
        ],
        # A letter.sent for a letter the table lacks: the reactions load, read the table and fail (Lambda retries).
        "OnEvent": [sns_record({"type": "letter.sent", "record_id": "TIDAK-ADA", "org": "DISKOMINFO"}),
                    sns_record({"type": "user.created", "record_id": ADMIN})],
    }
    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        futures = {name: pool.submit(invoke, artifact, cloud, name, events, 0 if name == "OnEvent" else None)
                   for name, events in jobs.items()}
        results = {name: future.result() for name, future in futures.items()}
    results["SweepOverdue"] = invoke(artifact, cloud, "SweepOverdue", [schedule])  # after the API created the org
    for name in ("DeliverStaffAlerts", "SendDailyDigest", "RollMonthCounters"):
        results[name] = invoke(artifact, cloud, name, [schedule])
    return {"JwtAuth": [granted, refused], **results}


def test_every_function_of_the_template_is_invoked_here(artifact: dict[str, Any], answers: dict[str, Any]) -> None:
    functions = {name for name, resource in artifact["template"]["Resources"].items()
                 if resource["Type"] == "AWS::Serverless::Function"}
    assert functions == set(answers)


def test_the_prod_package_serves_its_openapi_document(answers: dict[str, Any]) -> None:
    openapi = answers["APIHandler"][0]
    assert openapi["statusCode"] == 200, openapi
    assert json.loads(openapi["body"])["paths"]["/me"]


def test_the_authorizer_from_the_package_admits_a_cognito_token_with_its_groups(answers: dict[str, Any]) -> None:
    granted = answers["JwtAuth"][0]
    assert granted["principalId"] == ADMIN
    assert granted["context"]["role"] == "admin"
    assert granted["policyDocument"]["Statement"][0]["Effect"] == "Allow"


def test_the_authorizer_from_the_package_refuses_a_bad_token(answers: dict[str, Any]) -> None:
    # API Gateway answers 401 when the authorizer fails with exactly this message.
    assert answers["JwtAuth"][1] == "TokenRejected: Unauthorized"


def test_routes_behind_the_authorizer_answer_from_the_package(answers: dict[str, Any]) -> None:
    me, created, read, listed = answers["APIHandler"][1:]
    assert (me["statusCode"], json.loads(me["body"])["username"]) == (200, ADMIN), me
    assert created["statusCode"] == 201, created
    assert (read["statusCode"], json.loads(read["body"])["code"]) == (200, "DISKOMINFO"), read
    assert listed["statusCode"] == 200 and "DISKOMINFO" in listed["body"], listed


def test_the_events_function_from_the_package_reacts_to_sns_records(answers: dict[str, Any]) -> None:
    failed, unhandled = answers["OnEvent"]
    assert failed == "NotFound: no such letter"  # the reaction read the stack's table
    assert unhandled == {"reactions": 0}


def test_the_overdue_sweep_from_the_package_runs_on_its_schedule(answers: dict[str, Any]) -> None:
    assert answers["SweepOverdue"] == [{"orgs": 1, "notified": 0}]  # the org created through the API


def test_the_staff_alert_functions_from_the_package_run_on_their_schedules(answers: dict[str, Any]) -> None:
    assert answers["DeliverStaffAlerts"] == [{"sent": 0, "held": 0, "failed": 0}]  # nothing due
    assert answers["SendDailyDigest"] == [{"seats": 0, "sent": 0}]  # the org created through the API has no seats


def test_the_move_of_past_months_counters_from_the_package_runs_on_its_schedule(answers: dict[str, Any]) -> None:
    assert answers["RollMonthCounters"] == [{"moved": 0, "left": 0}]  # nothing counted in a past month
