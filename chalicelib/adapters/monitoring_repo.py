"""Monitoring counters in DynamoDB, moved inside the transaction that moves the state they count
(rules: domain/monitoring.py). Keys: docs/data-model.md.

In an org's counters partition `STATS#{org}`:
  `#DASHBOARD`            paperless pages and signed letters since the start (adapters/archive_repo.py)
  `#NOW`                  gauges: the backlog now (letters in review and by level, submissions awaiting
                          verification or returned, incoming letters by state, open dispositions)
  `PERIOD#{yyyy}`         throughput and turnaround (count, total seconds) of a WITA year
  `PERIOD#{yyyy}-{mm}`    the same of a WITA month
Overdue dispositions are counted live from their deadline markers (`DUE#{org}`, disposition_repo.count_overdue).

Every counter moves by an `ADD` in the caller's transaction (merged per item by `Transaction.add_counts`):
a failed transaction moves nothing, and a replayed request that does not run its transaction again moves
nothing either, so the figures stay exact.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from pynamodb.attributes import NumberAttribute

from chalicelib.adapters.archive_repo import StatsItem, stats_key
from chalicelib.adapters.dynamo import Transaction, register
from chalicelib.domain.monitoring import GAUGES, PERIOD_FIGURES, Kind, periods, transition

NOW_SK = "#NOW"
PERIOD_SK = "PERIOD#"


def now_key(org: str) -> tuple[str, str]:
    """The item of an org's gauges."""
    return stats_key(org)[0], NOW_SK


def period_key(org: str, period: str) -> tuple[str, str]:
    """The item of an org's figures of one period ('2026' or '2026-01')."""
    return stats_key(org)[0], PERIOD_SK + period


# The gauges and period figures are plain numbers on the counter items; one model declares them all, and
# inherits the `#DASHBOARD` counters so one BatchGet reads every counter item of an org.
CounterItem = register(type("CounterItem", (StatsItem,), {
    "__doc__": "A counter item of an org: its gauges (#NOW) or the figures of one period (PERIOD#...).",
    "__module__": __name__,
    **{name: NumberAttribute(null=True) for name in dict.fromkeys((*GAUGES, *PERIOD_FIGURES))},
}))


def count(tx: Transaction, org: str, at: str, *, gauges: Mapping[str, int] | None = None,
          figures: Mapping[str, int] | None = None) -> None:
    """Add gauge deltas and period figures (counted in the WITA month and year of `at`) to `tx`."""
    if gauges:
        tx.add_counts(CounterItem(*now_key(org)), gauges)
    if figures:
        for period in periods(at):
            tx.add_counts(CounterItem(*period_key(org, period)), figures)


def count_transition(tx: Transaction, kind: Kind, org: str, from_state: str | None, to_state: str | None,
                     at: str, started: str | None = None) -> None:
    """Move the counters of a record of `kind` going from one state to another at `at` (in `tx`)."""
    gauges, figures = transition(kind, from_state, to_state, started, at)
    count(tx, org, at, gauges=gauges, figures=figures)


def read(org: str, moment: datetime) -> dict[str, dict[str, int]]:
    """Every counter item the dashboard shows — #DASHBOARD, #NOW, this year and month — in one BatchGet."""
    year, month = periods(moment)
    keys = {"#DASHBOARD": stats_key(org), "now": now_key(org), "year": period_key(org, year),
            "month": period_key(org, month)}
    found = {(item.pk, item.sk): item for item in CounterItem.batch_get(list(keys.values()))}
    result: dict[str, dict[str, int]] = {}
    for name, key in keys.items():
        item = found.get(key)
        values = item.attribute_values if item is not None else {}
        result[name] = {k: int(v) for k, v in values.items() if isinstance(v, int | float)}
    return result
