"""The delivery use case against in-memory fakes: channels by preference, every person of the seat, a failed
message retried on the next run without doubling the others, a person whose quiet hours moved held again, and the
due alerts claimed chunk by chunk by moving one cursor."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

from chalicelib.domain.staff_alerts import (
    Alert,
    Channel,
    Contact,
    DueAlert,
    HeldAlert,
    Message,
    Preferences,
    due_position,
    parse_preferences,
)
from chalicelib.domain.timefmt import WITA, iso
from chalicelib.services.staff_alerts import BATCH, CHUNK, StaffAlertService

ALERT = Alert("n1", "approval.requested", "Permintaan paraf", "Permohonan jaringan", "letter", "L1", "DISKOMINFOS",
              "KADIS", "2026-12-03T10:00:00+08:00")
HOLDER = Contact("kadis.kominfo", "Kadis", email="kadis@baliprov.go.id", phone="+6281111")
ACTING = Contact("sekretaris.kominfo", "Sekretaris", email="sekretaris@baliprov.go.id")
NOON = datetime(2026, 12, 3, 12, tzinfo=WITA)
WRITTEN = datetime(2026, 12, 3, 10, tzinfo=WITA)


class Queue:
    def __init__(self) -> None:
        self.due_items = [DueAlert(due_position(WRITTEN, ALERT.id), ALERT)]
        self.through: str | None = None
        self.moves: list[str] = []
        self.held: dict[tuple[str, str], HeldAlert] = {}
        self.claims: set[str] = set()

    def cursor(self) -> str | None:
        return self.through

    def due(self, after: str | None, until: str, limit: int) -> list[DueAlert]:
        due = [d for d in self.due_items if (after is None or d.position > after) and d.position <= until]
        return sorted(due, key=lambda d: d.position)[:limit]

    def advance(self, read: str | None, to: str) -> bool:
        if self.through != read:
            return False
        self.through = to
        self.moves.append(to)
        return True

    def add(self, written: datetime, alert: Alert) -> None:
        self.due_items.append(DueAlert(due_position(written, alert.id), alert))

    def hold(self, alert: Alert, username: str, release_at: str, channels: frozenset[Channel] | None = None) -> None:
        self.held[(username, alert.id)] = HeldAlert(username, alert, release_at, channels)

    def held_due(self, now: str, limit: int) -> list[HeldAlert]:
        return [h for h in self.held.values() if h.release_at <= now]

    def release(self, held: HeldAlert) -> bool:
        return self.held.pop((held.username, held.alert.id), None) == held

    def claim(self, key: str) -> bool:
        fresh = key not in self.claims
        self.claims.add(key)
        return fresh

    def unclaim(self, key: str) -> None:
        self.claims.discard(key)


class Prefs:
    def __init__(self, **chosen: Preferences) -> None:
        self.chosen = chosen

    def get(self, username: str) -> Preferences:
        return self.chosen.get(username, Preferences())

    def get_many(self, usernames: list[str]) -> dict[str, Preferences]:
        return {u: self.get(u) for u in usernames}

    def put(self, username: str, prefs: Preferences) -> None:
        self.chosen[username] = prefs


class Staff:
    def people_of(self, org: str, position: str, day: date) -> list[Contact]:
        return [HOLDER, ACTING]

    def contacts(self, usernames: list[str]) -> list[Contact]:
        return [c for c in (HOLDER, ACTING) if c.username in usernames]


class Outbox:
    def __init__(self, field: str, failing: bool = False) -> None:
        self.field, self.failing, self.sent = field, failing, []  # type: ignore[var-annotated]

    def address(self, contact: Contact) -> str | None:
        return getattr(contact, self.field)

    def send(self, to: str, message: Message) -> None:
        if self.failing:
            raise RuntimeError("provider down")
        self.sent.append((to, message.text))


def service(prefs: Prefs, sms_failing: bool = False) -> tuple[StaffAlertService, Queue, Outbox, Outbox]:
    queue, email, sms = Queue(), Outbox("email"), Outbox("phone", failing=sms_failing)
    return (StaffAlertService(queue, prefs, Staff(), {Channel.EMAIL: email, Channel.SMS: sms}, "https://kv.example"),
            queue, email, sms)


def test_the_holder_and_the_acting_holder_each_get_what_they_chose() -> None:
    alerts, queue, email, sms = service(Prefs(**{"kadis.kominfo": parse_preferences(
        {"channels": {"approval": ["email", "sms"]}})}))
    assert alerts.deliver_due(NOON) == {"sent": 3, "held": 0, "failed": 0}
    assert [to for to, _ in email.sent] == ["kadis@baliprov.go.id", "sekretaris@baliprov.go.id"]
    assert sms.sent == [("+6281111", "Permintaan paraf: Permohonan jaringan\nBuka: https://kv.example/surat/L1")]
    assert queue.through == queue.due_items[0].position  # claimed: the next run starts after it


def test_a_failed_sms_is_retried_next_run_without_repeating_the_emails() -> None:
    prefs = Prefs(**{"kadis.kominfo": parse_preferences({"channels": {"approval": ["email", "sms"]}})})
    alerts, queue, email, sms = service(prefs, sms_failing=True)
    assert alerts.deliver_due(NOON) == {"sent": 2, "held": 0, "failed": 1}
    assert queue.through is not None and list(queue.held.values()) == [
        HeldAlert("kadis.kominfo", ALERT, iso(NOON), frozenset({Channel.SMS}))]  # only the SMS waits
    sms.failing = False
    assert alerts.deliver_due(NOON) == {"sent": 1, "held": 0, "failed": 0}
    assert len(email.sent) == 2 and len(sms.sent) == 1
    assert queue.held == {} and alerts.deliver_due(NOON) == {"sent": 0, "held": 0, "failed": 0}


def test_a_message_failing_for_a_day_is_given_up_but_stays_in_the_app() -> None:
    prefs = Prefs(**{"kadis.kominfo": parse_preferences({"channels": {"approval": ["sms"]}})})
    alerts, queue, _, sms = service(prefs, sms_failing=True)
    next_day = datetime(2026, 12, 4, 10, 30, tzinfo=WITA)
    assert alerts.deliver_due(NOON)["failed"] == 1 and queue.held
    assert alerts.deliver_due(next_day) == {"sent": 0, "held": 0, "failed": 1}  # a day after the alert: dropped
    assert queue.held == {} and sms.sent == []


def test_overlapping_runs_send_each_message_once() -> None:
    alerts, queue, email, _ = service(Prefs())
    assert alerts.deliver_due(NOON)["sent"] == 2
    queue.cursor = lambda: None  # type: ignore[method-assign]  # a run that read the cursor before the first moved it
    assert alerts.deliver_due(NOON) == {"sent": 0, "held": 0, "failed": 0}
    assert len(email.sent) == 2 and len(queue.moves) == 1


def test_due_alerts_are_claimed_chunk_by_chunk_each_before_it_is_sent() -> None:
    alerts, queue, email, _ = service(Prefs())
    for n in range(2, 26):
        queue.add(WRITTEN + timedelta(seconds=n), replace(ALERT, id=f"n{n}"))
    sent_at_claim: list[int] = []
    advance = queue.advance
    queue.advance = lambda read, to: sent_at_claim.append(len(email.sent)) or advance(read, to)  # type: ignore
    assert alerts.deliver_due(NOON)["sent"] == 2 * 25
    assert sent_at_claim == [0, 2 * CHUNK, 4 * CHUNK]  # 10, 10 and 5 alerts: each chunk claimed before its sends
    assert queue.through == max(d.position for d in queue.due_items)
    assert alerts.deliver_due(NOON) == {"sent": 0, "held": 0, "failed": 0} and len(queue.moves) == 3


def test_a_run_claims_at_most_a_batch_and_the_next_run_continues() -> None:
    alerts, queue, email, _ = service(Prefs())
    for n in range(2, BATCH + 6):
        queue.add(WRITTEN + timedelta(seconds=n), replace(ALERT, id=f"n{n:03}"))
    assert alerts.deliver_due(NOON)["sent"] == 2 * BATCH
    assert alerts.deliver_due(NOON)["sent"] == 2 * 5
    assert alerts.deliver_due(NOON)["sent"] == 0 and len(email.sent) == 2 * (BATCH + 5)


def test_an_alert_written_less_than_the_lag_ago_waits_for_a_later_run() -> None:
    alerts, queue, email, _ = service(Prefs())
    queue.due_items = []
    queue.add(NOON - timedelta(seconds=30), ALERT)
    assert alerts.deliver_due(NOON) == {"sent": 0, "held": 0, "failed": 0} and queue.moves == []
    assert alerts.deliver_due(NOON + timedelta(minutes=2))["sent"] == 2


def test_a_held_alert_whose_quiet_hours_moved_later_is_held_again_not_sent() -> None:
    prefs = Prefs()
    alerts, queue, email, _ = service(prefs)
    night = datetime(2026, 12, 3, 22, tzinfo=WITA)
    assert alerts.deliver_due(night)["held"] == 2
    prefs.put("kadis.kominfo", Preferences(quiet_start="21:00", quiet_end="08:00"))
    six = datetime(2026, 12, 4, 6, tzinfo=WITA)
    assert alerts.deliver_due(six) == {"sent": 1, "held": 1, "failed": 0}
    assert queue.held == {("kadis.kominfo", "n1"): HeldAlert("kadis.kominfo", ALERT,
                                                             iso(datetime(2026, 12, 4, 8, tzinfo=WITA)))}
    assert alerts.deliver_due(datetime(2026, 12, 4, 8, tzinfo=WITA))["sent"] == 1
    assert queue.held == {} and len(email.sent) == 2
