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

In the province's partition `MONEV#PROVINCE` (monev: every org side by side), each org's monev figures and
gauges (domain/monitoring.py MONEV_*) are mirrored by the same `ADD`s into small items of their own:
  `NOW#{org}`                  the org's monev gauges (open and overdue dispositions)
  `MONTH#{yyyy}-{mm}#{org}`    the org's monev figures of a WITA month (a year: the sum of its months)
so the province view is two Queries of this partition whatever the number of orgs, and a write costs the same
at 3 orgs or 60. (Before issue 15 one item held every org's figures as `{org}#{name}` attributes: 9 KB at 60
orgs, so each `ADD` cost 10 write units; `split_province_items` moves a deployed table's items to this layout.)
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from pynamodb.attributes import NumberAttribute

from chalicelib.adapters.archive_repo import StatsItem, stats_key
from chalicelib.adapters.dynamo import Item, Transaction, register
from chalicelib.domain.monitoring import (
    GAUGES,
    MONEV_FIGURES,
    MONEV_GAUGES,
    PERIOD_FIGURES,
    Kind,
    monev_attr,
    monev_deltas,
    periods,
    transition,
)

NOW_SK = "#NOW"
PERIOD_SK = "PERIOD#"
PROVINCE_PK = "MONEV#PROVINCE"
PROVINCE_NOW = "NOW#"
PROVINCE_MONTH = "MONTH#"


def now_key(org: str) -> tuple[str, str]:
    """The item of an org's gauges."""
    return stats_key(org)[0], NOW_SK


def period_key(org: str, period: str) -> tuple[str, str]:
    """The item of an org's figures of one month ('2026-01')."""
    return stats_key(org)[0], PERIOD_SK + period


def province_now_key(org: str) -> tuple[str, str]:
    """The province's item of an org's monev gauges."""
    return PROVINCE_PK, PROVINCE_NOW + org


def province_month_key(org: str, month: str) -> tuple[str, str]:
    """The province's item of an org's monev figures of one month ('2026-01')."""
    return PROVINCE_PK, f"{PROVINCE_MONTH}{month}#{org}"


# The gauges and period figures are plain numbers on the counter items; one model declares them all, and
# inherits the `#DASHBOARD` counters so one BatchGet reads every counter item of an org.
CounterItem = register(type("CounterItem", (StatsItem,), {
    "__doc__": "A counter item of an org: its gauges (#NOW) or the figures of one period (PERIOD#...).",
    "__module__": __name__,
    **{name: NumberAttribute(null=True) for name in dict.fromkeys((*GAUGES, *PERIOD_FIGURES))},
}))


@register
class ProvinceCounterItem(Item):
    """A province item written before issue 15 (`#NOW`, `PERIOD#…`): every org's monev figures of one period
    or gauges now, as `{org}#{name}` attributes; read only by `split_province_items`.
    """

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
        province = monev_deltas(MONEV_GAUGES, gauges)
        if province:
            tx.add_counts(CounterItem(*province_now_key(org)), province)
    if figures:
        province = monev_deltas(MONEV_FIGURES, figures)
        month = periods(at)[1]
        tx.add_counts(CounterItem(*period_key(org, month)), figures)
        if province:
            tx.add_counts(CounterItem(*province_month_key(org, month)), province)


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


def _numbers(item: Item) -> dict[str, int]:
    return {k: int(v) for k, v in item.attribute_values.items() if isinstance(v, int | float)}


def read_province(period: str) -> tuple[dict[str, int], dict[str, int]]:
    """Every org's monev figures of `period` ('2026-01', or '2026': the sum of its months) and monev gauges now,
    as `{org}#{name}`: two Queries of the province's partition, whatever the number of orgs.
    """
    prefix = f"{PROVINCE_MONTH}{period}" + ("#" if len(period) > 4 else "-")
    figures: dict[str, int] = {}
    for item in CounterItem.query(PROVINCE_PK, CounterItem.sk.startswith(prefix)):
        org = item.sk.rsplit("#", 1)[1]
        for name, value in _numbers(item).items():
            figures[monev_attr(org, name)] = figures.get(monev_attr(org, name), 0) + value
    gauges = {monev_attr(item.sk.removeprefix(PROVINCE_NOW), name): value
              for item in CounterItem.query(PROVINCE_PK, CounterItem.sk.startswith(PROVINCE_NOW))
              for name, value in _numbers(item).items()}
    return figures, gauges


def split_province_items() -> int:
    """Move the province items written before issue 15 (`#NOW`, `PERIOD#…`: every org in one item) to one item
    per org, once: each in one transaction that ADDs every org's numbers and deletes the old item if it is still
    there (a second run, or a run beside live traffic, adds nothing twice). Returns the items moved.
    """
    moved = 0
    for old in ProvinceCounterItem.query(PROVINCE_PK):
        if old.sk != NOW_SK and not (old.sk.startswith(PERIOD_SK) and len(old.sk) == len(PERIOD_SK) + 7):
            continue  # a year (the sum of its months) is not moved: it is dropped
        per_org: dict[str, dict[str, int]] = {}
        for attr, value in old.numbers.items():
            org, name = attr.split("#", 1)
            per_org.setdefault(org, {})[name] = value
        tx = Transaction()
        for org, numbers in per_org.items():
            key = province_now_key(org) if old.sk == NOW_SK else province_month_key(org, old.sk[len(PERIOD_SK):])
            tx.add_counts(CounterItem(*key), numbers)
        tx.delete(ProvinceCounterItem(PROVINCE_PK, old.sk), condition=ProvinceCounterItem.pk.exists())
        tx.commit()
        moved += 1
    return moved
