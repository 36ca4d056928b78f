"""Nothing lost: failed asynchronous invocations are kept and replayed once, events are filtered to those with a
reaction, every AWS call of the state machine retries with backoff, every function has an Errors alarm."""

from __future__ import annotations

import json
from typing import Any

import boto3

from chalicelib import reactions  # noqa: F401 - registers every reaction
from chalicelib.services.event_handlers import registered_types
from infra import local_stack, redrive
from infra.event_pump import EventPump

REGION = "ap-southeast-3"
ON_EVENT_ARN = "arn:aws:lambda:ap-southeast-3:123456789012:function:kantor-virtual-test-on-event:$LATEST"


def resources() -> dict[str, Any]:
    return local_stack.load_template()["Resources"]


def failed_queue() -> tuple[Any, str]:
    sqs = boto3.client("sqs", region_name=REGION)
    return sqs, sqs.create_queue(QueueName="kv-test-failed-events")["QueueUrl"]


def waiting(sqs: Any, queue_url: str) -> int:
    attributes = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["ApproximateNumberOfMessages",
                                                                               "ApproximateNumberOfMessagesNotVisible"])
    return sum(int(v) for v in attributes["Attributes"].values())


def test_the_events_function_receives_exactly_the_event_types_that_have_a_reaction() -> None:
    subscription = resources()["OnEvent"]["Properties"]["Events"]["DomainEvents"]["Properties"]
    assert sorted(subscription["FilterPolicy"]["type"]) == sorted(registered_types())


def test_asynchronous_functions_keep_what_fails_on_an_encrypted_queue() -> None:
    template = resources()
    queue = template["FailedEventsQueue"]["Properties"]
    assert queue["SqsManagedSseEnabled"] is True
    for function in ("OnEvent", "SweepOverdue", "DeliverStaffAlerts", "SendDailyDigest", "RollMonthCounters"):
        config = template[function]["Properties"]["EventInvokeConfig"]
        assert config["DestinationConfig"]["OnFailure"] == {"Type": "SQS",
                                                            "Destination": {"Fn::GetAtt": ["FailedEventsQueue", "Arn"]}}
        role = json.dumps(template[f"{function}Role"]["Properties"]["Policies"])
        assert "sqs:SendMessage" in role and "FailedEventsQueue" in role


def test_every_function_has_an_errors_alarm() -> None:
    template = resources()
    functions = {name for name, r in template.items() if r["Type"] == "AWS::Serverless::Function"}
    alarmed = {r["Properties"]["Dimensions"][0]["Value"]["Ref"] for r in template.values()
               if r["Type"] == "AWS::CloudWatch::Alarm" and r["Properties"].get("MetricName") == "Errors"
               and r["Properties"].get("Namespace") == "AWS/Lambda"}
    assert functions == alarmed


def test_every_state_machine_task_that_calls_aws_retries_with_backoff() -> None:
    for path in sorted((local_stack.INFRA / "statemachine").glob("*.asl.json")):
        tasks = list(_tasks(json.loads(path.read_text())))
        assert tasks, path.name
        for name, task in tasks:
            retries = task.get("Retry") or []
            assert retries, f"{path.name}: {name} has no Retry"
            for retry in retries:
                assert retry["BackoffRate"] > 1 and retry["MaxAttempts"] >= 2, (path.name, name)
                errors = set(retry["ErrorEquals"])
                assert not errors & {"States.ALL", "States.Timeout"}, (path.name, name, errors)


def _tasks(machine: dict[str, Any]):  # type: ignore[no-untyped-def]
    for name, state in machine["States"].items():
        if state["Type"] == "Task" and state["Resource"].startswith("arn:aws:states:::"):
            yield name, state
        for nested in ("ItemProcessor", "Iterator"):
            if nested in state:
                yield from _tasks(state[nested])
        for branch in state.get("Branches", []):
            yield from _tasks(branch)


def test_a_failing_event_lands_on_the_queue_and_the_redrive_replays_it_once(aws: dict[str, str]) -> None:
    from app import on_event

    sqs, queue_url = failed_queue()
    pump = EventPump(aws["EVENTS_TOPIC_ARN"], on_event, region=REGION, failed_queue_url=queue_url,
                     function_arn=ON_EVENT_ARN)
    sns = boto3.client("sns", region_name=REGION)
    event = {"type": "letter.sent", "org": "DISKOMINFOS", "record_id": "SURAT-YANG-TIDAK-ADA", "data": {}}
    sns.publish(TopicArn=aws["EVENTS_TOPIC_ARN"], Message=json.dumps(event),
                MessageAttributes={"type": {"DataType": "String", "StringValue": "letter.sent"}})
    assert pump.pump() == 1  # the reaction failed: no such letter
    assert waiting(sqs, queue_url) == 1

    replays: list[tuple[str, dict[str, Any]]] = []
    result = redrive.redrive(sqs, queue_url, lambda arn, payload: replays.append((arn, payload)))
    assert result == {"replayed": 1, "failed": 0}
    [(arn, payload)] = replays
    assert arn == ON_EVENT_ARN
    assert json.loads(payload["Records"][0]["Sns"]["Message"])["record_id"] == "SURAT-YANG-TIDAK-ADA"
    assert redrive.redrive(sqs, queue_url, lambda arn, payload: replays.append((arn, payload))) == {
        "replayed": 0, "failed": 0}
    assert len(replays) == 1 and waiting(sqs, queue_url) == 0


def test_a_replay_that_fails_again_stays_on_the_queue(aws: dict[str, str]) -> None:
    from app import on_event

    sqs, queue_url = failed_queue()
    event = {"Records": [{"EventSource": "aws:sns", "Sns": {
        "Message": json.dumps({"type": "letter.sent", "record_id": "TIDAK-ADA"}), "MessageAttributes": {}}}]}
    sqs.send_message(QueueUrl=queue_url, MessageBody=json.dumps(
        redrive.failure_record(ON_EVENT_ARN, event, RuntimeError("no such letter"))))
    assert redrive.redrive(sqs, queue_url, lambda arn, payload: on_event(payload, None)) == {
        "replayed": 0, "failed": 1}
    assert waiting(sqs, queue_url) == 1
