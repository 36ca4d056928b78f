"""The hourly sweep notifies each disposition that passed its deadline, once (an injected clock, no sleeping)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from chalicelib import bootstrap
from chalicelib.adapters.disposition_repo import disposition_key
from chalicelib.domain.timefmt import now_wita
from tests.integration.public_support import accept, dispose, submit
from tests.support import count_aws_calls


@pytest.fixture
def made(api, province):
    incoming_id = accept(api, submit(api)["code"])["incoming_id"]
    return dispose(api, incoming_id, ["KABID-APTIKA", "SEKRETARIS"], "kadis.kominfo").json_body["items"]


def notifications(api, who):
    return [n for n in api.get("/notifications", as_user=who).json_body["items"] if n["type"] == "disposition.overdue"]


def test_nothing_is_overdue_before_the_deadline(api, made):
    assert bootstrap.container().dispositions.sweep_overdue(now_wita() + timedelta(days=2)) == {"orgs": 4,
                                                                                                  "notified": 0}
    assert notifications(api, "kabid.aptika") == []


def test_an_overdue_disposition_is_notified_to_its_recipient_and_sender_once(api, made, events):
    done = api.post(f"/dispositions/{made[1]['id']}/done", {"follow_up": "Selesai"}, as_user="sekretaris.kominfo")
    assert done.status_code == 200
    sweep = bootstrap.container().dispositions.sweep_overdue
    later = now_wita() + timedelta(days=4)

    assert sweep(later) == {"orgs": 4, "notified": 1}  # the one done in time is not overdue
    [to_recipient] = notifications(api, "kabid.aptika")
    assert to_recipient["record_id"] == made[0]["id"] and to_recipient["record_type"] == "disposition"
    assert [n["record_id"] for n in notifications(api, "kadis.kominfo")] == [made[0]["id"]]
    assert notifications(api, "sekretaris.kominfo") == []
    trail = bootstrap.container().audit_repo.trail(disposition_key(made[0]["id"])[0])
    assert [e.action for e in trail] == ["assigned", "overdue"] and trail[-1].actor == "system"

    assert sweep(later) == {"orgs": 4, "notified": 0}
    assert sweep(later + timedelta(days=1)) == {"orgs": 4, "notified": 0}
    assert len(notifications(api, "kabid.aptika")) == 1
    assert api.get(f"/dispositions/{made[0]['id']}", as_user="kabid.aptika").json_body["state"] == "read"


def test_the_sweep_publishes_disposition_overdue(api, made, events):
    from chalicelib.domain.events import Event
    from chalicelib.services import event_handlers

    seen = []
    reaction = event_handlers.on(Event.DISPOSITION_OVERDUE)(seen.append)
    try:
        events.pump()
        bootstrap.container().dispositions.sweep_overdue(now_wita() + timedelta(days=4))
        events.pump()
    finally:
        event_handlers._REACTIONS[Event.DISPOSITION_OVERDUE].remove(reaction)
    assert sorted(e["record_id"] for e in seen) == sorted(d["id"] for d in made)
    assert all(e["org"] == "DISKOMINFOS" and e["data"]["to_position"] in ("KABID-APTIKA", "SEKRETARIS") for e in seen)


def test_the_sweep_reads_one_query_for_the_orgs_and_one_per_org(made):
    with count_aws_calls() as calls:
        bootstrap.container().dispositions.sweep_overdue(now_wita() + timedelta(days=1))
    assert calls["dynamodb:Query"] == 1 + 4 and calls["dynamodb:Scan"] == 0
    assert calls["dynamodb:TransactWriteItems"] == 0


def test_the_scheduled_function_runs_the_sweep(made):
    import app

    scheduled = {"version": "0", "id": "e1", "detail-type": "Scheduled Event", "source": "aws.events",
                 "account": "123456789012", "time": "2026-01-01T00:00:00Z", "region": "ap-southeast-3",
                 "resources": ["arn:aws:events:ap-southeast-3:123456789012:rule/sweep"], "detail": {}}
    assert app.sweep_overdue(scheduled, None) == {"orgs": 4, "notified": 0}  # the deadlines are days away


def test_the_dashboard_counts_swept_overdue_dispositions_from_a_gauge_and_reads_only_what_fell_due_since(
        api, made, monkeypatch):
    from chalicelib.adapters import disposition_repo
    from chalicelib.services import archive

    later = now_wita() + timedelta(days=4)
    monkeypatch.setattr(archive, "now_wita", lambda: later)
    at = later.isoformat(timespec="seconds")

    def overdue() -> int:
        response = api.get("/dashboard", as_user="kadis.kominfo")
        assert response.status_code == 200, response.body
        return response.json_body["backlog"]["dispositions_overdue"]

    assert overdue() == 2 and disposition_repo.count_overdue_not_swept("DISKOMINFOS", at) == 2
    assert bootstrap.container().dispositions.sweep_overdue(later) == {"orgs": 4, "notified": 2}
    assert overdue() == 2 and disposition_repo.count_overdue_not_swept("DISKOMINFOS", at) == 0  # the gauge holds them
    assert bootstrap.container().disposition_repo.due_unnotified("DISKOMINFOS", at) == []  # nothing read to drop

    done = api.post(f"/dispositions/{made[1]['id']}/done", {"follow_up": "Selesai"}, as_user="sekretaris.kominfo")
    assert done.status_code == 200, done.body
    assert overdue() == 1
