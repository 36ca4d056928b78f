"""Monitoring counters in DynamoDB, moved inside the transaction that moves the state they count
(rules: domain/monitoring.py). Keys: docs/data-model.md.

An org's counters sit in the province's partition `MONEV#PROVINCE`, one small item each, read by the org's
dashboard by key and by the province view (monev: every org side by side) with two Queries of the partition:
  `NOW#{org}`                  gauges: the backlog now (letters in review and by level, submissions awaiting
                               verification or returned, incoming letters by state, open and overdue dispositions)
                               and the org's own unread counts (`incoming_unread`: its register, receipt_repo.py)
  `MONTH#{yyyy}-{mm}#{org}`    throughput and turnaround (count, total seconds) of a WITA month; a year's figures
                               are the sum of its months, read in the same BatchGet or Query
`STATS#{org}` / `#DASHBOARD` keeps the paperless pages and signed letters since the start (adapters/archive_repo.py).
Overdue dispositions are counted live from their deadline markers (`DUE#{org}`, disposition_repo.count_overdue).
So a transition writes at most one gauges item and one month item whatever the number of orgs, and a write costs
the same at 3 orgs or 60.

Before issue 15 an org's items were `STATS#{org}` / `#NOW` and `PERIOD#{yyyy}-{mm}` and its unread register count
`UNREAD#{org}#*`, and the province kept copies of their monev numbers, every org in one item (`#NOW`, `PERIOD#…`);
`migrate_counters` moves a deployed table's items to this layout (docs/deploy.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from pynamodb.attributes import NumberAttribute

from chalicelib.adapters.archive_repo import StatsItem, stats_key
from chalicelib.adapters.dynamo import Item, Transaction, register
from chalicelib.adapters.org_items import ORGS_INDEX_PK, OrgItem
from chalicelib.domain.monitoring import (
    GAUGES,
    MONEV_FIGURES,
    MONEV_GAUGES,
    PERIOD_FIGURES,
    Kind,
    monev_attr,
    periods,
    transition,
)
from chalicelib.domain.receipts import UnreadBox

NOW_SK = "#NOW"
PERIOD_SK = "PERIOD#"
PROVINCE_PK = "MONEV#PROVINCE"
PROVINCE_NOW = "NOW#"
PROVINCE_MONTH = "MONTH#"
UNREAD_OF_ORG = {UnreadBox.INCOMING.value: "incoming_unread"}  # the org's own unread counts, on NOW#{org}


def now_key(org: str) -> tuple[str, str]:
    """The item of an org's gauges (in the province's partition)."""
    return PROVINCE_PK, PROVINCE_NOW + org


def period_key(org: str, period: str) -> tuple[str, str]:
    """The item of an org's figures of one month ('2026-01'), in the province's partition."""
    return PROVINCE_PK, f"{PROVINCE_MONTH}{period}#{org}"


province_now_key = now_key
province_month_key = period_key


# The gauges and period figures are plain numbers on the counter items; one model declares them all, and
# inherits the `#DASHBOARD` counters so one BatchGet reads every counter item of an org.
CounterItem = register(type("CounterItem", (StatsItem,), {
    "__doc__": "A counter item of an org: its gauges (NOW#{org}) or the figures of one month (MONTH#...).",
    "__module__": __name__,
    **{name: NumberAttribute(null=True) for name in dict.fromkeys((*GAUGES, *PERIOD_FIGURES,
                                                                     *UNREAD_OF_ORG.values()))},
}))


@register
class ProvinceCounterItem(Item):
    """A counter item of the layout before issue 15, with every number it holds: an org's `STATS#{org}` / `#NOW`,
    `PERIOD#…` or `UNREAD#{org}#*`, or a province copy (`#NOW`, `PERIOD#…`); read only by `migrate_counters`.
    """

    @classmethod
    def _instantiate(cls, attribute_values: dict[str, dict[str, Any]]) -> ProvinceCounterItem:
        instance = super()._instantiate(attribute_values)
        instance.numbers = {name: int(Decimal(value["N"])) for name, value in attribute_values.items()
                            if "N" in value}
        return instance


def count(tx: Transaction, org: str, at: str, *, gauges: Mapping[str, int] | None = None,
          figures: Mapping[str, int] | None = None) -> None:
    """Add gauge deltas and period figures (counted in the WITA month of `at`) to `tx`: one item each."""
    if gauges:
        tx.add_counts(CounterItem(*now_key(org)), gauges)
    if figures:
        tx.add_counts(CounterItem(*period_key(org, periods(at)[1])), figures)


def count_org_unread(tx: Transaction, org: str, box: UnreadBox, delta: int) -> None:
    """ADD `delta` to the org's own unread count of `box` (its register), on its gauges item, in `tx`."""
    tx.add_counts(CounterItem(*now_key(org)), {UNREAD_OF_ORG[box.value]: delta})


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
    """Every counter item the dashboard shows — #DASHBOARD, the gauges, the chosen month and each month of `months`
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


def _numbers(item: Item, names: tuple[str, ...] | None = None) -> dict[str, int]:
    return {k: int(v) for k, v in item.attribute_values.items()
            if isinstance(v, int | float) and (names is None or k in names)}


def read_province(period: str) -> tuple[dict[str, int], dict[str, int]]:
    """Every org's monev figures of `period` ('2026-01', or '2026': the sum of its months) and monev gauges now,
    as `{org}#{name}`: two Queries of the province's partition, whatever the number of orgs.
    """
    prefix = f"{PROVINCE_MONTH}{period}" + ("#" if len(period) > 4 else "-")
    figures: dict[str, int] = {}
    for item in CounterItem.query(PROVINCE_PK, CounterItem.sk.startswith(prefix)):
        org = item.sk.rsplit("#", 1)[1]
        for name, value in _numbers(item, MONEV_FIGURES).items():
            figures[monev_attr(org, name)] = figures.get(monev_attr(org, name), 0) + value
    gauges = {monev_attr(item.sk.removeprefix(PROVINCE_NOW), name): value
              for item in CounterItem.query(PROVINCE_PK, CounterItem.sk.startswith(PROVINCE_NOW))
              for name, value in _numbers(item, MONEV_GAUGES).items()}
    return figures, gauges


def merge_org_counters() -> int:
    """Move each org's counter items of the layouts before this one (`STATS#{org}` / `#NOW` and
    `PERIOD#{yyyy}-{mm}`, and its unread register count `UNREAD#{org}#*`) into its items of the province's
    partition, once: each in one transaction that ADDs all its numbers to the new item and deletes the old one if
    it is still there (a second run, or a run beside live traffic, adds nothing twice). The org's items hold its
    whole history, the province's copies of their monev numbers only since they existed: `drop_province_items`
    deletes those. Per org (one Query of gsi1 `ORGS`) one Query of each of its two partitions. Returns the items
    moved.
    """
    moved = 0
    olds = [old for org in OrgItem.by_gsi1.query(ORGS_INDEX_PK)
            for pk in (f"STATS#{org.code}", f"UNREAD#{org.code}#*") for old in ProvinceCounterItem.query(pk)]
    for old in olds:
        if old.pk.startswith("UNREAD#"):
            key, numbers = now_key(old.pk[len("UNREAD#"):-2]), {
                UNREAD_OF_ORG[name]: value for name, value in old.numbers.items() if name in UNREAD_OF_ORG}
        elif old.sk == NOW_SK:
            key, numbers = now_key(old.pk[len("STATS#"):]), old.numbers
        elif old.sk.startswith(PERIOD_SK) and len(old.sk) == len(PERIOD_SK) + 7:
            key, numbers = period_key(old.pk[len("STATS#"):], old.sk[len(PERIOD_SK):]), old.numbers
        else:
            continue  # the paperless counters stay; a year item (the sum of its months) is not moved
        tx = Transaction()
        if any(numbers.values()):
            tx.add_counts(CounterItem(*key), numbers)
        tx.delete(ProvinceCounterItem(old.pk, old.sk), condition=ProvinceCounterItem.pk.exists())
        tx.commit()
        moved += 1
    return moved


def drop_province_items() -> int:
    """Delete the province items of the layouts before this one (`#NOW`, `PERIOD#…`: every org's monev numbers
    in one item; copies of the org's own, which `merge_org_counters` moves). Returns the items deleted.
    """
    olds = [*ProvinceCounterItem.query(PROVINCE_PK, ProvinceCounterItem.sk.startswith(PERIOD_SK)),
            *ProvinceCounterItem.query(PROVINCE_PK, ProvinceCounterItem.sk == NOW_SK)]
    for old in olds:
        old.delete()
    return len(olds)


def migrate_counters() -> tuple[int, int]:
    """Every move of counter items a table deployed before issue 15 needs: (org items merged, province copies
    dropped); running it again moves nothing.
    """
    return merge_org_counters(), drop_province_items()
