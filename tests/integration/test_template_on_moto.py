"""Drift: the resources of infra/template.yaml, built on moto by the local stack, serve the app as deployed.

`make run`, every other test and the deployment read the same template; these check that what the template
describes is what the app needs, and a smoke scenario through the API and the state machine runs on it.
"""

from __future__ import annotations

import json
from typing import Any

import boto3

from infra import local_stack
from tests.conftest import Api
from tests.support import wait_until

REGION = "ap-southeast-3"


def template_resource(logical_id: str) -> dict[str, Any]:
    return local_stack.load_template()["Resources"][logical_id]


def test_the_local_stack_gives_the_app_every_setting_the_template_names(aws: dict[str, str]) -> None:
    named = {res["Metadata"]["KantorVirtual"]["env"] for res in local_stack.load_template()["Resources"].values()
             if "env" in res.get("Metadata", {}).get("KantorVirtual", {})}
    assert set(aws) == named
    assert {"TABLE_NAME", "COGNITO_USER_POOL_ID", "COGNITO_APP_CLIENT_ID"} <= named


def test_the_table_has_the_keys_and_indexes_of_the_template(aws: dict[str, str]) -> None:
    table = boto3.client("dynamodb", region_name=REGION).describe_table(TableName=aws["TABLE_NAME"])["Table"]
    props = template_resource("MainTable")["Properties"]
    assert table["KeySchema"] == props["KeySchema"]
    assert sorted(i["IndexName"] for i in table["GlobalSecondaryIndexes"]) == \
        sorted(i["IndexName"] for i in props["GlobalSecondaryIndexes"])


def test_the_user_pool_has_the_groups_and_custom_attributes_the_authorizer_reads(aws: dict[str, str]) -> None:
    cognito = boto3.client("cognito-idp", region_name=REGION)
    pool = cognito.describe_user_pool(UserPoolId=aws["COGNITO_USER_POOL_ID"])["UserPool"]
    groups = cognito.list_groups(UserPoolId=aws["COGNITO_USER_POOL_ID"])["Groups"]
    assert {"custom:org", "custom:position"} <= {a["Name"] for a in pool["SchemaAttributes"]}
    assert {g["GroupName"] for g in groups} == {"public", "employee", "operator", "admin", "auditor"}
    client = cognito.describe_user_pool_client(UserPoolId=aws["COGNITO_USER_POOL_ID"],
                                               ClientId=aws["COGNITO_APP_CLIENT_ID"])["UserPoolClient"]
    assert "ALLOW_USER_SRP_AUTH" in client["ExplicitAuthFlows"]


def test_the_table_accepts_the_apps_writes_through_the_api(api: Api, province: dict[str, list[str]],
                                                           aws: dict[str, str]) -> None:
    created = api.post("/orgs", {"code": "DISHUB", "name": "Dinas Perhubungan", "address": "Jl. Cok Agung Tresna",
                                 "city": "Denpasar"}, as_user="admin")
    assert created.status_code == 201, created.body
    items = boto3.client("dynamodb", region_name=REGION).query(
        TableName=aws["TABLE_NAME"], KeyConditionExpression="pk = :pk",
        ExpressionAttributeValues={":pk": {"S": "ORG#DISHUB"}})["Items"]
    assert len(items) == 1
    assert api.get("/orgs/DISHUB", as_user="admin").json_body["name"] == "Dinas Perhubungan"


def test_the_state_machine_of_the_template_announces_a_wait_overdue_until_it_is_stopped(aws: dict[str, str]) -> None:
    sqs = boto3.client("sqs", region_name=REGION)
    sfn = boto3.client("stepfunctions", region_name=REGION)
    queue = sqs.create_queue(QueueName="kv-test-overdue-announcements")["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    boto3.client("sns", region_name=REGION).subscribe(TopicArn=aws["EVENTS_TOPIC_ARN"], Protocol="sqs",
                                                      Endpoint=queue_arn)
    step = {"pk": "LETTER#L1", "sk": "STEP#001#01", "kind": "review", "timeout_seconds": 1, "round": 1, "index": 1,
            "position": "KASI-LAYANAN", "since": "t"}
    execution = sfn.start_execution(stateMachineArn=aws["APPROVAL_STATE_MACHINE_ARN"],
                                    input=json.dumps({"letter_id": "L1", "org": "DISKOMINFOS", "step": step}))

    def announced() -> dict[str, Any] | None:
        messages = sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=1).get("Messages", [])
        return json.loads(messages[0]["Body"]) if messages else None

    envelope = wait_until(announced, timeout=15, message="the overdue announcement")
    assert envelope["MessageAttributes"]["type"]["Value"] == "approval.overdue"
    assert envelope["MessageAttributes"]["record_id"]["Value"] == "L1"
    event = json.loads(envelope["Message"])
    assert (event["type"], event["org"], event["record_id"]) == ("approval.overdue", "DISKOMINFOS", "L1")
    assert event["data"] == {"round": 1, "index": 1, "position": "KASI-LAYANAN", "kind": "review"}
    assert sfn.describe_execution(executionArn=execution["executionArn"])["status"] == "RUNNING"  # waits again

    sfn.stop_execution(executionArn=execution["executionArn"], error="WaitEnded", cause="decided")

    def ended() -> str | None:
        status = sfn.describe_execution(executionArn=execution["executionArn"])["status"]
        return status if status != "RUNNING" else None

    assert wait_until(ended, message="the stopped execution to end") == "ABORTED"
    item = boto3.client("dynamodb", region_name=REGION).get_item(
        TableName=aws["TABLE_NAME"], Key={"pk": {"S": "LETTER#L1"}, "sk": {"S": "STEP#001#01"}})
    assert "Item" not in item  # the timer writes nothing: the app owns the queue entry
