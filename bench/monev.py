"""Monev at province scale: the province view of 3 orgs and of 60 is the same DynamoDB calls, and a counter write
costs the same.

Each org's letters, submissions and dispositions move its counters in one transaction (adapters/monitoring_repo.py):
one small item per org in the province's partition, its gauges with the figures of the running month (past months
move to an item per org and month); GET /monev is two Queries of the province's partition. Under moto as the tests
run; prints calls, items and read units for 3 orgs and for 60, and the size of the largest province item, and exits 1
when the calls differ, a figure is wrong, or a province item grows with the orgs (over 1 KB: more than one write
unit).
`python -m bench.monev`
"""

from __future__ import annotations

import json
import math
import os
import sys
from collections import Counter
from typing import Any

from tests import support  # noqa: I001 - first: registers the AWS call counter before any session exists
from tests.conftest import MOTO_CONFIG, TEST_ENV

os.environ.update(TEST_ENV)
os.environ.pop("AWS_ENDPOINT_URL", None)

from botocore import handlers  # noqa: E402
from moto import mock_aws  # noqa: E402

from chalicelib import bootstrap  # noqa: E402
from chalicelib.adapters import dynamo, monitoring_repo  # noqa: E402
from chalicelib.domain.identity import Principal, Role  # noqa: E402
from chalicelib.domain.monitoring import OVERDUE_GAUGE  # noqa: E402
from chalicelib.domain.timefmt import iso, now_wita  # noqa: E402
from chalicelib.services import monitoring  # noqa: E402
from infra import local_stack  # noqa: E402

ADMIN = Principal(username="admin", role=Role.ADMIN)
items_read: Counter[str] = Counter()
bytes_read: Counter[str] = Counter()


def _items(parsed: Any = None, model: Any = None, **_: Any) -> None:
    # What DynamoDB returned: the items a read was charged for (a BatchGet's found items, a Query's items).
    if model is None or model.service_model.service_name != "dynamodb" or not isinstance(parsed, dict):
        return
    returned = [*(i for v in parsed.get("Responses", {}).values() for i in v), *parsed.get("Items", [])]
    items_read[model.name] += len(returned)
    bytes_read[model.name] += sum(len(json.dumps(i)) for i in returned)  # an upper bound of DynamoDB's size


handlers.BUILTIN_HANDLERS.append(("after-call", _items))


def activity(orgs: list[str]) -> None:
    """One signed letter, one submission answered and one overdue disposition per org (their counters only)."""
    at = iso(now_wita())
    for org in orgs:
        tx = dynamo.Transaction()
        monitoring_repo.count(tx, org, at, gauges={"dispositions_open": 1, OVERDUE_GAUGE: 1},
                              figures={"letters_drafted": 1, "letters_signed": 1, "letter_signing_count": 1,
                                       "letter_signing_seconds": 3600, "verification_count": 1,
                                       "submissions_answered_on_time": 1})
        tx.commit()


def measure(expected_orgs: int) -> tuple[dict[str, int], int, int]:
    """Calls, items and bytes read by one province view; checks every org is in it with its figures."""
    items_read.clear()
    bytes_read.clear()
    with support.count_aws_calls() as calls:
        view = monitoring.monev(ADMIN, None, now_wita())
    lines = view["orgs"]
    assert len(lines) == expected_orgs, len(lines)
    assert all(line["letters_signed"] == 1 and line["dispositions_overdue"] == 1 for line in lines), lines[:2]
    return dict(calls), sum(items_read.values()), sum(bytes_read.values())


def largest_province_item() -> int:
    """Bytes of the largest item of the province's partition (as JSON: an upper bound)."""
    return max(len(json.dumps({"pk": item.pk, "sk": item.sk, **item.numbers}))
               for item in monitoring_repo.CounterItem.query(monitoring_repo.PROVINCE_PK))


def main() -> int:
    with mock_aws(config=MOTO_CONFIG):
        os.environ.update(local_stack.build(prefix="kv-bench"))
        bootstrap.reset()
        bootstrap.container()
        orgs = [f"OPD{i:02d}" for i in range(1, 61)]
        activity(orgs[:3])
        small = measure(3)
        activity(orgs[3:])
        large = measure(60)
        largest = largest_province_item()
        bootstrap.reset()
    for orgs_count, (calls, items, size) in ((3, small), (60, large)):
        print(f"monev of {orgs_count:2d} orgs: calls {calls}, items read {items}, read units at most "
              f"{math.ceil(size / 4096) / 2:.1f} (eventually consistent)")
    print(f"largest province item: {largest} B")
    ok = small[0] == large[0] and largest <= 1024
    print("same calls for 3 and 60 orgs; each province write is one small item" if ok else
          "FAIL: the calls or the province items grow with the orgs")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
