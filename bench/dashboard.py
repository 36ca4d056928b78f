"""The dashboard at scale: GET /dashboard of an org with 200 and with 10,000 overdue dispositions reads the same items.

Dispositions are written through the disposition repository as the service writes them (the disposition, its
audit event, its deadline marker, its counters), fall due, and the hourly sweep notifies them (markers move to the
org's overdue gauge). The dashboard then reads its counter items and counts only the dispositions that fell due
since the sweep last ran: the bench prints calls and items read (returned or scanned) at 200 and at 10,000, and
what a dashboard reads between two sweeps (the dispositions that fell due in the meantime, at most an hour's).
Under moto as the tests run; exits 1 when the reads grow with the overdue dispositions or a figure is wrong.
`python -m bench.dashboard`
"""

from __future__ import annotations

import os
import sys
import uuid
from collections import Counter
from datetime import timedelta
from typing import Any

from tests import support  # noqa: I001 - first: registers the AWS call counter before any session exists
from tests.conftest import MOTO_CONFIG, TEST_ENV

os.environ.update(TEST_ENV)
os.environ.pop("AWS_ENDPOINT_URL", None)

from botocore import handlers  # noqa: E402
from moto import mock_aws  # noqa: E402

from chalicelib import bootstrap  # noqa: E402
from chalicelib.adapters.dynamo import Transaction  # noqa: E402
from chalicelib.domain.dispositions import Disposition  # noqa: E402
from chalicelib.domain.timefmt import iso, now_wita  # noqa: E402
from chalicelib.services import monitoring  # noqa: E402
from chalicelib.services.audited import SYSTEM, audit_event  # noqa: E402
from infra import local_stack, seed  # noqa: E402

ORG = "DISKOMINFOS"
items_read: Counter[str] = Counter()


def _items(parsed: Any = None, model: Any = None, **_: Any) -> None:
    # What a read was charged for: a BatchGet's items, a Query's scanned items (a COUNT Query returns none).
    if model is None or model.service_model.service_name != "dynamodb" or not isinstance(parsed, dict):
        return
    found = sum(len(v) for v in parsed.get("Responses", {}).values()) + ("Item" in parsed)
    items_read[model.name] += found + parsed.get("ScannedCount", len(parsed.get("Items", [])))


handlers.BUILTIN_HANDLERS.append(("after-call", _items))


def dispose(count: int, deadline: str) -> None:
    """`count` open dispositions of the org with the given deadline, written as the service writes them."""
    container = bootstrap.container()
    for _ in range(count):
        at = iso(now_wita() - timedelta(days=3))
        disposition = Disposition(id=uuid.uuid4().hex, incoming_id="IN-BENCH", org=ORG, parent_id=None,
                                  from_position="KADIS", from_user="kadis.kominfo", to_position="SEKRETARIS",
                                  instructions=["tindak_lanjuti"], note=None, deadline=deadline, created_at=at,
                                  subject="Bench", agenda_number="1")
        tx = Transaction()
        container.disposition_repo.add(tx, disposition, audit_event(SYSTEM, "disposed", at, to_state="assigned"))
        tx.commit()


def measure(expected_overdue: int, moment: Any) -> tuple[dict[str, int], int]:
    """Calls and items read by one dashboard; checks its overdue figure."""
    items_read.clear()
    with support.count_aws_calls() as calls:
        figures = monitoring.dashboard_figures(ORG, moment)
    overdue = figures["backlog"]["dispositions_overdue"]
    assert overdue == expected_overdue, (overdue, expected_overdue)
    return dict(calls), sum(items_read.values())


def main() -> int:
    with mock_aws(config=MOTO_CONFIG):
        os.environ.update(local_stack.build(prefix="kv-bench"))
        bootstrap.reset()
        seed.seed(bootstrap.container())
        sweeps = bootstrap.container().dispositions
        now = now_wita()
        past = iso(now - timedelta(days=1))
        figures: dict[int, tuple[dict[str, int], int]] = {}
        done = 0
        for total in (200, 10_000):
            dispose(total - done, past)
            done = total
            sweeps.sweep_overdue(now)
            figures[total] = measure(total, now)
        dispose(50, iso(now - timedelta(minutes=30)))  # fell due since the last sweep
        between = measure(10_050, now)
        bootstrap.reset()
    for total, (calls, items) in figures.items():
        print(f"dashboard at {total:>6,} overdue dispositions (swept): calls {calls}, items read {items}")
    print(f"dashboard between two sweeps (10,000 swept + 50 fell due since): calls {between[0]}, "
          f"items read {between[1]}")
    same = figures[200] == figures[10_000]
    print("same calls and items read at 200 and 10,000" if same else "FAIL: the reads grow with the overdue")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
