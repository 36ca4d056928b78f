"""Monitoring counters in DynamoDB, moved inside the transaction that moves the state they count
(rules: domain/monitoring.py). Keys: docs/data-model.md.

In an org's counters partition `STATS#{org}`:
  `#DASHBOARD`            paperless pages and signed letters since the start (adapters/archive_repo.py)
  `#NOW`                  gauges: the backlog now (letters in review and by level, submissions awaiting
                          verification or returned, incoming letters by state, open dispositions)
  `PERIOD#{yyyy}-{mm}`    throughput and turnaround (count, total seconds) of a WITA month; a year's figures are
                          the sum of its months, read in the same BatchGet (tables written before issue 15 also
                          hold `PERIOD#{yyyy}` items, equal to that sum and no longer read)
Overdue dispositions are counted live from their deadline markers (`DUE#{org}`, disposition_repo.count_overdue).

In the province's partition `MONEV#PROVINCE` (monev: every org side by side), the monev figures and gauges of
every org are mirrored by the same `ADD`s, as attributes `{org}#{name}` (domain/monitoring.py MONEV_*):
  `#NOW`                  the monev gauges (open and overdue dispositions) of every org
  `PERIOD#{yyyy}-{mm}`    the monev figures of every org in a WITA month (a year: the sum of its months)
so the province view reads two items (a year: thirteen) whatever the number of orgs (a 60-org province with ten attributes per
org is about 20 KB an item, far under DynamoDB's 400 KB).

Every counter moves by an `ADD` in the caller's transaction (merged per item by `Transaction.add_counts`):
a failed transaction moves nothing, and a replayed request that does not run its transaction again moves
nothing either, so the figures stay exact.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from pynamodb.attributes import NumberAttribute
from pynamodb.models import MetaModel

from chalicelib.adapters.archive_repo import StatsItem, stats_key
from chalicelib.adapters.dynamo import Item, Transaction, register
from chalicelib.domain.monitoring import (
    GAUGES,
    MONEV_FIGURES,
    MONEV_GAUGES,
    PERIOD_FIGURES,
    Kind,
    monev_deltas,
    periods,
    transition,
)

NOW_SK = "#NOW"
PERIOD_SK = "PERIOD#"
PROVINCE_PK = "MONEV#PROVINCE"


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


class _PerOrgAttributes(MetaModel):
    """The province item's attributes are named after orgs (`{org}#{name}`): each is a number made on demand,
    so that `Transaction.add_counts` can ADD to it like to a declared attribute.
    """

    def __getattr__(cls, name: str) -> NumberAttribute:
        if "#" not in name:
            raise AttributeError(name)
        return NumberAttribute(attr_name=name)


@register
class ProvinceCounterItem(Item, metaclass=_PerOrgAttributes):
    """The province's monev counters: every org's figures of one period, or every org's gauges now."""

    @classmethod
    def _instantiate(cls, attribute_values: dict[str, dict[str, Any]]) -> ProvinceCounterItem:
        instance = super()._instantiate(attribute_values)
        instance.numbers = {name: int(Decimal(value["N"])) for name, value in attribute_values.items()
                            if "N" in value}
        return instance


def count(tx: Transaction, org: str, at: str, *, gauges: Mapping[str, int] | None = None,
          figures: Mapping[str, int] | None = None) -> None:
    """Add gauge deltas and period figures (counted in the WITA month of `at`) to `tx`, and mirror the monev
    ones into the province's counters.
    """
    if gauges:
        tx.add_counts(CounterItem(*now_key(org)), gauges)
        province = monev_deltas(org, MONEV_GAUGES, gauges)
        if province:
            tx.add_counts(ProvinceCounterItem(PROVINCE_PK, NOW_SK), province)
    if figures:
        province = monev_deltas(org, MONEV_FIGURES, figures)
        month = periods(at)[1]
        tx.add_counts(CounterItem(*period_key(org, month)), figures)
        if province:
            tx.add_counts(ProvinceCounterItem(PROVINCE_PK, PERIOD_SK + month), province)


def count_transition(tx: Transaction, kind: Kind, org: str, from_state: str | None, to_state: str | None,
                     at: str, started: str | None = None) -> None:
    """Move the counters of a record of `kind` going from one state to another at `at` (in `tx`)."""
    gauges, figures = transition(kind, from_state, to_state, started, at)
    count(tx, org, at, gauges=gauges, figures=figures)


def _sum(counters: list[dict[str, int]]) -> dict[str, int]:
    total: dict[str, int] = {}
    for figures in counters:
        for name, value in figures.items():
            total[name] = total.get(name, 0) + value
    return total


def read(org: str, month: str, months: list[str]) -> dict[str, dict[str, int]]:
    """Every counter item the dashboard shows — #DASHBOARD, #NOW, the chosen month and each month of `months`
    (its year up to now) — in one BatchGet (at most 14 items); "year" is the sum of `months`.
    """
    keys = {"#DASHBOARD": stats_key(org), "now": now_key(org),
            **{period: period_key(org, period) for period in (month, *months)}}
    found = {(item.pk, item.sk): item for item in CounterItem.batch_get(list(dict.fromkeys(keys.values())))}
    result: dict[str, dict[str, int]] = {}
    for name, key in keys.items():
        item = found.get(key)
        values = item.attribute_values if item is not None else {}
        result[name] = {k: int(v) for k, v in values.items() if isinstance(v, int | float)}
    result["year"] = _sum([result[m] for m in months])
    return result


def read_province(period: str) -> tuple[dict[str, int], dict[str, int]]:
    """Every org's monev figures of `period` ('2026-01', or '2026': the sum of its months) and monev gauges now:
    one BatchGet of two items (a year: thirteen), whatever the number of orgs.
    """
    months = [period] if len(period) > 4 else [f"{period}-{m:02d}" for m in range(1, 13)]
    keys = [(PROVINCE_PK, NOW_SK), *((PROVINCE_PK, PERIOD_SK + m) for m in months)]
    found = {(item.pk, item.sk): item.numbers for item in ProvinceCounterItem.batch_get(keys)}
    return _sum([found.get(key, {}) for key in keys[1:]]), found.get(keys[0], {})
