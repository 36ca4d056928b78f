"""Staff alerts' pure rules: quiet hours in WITA across midnight, channel choice, links, messages, validation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.domain.errors import ValidationFailed
from chalicelib.domain.staff_alerts import (
    DUE_LAG,
    Alert,
    Channel,
    Contact,
    Digest,
    Kind,
    Preferences,
    WorkItem,
    alert_message,
    channels_for,
    deep_link,
    digest_message,
    due_position,
    due_until,
    first_after,
    in_quiet_hours,
    parse_preferences,
    quiet_hours_end,
)
from chalicelib.domain.timefmt import WITA

BASE = "https://kantor.example.go.id"
PERSON = Contact("kasi.layanan", "I Kadek Layanan", email="kasi@baliprov.go.id", phone="+6281234567890")


def wita(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=WITA)


@pytest.mark.parametrize(("moment", "quiet"), [
    (wita(3, 20, 59), False), (wita(3, 21), True), (wita(3, 23, 30), True), (wita(4, 0, 0), True),
    (wita(4, 5, 59), True), (wita(4, 6), False), (wita(4, 12), False),
])
def test_default_quiet_hours_run_from_21_00_across_midnight_to_06_00_wita(moment: datetime, quiet: bool) -> None:
    assert in_quiet_hours(Preferences(), moment) is quiet


def test_quiet_hours_are_read_in_wita_whatever_the_clock_of_the_caller() -> None:
    assert in_quiet_hours(Preferences(), datetime(2026, 12, 3, 13, 30, tzinfo=UTC))  # 21:30 WITA
    assert not in_quiet_hours(Preferences(), datetime(2026, 12, 3, 22, 0, tzinfo=UTC))  # 06:00 WITA


def test_quiet_hours_within_one_day_and_equal_hours_meaning_none() -> None:
    lunch = Preferences(quiet_start="12:00", quiet_end="13:00")
    assert in_quiet_hours(lunch, wita(3, 12, 30)) and not in_quiet_hours(lunch, wita(3, 13))
    assert not in_quiet_hours(Preferences(quiet_start="00:00", quiet_end="00:00"), wita(3, 3))


def test_a_message_held_at_night_goes_out_at_the_end_of_the_quiet_hours() -> None:
    assert quiet_hours_end(Preferences(), wita(3, 22)) == wita(4, 6)
    assert quiet_hours_end(Preferences(), wita(4, 2)) == wita(4, 6)


def test_channels_are_those_chosen_for_the_kind_and_reachable_in_the_record() -> None:
    prefs = parse_preferences({"channels": {"approval": ["email", "sms"], "letter": []}})
    assert channels_for(prefs, Kind.APPROVAL, PERSON) == [Channel.EMAIL, Channel.SMS]
    assert channels_for(prefs, Kind.LETTER, PERSON) == []
    assert channels_for(prefs, Kind.DISPOSITION, PERSON) == [Channel.EMAIL]  # left out: the default
    assert channels_for(prefs, Kind.APPROVAL, Contact("x", "X", email=None, phone="+628")) == [Channel.SMS]


def test_deep_links_open_the_web_apps_page_of_the_record() -> None:
    assert deep_link(BASE, "letter", "L1") == f"{BASE}/surat/L1"
    assert deep_link(BASE + "/", "disposition", "D1") == f"{BASE}/disposisi/D1"
    assert deep_link(BASE, "incoming", "I1") == f"{BASE}/surat-masuk/I1"
    assert deep_link(BASE, "other", "X") == f"{BASE}/notifikasi"


def test_an_alert_message_names_the_notification_and_links_the_letter() -> None:
    alert = Alert("n1", "approval.requested", "Permintaan paraf", "Permohonan jaringan", "letter", "L1",
                  "DISKOMINFOS", "KASI-LAYANAN", "2026-12-03T10:00:00+08:00")
    message = alert_message(alert, BASE)
    assert message.subject == "[Kantor Virtual] Permintaan paraf"
    assert message.text.endswith(f"Buka: {BASE}/surat/L1")


def test_a_digest_counts_each_list_and_links_each_item() -> None:
    digest = Digest(approvals=[WorkItem("Permohonan jaringan", "letter", "L1", overdue=True)],
                    unread=[WorkItem("001/DK Undangan", "disposition", "D1")], overdue=[])
    message = digest_message("I Gede Kadis", digest, "4 Desember 2026", BASE)
    assert "1 paraf, 1 disposisi belum dibaca, 0 terlambat" in message.subject
    assert f"- Permohonan jaringan (terlambat): {BASE}/surat/L1" in message.text
    assert f"{BASE}/disposisi/D1" in message.text
    assert "Disposisi melewati batas waktu" not in message.text


@pytest.mark.parametrize(("data", "field"), [
    ({"quiet_hours": {"start": "25:00", "end": "06:00"}}, "quiet_hours.start"),
    ({"quiet_hours": {"start": "21:00", "end": "06:30"}}, "quiet_hours.end"),
    ({"channels": {"approval": ["fax"]}}, "channels.approval"),
    ({"channels": {"gossip": ["email"]}}, "channels.gossip"),
    ({"digest": "ya"}, "digest"),
])
def test_bad_preferences_name_the_field(data: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        parse_preferences(data)
    assert caught.value.details[0]["field"] == field


def test_preferences_round_trip_through_their_json_shape() -> None:
    prefs = parse_preferences({"channels": {"approval": ["sms"]}, "quiet_hours": {"start": "22:00", "end": "05:00"},
                               "digest": False})
    assert parse_preferences(prefs.as_dict()) == prefs
    assert prefs.as_dict()["channels"] == {"approval": ["sms"], "disposition": ["email"], "incoming": ["email"],
                                           "letter": ["email"]}


def test_a_due_alert_is_placed_at_the_time_it_is_written_in_wita_then_its_id() -> None:
    written = datetime(2026, 12, 4, 1, 30, 15, 999_000, tzinfo=UTC)
    assert due_position(written, "a" * 32) == f"2026-12-04T09:30:15+08:00#{'a' * 32}"


def test_a_run_claims_only_alerts_written_at_least_the_lag_before_it() -> None:
    now = wita(4, 9, 30)
    until = due_until(now)
    assert DUE_LAG >= timedelta(seconds=30) + timedelta(minutes=1)  # a Lambda's 30 s and room for a slow index
    assert due_position(now - DUE_LAG, "f" * 32) <= until
    assert due_position(now - DUE_LAG + timedelta(seconds=1), "0" * 32) > until


def test_the_bound_after_a_cursor_leaves_its_alert_out_and_keeps_the_next_one_of_the_same_second() -> None:
    cursor = due_position(wita(4, 9), "5" * 32)
    bound = first_after(cursor)
    assert cursor < bound <= due_position(wita(4, 9), "5" * 31 + "6") < due_position(wita(4, 9, 1), "0" * 32)
