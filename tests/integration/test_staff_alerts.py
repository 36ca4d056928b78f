"""Staff alerts by e-mail: an approval request reaches the reviewer with a link, quiet hours hold it, preferences
turn it off, a repeated run sends nothing twice, and the morning digest lists what waits (injected clock)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from chalicelib import bootstrap
from chalicelib.adapters.notification_repo import ALERTS_DUE_PK, NotificationItem
from chalicelib.adapters.staff_alert_repo import alert_of
from chalicelib.domain.timefmt import WITA, now_wita
from tests.conftest import assert_error
from tests.integration.letters_flow import await_step, draft, submit
from tests.integration.public_support import accept, dispose, emails
from tests.integration.public_support import submit as submit_public
from tests.support import count_aws_calls

BASE = "https://kantor.example.go.id"
REVIEWER_MAIL = ["kasi.layanan@baliprov.go.id"]


def at(days: int, hour: int) -> datetime:
    """`hour` o'clock WITA, `days` from today (after the notifications written now)."""
    return datetime.combine((now_wita() + timedelta(days=days)).date(), datetime.min.time(), WITA).replace(hour=hour)


def deliver(moment: datetime) -> dict[str, int]:
    return bootstrap.container().staff_alerts.deliver_due(moment)


def mails_to(address: list[str]) -> list[dict[str, str]]:
    return [m for m in emails() if m["to"] == address]


@pytest.fixture
def requested(api, province) -> str:
    """A letter submitted by staf.kominfo, waiting for kasi.layanan's paraf."""
    letter = draft(api)
    submit(api, letter["id"])
    await_step(api, "kasi.layanan", letter["id"])
    return str(letter["id"])


def test_an_approval_request_reaches_the_reviewer_by_email_with_a_link_once_even_if_triggered_again(requested,
                                                                                                   monkeypatch):
    with count_aws_calls() as calls:
        assert deliver(at(1, 10))["sent"] == 1
    [mail] = mails_to(REVIEWER_MAIL)
    assert mail["subject"] == "[Kantor Virtual] Permintaan paraf"
    assert f"Buka: {BASE}/surat/{requested}" in mail["body"]
    assert calls["ses:SendEmail"] == 1
    assert deliver(at(1, 10)) == {"sent": 0, "held": 0, "failed": 0}  # taken out of what is due
    [item] = [i for i in NotificationItem.query("NOTIF#pos:DISKOMINFOS:KASI-LAYANAN")]
    assert item.gsi3pk is None and item.title == "Permintaan paraf"  # still in the app
    assert not [i for i in NotificationItem.due.query(ALERTS_DUE_PK) if i.id == item.id]
    repo = bootstrap.container().staff_alerts.alert_repo
    stale = alert_of(item)  # as a run that read the due index before an overlapping one took the alert out
    monkeypatch.setattr(repo, "due", lambda now, limit: [stale])
    taken = []
    monkeypatch.setattr(repo, "take", lambda alert, take=repo.take: taken.append(take(alert)) or taken[-1])
    assert deliver(at(1, 10)) == {"sent": 0, "held": 0, "failed": 0}
    assert taken == [False]
    assert len(mails_to(REVIEWER_MAIL)) == 1


def test_quiet_hours_hold_the_message_until_they_end(requested):
    assert deliver(at(1, 22)) == {"sent": 0, "held": 1, "failed": 0}
    assert deliver(at(2, 5)) == {"sent": 0, "held": 0, "failed": 0}
    assert mails_to(REVIEWER_MAIL) == []
    assert deliver(at(2, 6))["sent"] == 1
    assert len(mails_to(REVIEWER_MAIL)) == 1
    assert deliver(at(2, 7))["sent"] == 0


def test_a_kind_turned_off_sends_nothing_but_stays_in_the_app(api, requested):
    response = api.call("PUT", "/me/notification-preferences", as_user="kasi.layanan",
                        body={"channels": {"approval": []}})
    assert response.status_code == 200, response.body
    assert response.json_body["channels"]["approval"] == []
    assert deliver(at(1, 10))["sent"] == 0
    assert mails_to(REVIEWER_MAIL) == []
    assert [n["record_id"] for n in api.get("/notifications", as_user="kasi.layanan").json_body["items"]] == [requested]


def test_preferences_default_change_and_refuse_bad_input(api, province):
    got = api.get("/me/notification-preferences", as_user="kabid.aptika")
    assert got.status_code == 200
    assert got.json_body == {"channels": {k: ["email"] for k in ("approval", "disposition", "incoming", "letter")},
                             "quiet_hours": {"start": "21:00", "end": "06:00"}, "digest": True}
    new = {"channels": {"approval": ["email", "sms"]}, "quiet_hours": {"start": "22:00", "end": "05:00"},
           "digest": False}
    assert api.call("PUT", "/me/notification-preferences", as_user="kabid.aptika", body=new).status_code == 200
    again = api.get("/me/notification-preferences", as_user="kabid.aptika").json_body
    assert again["channels"]["approval"] == ["email", "sms"] and again["digest"] is False
    assert again["quiet_hours"] == {"start": "22:00", "end": "05:00"}
    put = lambda body, who="kabid.aptika": api.call("PUT", "/me/notification-preferences", as_user=who, body=body)  # noqa: E731
    assert_error(put({"quiet_hours": {"start": "21:30", "end": "06:00"}}), 400, field="quiet_hours.start")
    assert_error(put({"channels": {"approval": ["whatsapp"]}}), 400)
    assert_error(put({"digest": False}, who="warga"), 403)
    assert_error(api.get("/me/notification-preferences"), 401)


def test_the_morning_digest_lists_what_waits_for_a_leader_once_a_day(api, province):
    incoming_id = accept(api, submit_public(api)["code"])["incoming_id"]
    [disposition] = dispose(api, incoming_id, ["KABID-APTIKA"], "kadis.kominfo").json_body["items"]
    letter = draft(api, who="kasi.layanan")  # kasi → kabid → kadis: kabid.aptika reviews first
    submit(api, letter["id"], who="kasi.layanan")
    await_step(api, "kabid.aptika", letter["id"])
    morning = at(1, 7)
    with count_aws_calls() as calls:
        result = bootstrap.container().staff_digest.send_all(morning)
    assert calls["dynamodb:Scan"] == 0
    [mail] = mails_to(["kabid.aptika@baliprov.go.id"])
    assert "1 paraf, 1 disposisi belum dibaca, 0 terlambat" in mail["subject"]
    assert f"{BASE}/surat/{letter['id']}" in mail["body"] and f"{BASE}/disposisi/{disposition['id']}" in mail["body"]
    assert result["sent"] >= 1
    assert bootstrap.container().staff_digest.send_all(morning)["sent"] == 0  # once per person and day
