"""The approval state machine: start a round, and hand a recorded decision back to the waiting step."""

from __future__ import annotations

import json
from typing import Any

from aws_lambda_powertools import Logger
from botocore.exceptions import ClientError

from chalicelib.adapters import aws

logger = Logger(child=True)
# The token was used already (a retry after a successful send) or belongs to a wait that ended.
SPENT_TOKEN_ERRORS = frozenset({"InvalidToken", "TaskTimedOut", "TaskDoesNotExist"})


class ApprovalWorkflow:
    """Step Functions calls of the review chain (direct service integrations only; no Lambda)."""

    def __init__(self, state_machine_arn: str, region: str) -> None:
        self.state_machine_arn = state_machine_arn
        self.region = region

    def _sfn(self) -> Any:
        return aws.client("stepfunctions", self.region)

    def start(self, name: str, payload: dict[str, Any]) -> None:
        """Start the execution `name` (one per wait: a step of a round, or a paraf koordinasi); starting it twice is
        harmless (an execution name is used once: running or ended, the same name is ExecutionAlreadyExists).
        """
        try:
            self._sfn().start_execution(stateMachineArn=self.state_machine_arn, name=name, input=json.dumps(payload))
        except ClientError as exc:
            if exc.response["Error"]["Code"] != "ExecutionAlreadyExists":
                raise

    def succeed(self, token: str, output: dict[str, Any]) -> bool:
        """End the wait approved (what waits next was started by the app); False when the token was already spent."""
        return self._send(lambda: self._sfn().send_task_success(taskToken=token, output=json.dumps(output)))

    def fail(self, token: str, error: str, cause: str) -> bool:
        """End the wait with `error` (Rejected / RevisionRequested); False when the token was already spent."""
        return self._send(lambda: self._sfn().send_task_failure(taskToken=token, error=error, cause=cause[:32768]))

    def stop(self, name: str, cause: str) -> None:
        """Stop the execution `name` (its ARN follows from the state machine's); one that does not exist is left."""
        arn = f"{self.state_machine_arn.replace(':stateMachine:', ':execution:')}:{name}"
        try:
            self._sfn().stop_execution(executionArn=arn, error="Withdrawn", cause=cause[:32768])
        except ClientError as exc:
            if exc.response["Error"]["Code"] != "ExecutionDoesNotExist":
                raise

    @staticmethod
    def _send(call: Any) -> bool:
        try:
            call()
        except ClientError as exc:
            if exc.response["Error"]["Code"] in SPENT_TOKEN_ERRORS:
                logger.info("task token already spent", extra={"code": exc.response["Error"]["Code"]})
                return False
            raise
        return True
