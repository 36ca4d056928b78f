"""GET /monev: the province's monitoring and evaluation — every org side by side from the province's counters,
moved by the same transactions as each org's dashboard, read in two Queries whatever the number of orgs.
"""

from __future__ import annotations

from typing import Any

import pytest
from pynamodb.attributes import NumberAttribute

from chalicelib.adapters import monitoring_repo
from chalicelib.adapters.monitoring_repo import PROVINCE_PK, CounterItem
from chalicelib.adapters.receipt_repo import ReceiptRepository
from chalicelib.domain.monitoring import OVERDUE_GAUGE
from chalicelib.domain.timefmt import now_wita
from chalicelib.services.monitoring import dashboard_figures
from tests.conftest import Api, assert_error
from tests.integration.letters_flow import CHAIN, decide, draft, submit
from tests.integration.public_support import accept
from tests.integration.public_support import submit as send_submission
from tests.support import count_aws_calls

pytestmark = pytest.mark.usefixtures("province")


def monev(api: Api, who: str = "admin", period: str | None = None) -> dict[str, Any]:
    response = api.get(f"/monev?period={period}" if period else "/monev", as_user=who)
    assert response.status_code == 200, response.body
    return response.json_body


def row(figures: dict[str, Any], org: str) -> dict[str, Any]:
    return next(line for line in figures["orgs"] if line["org"] == org)


def test_the_province_sees_each_org_s_letters_and_answered_submissions_side_by_side(api):
    signed = draft(api)
    submit(api, signed["id"])
    for who, _ in CHAIN:
        assert decide(api, who, signed["id"]).status_code == 200
    draft(api)  # a second draft, not signed
    accept(api, send_submission(api)["code"])

    now = now_wita()
    figures = monev(api)
    assert figures["period"] == f"{now.year:04d}-{now.month:02d}"
    kominfo = row(figures, "DISKOMINFOS")
    assert kominfo | {"signing_average_seconds": None} == {
        "org": "DISKOMINFOS", "letters_drafted": 2, "letters_signed": 1, "signing_average_seconds": None,
        "submissions_answered": 1, "submissions_answered_on_time": 1, "answered_on_time_percent": 100,
        "dispositions_open": 0, "dispositions_overdue": 0}
    assert kominfo["signing_average_seconds"] is not None
    assert row(monev(api, "inspektur", str(now.year)), "DISKOMINFOS") | {"signing_average_seconds": None} == \
        kominfo | {"signing_average_seconds": None}  # the year holds the month
    assert monev(api, period=f"{now.year - 1:04d}-01")["orgs"] == []


def test_monev_is_two_queries_of_the_province_counters(api):
    draft(api)
    api.token("admin")
    for period in (None, str(now_wita().year)):
        with count_aws_calls() as calls:
            monev(api, period=period)
        assert dict(calls) == {"dynamodb:Query": 2}


def _old_item(pk: str, sk: str, numbers: dict[str, int]) -> None:
    CounterItem(pk, sk).save()
    CounterItem(pk, sk).update(actions=[NumberAttribute(attr_name=a).add(n) for a, n in numbers.items()])


def test_counter_items_of_a_table_deployed_before_move_once_and_keep_their_figures(api):
    moment = now_wita()
    month = f"{moment.year:04d}-{moment.month:02d}"
    assert dashboard_figures("SETDA", moment)["letters_in_review"] == 0 and not _listed(api, "SETDA")
    # as deployed before: the org's own items (its whole history) and the province's copies of its monev numbers
    _old_item("STATS#SETDA", "#NOW", {"letters_in_review": 2, "dispositions_open": 3, OVERDUE_GAUGE: 1})
    _old_item("STATS#SETDA", f"PERIOD#{month}", {"letters_signed": 2, "incoming_registered": 4})
    _old_item("STATS#SETDA", f"PERIOD#{moment.year}", {"letters_signed": 2})  # a year item: not moved
    _old_item("UNREAD#SETDA#*", "#UNREAD", {"incoming": 5})
    _old_item(PROVINCE_PK, "#NOW", {"SETDA#dispositions_open": 3, f"SETDA#{OVERDUE_GAUGE}": 1})
    _old_item(PROVINCE_PK, f"PERIOD#{month}", {"SETDA#letters_signed": 1})  # copied only since monev existed
    assert monitoring_repo.migrate_counters() == (3, 2)
    assert monitoring_repo.migrate_counters() == (0, 0)  # nothing moved twice
    line = row(monev(api), "SETDA")
    assert (line["letters_signed"], line["dispositions_open"], line["dispositions_overdue"]) == (2, 3, 1)
    figures = dashboard_figures("SETDA", moment)
    assert (figures["letters_in_review"], figures["backlog"]["dispositions_open"]) == (2, 3)
    assert figures["month"]["throughput"]["letters_signed"] == 2
    assert figures["month"]["throughput"]["incoming_registered"] == 4
    assert ReceiptRepository().unread("SETDA", None) == ({}, {"incoming": 5})


def _listed(api: Api, org: str) -> bool:
    return any(line["org"] == org for line in monev(api)["orgs"])


@pytest.mark.parametrize("who", ["admin.kominfo", "kadis.kominfo", "operator.kominfo", "warga"])
def test_monev_is_for_the_province_admin_and_the_auditor_only(api, who):
    assert_error(api.get("/monev", as_user=who), 403, "forbidden")


def test_monev_needs_a_sign_in_and_a_valid_period(api):
    assert_error(api.get("/monev"), 401, "unauthenticated")
    for period in ("2026-13", "3000", "3000-01", "20-01"):
        assert_error(api.get(f"/monev?period={period}", as_user="inspektur"), 400, "validation_error")
