"""The monthly move of an org's counters: the figures of the running month sit on its gauges item (one write per
transition), and once the month is over the daily schedule moves them to the month's own item — the dashboard and
monev read the same figures before, after, and while a month is on both items.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest

from chalicelib.adapters import monitoring_repo
from chalicelib.adapters.dynamo import Transaction
from chalicelib.adapters.monitoring_repo import PROVINCE_PK, CounterItem, now_key, period_key
from chalicelib.domain.identity import Principal, Role
from chalicelib.domain.monitoring import month_attr, months_to_move, periods
from chalicelib.domain.timefmt import WITA, iso, now_wita
from chalicelib.services import monitoring
from tests.integration.letters_flow import CHAIN, decide, draft, submit

pytestmark = pytest.mark.usefixtures("province")
ORG = "DISKOMINFOS"
ADMIN = Principal(username="admin", role=Role.ADMIN)


def next_month(moment: datetime) -> datetime:
    """00:05 WITA on the first day of the month after `moment`'s: when the schedule runs."""
    first = moment.astimezone(WITA).replace(day=1, hour=0, minute=5, second=0, microsecond=0)
    return (first + timedelta(days=32)).replace(day=1)


def read(moment: datetime, month: str) -> dict[str, Any]:
    """What the org's dashboard and the province's monev show of `month` (and its year) at `moment`."""
    board = monitoring.dashboard_figures(ORG, moment, month)
    line = next((row for row in monitoring.monev(ADMIN, month, moment)["orgs"] if row["org"] == ORG), None)
    year = next((row for row in monitoring.monev(ADMIN, month[:4], moment)["orgs"] if row["org"] == ORG), None)
    return {"month": board["month"], "year": board["year"], "backlog": board["backlog"], "monev": line,
            "monev_year": year}


def count(at: datetime, **figures: int) -> None:
    """Figures counted at `at`, as a transition writes them."""
    tx = Transaction()
    monitoring_repo.count(tx, ORG, iso(at), figures=figures)
    tx.commit()


def month_item(month: str) -> dict[str, int] | None:
    """The numbers of the org's item of `month`, if it has one."""
    found = list(CounterItem.batch_get([period_key(ORG, month)]))
    return found[0].numbers if found else None


def waiting(current: str) -> int:
    """(org, month) pairs of months before `current` still on the gauges items: what a run has to move."""
    return sum(len(months_to_move(item.numbers, current))
               for item in CounterItem.query(PROVINCE_PK, CounterItem.sk.startswith("NOW#")))


def on_now(month: str) -> dict[str, int]:
    """The figures of `month` still on the org's gauges item."""
    numbers = CounterItem.get(*now_key(ORG)).numbers
    return {attr: value for attr, value in numbers.items() if attr.endswith("@" + month)}


def test_a_month_moves_to_its_own_item_after_it_ends_and_reads_the_same(api):
    signed = draft(api)
    submit(api, signed["id"])
    for who, _ in CHAIN:
        assert decide(api, who, signed["id"]).status_code == 200
    draft(api)
    moment = now_wita()
    month = periods(moment)[1]
    later = next_month(moment)
    following = periods(later)[1]
    count(later, letters_drafted=1)  # the next month has begun before the schedule runs
    before = {m: read(later, m) for m in (month, following)}
    assert before[month]["month"]["throughput"]["letters_signed"] == 1
    assert before[month]["monev"]["letters_drafted"] == 2 and before[following]["monev"]["letters_drafted"] == 1
    assert on_now(month) and month_item(month) is None

    moves = waiting(following)
    assert moves >= 2  # the org's, and those of the orgs the letter went to
    assert monitoring.roll_months(later) == {"moved": moves, "left": 0}

    assert {m: read(later, m) for m in (month, following)} == before
    assert on_now(month) == {} and on_now(following) == {month_attr("letters_drafted", following): 1}
    assert month_item(month)["letters_signed"] == 1
    assert monitoring.roll_months(later) == {"moved": 0, "left": 0}  # a second run moves nothing
    assert {m: read(later, m) for m in (month, following)} == before


def test_a_late_figure_of_a_moved_month_is_read_once_from_both_items_then_moved_too(api):
    moment = now_wita()
    month, later = periods(moment)[1], next_month(moment)
    count(moment, letters_drafted=2)
    assert monitoring.roll_months(later)["moved"] >= 1
    count(moment, letters_drafted=1)  # a transition of the old month committed after the move
    assert month_item(month)["letters_drafted"] == 2 and on_now(month)
    assert read(later, month)["month"]["throughput"]["letters_drafted"] == 3
    assert read(later, month)["monev"]["letters_drafted"] == 3
    assert monitoring.roll_months(later) == {"moved": 1, "left": 0}
    assert read(later, month)["month"]["throughput"]["letters_drafted"] == 3
    assert read(later, month)["monev_year"]["letters_drafted"] == 3


def test_a_run_that_read_before_a_write_leaves_the_month_for_the_next_run(api, monkeypatch):
    moment = now_wita()
    month, later = periods(moment)[1], next_month(moment)
    count(moment, letters_drafted=2)
    stale = list(CounterItem.query(PROVINCE_PK, CounterItem.sk == now_key(ORG)[1]))  # what an overlapping run read
    count(moment, letters_drafted=1)
    with monkeypatch.context() as patched:
        patched.setattr(CounterItem, "query", lambda *_args, **_kw: iter(stale))
        assert monitoring.roll_months(later) == {"moved": 0, "left": 1}
    assert read(later, month)["month"]["throughput"]["letters_drafted"] == 3
    assert monitoring.roll_months(later) == {"moved": 1, "left": 0}
    assert monitoring.roll_months(later) == {"moved": 0, "left": 0}
    assert read(later, month)["month"]["throughput"]["letters_drafted"] == 3


def test_the_scheduled_function_moves_last_month_s_figures(api):
    from app import roll_month_counters
    from infra.event_pump import scheduled_event

    last_month = now_wita().replace(day=1) - timedelta(days=1)
    count(last_month, letters_signed=1)
    assert roll_month_counters(scheduled_event("roll-month-counters"), None) == {"moved": 1, "left": 0}
    assert month_item(periods(last_month)[1]) == {"letters_signed": 1}
