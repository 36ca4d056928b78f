"""Invoke one function of an unzipped deployment package the way Lambda does: run in its own interpreter.

    python -I -S tests/integration/lambda_sandbox.py <task dir> <module.handler>  < events.json

`-I -S` leave only the standard library on `sys.path` (no virtualenv, no PYTHON* variables, no current
directory); this puts the task directory first, as Lambda's runtime puts /var/task, imports the handler
once (a cold start) and calls it with each event of the JSON list on stdin (warm invocations). The results
(or the error of each failed invocation) are written as one JSON list to the original stdout; whatever the
functions print (Powertools logs) goes to stderr. A module missing from the package fails the import, and
with it every invocation.

Standard library only: nothing of the project or its dependencies may be imported here.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
import traceback
import uuid
from typing import Any


class LambdaContext:
    """The attributes of Lambda's context object that handlers and Powertools read."""

    def __init__(self, function_name: str) -> None:
        self.function_name = function_name
        self.function_version = "$LATEST"
        self.memory_limit_in_mb = 512
        self.invoked_function_arn = f"arn:aws:lambda:ap-southeast-3:123456789012:function:{function_name}"
        self.aws_request_id = str(uuid.uuid4())
        self.log_group_name = f"/aws/lambda/{function_name}"
        self.log_stream_name = "sandbox"

    def get_remaining_time_in_millis(self) -> int:
        """Lambda's time budget left; the sandbox gives every invocation the configured 30 s."""
        return 30_000


def main() -> int:
    """Import the handler from the task directory and call it with every event read from stdin."""
    task_root, handler_name = sys.argv[1], sys.argv[2]
    results = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)  # what the functions print must not mix with the results
    sys.path.insert(0, task_root)
    os.chdir(task_root)
    events = json.load(sys.stdin)
    module_name, _, attribute = handler_name.rpartition(".")
    answers: list[dict[str, Any]] = []
    try:
        handler = getattr(importlib.import_module(module_name), attribute)
    except Exception as exc:  # noqa: BLE001 - reported as every invocation's error, as Lambda does
        failure = {"error": f"{type(exc).__name__}: {exc}", "traceback": traceback.format_exc()}
        answers = [failure for _ in events]
    else:
        for event in events:
            try:
                answers.append({"result": handler(event, LambdaContext(os.environ["AWS_LAMBDA_FUNCTION_NAME"]))})
            except Exception as exc:  # noqa: BLE001 - an invocation's error is its answer
                answers.append({"error": f"{type(exc).__name__}: {exc}", "traceback": traceback.format_exc()})
    json.dump({"answers": answers, "sys_path": sys.path}, results, default=str)
    results.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
