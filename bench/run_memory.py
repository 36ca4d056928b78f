"""Memory of `make run` under a realistic mix of requests: the serving process's RSS growth.

Starts the local stack (`python -m infra.run_local`) on free loopback ports, warms it up, then sends
REQUESTS requests from a few concurrent clients, the mix a working day has: reads of the inbox lists
(letters, approvals, notifications, /me), opening a letter, drafting letters and submitting them (the
state machine starts an execution per submit), public tracking and the OpenAPI document. Prints the RSS
after warm-up, every 1,000 requests and at the end, and exits 1 when it grew by more than BUDGET_MB.

    python -m bench.run_memory [--requests 5000]
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from tests.support import LocalStack

ROOT = Path(__file__).resolve().parent.parent
BUDGET_MB = 150
CLIENTS = 4
DRAFTER, REVIEWER, ADMIN = "staf.kominfo", "kasi.layanan", "admin"


def rss_mb(pid: int) -> float:
    """Resident set size of a process in MB (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for pid {pid}")


class Client:
    """JSON over HTTP to the local stack."""

    def __init__(self, base: str) -> None:
        self.base = base

    def call(self, method: str, path: str, body: Any = None, token: str | None = None) -> tuple[int, Any]:
        """One request; (status, parsed JSON or None)."""
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=300) as response:  # noqa: S310 - loopback
                raw = response.read()
                status = response.status
        except urllib.error.HTTPError as error:
            raw, status = error.read(), error.code
        try:
            return status, json.loads(raw or b"null")
        except ValueError:
            return status, None

    def token(self, username: str) -> str:
        """A dev-login token."""
        status, body = self.call("POST", "/auth/dev-login", {"username": username})
        if status != 200:
            raise RuntimeError(f"dev-login of {username}: {status} {body}")
        return body["token"]


def letter_body(n: int) -> dict[str, Any]:
    """A draft letter of the demo province."""
    return {"type": "surat_dinas", "classification": "000.1.2", "subject": f"Uji memori {n}", "body": "Isi surat",
            "addressees": [{"kind": "position", "code": "SEKRETARIS"}], "cc": [], "signatory": "KADIS",
            "security": "biasa", "urgency": "biasa"}


def mix(client: Client, tokens: dict[str, str]) -> list[Any]:
    """One round of the mix: 20 requests, as a working day spreads them."""
    drafter, reviewer, admin = tokens[DRAFTER], tokens[REVIEWER], tokens[ADMIN]
    shared: dict[str, Any] = {}

    def draft(n: int) -> tuple[int, Any]:
        status, letter = client.call("POST", "/letters", letter_body(n), drafter)
        if status == 201:
            shared["letter"] = letter["id"]
        return status, letter

    def open_letter() -> tuple[int, Any]:
        return client.call("GET", f"/letters/{shared.get('letter', 'none')}", None, drafter)

    def submit() -> tuple[int, Any]:
        return client.call("POST", f"/letters/{shared.get('letter', 'none')}/submit", None, drafter)

    return [
        lambda n: client.call("GET", "/me", None, drafter),
        lambda n: client.call("GET", "/letters", None, drafter),
        lambda n: client.call("GET", "/approvals", None, reviewer),
        lambda n: client.call("GET", "/notifications", None, reviewer),
        draft,
        lambda n: open_letter(),
        lambda n: client.call("GET", "/letters?limit=10", None, drafter),
        lambda n: client.call("GET", "/me", None, reviewer),
        lambda n: submit(),
        lambda n: client.call("GET", "/orgs", None, admin),
        lambda n: client.call("GET", "/public/track/TIDAKADA1", None, None),
        lambda n: client.call("GET", "/notifications", None, drafter),
        lambda n: client.call("GET", "/approvals", None, reviewer),
        lambda n: open_letter(),
        lambda n: client.call("GET", "/users", None, admin),
        lambda n: client.call("GET", "/public/orgs", None, None),
        lambda n: client.call("GET", "/letters", None, drafter),
        lambda n: client.call("GET", "/openapi.json", None, None),
        lambda n: client.call("GET", "/me", None, admin),
        lambda n: client.call("POST", "/auth/dev-login", {"username": DRAFTER}, None),
    ]


def main(argv: list[str] | None = None) -> int:
    """Run the stack, send the mix, print the RSS growth; 1 when over budget."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=5000)
    args = parser.parse_args(argv)
    try:
        stack = LocalStack().start(timeout=180)
    except AssertionError as exc:
        print(exc, file=sys.stderr)
        return 1
    process = stack.process
    try:
        client = Client(stack.base)
        tokens = {user: client.token(user) for user in (DRAFTER, REVIEWER, ADMIN)}
        steps = mix(client, tokens)
        statuses: dict[int, int] = {}
        lock = threading.Lock()
        counter = itertools.count()

        def one(n: int) -> None:
            status, _ = steps[n % len(steps)](n)
            with lock:
                statuses[status] = statuses.get(status, 0) + 1

        with ThreadPoolExecutor(max_workers=CLIENTS) as pool:  # warm-up: every route and module loaded once
            list(pool.map(one, range(len(steps) * 5)))
        baseline = rss_mb(process.pid)
        print(f"RSS after warm-up: {baseline:.0f} MB")
        started = time.monotonic()
        done = 0
        with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
            while done < args.requests:
                batch = min(1000, args.requests - done)
                list(pool.map(one, (next(counter) for _ in range(batch))))
                done += batch
                print(f"  after {done:>5} requests: {rss_mb(process.pid):.0f} MB "
                      f"({time.monotonic() - started:.0f} s)", flush=True)
        growth = rss_mb(process.pid) - baseline
        print(f"statuses: {dict(sorted(statuses.items()))}")
        print(f"RSS growth over {args.requests} requests: {growth:.0f} MB (budget {BUDGET_MB} MB)")
        if statuses.get(500):
            errors = [line.rstrip() for line in stack.lines if "Traceback" in line or "Error" in line]
            print("\n".join(errors[-20:]), file=sys.stderr)
        return 0 if growth <= BUDGET_MB and not statuses.get(500) else 1
    finally:
        stack.stop()


if __name__ == "__main__":
    sys.exit(main())
