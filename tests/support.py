"""Test and benchmark helpers: count AWS calls per request, and poll with a deadline."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from botocore import handlers

T = TypeVar("T")
_active: list[Counter[str]] = []
_lock = threading.Lock()


def _count(model: Any = None, **_: Any) -> None:
    # botocore emits before-call.<service>.<operation> on every API call of every client.
    if _active and model is not None:
        with _lock:
            for counter in _active:
                counter[f"{model.service_model.service_name}:{model.name}"] += 1


# Registered like moto's own hook: every botocore session created afterwards (boto3's and
# PynamoDB's) gets it, so one counter sees the calls of both.
handlers.BUILTIN_HANDLERS.append(("before-call", _count))


@contextmanager
def count_aws_calls() -> Iterator[Counter[str]]:
    """Count the AWS API calls made inside the block, as 'service:Operation'."""
    counter: Counter[str] = Counter()
    _active.append(counter)
    try:
        yield counter
    finally:
        _active.remove(counter)


def calls_to(counter: Counter[str], service: str) -> int:
    """How many calls went to one service (e.g. 'dynamodb')."""
    return sum(n for key, n in counter.items() if key.startswith(f"{service}:"))


def wait_until(condition: Callable[[], T], timeout: float = 15.0, interval: float = 0.05,
               message: str = "condition") -> T:
    """Poll `condition` until it returns something truthy, failing after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {message}")
        time.sleep(interval)
