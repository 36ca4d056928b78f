"""Use case: deliver notifications to seats by e-mail and SMS to the people of the seat, by their preferences.

Run by a schedule (every minute deployed; by the local stack's loop and by the tests directly). Each run reads
what is due with one Query, sends what each person chose unless they are in their quiet hours (then the alert is
held until those end), and takes the notification out of the due index. Each message is claimed once before it
goes out, so a repeated or overlapping run never sends it twice.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Protocol

from aws_lambda_powertools import Logger

from chalicelib.domain.staff_alerts import (
    KIND_OF_TYPE,
    Alert,
    Channel,
    Contact,
    Message,
    Preferences,
    alert_message,
    channels_for,
    in_quiet_hours,
    quiet_hours_end,
)
from chalicelib.domain.timefmt import iso, now_wita

logger = Logger(child=True)
BATCH = 100
DONE, HELD, FAILED = "done", "held", "failed"
GIVE_UP_AFTER = timedelta(days=1)  # a message that still fails a day later is dropped (it stays in the app)


class AlertQueue(Protocol):
    """What is due, what is held, and the once-only claims."""

    def due(self, now: str, limit: int) -> list[Alert]:
        """Notifications to seats not yet delivered outside the app, oldest first."""
    def done(self, alert: Alert) -> None:
        """Take a delivered notification out of what is due."""
    def hold(self, alert: Alert, username: str, release_at: str) -> None:
        """Keep an alert for one person until `release_at`."""
    def held_due(self, now: str, limit: int) -> list[tuple[str, Alert]]:
        """Held alerts whose release time has come, as (username, alert)."""
    def release(self, username: str, alert: Alert) -> None:
        """Forget a held alert."""
    def claim(self, key: str) -> bool:
        """Record that the message `key` goes out now; False when it already did."""
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
        for alert in self.alert_repo.due(iso(moment), BATCH):
            people = self.staff_repo.people_of(alert.org, alert.position, moment.date())
            if FAILED not in self._deliver(alert, people, moment, counts) or _too_old(alert, moment):
                self.alert_repo.done(alert)
        for username, alert in self.alert_repo.held_due(iso(moment), BATCH):
            outcomes = self._deliver(alert, self.staff_repo.contacts([username]), moment, counts)
            if outcomes <= {DONE} or (FAILED in outcomes and _too_old(alert, moment)):
                self.alert_repo.release(username, alert)  # held again: the item was rewritten with a new time
        return {"sent": counts["sent"], "held": counts["held"], "failed": counts["failed"]}

    def _deliver(self, alert: Alert, people: list[Contact], moment: datetime, counts: Counter[str]) -> set[str]:
        """Deliver to each person; the outcomes (done, held, failed) that occurred."""
        prefs = self.preference_repo.get_many([p.username for p in people]) if people else {}
        return {self._deliver_to(alert, person, prefs[person.username], moment, counts) for person in people}

    def _deliver_to(self, alert: Alert, person: Contact, prefs: Preferences, moment: datetime,
                    counts: Counter[str]) -> str:
        reachable = {c: adapter.address(person) is not None for c, adapter in self.channels.items()}
        chosen = channels_for(prefs, KIND_OF_TYPE[alert.type], person, reachable)
        if not chosen:
            return DONE
        if in_quiet_hours(prefs, moment):
            self.alert_repo.hold(alert, person.username, iso(quiet_hours_end(prefs, moment)))
            counts["held"] += 1
            return HELD
        message = alert_message(alert, self.public_base_url)
        sent = [self._send(alert, person, channel, message, counts) for channel in chosen]
        return DONE if all(sent) else FAILED

    def _send(self, alert: Alert, person: Contact, channel: Channel, message: Message, counts: Counter[str]) -> bool:
        key = f"{alert.id}#{person.username}#{channel.value}"
        if not self.alert_repo.claim(key):
            return True
        adapter = self.channels[channel]
        try:
            adapter.send(adapter.address(person) or "", message)
        except Exception:  # noqa: BLE001 - one failed message must not stop the others; retried next run
            logger.exception("staff alert not sent", extra={"alert": alert.id, "channel": channel.value})
            self.alert_repo.unclaim(key)
            counts["failed"] += 1
            return False
        counts["sent"] += 1
        return True


def _too_old(alert: Alert, moment: datetime) -> bool:
    return datetime.fromisoformat(alert.at) < moment - GIVE_UP_AFTER
