"""Use case: deliver notifications to seats by e-mail and SMS to the people of the seat, by their preferences.

Run by a schedule (every minute deployed; by the local stack's loop and by the tests directly). Each run reads
what is held until now (one Query), then claims what is due chunk by chunk: it reads the delivery cursor (one
consistent GetItem), the next due alerts after it written at least `DUE_LAG` ago (one Query), and moves the cursor
past them with one conditional update that holds only if the cursor still is where it read it. That update claims
the whole chunk: an overlapping run that read the same cursor loses it and stops, so no alert is sent twice, and
nothing else is written per alert. Nothing due: no write. It then sends what each person chose, unless they are in
their quiet hours: then the alert is held for them until those end. A message that fails is held for its person
with only the failed channels, and the next run tries them again (for a day). A held alert is claimed by deleting
it as it was read. Delivery is at most once: a crash between a claim and the sends loses the rest of that chunk's
messages (at most `CHUNK` alerts); the alerts stay in the app.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from datetime import date, datetime, timedelta
from typing import Protocol

from aws_lambda_powertools import Logger

from chalicelib.domain.staff_alerts import (
    KIND_OF_TYPE,
    Alert,
    Channel,
    Contact,
    DueAlert,
    HeldAlert,
    Message,
    Preferences,
    alert_message,
    channels_for,
    due_until,
    in_quiet_hours,
    quiet_hours_end,
)
from chalicelib.domain.timefmt import iso, now_wita

logger = Logger(child=True)
BATCH = 100  # alerts claimed per run, and held ones released per run
CHUNK = 10  # alerts claimed by one move of the cursor (what a crash after the claim may lose)
GIVE_UP_AFTER = timedelta(days=1)  # a message that still fails a day later is dropped (it stays in the app)


class AlertQueue(Protocol):
    """What is due, what is held, and their once-only claims."""

    def cursor(self) -> str | None:
        """The due index position of the last claimed alert (read consistently); None before the first claim."""
    def due(self, after: str | None, until: str, limit: int) -> list[DueAlert]:
        """Due alerts after position `after` (from the start when None) up to `until`, oldest first."""
    def advance(self, read: str | None, to: str) -> bool:
        """Move the cursor from `read` to `to` (claims the alerts up to `to`); False when another run moved it."""
    def hold(self, alert: Alert, username: str, release_at: str,
             channels: frozenset[Channel] | None = None) -> None:
        """Keep an alert for one person until `release_at` (only `channels`, when given)."""
    def held_due(self, now: str, limit: int) -> list[HeldAlert]:
        """Held alerts whose release time has come."""
    def release(self, held: HeldAlert) -> bool:
        """Forget a held alert as it was read; False when another run released it."""
    def claim(self, key: str) -> bool:
        """Record that the message `key` (a digest) goes out now; False when it already did."""
    def unclaim(self, key: str) -> None:
        """Forget a claim whose message could not be sent."""


class PreferenceStore(Protocol):
    """People's notification preferences."""

    def get(self, username: str) -> Preferences:
        """One person's preferences (the defaults when they never chose)."""
    def get_many(self, usernames: list[str]) -> dict[str, Preferences]:
        """Several people's preferences."""
    def put(self, username: str, prefs: Preferences) -> None:
        """Replace a person's preferences."""


class StaffDirectory(Protocol):
    """The people of a seat and their contacts."""

    def people_of(self, org: str, position: str, day: date) -> list[Contact]:
        """The active holder and acting holders of a seat on `day`."""
    def contacts(self, usernames: list[str]) -> list[Contact]:
        """The active users among `usernames`, with their contact."""


class StaffChannel(Protocol):
    """A way to reach a person (e-mail, SMS, or another provider)."""

    def address(self, contact: Contact) -> str | None:
        """Where this channel reaches the person, or None."""
    def send(self, to: str, message: Message) -> None:
        """Send one message."""


class StaffAlertService:
    """Delivery of staff alerts outside the app."""

    def __init__(self, alert_repo: AlertQueue, preference_repo: PreferenceStore, staff_repo: StaffDirectory,
                 channels: Mapping[Channel, StaffChannel], public_base_url: str) -> None:
        self.alert_repo = alert_repo
        self.preference_repo = preference_repo
        self.staff_repo = staff_repo
        self.channels = channels
        self.public_base_url = public_base_url

    def deliver_due(self, now: datetime | None = None) -> dict[str, int]:
        """Send what is due now and what was held until now; counts of messages sent, held, failed."""
        moment = now or now_wita()
        counts: Counter[str] = Counter()
        held = self.alert_repo.held_due(iso(moment), BATCH)  # what this run holds again waits for the next one
        for alert in self._claim_due(moment):
            people = self.staff_repo.people_of(alert.org, alert.position, moment.date())
            self._deliver(alert, people, moment, counts, None)
        for item in held:
            if self.alert_repo.release(item):
                self._deliver(item.alert, self.staff_repo.contacts([item.username]), moment, counts, item.channels)
        return {"sent": counts["sent"], "held": counts["held"], "failed": counts["failed"]}

    def _claim_due(self, moment: datetime) -> Iterator[Alert]:
        """The due alerts this run claims, chunk by chunk (each claimed before any of it is yielded); stops at a
        chunk another run claimed first, or when nothing more is due.
        """
        until, through, claimed = due_until(moment), self.alert_repo.cursor(), 0
        while claimed < BATCH:
            chunk = self.alert_repo.due(through, until, min(CHUNK, BATCH - claimed))
            if not chunk or not self.alert_repo.advance(through, chunk[-1].position):
                return
            through, claimed = chunk[-1].position, claimed + len(chunk)
            yield from (due.alert for due in chunk)
            if len(chunk) < CHUNK:
                return

    def _deliver(self, alert: Alert, people: list[Contact], moment: datetime, counts: Counter[str],
                 only: frozenset[Channel] | None) -> None:
        prefs = self.preference_repo.get_many([p.username for p in people]) if people else {}
        for person in people:
            self._deliver_to(alert, person, prefs[person.username], moment, counts, only)

    def _deliver_to(self, alert: Alert, person: Contact, prefs: Preferences, moment: datetime,
                    counts: Counter[str], only: frozenset[Channel] | None) -> None:
        reachable = {c: adapter.address(person) is not None for c, adapter in self.channels.items()}
        chosen = [c for c in channels_for(prefs, KIND_OF_TYPE[alert.type], person, reachable)
                  if only is None or c in only]
        if not chosen:
            return
        if in_quiet_hours(prefs, moment):
            self.alert_repo.hold(alert, person.username, iso(quiet_hours_end(prefs, moment)), only)
            counts["held"] += 1
            return
        message = alert_message(alert, self.public_base_url)
        failed = frozenset(c for c in chosen if not self._send(alert, person, c, message, counts))
        if failed and not _too_old(alert, moment):
            self.alert_repo.hold(alert, person.username, iso(moment), failed)  # the next run tries them again

    def _send(self, alert: Alert, person: Contact, channel: Channel, message: Message, counts: Counter[str]) -> bool:
        adapter = self.channels[channel]
        try:
            adapter.send(adapter.address(person) or "", message)
        except Exception:  # noqa: BLE001 - one failed message must not stop the others; retried next run
            logger.exception("staff alert not sent", extra={"alert": alert.id, "channel": channel.value})
            counts["failed"] += 1
            return False
        counts["sent"] += 1
        return True


def _too_old(alert: Alert, moment: datetime) -> bool:
    return datetime.fromisoformat(alert.at) < moment - GIVE_UP_AFTER
