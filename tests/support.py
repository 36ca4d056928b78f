"""Test and benchmark helpers: count AWS calls per request, and poll with a deadline."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from botocore import handlers

T = TypeVar("T")
_active: list[tuple[Counter[str], bool]] = []
_lock = threading.Lock()


def _count(model: Any = None, params: Any = None, **_: Any) -> None:
    # botocore emits before-call.<service>.<operation> on every API call of every client.
    if _active and model is not None:
        name = f"{model.service_model.service_name}:{model.name}"
        caller_check = name == "dynamodb:GetItem" and is_caller_check(params)
        with _lock:
            for counter, with_caller_checks in _active:
                if not caller_check:
                    counter[name] += 1
                elif with_caller_checks:
                    counter[CALLER_CHECK] += 1


CALLER_CHECK = "auth:caller"


def is_caller_check(params: Any) -> bool:
    """The read that authenticates every request (IdentityService.caller): a consistent GetItem of a user.

    Budgets (DESIGN §8) count what a route itself does; this read comes on top of every authenticated request,
    so `count_aws_calls()` leaves it out unless asked (`with_caller_checks=True` counts it as 'auth:caller').
    """
    try:
        request = json.loads((params or {}).get("body") or b"{}")
    except ValueError:
        return False
    key = request.get("Key") or {}
    return (request.get("ConsistentRead") is True and key.get("sk", {}).get("S") == "#USER"
            and key.get("pk", {}).get("S", "").startswith("USER#"))


# Registered like moto's own hook: every botocore session created afterwards (boto3's and
# PynamoDB's) gets it, so one counter sees the calls of both.
handlers.BUILTIN_HANDLERS.append(("before-call", _count))


@contextmanager
def count_aws_calls(with_caller_checks: bool = False) -> Iterator[Counter[str]]:
    """Count the AWS API calls made inside the block, as 'service:Operation'."""
    counter: Counter[str] = Counter()
    entry = (counter, with_caller_checks)
    _active.append(entry)
    try:
        yield counter
    finally:
        _active.remove(entry)


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


def free_port() -> int:
    """A free TCP port on loopback."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LocalStack:
    """`make run` in its own process (`python -m infra.run_local`) on free loopback ports.

    Everything it prints is read as a terminal would (a pipe nobody reads fills up and blocks the server on its next
    log line) and kept in `lines`; `start()` returns once the banner is printed.
    """

    BANNER_END = "Ctrl-C stops everything"

    def __init__(self) -> None:
        self.port, self.aws_port = free_port(), free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.lines: list[str] = []
        self.process: Any = None
        self._ready = threading.Event()

    def start(self, timeout: float = 120) -> LocalStack:
        import os
        import subprocess
        import sys
        from pathlib import Path

        root = Path(__file__).resolve().parents[1]
        env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "STAGE", "AUTH_MODE", "LOCAL_JWT"))}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "infra.run_local", "--port", str(self.port), "--aws-port", str(self.aws_port)],
            cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        threading.Thread(target=self._drain, daemon=True).start()
        wait_until(lambda: self._ready.is_set() or self.process.poll() is not None, timeout=timeout,
                   message="the local stack to print its banner")
        if not self._ready.is_set():
            raise AssertionError("the local stack did not start:\n" + "".join(self.lines))
        return self

    def _drain(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line)
            if self.BANNER_END in line:
                self._ready.set()

    @property
    def banner(self) -> str:
        return "".join(self.lines)

    def stop(self, timeout: float = 15) -> None:
        """Ctrl-C, as a user stops it; killed when it does not stop in time."""
        import signal
        import subprocess

        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def __enter__(self) -> LocalStack:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()


PACKAGE_BUILD = "KV_PACKAGE_BUILD"  # a directory where the prod package is being built in the background


def package_command(out: Path) -> list[str]:
    """`make package STAGE=prod`'s Chalice step, writing to `out`."""
    return [str(Path(sys.executable).with_name("chalice")), "package", "--stage", "prod",
            "--merge-template", "infra/template.yaml", str(out)]


def package_env(region: str = "ap-southeast-3") -> dict[str, str]:
    """The environment `make package` builds in: no test credentials, stage or auth mode leaking in."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "STAGE", "AUTH_MODE"))}
    return {**env, "AWS_DEFAULT_REGION": region}


def start_package_build(root: Path) -> tuple[subprocess.Popen[bytes], Path]:
    """Start building the prod package in the background (`<dir>/prod`); `<dir>/rc` appears when it ends.

    `make test` sets KV_PREBUILD_PACKAGE=1 so the build (mostly downloading Lambda wheels) overlaps the tests
    instead of holding a worker idle; the package test then waits for it.
    """
    where = Path(tempfile.mkdtemp(prefix="kv-package-"))
    script = 'out="$1"; shift; "$@" >"$out/log" 2>&1; echo $? >"$out/rc.tmp" && mv "$out/rc.tmp" "$out/rc"'
    process = subprocess.Popen(["sh", "-c", script, "sh", str(where), *package_command(where / "prod")],
                               cwd=root, env=package_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    return process, where
