"""Replay the invocations kept on the failed-events queue: `make redrive STAGE=prod`.

`on_event` (SNS) and `sweep_overdue` (the schedule) are invoked asynchronously; what still fails after Lambda's
retries lands on the stack's FailedEventsQueue as Lambda's on-failure record (`requestContext.functionArn`,
`requestPayload`: the original event). This invokes that function again with that event, synchronously, and
deletes the record only when the invocation succeeded; a record whose replay fails again stays on the queue
(visible again after the queue's visibility timeout) and is counted as failed.

Safe to run twice: a replayed record is deleted, so a second run finds nothing to replay; two runs at the same
time never receive the same record (the first hides it for the visibility timeout); and the reactions are
idempotent (SNS delivers at least once), so a replay whose delete was lost does no harm when repeated.

    python -m infra.redrive --stack-name kantor-virtual-prod [--region ap-southeast-3]
"""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Callable
from typing import Any

import boto3

Invoke = Callable[[str, dict[str, Any]], Any]
OUTPUT = "FailedEventsQueueUrl"
VISIBILITY_SECONDS = 300  # longer than the functions' timeout (30 s): a replay in progress stays hidden


class ReplayFailed(RuntimeError):
    """The function failed again on the replayed event."""


def failure_record(function_arn: str, event: dict[str, Any], error: BaseException) -> dict[str, Any]:
    """Lambda's on-failure destination record for an asynchronous invocation that failed after its retries."""
    return {
        "version": "1.0",
        "requestContext": {"functionArn": function_arn, "condition": "RetriesExhausted", "approximateInvokeCount": 3},
        "requestPayload": event,
        "responseContext": {"statusCode": 200, "executedVersion": "$LATEST", "functionError": "Unhandled"},
        "responsePayload": {"errorType": type(error).__name__, "errorMessage": str(error)},
    }


def lambda_invoker(region: str) -> Invoke:
    """Invoke a deployed function synchronously; ReplayFailed when it fails."""
    client = boto3.client("lambda", region_name=region)

    def invoke(function_arn: str, event: dict[str, Any]) -> Any:
        response = client.invoke(FunctionName=function_arn, InvocationType="RequestResponse",
                                 Payload=json.dumps(event).encode())
        payload = json.loads(response["Payload"].read() or b"null")
        if response.get("FunctionError"):
            raise ReplayFailed(json.dumps(payload))
        return payload

    return invoke


def redrive(sqs: Any, queue_url: str, invoke: Invoke) -> dict[str, int]:
    """Replay every record on the queue once; how many were replayed and how many failed again."""
    replayed = failed = 0
    seen: set[str] = set()
    while True:
        messages = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10, WaitTimeSeconds=0,
                                       VisibilityTimeout=VISIBILITY_SECONDS).get("Messages", [])
        fresh = [m for m in messages if m["MessageId"] not in seen]
        if not fresh:
            return {"replayed": replayed, "failed": failed}
        for message in fresh:
            seen.add(message["MessageId"])
            record = json.loads(message["Body"])
            try:
                invoke(record["requestContext"]["functionArn"], record["requestPayload"])
            except Exception as exc:  # noqa: BLE001 - reported; the record stays for a later run
                failed += 1
                print(f"still failing: {record['requestContext']['functionArn']}: {exc}", flush=True)
                continue
            sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=message["ReceiptHandle"])
            replayed += 1


def queue_of(stack_name: str, region: str) -> str:
    """The stack's failed-events queue (its output FailedEventsQueueUrl)."""
    stack = boto3.client("cloudformation", region_name=region).describe_stacks(StackName=stack_name)["Stacks"][0]
    return next(o["OutputValue"] for o in stack.get("Outputs", []) if o["OutputKey"] == OUTPUT)


def main(argv: list[str] | None = None) -> int:
    """Redrive the failed-events queue of a deployed stack; exit 1 when some replay failed again."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stack-name", required=True)
    parser.add_argument("--region", default=os.environ.get("AWS_REGION", "ap-southeast-3"))
    args = parser.parse_args(argv)
    queue_url = queue_of(args.stack_name, args.region)
    result = redrive(boto3.client("sqs", region_name=args.region), queue_url, lambda_invoker(args.region))
    print(f"replayed {result['replayed']}, still failing {result['failed']} ({queue_url})")
    return 1 if result["failed"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
