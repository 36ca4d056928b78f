"""The approval state machine: start a wait's timer, and stop it once the wait ended."""

from __future__ import annotations

import json
from typing import Any

from botocore.exceptions import ClientError

from chalicelib.adapters import aws


class ApprovalWorkflow:
    """Step Functions calls of the review chain: one execution per wait, a timer that announces it overdue."""

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

    def stop(self, name: str, cause: str) -> None:
        """Stop the execution `name` (its ARN follows from the state machine's): the wait ended (decided, closed
        or withdrawn). One that ended already stays as it ended; one that does not exist is left.
        """
        arn = f"{self.state_machine_arn.replace(':stateMachine:', ':execution:')}:{name}"
        try:
            self._sfn().stop_execution(executionArn=arn, error="WaitEnded", cause=cause[:32768])
        except ClientError as exc:
            if exc.response["Error"]["Code"] != "ExecutionDoesNotExist":
                raise
