"""Monev at province scale: the province view of 3 orgs and of 60 reads the same DynamoDB items in the same calls.

Each org's letters, submissions and dispositions move its counters and the province's in one transaction
(adapters/monitoring_repo.py); GET /monev reads the province's two counter items. Under moto as the tests run;
prints calls and items read for 3 orgs and for 60 and exits 1 when they differ or a figure is wrong.
`python -m bench.monev`
"""

from __future__ import annotations

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


def _items(parsed: Any = None, model: Any = None, **_: Any) -> None:
    # What DynamoDB returned: the items a read was charged for (a BatchGet's found items, a Query's items).
    if model is None or model.service_model.service_name != "dynamodb" or not isinstance(parsed, dict):
        return
    returned = sum(len(v) for v in parsed.get("Responses", {}).values()) + len(parsed.get("Items", []))
    items_read[model.name] += returned


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


def measure(expected_orgs: int) -> tuple[dict[str, int], int]:
    """Calls and items read by one province view; checks every org is in it with its figures."""
    items_read.clear()
    with support.count_aws_calls() as calls:
        view = monitoring.monev(ADMIN, None, now_wita())
    lines = view["orgs"]
    assert len(lines) == expected_orgs, len(lines)
    assert all(line["letters_signed"] == 1 and line["dispositions_overdue"] == 1 for line in lines), lines[:2]
    return dict(calls), sum(items_read.values())


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
        bootstrap.reset()
    print(f"monev of  3 orgs: calls {small[0]}, items read {small[1]}")
    print(f"monev of 60 orgs: calls {large[0]}, items read {large[1]}")
    same = small == large
    print("same calls and items read for 3 and 60 orgs" if same else "FAIL: the reads grow with the orgs")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
