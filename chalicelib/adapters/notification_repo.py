"""In-app notifications, written in the same transaction as the change they announce, or (a sent letter's
copies, which fan out after the signing) once per key with a conditional write.

A notification is addressed to a seat (`pos:{org}:{position}`: whoever holds or acts for it reads it)
or to a person without a seat (`user:{username}`, e.g. a citizen).

A notification to a seat whose type reaches people outside the app (domain/staff_alerts.py `KIND_OF_TYPE`)
also enters the sparse index gsi3 under `ALERT#DUE`, at the time its item is written (`due_position`), and stays
there until the notification expires: the staff-alert delivery reads what is due from there (one Query per
chunk) and claims it by moving one cursor past it (staff_alert_repo.py), without writing the notification again.
"""

from __future__ import annotations

import hashlib
import time
import uuid

from pynamodb.attributes import NumberAttribute, UnicodeAttribute

from chalicelib.adapters import dynamo
from chalicelib.adapters.dynamo import Gsi3, Item, Page, Transaction, register
from chalicelib.domain.identity import Principal
from chalicelib.domain.staff_alerts import KIND_OF_TYPE, due_position
from chalicelib.domain.timefmt import iso, now_wita

TTL_SECONDS = 180 * 24 * 3600
ALERTS_DUE_PK = "ALERT#DUE"


def position_recipient(org: str, position: str) -> str:
    """Recipient id of a seat."""
    return f"pos:{org}:{position}"


def user_recipient(username: str) -> str:
    """Recipient id of a person."""
    return f"user:{username}"


def recipient_of(principal: Principal) -> str:
    """Where the caller's notifications are: their seat, or themselves when they hold none."""
    if principal.org and principal.position:
        return position_recipient(principal.org, principal.position)
    return user_recipient(principal.username)


@register
class NotificationItem(Item):
    """One notification; newest first within a recipient's partition."""

    id = UnicodeAttribute()
    type = UnicodeAttribute()
    title = UnicodeAttribute()
    body = UnicodeAttribute()
    record_type = UnicodeAttribute()
    record_id = UnicodeAttribute()
    at = UnicodeAttribute()
    expires_at = NumberAttribute()
    gsi3pk = UnicodeAttribute(null=True)  # ALERT#DUE when it reaches people outside the app
    gsi3sk = UnicodeAttribute(null=True)  # when the item was written, then the id
    due = Gsi3()


def _item(recipient: str, nid: str, at: str, *, type: str, title: str, body: str,  # noqa: A002
          record_type: str, record_id: str) -> NotificationItem:
    """A notification; in the alerts index when its type reaches a seat's holder outside the app, at the time it
    is built now, just before its write is sent (a use case retried by `sequences.with_retries` builds it again).
    """
    due = type in KIND_OF_TYPE and recipient.startswith("pos:")
    return NotificationItem(f"NOTIF#{recipient}", f"{at}#{nid}", id=nid, type=type, title=title, body=body,
                            record_type=record_type, record_id=record_id, at=at,
                            expires_at=int(time.time()) + TTL_SECONDS,
                            gsi3pk=ALERTS_DUE_PK if due else None,
                            gsi3sk=due_position(now_wita(), nid) if due else None)


def _view(item: NotificationItem) -> dict[str, str]:
    return {"id": item.id, "type": item.type, "title": item.title, "body": item.body,
            "record_type": item.record_type, "record_id": item.record_id, "at": item.at}


class NotificationRepository:
    """Writes inside transactions, or once by key; reads one page per Query."""

    def add(self, tx: Transaction, recipients: list[str], *, type: str, title: str, body: str,  # noqa: A002
            record_type: str, record_id: str) -> None:
        """Notify each recipient (duplicates removed) as part of `tx`."""
        at = iso(now_wita())
        for recipient in dict.fromkeys(recipients):
            tx.put(_item(recipient, uuid.uuid4().hex, at, type=type, title=title, body=body,
                         record_type=record_type, record_id=record_id))

    def add_once(self, recipient: str, key: str, at: str, *, type: str, title: str, body: str,  # noqa: A002
                 record_type: str, record_id: str) -> bool:
        """Notify one recipient once for `key`, with one conditional write outside any transaction (half the
        write units): the notification's id comes from `key`, so a repeated call (a resumed fan-out) finds it
        there and writes nothing — nor alerts the recipient again. `at` may be long past (the fan-out's time);
        the alert is due from now, when it is written.
        """
        nid = hashlib.sha256(key.encode()).hexdigest()[:32]
        item = _item(recipient, nid, at, type=type, title=title, body=body, record_type=record_type,
                     record_id=record_id)
        return dynamo.applied(lambda: item.save(condition=NotificationItem.pk.does_not_exist()))

    def list(self, recipient: str, limit: int, cursor: str | None) -> Page[dict[str, str]]:
        """A recipient's notifications, newest first."""
        return dynamo.query_page(NotificationItem.query, "pk", f"NOTIF#{recipient}", limit=limit, cursor=cursor,
                                 convert=_view, scan_index_forward=False)
