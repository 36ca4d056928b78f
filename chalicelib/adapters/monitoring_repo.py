"""Monitoring counters in DynamoDB, moved inside the transaction that moves the state they count
(rules: domain/monitoring.py). Keys: docs/data-model.md.

An org's counters sit in the province's partition `MONEV#PROVINCE`, one small item each, read by the org's
dashboard by key and by the province view (monev: every org side by side) with two Queries of the partition:
  `NOW#{org}`                  gauges: the backlog now (letters in review and by level, submissions awaiting
                               verification or returned, incoming letters by state, open and overdue dispositions)
                               and the org's own unread counts (`incoming_unread`: its register, receipt_repo.py);
                               and the figures of the month still running, one number per figure and month
                               (`letters_signed@2026-11`)
  `MONTH#{yyyy}-{mm}#{org}`    throughput and turnaround (count, total seconds) of a past WITA month, moved there
                               from `NOW#{org}` after the month ended (`roll_months`, a daily schedule); a year's
                               figures are the sum of its months, read in the same BatchGet or Query
A month's figures are its `MONTH#` item (if any) plus what `NOW#{org}` still holds of it: a reader adds both, so
a month read before or after its move (or after a late write that put figures of it back on `NOW#`) shows the
same numbers; the move is one transaction per org and month, so no figure is ever on both items (a BatchGet
racing it to the millisecond may still see one item before and one after: docs/data-model.md).
So a transition writes one counter item whatever it moves and whatever the number of orgs.
`STATS#{org}` / `#DASHBOARD` keeps the paperless pages and signed letters since the start (adapters/archive_repo.py).
Overdue dispositions are counted live from their deadline markers (`DUE#{org}`, disposition_repo.count_overdue).

Before issue 15 an org's items were `STATS#{org}` / `#NOW` and `PERIOD#{yyyy}-{mm}` and its unread register count
`UNREAD#{org}#*`, and the province kept copies of their monev numbers, every org in one item (`#NOW`, `PERIOD#…`);
`migrate_counters` moves a deployed table's items to this layout (docs/deploy.md). `MONTH#` items written before the
month's figures moved onto `NOW#` stay as they are: they are the moved months.
"""

from __future__ import annotations

import operator
from collections.abc import Mapping
from decimal import Decimal
from functools import reduce
from typing import Any

from pynamodb.exceptions import TransactWriteError
from pynamodb.expressions.operand import Path

from chalicelib.adapters.archive_repo import stats_key
from chalicelib.adapters.dynamo import Item, Transaction, register
from chalicelib.adapters.org_items import ORGS_INDEX_PK, OrgItem
from chalicelib.domain.monitoring import (
    MONEV_FIGURES,
    MONEV_GAUGES,
    Kind,
    in_period,
    monev_attr,
    month_attr,
    months_to_move,
    periods,
    split_now,
    transition,
)
from chalicelib.domain.receipts import UnreadBox

NOW_SK = "#NOW"
PERIOD_SK = "PERIOD#"
PROVINCE_PK = "MONEV#PROVINCE"
PROVINCE_NOW = "NOW#"
PROVINCE_MONTH = "MONTH#"
UNREAD_OF_ORG = {UnreadBox.INCOMING.value: "incoming_unread"}  # the org's own unread counts, on NOW#{org}
# A move that meets a concurrent writer of the gauges item leaves that month for the next run.
NOT_NOW = ("ConditionalCheckFailed", "TransactionConflict")


def now_key(org: str) -> tuple[str, str]:
    """The item of an org's gauges and running month's figures (in the province's partition)."""
    return PROVINCE_PK, PROVINCE_NOW + org


def period_key(org: str, period: str) -> tuple[str, str]:
    """The item of an org's figures of one past month ('2026-01'), in the province's partition."""
    return PROVINCE_PK, f"{PROVINCE_MONTH}{period}#{org}"


@register
class CounterItem(Item):
    """A counter item with every number it holds (`numbers`): an org's gauges (NOW#{org}), the figures of a month
    (MONTH#...), its #DASHBOARD counters, or an item of the layout before issue 15 (read by `migrate_counters`).
    Its numbers are named freely (figures carry their month), so none is declared: writers ADD them by name.
    """

    numbers: dict[str, int]

    @classmethod
    def _instantiate(cls, attribute_values: dict[str, dict[str, Any]]) -> CounterItem:
        instance = super()._instantiate(attribute_values)
        instance.numbers = {name: int(Decimal(value["N"])) for name, value in attribute_values.items()
                            if "N" in value}
        return instance


def count(tx: Transaction, org: str, at: str, *, gauges: Mapping[str, int] | None = None,
          figures: Mapping[str, int] | None = None) -> None:
    """Add gauge deltas and period figures (counted in the WITA month of `at`) to `tx`: one item for both."""
    month = periods(at)[1]
    deltas = {**(gauges or {}), **{month_attr(name, month): delta for name, delta in (figures or {}).items()}}
    if deltas:
        tx.add_counts(CounterItem(*now_key(org)), deltas)


def count_org_unread(tx: Transaction, org: str, box: UnreadBox, delta: int) -> None:
    """ADD `delta` to the org's own unread count of `box` (its register), on its gauges item, in `tx`."""
    tx.add_counts(CounterItem(*now_key(org)), {UNREAD_OF_ORG[box.value]: delta})


