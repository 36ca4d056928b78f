"""Storage of staff alerts: what is due, what waits for the end of someone's quiet hours, what was sent,
each person's preferences, and the people (holder and acting holders) of a seat.

Keys:
- preferences: `USER#{username}` / `#NOTIFYPREFS` (next to the user's record);
- held alert: `ALERTHELD#{username}` / `{alert id}`, in gsi3 `ALERT#HELD` sorted by release time;
- sent marker: `ALERTSENT#{key}` / `#SENT` (written once, before the message; expires after 7 days).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from datetime import date

from pynamodb.attributes import NumberAttribute, UnicodeAttribute
from pynamodb.exceptions import PutError

from chalicelib.adapters.dynamo import Gsi3, Item, register
from chalicelib.adapters.notification_repo import ALERTS_DUE_PK, NotificationItem
from chalicelib.adapters.org_items import UserItem, user_key
from chalicelib.adapters.org_repo import OrgRepository
from chalicelib.domain.errors import NotFound
from chalicelib.domain.staff_alerts import Alert, Contact, Preferences, parse_preferences

ALERTS_HELD_PK = "ALERT#HELD"
MARKER_TTL_SECONDS = 7 * 24 * 3600


def preferences_key(username: str) -> tuple[str, str]:
    """A person's preferences, in their user partition."""
    return f"USER#{username}", "#NOTIFYPREFS"


def held_key(username: str, alert_id: str) -> tuple[str, str]:
    """An alert waiting for the end of a person's quiet hours."""
    return f"ALERTHELD#{username}", alert_id


@register
class PreferenceItem(Item):
    """A person's notification preferences (JSON of `Preferences.as_dict`)."""

    data = UnicodeAttribute()


@register
class HeldAlertItem(Item):
    """One alert for one person, released by the delivery at `gsi3sk`'s time."""

    gsi3pk = UnicodeAttribute()
    gsi3sk = UnicodeAttribute()
    by_release = Gsi3()
    username = UnicodeAttribute()
    alert = UnicodeAttribute()
    expires_at = NumberAttribute()


@register
class SentMarkerItem(Item):
    """Proof that one message went out (or is going out) once."""

    expires_at = NumberAttribute()


def _alert_of(item: NotificationItem) -> Alert:
    _, org, position = item.pk.removeprefix("NOTIF#").split(":", 2)
    return Alert(id=item.id, type=item.type, title=item.title, body=item.body, record_type=item.record_type,
                 record_id=item.record_id, org=org, position=position, at=item.at)


def _alert_json(alert: Alert) -> str:
    return json.dumps(alert.__dict__, sort_keys=True)


class StaffAlertRepository:
    """The due and held queues (one Query each) and the once-only markers."""

    def due(self, now: str, limit: int) -> list[Alert]:
        """Notifications to seats not yet delivered outside the app, oldest first."""
        return [_alert_of(item) for item in NotificationItem.due.query(
            ALERTS_DUE_PK, NotificationItem.gsi3sk <= f"{now}#~", limit=limit, page_size=limit)]

    def done(self, alert: Alert) -> None:
        """Take a delivered notification out of the due index (the in-app item stays)."""
        item = NotificationItem(f"NOTIF#pos:{alert.org}:{alert.position}", f"{alert.at}#{alert.id}")
        item.update(actions=[NotificationItem.gsi3pk.remove(), NotificationItem.gsi3sk.remove()])

    def hold(self, alert: Alert, username: str, release_at: str) -> None:
        """Keep `alert` for `username` until `release_at` (written once per person and alert)."""
        HeldAlertItem(*held_key(username, alert.id), gsi3pk=ALERTS_HELD_PK,
                      gsi3sk=f"{release_at}#{username}#{alert.id}", username=username, alert=_alert_json(alert),
                      expires_at=int(time.time()) + MARKER_TTL_SECONDS).save()

    def held_due(self, now: str, limit: int) -> list[tuple[str, Alert]]:
        """Held alerts whose release time has come, as (username, alert)."""
        return [(item.username, Alert(**json.loads(item.alert))) for item in HeldAlertItem.by_release.query(
            ALERTS_HELD_PK, HeldAlertItem.gsi3sk <= f"{now}#~", limit=limit, page_size=limit)]

    def release(self, username: str, alert: Alert) -> None:
        """Forget a held alert once it is delivered (or held again under a new time)."""
        HeldAlertItem(*held_key(username, alert.id)).delete()

    def claim(self, key: str) -> bool:
        """Record that the message `key` goes out now; False when it already did."""
        try:
            SentMarkerItem(f"ALERTSENT#{key}", "#SENT", expires_at=int(time.time()) + MARKER_TTL_SECONDS).save(
                condition=SentMarkerItem.pk.does_not_exist())
        except PutError as exc:
            if exc.cause_response_code == "ConditionalCheckFailedException":
                return False
            raise
        return True

    def unclaim(self, key: str) -> None:
        """Forget a claim whose message could not be sent (the next delivery tries again)."""
        SentMarkerItem(f"ALERTSENT#{key}", "#SENT").delete()


class PreferenceRepository:
    """Preferences by person; absent ones are the defaults."""

    def get(self, username: str) -> Preferences:
        """One person's preferences (one GetItem)."""
        try:
            return parse_preferences(json.loads(PreferenceItem.get(*preferences_key(username)).data))
        except PreferenceItem.DoesNotExist:
            return Preferences()

    def get_many(self, usernames: Iterable[str]) -> dict[str, Preferences]:
        """Several people's preferences (one BatchGet)."""
        names = list(dict.fromkeys(usernames))
        found = {item.pk.removeprefix("USER#"): parse_preferences(json.loads(item.data))
                 for item in PreferenceItem.batch_get([preferences_key(n) for n in names])}
        return {name: found.get(name, Preferences()) for name in names}

    def put(self, username: str, prefs: Preferences) -> None:
        """Replace a person's preferences."""
        PreferenceItem(*preferences_key(username), data=json.dumps(prefs.as_dict(), sort_keys=True)).save()


class StaffDirectoryRepository:
    """Who sits in a seat today (holder and acting holders) and how to reach them."""

    def __init__(self, org_repo: OrgRepository) -> None:
        self.org_repo = org_repo

    def people_of(self, org: str, position: str, day: date) -> list[Contact]:
        """The active holder and acting holders of a seat on `day` (one GetItem, one BatchGet)."""
        try:
            schedule = self.org_repo.acting_schedule(org, position)
        except NotFound:
            return []
        names = [schedule.position.holder] + [a.username for a in schedule.appointments if a.active_on(day)]
        return self.contacts([n for n in names if n])

    def contacts(self, usernames: Iterable[str]) -> list[Contact]:
        """The active users among `usernames`, with their e-mail and phone (one BatchGet)."""
        names = list(dict.fromkeys(usernames))
        if not names:
            return []
        items = {item.username: item for item in UserItem.batch_get([user_key(n) for n in names])}
        return [Contact(username=n, full_name=items[n].full_name, email=items[n].email, phone=items[n].phone)
                for n in names if n in items and not items[n].inactive]
