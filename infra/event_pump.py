"""Deliver the events topic to the app's `on_event` handler without Lambda: the local stand-in for the
SNS → Lambda subscription of the deployment.

An SQS queue is subscribed to the topic (moto delivers synchronously); `pump()` turns each queued SNS
envelope back into the Lambda event SNS would send, and calls the handler. Used by `make run` (in a
thread) and by the tests (`pump()` after an action, until nothing is left).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import Any

import boto3


class EventPump:
    """Relays SNS messages from a queue subscribed to the topic to a Lambda-style handler."""

    def __init__(self, topic_arn: str, handler: Callable[[dict[str, Any], Any], Any], region: str,
                 endpoint_url: str | None = None, queue_name: str = "kantor-virtual-event-pump",
                 failed_queue_url: str | None = None, function_arn: str = "on_event") -> None:
        session = boto3.session.Session(region_name=region)
        self.sqs = session.client("sqs", endpoint_url=endpoint_url)
        sns = session.client("sns", endpoint_url=endpoint_url)
        self.queue_url = self.sqs.create_queue(QueueName=queue_name)["QueueUrl"]
        queue_arn = self.sqs.get_queue_attributes(QueueUrl=self.queue_url,
                                                  AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        sns.subscribe(TopicArn=topic_arn, Protocol="sqs", Endpoint=queue_arn)
        self.handler = handler
        # As Lambda's on-failure destination: a failing event is kept there (infra/redrive.py replays it).
        self.failed_queue_url = failed_queue_url
        self.function_arn = function_arn
        self.delivered: list[dict[str, Any]] = []

    def pump(self, max_rounds: int = 20, wait_seconds: int = 0) -> int:
        """Deliver queued events (and the events they cause) until the queue is empty; returns how many."""
        total = 0
        for _ in range(max_rounds):
            messages = self.sqs.receive_message(QueueUrl=self.queue_url, MaxNumberOfMessages=10,
                                                WaitTimeSeconds=wait_seconds).get("Messages", [])
            if not messages:
                break
            for message in messages:
                envelope = json.loads(message["Body"])
                record = {"EventSource": "aws:sns", "Sns": {
                    "Message": envelope["Message"], "MessageAttributes": envelope.get("MessageAttributes", {}),
                    "TopicArn": envelope.get("TopicArn"), "MessageId": envelope.get("MessageId"),
                }}
                self._deliver({"Records": [record]})
                self.delivered.append(record)
                self.sqs.delete_message(QueueUrl=self.queue_url, ReceiptHandle=message["ReceiptHandle"])
                total += 1
        return total

    def _deliver(self, event: dict[str, Any]) -> None:
        if self.failed_queue_url is None:
            self.handler(event, None)
            return
        try:
            self.handler(event, None)
        except Exception as exc:  # noqa: BLE001 - kept on the failed-events queue, as Lambda does after retries
            from infra.redrive import failure_record

            self.sqs.send_message(QueueUrl=self.failed_queue_url,
                                  MessageBody=json.dumps(failure_record(self.function_arn, event, exc)))

    def run(self, stop: threading.Event) -> None:
        """Pump until `stop` is set (long-polling one second at a time)."""
        while not stop.is_set():
            try:
                self.pump(max_rounds=1, wait_seconds=1)
            except Exception as exc:  # noqa: BLE001 - a failing reaction must not stop the local stack
                print(f"event pump: a reaction failed: {exc!r}", flush=True)


def scheduled_event(rule: str) -> dict[str, Any]:
    """The EventBridge event a schedule rule sends (what Chalice's scheduled functions take)."""
    from datetime import UTC, datetime

    return {"version": "0", "id": "local", "detail-type": "Scheduled Event", "source": "aws.events",
            "account": "123456789012", "time": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "region": "ap-southeast-3", "resources": [f"arn:aws:events:ap-southeast-3:123456789012:rule/{rule}"],
            "detail": {}}


def run_schedule(stop: threading.Event, seconds: float, handler: Callable[[dict[str, Any], Any], Any],
                 rule: str) -> None:
    """Call a scheduled function every `seconds` until `stop` is set (the local stand-in for its rule)."""
    while not stop.wait(timeout=seconds):
        try:
            handler(scheduled_event(rule), None)
        except Exception as exc:  # noqa: BLE001 - a failing run must not stop the local stack
            print(f"schedule {rule}: a run failed: {exc!r}", flush=True)