def count_transition(tx: Transaction, kind: Kind, org: str, from_state: str | None, to_state: str | None,
                     at: str, started: str | None = None) -> None:
    """Move the counters of a record of `kind` going from one state to another at `at` (in `tx`)."""
    gauges, figures = transition(kind, from_state, to_state, started, at)
    count(tx, org, at, gauges=gauges, figures=figures)


def _add(total: dict[str, int], figures: Mapping[str, int]) -> dict[str, int]:
    for name, value in figures.items():
        total[name] = total.get(name, 0) + value
    return total


def read(org: str, month: str, months: list[str]) -> dict[str, dict[str, int]]:
    """Every counter item the dashboard shows — #DASHBOARD, the gauges (with the figures of months not yet moved),
    the chosen month's and each of `months` (its year up to now) — in one BatchGet (at most 14 items): "now" holds
    the gauges, each month its item's figures plus those still on the gauges item, "year" the sum of `months`.
    """
    keys = {"#DASHBOARD": stats_key(org), "now": now_key(org),
            **{period: period_key(org, period) for period in (month, *months)}}
    found = {(item.pk, item.sk): item.numbers
             for item in CounterItem.batch_get(list(dict.fromkeys(keys.values())))}
    result = {name: dict(found.get(key, {})) for name, key in keys.items()}
    result["now"], running = split_now(result["now"])
    for period in (month, *months):
        result[period] = _add(dict(found.get(period_key(org, period), {})), running.get(period, {}))
    result["year"] = reduce(_add, (result[m] for m in months), {})
    return result


def _only(numbers: Mapping[str, int], names: tuple[str, ...]) -> dict[str, int]:
    return {name: value for name, value in numbers.items() if name in names}


def read_province(period: str) -> tuple[dict[str, int], dict[str, int]]:
    """Every org's monev figures of `period` ('2026-01', or '2026': the sum of its months) and monev gauges now,
    as `{org}#{name}`: two Queries of the province's partition (its past months' items, and the gauges items with
    the months not yet moved), whatever the number of orgs.
    """
    prefix = f"{PROVINCE_MONTH}{period}" + ("#" if len(period) > 4 else "-")
    figures: dict[str, int] = {}
    for item in CounterItem.query(PROVINCE_PK, CounterItem.sk.startswith(prefix)):
        org = item.sk.rsplit("#", 1)[1]
        _add(figures, {monev_attr(org, n): v for n, v in _only(item.numbers, MONEV_FIGURES).items()})
    gauges: dict[str, int] = {}
    for item in CounterItem.query(PROVINCE_PK, CounterItem.sk.startswith(PROVINCE_NOW)):
        org = item.sk.removeprefix(PROVINCE_NOW)
        now, running = split_now(item.numbers)
        gauges.update({monev_attr(org, n): v for n, v in _only(now, MONEV_GAUGES).items()})
        for month, numbers in running.items():
            if in_period(month, period):
                _add(figures, {monev_attr(org, n): v for n, v in _only(numbers, MONEV_FIGURES).items()})
    return figures, gauges


def roll_months(current: str) -> dict[str, int]:
    """Move each org's figures of the months before `current` ('2026-12', WITA) from its gauges item to its month
    items: one Query of the gauges items, then per org and month one transaction that ADDs them to `MONTH#…` and
    REMOVEs them from `NOW#…` on condition they still hold the values read. A rerun, an overlapping run or a
    writer in between moves nothing twice: a month whose numbers changed since the read is left for the next run.
    Returns the (org, month) moved and left.
    """
    moved = left = 0
    for item in CounterItem.query(PROVINCE_PK, CounterItem.sk.startswith(PROVINCE_NOW)):
        org = item.sk.removeprefix(PROVINCE_NOW)
        for month, figures in months_to_move(item.numbers, current).items():
            attrs = {month_attr(name, month): value for name, value in figures.items()}
            tx = Transaction()
            if any(figures.values()):
                tx.add_counts(CounterItem(*period_key(org, month)), figures)
            tx.update(CounterItem(*now_key(org)), [Path([attr]).remove() for attr in attrs],
                      condition=reduce(operator.and_, (Path([attr]) == value for attr, value in attrs.items())))
            try:
                tx.commit()
            except TransactWriteError as exc:
                if not any(r is not None and r.code in NOT_NOW for r in exc.cancellation_reasons or []):
                    raise
                left += 1
                continue
            moved += 1
    return {"moved": moved, "left": left}


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
            for pk in (f"STATS#{org.code}", f"UNREAD#{org.code}#*") for old in CounterItem.query(pk)]
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
        tx.delete(CounterItem(old.pk, old.sk), condition=CounterItem.pk.exists())
        tx.commit()
        moved += 1
    return moved


def drop_province_items() -> int:
    """Delete the province items of the layouts before this one (`#NOW`, `PERIOD#…`: every org's monev numbers
    in one item; copies of the org's own, which `merge_org_counters` moves). Returns the items deleted.
    """
    olds = [*CounterItem.query(PROVINCE_PK, CounterItem.sk.startswith(PERIOD_SK)),
            *CounterItem.query(PROVINCE_PK, CounterItem.sk == NOW_SK)]
    for old in olds:
        old.delete()
    return len(olds)


def migrate_counters() -> tuple[int, int]:
    """Every move of counter items a table deployed before issue 15 needs: (org items merged, province copies
    dropped); running it again moves nothing.
    """
    return merge_org_counters(), drop_province_items()
