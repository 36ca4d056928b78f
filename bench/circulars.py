"""Circulars at province scale, under moto as the tests run (state machine executing):

1. a letter from the Diskominfos head to every other org of a 60-org province plus 100 positions and external
   parties is signed in transactions of a constant size; its fan-out is killed halfway, resumed, and every
   recipient ends with exactly one copy;
2. 50 letters of one org signed in parallel (8 clients) get 50 consecutive numbers; p50 / p95 / max printed.

Counts, not moto's wall time, are what carry over to AWS (moto runs one DynamoDB request at a time);
the latencies are those of the local stack. Exits 1 when a check fails.
`python -m bench.circulars [circular] [parallel]` runs one part or both, each on a fresh stack.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from tests import support  # noqa: I001 - first: registers the AWS call counter before any session exists
from tests.conftest import MOTO_CONFIG, TEST_ENV

os.environ.update(TEST_ENV)
os.environ.pop("AWS_ENDPOINT_URL", None)

from moto import mock_aws  # noqa: E402

from chalicelib import bootstrap  # noqa: E402
from chalicelib.adapters import dynamo  # noqa: E402
from chalicelib.adapters.incoming_repo import IncomingRepository  # noqa: E402
from chalicelib.domain.identity import Principal, Role  # noqa: E402
from infra import local_stack, seed  # noqa: E402

SYSTEM = Principal(username="system", role=Role.ADMIN)
KADIS = Principal(username="kadis.kominfo", role=Role.EMPLOYEE, org="DISKOMINFOS", position="KADIS")
ORGS = 60
POSITIONS = 90
EXTERNAL = 10


def province() -> tuple[list[str], list[str]]:
    """57 more orgs (60 with the seeded ones) and 90 more positions of the Diskominfos."""
    admin = bootstrap.container().org_admin
    orgs = [f"OPD{i:02d}" for i in range(1, ORGS - 2)]
    for code in orgs:
        admin.create_org(SYSTEM, {"code": code, "name": f"Perangkat Daerah {code}", "address": "Denpasar",
                                  "city": "Denpasar", "number_format": "{classification}/{seq}/{org_code}/{year}",
                                  "max_review_steps": 3, "email": None, "phone": None, "website": None}, None)
        admin.create_unit(SYSTEM, code, {"code": code, "name": f"Sekretariat {code}", "parent": None}, None)
        admin.create_position(SYSTEM, code, {"code": f"KEPALA-{code}", "title": f"Kepala {code}", "level": "II",
                                             "unit": code, "reports_to": None}, None)
    positions = [f"FUNGSIONAL-{i:02d}" for i in range(POSITIONS)]
    for code in positions:
        admin.create_position(SYSTEM, "DISKOMINFOS", {"code": code, "title": f"Pranata Komputer {code}",
                                                      "level": "staff", "unit": "APTIKA", "reports_to": "KABID-APTIKA"},
                              None)
    return ["SETDA", "BIROUMUM", *orgs], positions


def letter(subject: str, addressees: list[dict[str, Any]], cc: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "surat_edaran", "classification": "000.1.2", "subject": subject,
            "body": "Dengan hormat, disampaikan kepada seluruh perangkat daerah ...", "addressees": addressees,
            "cc": cc, "signatory": "KADIS", "security": "biasa", "urgency": "biasa"}


def circular(orgs: list[str], positions: list[str]) -> bool:
    letters = bootstrap.container().letters
    external = [{"kind": "external", "name": f"Mitra {i}", "email": f"mitra{i}@example.com"} for i in range(EXTERNAL)]
    body = letter("Edaran penerapan tanda tangan elektronik", [{"kind": "org", "code": o} for o in orgs],
                  [{"kind": "position", "code": p} for p in positions] + external)
    letter_id = letters.create(KADIS, body, None)[1]["id"]
    sizes: list[int] = []
    commit = dynamo.Transaction.commit

    def counted(self: dynamo.Transaction) -> None:
        sizes.append(len(self))
        commit(self)

    dynamo.Transaction.commit = counted  # type: ignore[method-assign]
    try:
        with support.count_aws_calls() as calls:
            signed = letters.submit(KADIS, letter_id)
        signing_sizes = list(sizes)
        register, seen = IncomingRepository.register, Counter[str]()

        def killed(self: IncomingRepository, tx: dynamo.Transaction, **kw: Any) -> Any:
            seen["register"] += 1
            if seen["register"] == len(orgs) // 2:
                raise SystemExit("fan-out killed halfway")
            return register(self, tx, **kw)

        IncomingRepository.register = killed  # type: ignore[method-assign]
        try:
            letters.fan_out(letter_id)
        except SystemExit as stop:
            print(f"  {stop}")
        IncomingRepository.register = register  # type: ignore[method-assign]
        resumed = letters.fan_out(letter_id)
        again = letters.fan_out(letter_id)
    finally:
        dynamo.Transaction.commit = commit  # type: ignore[method-assign]
    incoming = bootstrap.container().incoming_repo
    per_org = {o: sum(1 for i in incoming.list(o, None, 100, None).items if i.source_ref == letter_id) for o in orgs}
    reader = bootstrap.container().letters
    per_position = {p: len([r for r in reader.list_box(Principal(username="x", role=Role.EMPLOYEE, org="DISKOMINFOS",
                                                                 position=p), "cc", 100, None)["items"]
                            if r["id"] == letter_id]) for p in positions}
    print(f"circular to {len(orgs)} orgs + {len(positions)} positions + {EXTERNAL} external parties: "
          f"state {signed['state']}, number {signed['number']}")
    print(f"  signing: {len(signing_sizes)} transactions of {signing_sizes} items; AWS calls {dict(calls)}")
    print(f"  resumed fan-out: {resumed}; run again: {again}; largest transaction {max(sizes)} items")
    ok = (signed["state"] == "sent" and max(signing_sizes) < 100 and set(per_org.values()) == {1}
          and set(per_position.values()) == {1} and again["delivered"] == 0)
    print(f"  every org and position has exactly one copy: {ok}")
    return ok


def parallel(n: int = 50, clients: int = 8) -> bool:
    """`n` letters of one org signed by `clients` threads; prints latencies and where the time goes."""
    from chalicelib.adapters import pdf, sequences

    letters = bootstrap.container().letters
    ids = [letters.create(KADIS, letter(f"Surat edaran {i}", [{"kind": "position", "code": "SEKRETARIS"}], []),
                          None)[1]["id"] for i in range(n)]
    lost, rendering = Counter[str](), [0.0]
    render = pdf.render_letter_pages
    commit = dynamo.Transaction.commit
    in_commit = [0.0]

    def counted_commit(self: dynamo.Transaction) -> None:
        start = time.perf_counter()
        try:
            commit(self)
        except sequences.SequenceContention:
            lost["claims lost"] += 1
            raise
        finally:
            in_commit[0] += time.perf_counter() - start
            lost["transactions"] += 1

    def timed_render(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return render(*args, **kwargs)
        finally:
            rendering[0] += time.perf_counter() - start

    def sign(letter_id: str) -> tuple[float, dict[str, Any]]:
        start = time.perf_counter()
        answer = letters.submit(KADIS, letter_id)
        return time.perf_counter() - start, answer

    dynamo.Transaction.commit = counted_commit  # type: ignore[method-assign]
    pdf.render_letter_pages = timed_render  # type: ignore[assignment]
    try:
        with support.count_aws_calls() as calls, ThreadPoolExecutor(max_workers=clients) as pool:
            started = time.perf_counter()
            results = list(pool.map(sign, ids))
            wall = time.perf_counter() - started
    finally:
        dynamo.Transaction.commit = commit  # type: ignore[method-assign]
        pdf.render_letter_pages = render  # type: ignore[assignment]
    seconds = sorted(s for s, _ in results)
    numbers = sorted(int(a["number"].split("/")[1]) for _, a in results)
    consecutive = numbers == list(range(numbers[0], numbers[0] + n))
    p95 = seconds[max(0, int(round(0.95 * n)) - 1)]
    print(f"{n} letters of one org signed by {clients} clients: numbers {numbers[0]}..{numbers[-1]} consecutive: "
          f"{consecutive}; p50 {statistics.median(seconds):.2f} s, p95 {p95:.2f} s, max {seconds[-1]:.2f} s")
    print(f"  wall {wall:.1f} s; lost numbering races {lost['claims lost']} of {lost['transactions']} transactions; "
          f"time in transactions {in_commit[0]:.1f} s, summed over the clients (moto runs one DynamoDB request at "
          f"a time), PDF rendering {rendering[0]:.1f} s (threads of one "
          f"process share the GIL)")
    print(f"  AWS calls: {dict(sorted(calls.items()))}")
    return consecutive and seconds[-1] <= 10


def main(parts: list[str]) -> int:
    """`circular`, `parallel` or both (default), each on a fresh stack."""
    ok = True
    for part in parts or ["circular", "parallel"]:
        with mock_aws(config=MOTO_CONFIG):
            os.environ.update(local_stack.build(prefix="kv-bench"))
            bootstrap.reset()
            seed.seed(bootstrap.container())
            if part == "circular":
                ok = circular(*province()) and ok
            else:
                ok = parallel() and ok
            bootstrap.reset()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
