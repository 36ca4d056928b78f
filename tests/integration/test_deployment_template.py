"""The deployable template: what `make package` builds, linted and checked for wiring and least privilege.

The template is built as `make package` builds it (`chalice package --merge-template`, then infra.package),
except that Chalice's code zip is replaced by an empty one: building it downloads wheels and takes a minute.
"""

from __future__ import annotations

import json
import os
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cfnlint.api import ManualArgs, lint
from chalice.cli import cli
from chalice.deploy.packager import LambdaDeploymentPackager
from click.testing import CliRunner

from infra import local_stack, package

ROOT = Path(__file__).resolve().parents[2]
FUNCTIONS = ("APIHandler", "JwtAuth", "OnEvent", "SweepOverdue", "DeliverStaffAlerts", "SendDailyDigest",
             "RollMonthCounters")

# The only statements allowed a "*" resource, and why (each is commented in the template too).
WILDCARD_ALLOWED = {
    "AccountAdministers": "a key policy's resource is always its own key",
    "CloudWatchPublishesAlarms": "a key policy's resource is always its own key",
    "LogDeliveryHasNoResourceLevelPermissions": "Step Functions' log delivery actions accept no resource ARN",
    "TextSenders": "an SMS to a phone number has no ARN; sns:Publish to phone numbers needs resource *",
}


