"""Staff alerts by e-mail: an approval request reaches the reviewer with a link, quiet hours hold it, preferences
turn it off, repeated or overlapping runs send nothing twice, a crashed run sends nothing again (at most once), a
copy notified late is still sent, and the morning digest lists what waits (injected clock)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from chalicelib import bootstrap
from chalicelib.adapters import notification_repo
from chalicelib.adapters.notification_repo import ALERTS_DUE_PK, NotificationItem
from chalicelib.domain.staff_alerts import DUE_LAG
from chalicelib.domain.timefmt import WITA, iso, now_wita
from tests.conftest import assert_error
from tests.integration.letters_flow import await_step, draft, submit
from tests.integration.public_support import accept, dispose, emails
from tests.integration.public_support import submit as submit_public
from tests.support import calls_to, count_aws_calls

BASE = "https://kantor.example.go.id"
REVIEWER_MAIL = ["kasi.layanan@baliprov.go.id"]


def at(days: int, hour: int) -> datetime:
    """`hour` o'clock WITA, `days` from today (after the notifications written now)."""
    return datetime.combine((now_wita() + timedelta(days=days)).date(), datetime.min.time(), WITA).replace(hour=hour)


def deliver(moment: datetime) -> dict[str, int]:
    return bootstrap.container().staff_alerts.deliver_due(moment)


def mails_to(address: list[str]) -> list[dict[str, str]]:
    return [m for m in emails() if m["to"] == address]


def notify_reviewer(key: str, at_: str | None = None) -> None:
    """A copy's notification to kasi.layanan's seat (written once for `key`, as a letter's fan-out writes it),
    pointing at letter `key`."""
    assert bootstrap.container().notification_repo.add_once(
        "pos:DISKOMINFOS:KASI-LAYANAN", key, at_ or iso(now_wita()), type="letter.received", title="Surat masuk",
        body="Uji", record_type="letter", record_id=key)


def writes(calls: dict[str, int]) -> int:
    return sum(calls[f"dynamodb:{op}"] for op in ("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem",
                                                  "TransactWriteItems"))


NOTHING = {"sent": 0, "held": 0, "failed": 0}


@pytest.fixture
def requested(api, province) -> str:
    """A letter submitted by staf.kominfo, waiting for kasi.layanan's paraf."""
    letter = draft(api)
    submit(api, letter["id"])
    await_step(api, "kasi.layanan", letter["id"])
    return str(letter["id"])


def test_an_approval_request_reaches_the_reviewer_by_email_with_a_link_once_even_if_triggered_again(requested):
    with count_aws_calls() as calls:
        assert deliver(at(1, 10))["sent"] == 1
    [mail] = mails_to(REVIEWER_MAIL)
    assert mail["subject"] == "[Kantor Virtual] Permintaan paraf"
    assert f"Buka: {BASE}/surat/{requested}" in mail["body"]
    assert calls["ses:SendEmail"] == 1
    assert writes(calls) == calls["dynamodb:UpdateItem"] == 1  # the cursor moved past it; the notification unchanged
    with count_aws_calls() as again:
        assert deliver(at(1, 10)) == NOTHING
    assert writes(again) == 0 and len(mails_to(REVIEWER_MAIL)) == 1
    [item] = [i for i in NotificationItem.query("NOTIF#pos:DISKOMINFOS:KASI-LAYANAN")]
    assert item.title == "Permintaan paraf"  # still in the app
    assert [i.id for i in NotificationItem.due.query(ALERTS_DUE_PK)] == [item.id]  # left for its TTL


def test_an_alert_goes_out_at_the_first_run_two_minutes_after_it_was_written(requested):
    written = now_wita()  # the notification was written before this moment
    with count_aws_calls() as calls:
        assert deliver(written) == NOTHING  # the index may not show every entry this young yet
    assert writes(calls) == 0
    result = deliver(written + DUE_LAG)
    assert result["sent"] + result["held"] == 1  # held when the test runs in the reviewer's quiet hours
    assert deliver(written) == NOTHING  # a run whose window ends before the cursor reads nothing


def test_a_run_with_nothing_due_writes_nothing(province):
    with count_aws_calls() as calls:
        assert deliver(at(1, 10)) == NOTHING
    assert writes(calls) == 0
    assert calls["dynamodb:GetItem"] == 1 and calls["dynamodb:Query"] == 2  # the cursor, what is due, what is held
    assert calls_to(calls, "ses") == 0


@pytest.mark.parametrize("overtaken_at_claim", [1, 2])
def test_two_overlapping_runs_send_each_alert_once(province, monkeypatch, overtaken_at_claim):
    keys = [f"overlap-{n:02}" for n in range(12)]  # more than one chunk
    for key in keys:
        notify_reviewer(key)
    repo = bootstrap.container().staff_alerts.alert_repo
    advance, claims, other = repo.advance, [0], []

    def overtaken(read, to):  # the other run reads the cursor after this one did, and finishes first
        claims[0] += 1
        if claims[0] == overtaken_at_claim:
            other.append(deliver(at(1, 10)))
        return advance(read, to)

    monkeypatch.setattr(repo, "advance", overtaken)
    this = deliver(at(1, 10))
    assert this["sent"] + other[0]["sent"] == len(keys)
    assert this["sent"] == (0 if overtaken_at_claim == 1 else 10)  # it stopped at the chunk it lost
    bodies = [m["body"] for m in mails_to(REVIEWER_MAIL)]
    assert sorted(k for k in keys for b in bodies if f"{BASE}/surat/{k}\n" in f"{b}\n") == keys


def test_a_run_that_crashes_after_its_claim_sends_nothing_again_at_most_once(api, requested, monkeypatch):
    directory = bootstrap.container().staff_alerts.staff_repo

    def crash(*_args):
        raise RuntimeError("the function timed out")

    monkeypatch.setattr(directory, "people_of", crash)
    with pytest.raises(RuntimeError):
        deliver(at(1, 10))
    monkeypatch.undo()
    assert deliver(at(1, 10)) == NOTHING  # lost outside the app: a message is never sent twice
    assert mails_to(REVIEWER_MAIL) == []
    assert [n["record_id"] for n in api.get("/notifications", as_user="kasi.layanan").json_body["items"]] == [requested]


def test_a_copy_notified_late_with_an_old_time_is_still_delivered(requested, monkeypatch):
    assert deliver(at(1, 10))["sent"] == 1  # the cursor is past the approval request
    later = now_wita() + timedelta(minutes=1)
    monkeypatch.setattr(notification_repo, "now_wita", lambda: later)  # the fan-out resumes a minute later
    notify_reviewer("late-copy", iso(later - timedelta(hours=3)))  # with the copy's time, hours before
    assert deliver(at(1, 10))["sent"] == 1
    assert [m for m in mails_to(REVIEWER_MAIL) if f"{BASE}/surat/late-copy" in m["body"]]


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
