"""Storage of staff alerts: what is due, what waits for the end of someone's quiet hours, what was sent,
each person's preferences, and the people (holder and acting holders) of a seat.

Keys:
- preferences: `USER#{username}` / `#NOTIFYPREFS` (next to the user's record);
- due alert: the notification itself, in gsi3 `ALERT#DUE` from its write to its expiry (notification_repo.py);
- delivery cursor: `ALERT#CURSOR` / `#CURSOR`, `through` = the due index position of the last claimed alert. A
  delivery claims the next chunk of due alerts at once by moving it there with one conditional UpdateItem (only
  if it still holds what the delivery read): that update is the once-only claim of every alert up to `through`;
- held alert: `ALERTHELD#{username}` / `{alert id}`, in gsi3 `ALERT#HELD` sorted by release time (quiet hours, or
  the channels whose message failed, retried by the next run); released by a conditional DeleteItem, the claim;
- sent marker: `ALERTSENT#{key}` / `#SENT` (the daily digest's, written once before the message; expires after
  7 days).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from datetime import date

from pynamodb.attributes import NumberAttribute, UnicodeAttribute
from pynamodb.expressions.condition import Condition

from chalicelib.adapters import dynamo
from chalicelib.adapters.dynamo import Gsi3, Item, register
from chalicelib.adapters.notification_repo import ALERTS_DUE_PK, NotificationItem
from chalicelib.adapters.org_items import UserItem, user_key
from chalicelib.adapters.org_repo import OrgRepository
from chalicelib.domain.errors import NotFound
from chalicelib.domain.staff_alerts import (
    Alert,
    Channel,
    Contact,
    DueAlert,
    HeldAlert,
    Preferences,
    first_after,
    parse_preferences,
)

ALERTS_HELD_PK = "ALERT#HELD"
CURSOR_KEY = ("ALERT#CURSOR", "#CURSOR")
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
    channels = UnicodeAttribute(null=True)  # comma-separated: only these (a retry); absent: the person's choice
    expires_at = NumberAttribute()


@register
class AlertCursorItem(Item):
    """How far the delivery has claimed the due index."""

    through = UnicodeAttribute()


@register
class SentMarkerItem(Item):
    """Proof that one message went out (or is going out) once."""

    expires_at = NumberAttribute()


def alert_of(item: NotificationItem) -> Alert:
    """The alert a notification to a seat is."""
    _, org, position = item.pk.removeprefix("NOTIF#").split(":", 2)
    return Alert(id=item.id, type=item.type, title=item.title, body=item.body, record_type=item.record_type,
                 record_id=item.record_id, org=org, position=position, at=item.at)


def _release_sk(release_at: str, username: str, alert_id: str) -> str:
    return f"{release_at}#{username}#{alert_id}"


def _alert_json(alert: Alert) -> str:
    return json.dumps(alert.__dict__, sort_keys=True)


class StaffAlertRepository:
    """The due and held queues (one Query each), their once-only claims (the cursor, a held item's delete), and the
    digest's markers.
    """

    def cursor(self) -> str | None:
        """The position of the last claimed due alert (one consistent GetItem); None before the first claim."""
        try:
            return str(AlertCursorItem.get(*CURSOR_KEY, consistent_read=True).through)
        except AlertCursorItem.DoesNotExist:
            return None

    def due(self, after: str | None, until: str, limit: int) -> list[DueAlert]:
        """Up to `limit` due alerts after position `after` (from the start when None) up to `until`, oldest first
        (one Query; none when `after` is already past `until`).
        """
        condition: Condition
        if after is None:
            condition = NotificationItem.gsi3sk <= until
        elif first_after(after) <= until:
            condition = NotificationItem.gsi3sk.between(first_after(after), until)
        else:
            return []
        return [DueAlert(item.gsi3sk, alert_of(item))
                for item in NotificationItem.due.query(ALERTS_DUE_PK, condition, limit=limit, page_size=limit)]

    def advance(self, read: str | None, to: str) -> bool:
        """Move the cursor from `read` (None: absent) to `to`: the claim of every due alert up to `to`; False when
        another run moved it first.
        """
        condition = AlertCursorItem.pk.does_not_exist() if read is None else AlertCursorItem.through == read
        return dynamo.applied(lambda: AlertCursorItem(*CURSOR_KEY).update(
            actions=[AlertCursorItem.through.set(to)], condition=condition))

    def hold(self, alert: Alert, username: str, release_at: str,
             channels: frozenset[Channel] | None = None) -> None:
        """Keep `alert` for `username` until `release_at` (one item per person and alert; `channels`: only those)."""
        HeldAlertItem(*held_key(username, alert.id), gsi3pk=ALERTS_HELD_PK,
                      gsi3sk=_release_sk(release_at, username, alert.id), username=username,
                      alert=_alert_json(alert), channels=",".join(sorted(channels)) if channels is not None else None,
                      expires_at=int(time.time()) + MARKER_TTL_SECONDS).save()

    def held_due(self, now: str, limit: int) -> list[HeldAlert]:
        """Held alerts whose release time has come."""
        return [HeldAlert(item.username, Alert(**json.loads(item.alert)), item.gsi3sk.split("#", 1)[0],
                          None if item.channels is None else frozenset(Channel(c) for c in item.channels.split(",") if c))
                for item in HeldAlertItem.by_release.query(
                    ALERTS_HELD_PK, HeldAlertItem.gsi3sk <= f"{now}#~", limit=limit, page_size=limit)]

    def release(self, held: HeldAlert) -> bool:
        """Delete a held alert as it was read: the claim of its delivery; False when another run released it (or
        it was held again meanwhile).
        """
        return dynamo.applied(lambda: HeldAlertItem(*held_key(held.username, held.alert.id)).delete(
            condition=HeldAlertItem.gsi3sk == _release_sk(held.release_at, held.username, held.alert.id)))

    def claim(self, key: str) -> bool:
        """Record that the message `key` (a digest) goes out now; False when it already did."""
        return dynamo.applied(lambda: SentMarkerItem(
            f"ALERTSENT#{key}", "#SENT", expires_at=int(time.time()) + MARKER_TTL_SECONDS).save(
            condition=SentMarkerItem.pk.does_not_exist()))

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