@pytest.fixture(scope="module")
def packaged(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """The prod stage's deployable template, as `make package STAGE=prod` writes it."""
    out = tmp_path_factory.mktemp("build") / "prod"
    stub_zip = out.parent / "stub-deployment.zip"
    zipfile.ZipFile(stub_zip, "w").close()
    saved_environ = dict(os.environ)  # loading the app for a stage exports that stage's variables (STAGE=prod …)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(LambdaDeploymentPackager, "create_deployment_package", lambda *_args, **_kw: str(stub_zip))
        mp.setenv("AWS_CHALICE_CLI_MODE", "true")  # the CLI sets it; undone with the rest
        mp.chdir(ROOT)  # the CLI changes into the project directory
        result = CliRunner().invoke(cli, ["--project-dir", str(ROOT), "package", "--stage", "prod",
                                          "--merge-template", "infra/template.yaml", str(out)], obj={})
    os.environ.clear()
    os.environ.update(saved_environ)
    assert result.exit_code == 0, result.output + repr(result.exception)
    package.main([str(out)])
    yield json.loads((out / package.DEPLOYABLE).read_text())


def statements(node: Any) -> Iterator[dict[str, Any]]:
    """Every statement of every policy document (role, key, bucket or topic policy) anywhere in `node`."""
    if isinstance(node, dict):
        if "Statement" in node and isinstance(node["Statement"], list):
            for statement in node["Statement"]:
                if isinstance(statement, dict) and "Fn::If" in statement:
                    yield from (s for s in statement["Fn::If"][1:] if isinstance(s, dict) and "Effect" in s)
                elif isinstance(statement, dict):
                    yield statement
        for value in node.values():
            yield from statements(value)
    elif isinstance(node, list):
        for value in node:
            yield from statements(value)


def wildcard_statements(document: Any) -> list[str]:
    """Sids (or the statement itself) of Allow statements granting a resource "*" without being allowed to."""
    found = []
    for statement in statements(document):
        resources = statement.get("Resource", [])
        resources = resources if isinstance(resources, list) else [resources]
        if statement.get("Effect") == "Allow" and "*" in resources and statement.get("Sid") not in WILDCARD_ALLOWED:
            found.append(statement.get("Sid") or json.dumps(statement))
    return found


def env_resources() -> dict[str, str]:
    """Environment variable -> logical id of the resource it names (Metadata.KantorVirtual.env)."""
    return {res["Metadata"]["KantorVirtual"]["env"]: name
            for name, res in local_stack.load_template()["Resources"].items()
            if "env" in res.get("Metadata", {}).get("KantorVirtual", {})}


def references(value: Any) -> set[str]:
    """Logical ids a CloudFormation value refers to with Ref or GetAtt (inside Fn::If too)."""
    if isinstance(value, dict):
        if "Ref" in value:
            return {value["Ref"]}
        if "Fn::GetAtt" in value:
            return {value["Fn::GetAtt"][0]}
        return set().union(*(references(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(references(v) for v in value)) if value else set()
    return set()


def test_the_packaged_template_is_clean_for_cfn_lint_informational_checks_included(packaged: dict[str, Any]) -> None:
    matches = lint(json.dumps(packaged), config=ManualArgs(regions=["ap-southeast-3"], include_checks=["I"]))
    assert [str(m) for m in matches] == []


def test_both_functions_get_every_setting_the_local_stack_gives_the_app(packaged: dict[str, Any]) -> None:
    for function in FUNCTIONS:
        variables = packaged["Resources"][function]["Properties"]["Environment"]["Variables"]
        for env, resource in env_resources().items():
            assert resource in references(variables.get(env)), (function, env)


def test_deployed_functions_authenticate_with_cognito_and_know_the_public_address(packaged: dict[str, Any]) -> None:
    for function in FUNCTIONS:
        variables = packaged["Resources"][function]["Properties"]["Environment"]["Variables"]
        assert variables["AUTH_MODE"] == "cognito"
        assert variables["STAGE"] == "prod"
        assert variables["PUBLIC_BASE_URL"] == {"Ref": "PublicBaseUrl"}


def test_the_state_machine_runs_the_asl_file_with_the_stacks_topic(packaged: dict[str, Any]) -> None:
    machine = packaged["Resources"]["ApprovalStateMachine"]["Properties"]
    asl = json.loads((local_stack.INFRA / "statemachine" / "approval.asl.json").read_text())
    assert machine["Definition"] == asl
    assert machine["DefinitionSubstitutions"] == {"EventsTopicArn": {"Ref": "EventsTopic"}}  # it writes no table


def test_the_functions_that_decide_start_and_stop_timers_and_send_no_task_results() -> None:
    resources = local_stack.load_template()["Resources"]
    for role in ("ApiHandlerRole", "OnEventRole"):  # a decision, and the overdue reaction that heals one
        statements = [s for p in resources[role]["Properties"]["Policies"] for s in p["PolicyDocument"]["Statement"]
                      if isinstance(s, dict) and "Action" in s]
        actions = {a for s in statements for a in ([s["Action"]] if isinstance(s["Action"], str) else s["Action"])}
        assert {"states:StartExecution", "states:StopExecution"} <= actions, role
        assert not {a for a in actions if a.startswith("states:SendTask")}, role


def test_every_route_without_an_authorizer_gets_the_public_rate_limit(packaged: dict[str, Any]) -> None:
    api = packaged["Resources"]["RestAPI"]["Properties"]
    limited = {(s["ResourcePath"], s["HttpMethod"]) for s in api["MethodSettings"]
               if s["ThrottlingRateLimit"] == {"Ref": "PublicRateLimit"}}
    public = {(package.method_setting_path(p), m) for p, m in package.public_routes(packaged)}
    assert ("/~1auth~1dev-login", "POST") in public
    assert limited == public


def test_routes_behind_the_authorizer_keep_the_stage_rate_limit(packaged: dict[str, Any]) -> None:
    public = {path for path, _ in package.public_routes(packaged)}
    assert "/me" not in public
    default = packaged["Resources"]["RestAPI"]["Properties"]["MethodSettings"][0]
    assert (default["ResourcePath"], default["HttpMethod"]) == ("/*", "*")
    assert default["ThrottlingRateLimit"] == {"Ref": "ApiRateLimit"}


def test_each_function_runs_with_its_own_role_from_the_template(packaged: dict[str, Any]) -> None:
    template = local_stack.load_template()["Resources"]
    for function, role in (("APIHandler", "ApiHandlerRole"), ("JwtAuth", "JwtAuthRole"), ("OnEvent", "OnEventRole"),
                           ("SweepOverdue", "SweepOverdueRole"), ("DeliverStaffAlerts", "DeliverStaffAlertsRole"),
                           ("SendDailyDigest", "SendDailyDigestRole"), ("RollMonthCounters", "RollMonthCountersRole")):
        assert packaged["Resources"][function]["Properties"]["Role"] == {"Fn::GetAtt": [role, "Arn"]}
        assert packaged["Resources"][role]["Properties"]["Policies"] == template[role]["Properties"]["Policies"]


def test_the_authorizer_may_only_write_its_own_logs(packaged: dict[str, Any]) -> None:
    granted = [s for s in statements(packaged["Resources"]["JwtAuthRole"]["Properties"]["Policies"])]
    assert [(s["Action"], s["Resource"]) for s in granted] == [
        (["logs:CreateLogStream", "logs:PutLogEvents"], {"Fn::GetAtt": ["JwtAuthLogGroup", "Arn"]})]


def test_the_api_may_neither_scan_the_table_nor_delete_from_the_archive(packaged: dict[str, Any]) -> None:
    granted = list(statements(packaged["Resources"]["ApiHandlerRole"]["Properties"]["Policies"]))
    actions = {a for s in granted for a in (s["Action"] if isinstance(s["Action"], list) else [s["Action"]])}
    assert "dynamodb:Scan" not in actions
    archive = [s for s in granted if "ArchiveBucket" in json.dumps(s["Resource"])]
    assert archive and all("s3:DeleteObject" not in s["Action"] for s in archive)


def test_no_policy_of_the_packaged_template_grants_a_wildcard_resource(packaged: dict[str, Any]) -> None:
    assert wildcard_statements(packaged) == []


def test_no_policy_file_grants_anything() -> None:
    for policy_file in sorted((ROOT / ".chalice").glob("policy-*.json")):
        assert json.loads(policy_file.read_text())["Statement"] == [], policy_file.name


def test_every_wildcard_resource_in_the_template_is_explained_by_a_comment() -> None:
    lines = local_stack.TEMPLATE.read_text().splitlines()
    for number, line in enumerate(lines):
        if line.strip() == 'Resource: "*"':
            assert lines[number - 1].strip().startswith("#"), f"infra/template.yaml:{number + 1} needs a comment"


def test_the_wildcard_check_catches_a_statement_that_is_not_allowed() -> None:
    role = {"PolicyDocument": {"Statement": [
        {"Sid": "ReadAnyTable", "Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": ["*"]},
        {"Sid": "AccountAdministers", "Effect": "Allow", "Action": "kms:*", "Resource": "*"},
        {"Effect": "Deny", "Action": "s3:*", "Resource": "*"},
    ]}}
    assert wildcard_statements(role) == ["ReadAnyTable"]


def test_every_path_answers_its_cors_preflight_in_the_api_function_without_the_authorizer(
        packaged: dict[str, Any]) -> None:
    paths = packaged["Resources"]["RestAPI"]["Properties"]["DefinitionBody"]["paths"]
    for path, operations in paths.items():
        preflight = operations["options"]
        assert not preflight.get("security"), path
        assert preflight["x-amazon-apigateway-integration"]["type"] == "aws_proxy", path
        assert "APIHandler.Arn" in json.dumps(preflight["x-amazon-apigateway-integration"]["uri"]), path


def test_the_functions_get_the_stages_allowed_origins(packaged: dict[str, Any]) -> None:
    for function in ("APIHandler", "JwtAuth"):
        variables = packaged["Resources"][function]["Properties"]["Environment"]["Variables"]
        assert variables["ALLOWED_ORIGINS"] == {"Ref": "AllowedOrigins"}


def test_the_web_app_is_a_private_bucket_read_only_by_the_distribution(packaged: dict[str, Any]) -> None:
    resources = packaged["Resources"]
    block = resources["WebBucket"]["Properties"]["PublicAccessBlockConfiguration"]
    assert all(block.values())
    reads = [s for s in statements(resources["WebBucketPolicy"]) if s["Effect"] == "Allow"]
    assert [s["Principal"] for s in reads] == [{"Service": "cloudfront.amazonaws.com"}]
    assert "WebDistribution" in json.dumps(reads[0]["Condition"])
    origins = resources["WebDistribution"]["Properties"]["DistributionConfig"]["Origins"]
    web = next(o for o in origins if o["Id"] == "web")
    assert web["OriginAccessControlId"] == {"Fn::GetAtt": ["WebOriginAccessControl", "Id"]}


def test_the_distribution_sends_api_paths_to_the_api_stage_and_pages_to_the_app(packaged: dict[str, Any]) -> None:
    config = packaged["Resources"]["WebDistribution"]["Properties"]["DistributionConfig"]
    origins = {o["Id"]: o for o in config["Origins"]}
    behaviours = {b["PathPattern"]: b for b in config["CacheBehaviors"]}
    stage = packaged["Resources"]["RestAPI"]["Properties"]["StageName"]
    # /api/letters reaches the route /letters because the API's stage is named `api`: no rewrite needed.
    assert stage == "api"
    assert "OriginPath" not in origins[behaviours["/api/*"]["TargetOriginId"]]
    for printed in ("/public/verify/*", "/public/track/*"):
        assert origins[behaviours[printed]["TargetOriginId"]]["OriginPath"] == f"/{stage}"
    for behaviour in behaviours.values():
        assert "RestAPI" in json.dumps(origins[behaviour["TargetOriginId"]]["DomainName"])
    assert config["DefaultCacheBehavior"]["TargetOriginId"] == "web"
    assert config["DefaultCacheBehavior"]["FunctionAssociations"][0]["EventType"] == "viewer-request"
    assert "CustomErrorResponses" not in config  # they would turn the API's JSON 404s into the app's page


def test_every_behaviour_sends_the_security_headers(packaged: dict[str, Any]) -> None:
    config = packaged["Resources"]["WebDistribution"]["Properties"]["DistributionConfig"]
    for behaviour in [config["DefaultCacheBehavior"], *config["CacheBehaviors"]]:
        assert behaviour["ResponseHeadersPolicyId"] == {"Ref": "WebSecurityHeaders"}
    headers = packaged["Resources"]["WebSecurityHeaders"]["Properties"]["ResponseHeadersPolicyConfig"][
        "SecurityHeadersConfig"]
    csp = json.dumps(headers["ContentSecurityPolicy"]["ContentSecurityPolicy"])
    assert "frame-ancestors 'none'" in csp and "default-src 'self'" in csp
    assert headers["StrictTransportSecurity"]["AccessControlMaxAgeSec"] >= 31536000


def test_staff_alerts_run_every_minute_and_the_digest_at_seven_in_the_morning_wita(packaged: dict[str, Any]) -> None:
    def schedules(function: str) -> list[str]:
        events = packaged["Resources"][function]["Properties"]["Events"].values()
        return [e["Properties"]["Schedule"] for e in events if e["Type"] == "Schedule"]

    assert schedules("DeliverStaffAlerts") == ["rate(1 minute)"]
    assert schedules("SendDailyDigest") == ["cron(0 23 * * ? *)"]  # 23:00 UTC is 07:00 WITA


def test_past_months_counters_move_daily_five_minutes_after_midnight_wita(packaged: dict[str, Any]) -> None:
    events = packaged["Resources"]["RollMonthCounters"]["Properties"]["Events"].values()
    assert [e["Properties"]["Schedule"] for e in events if e["Type"] == "Schedule"] == ["cron(5 16 * * ? *)"]
