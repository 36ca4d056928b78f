"""Deliveries of signed letters to external addressees (pengiriman surat keluar ke pihak luar).

One item per external addressee or cc of a sent letter, in the letter's own delivery partition
(`DELIVERY#{letter_id}`, sort key `to-00` / `cc-01` …): a letter's deliveries are one Query. A delivery by hand
is also in its org's dispatch list on gsi1 (`DISPATCH#{org}#{state}`): pending ones oldest first, dispatched
ones by when they went out — the operator's list is one Query page, never a Scan. Emailed deliveries stay out of it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pynamodb.attributes import NumberAttribute, UnicodeAttribute, VersionAttribute
from pynamodb.exceptions import PutError, UpdateError

from chalicelib.adapters import dynamo
from chalicelib.adapters.dynamo import Gsi1, Item, register
from chalicelib.domain.errors import Conflict, NotFound
from chalicelib.domain.timefmt import WITA, iso

MAX_DELIVERIES = 100  # more external recipients than any letter has; the list is one Query page


def delivery_pk(letter_id: str) -> str:
    """The partition of a letter's deliveries."""
    return f"DELIVERY#{letter_id}"


def dispatch_pk(org: str, state: str) -> str:
    """gsi1 partition: an org's deliveries by hand in one state (pending | dispatched)."""
    return f"DISPATCH#{org}#{state}"


def dispatch_sk(at: datetime, letter_id: str, delivery_id: str) -> str:
    """gsi1 sort key: when it entered the state, then the letter and the delivery (unique, in time order).

    To the microsecond: two letters sent within one second still list in the order they went out.
    """
    return f"{at.astimezone(WITA).isoformat(timespec='microseconds')}#{letter_id}#{delivery_id}"


@register
class DeliveryItem(Item):
    """How a signed letter reaches one external addressee: by email (automatic) or by hand/post (an operator)."""

    gsi1pk = UnicodeAttribute(null=True)  # only deliveries by hand: the org's dispatch list
    gsi1sk = UnicodeAttribute(null=True)
    by_dispatch_state = Gsi1()
    letter_id = UnicodeAttribute()
    letter_number = UnicodeAttribute(null=True)
    subject = UnicodeAttribute(null=True)  # left out for a secret letter
    org = UnicodeAttribute()
    role = UnicodeAttribute()  # to | cc
    name = UnicodeAttribute()
    address = UnicodeAttribute(null=True)
    email = UnicodeAttribute(null=True)
    channel = UnicodeAttribute()  # email | manual
    state = UnicodeAttribute()  # sent | pending | dispatched
    reason = UnicodeAttribute(null=True)  # why it is manual
    sent_at = UnicodeAttribute(null=True)
    message_id = UnicodeAttribute(null=True)
    attempts = NumberAttribute(default=0)
    dispatched_at = UnicodeAttribute(null=True)
    dispatched_by = UnicodeAttribute(null=True)
    via = UnicodeAttribute(null=True)
    receipt = UnicodeAttribute(null=True)
    note = UnicodeAttribute(null=True)
    version = VersionAttribute()


def view(item: DeliveryItem) -> dict[str, Any]:
    """What the letter's readers see of one delivery."""
    return {"id": item.sk, "role": item.role, "name": item.name, "address": item.address, "email": item.email,
            "channel": item.channel, "state": item.state, "reason": item.reason, "sent_at": item.sent_at,
            "dispatched_at": item.dispatched_at, "dispatched_by": item.dispatched_by, "via": item.via,
            "receipt": item.receipt, "note": item.note}


def dispatch_view(item: DeliveryItem) -> dict[str, Any]:
    """A row of the org's dispatch list: the delivery and which letter it carries."""
    return {**view(item), "letter_id": item.letter_id, "letter_number": item.letter_number, "subject": item.subject}


class DispatchRepository:
    """Delivery items; each write is conditional so a redelivered event or a double click changes nothing."""

    def list(self, letter_id: str) -> list[DeliveryItem]:
        """Every delivery of a letter (one Query)."""
        return list(DeliveryItem.query(delivery_pk(letter_id), limit=MAX_DELIVERIES, page_size=MAX_DELIVERIES,
                                       consistent_read=True))

    def by_state(self, org: str, state: str, limit: int, cursor: str | None) -> dynamo.Page[DeliveryItem]:
        """One page of an org's deliveries by hand in `state`: pending oldest first, dispatched newest first."""
        return dynamo.query_page(DeliveryItem.by_dispatch_state.query, "gsi1pk", dispatch_pk(org, state),
                                 limit=limit, cursor=cursor, convert=lambda item: item,
                                 scan_index_forward=state == "pending")

    def add(self, item: DeliveryItem) -> bool:
        """Store a new delivery; False when it exists already (the event was delivered before)."""
        try:
            item.save(condition=DeliveryItem.pk.does_not_exist())
        except PutError as exc:
            if _condition_failed(exc):
                return False
            raise
        return True

    def mark_sent(self, item: DeliveryItem, at: str, message_id: str) -> None:
        """The email went out."""
        item.update(actions=[DeliveryItem.state.set("sent"), DeliveryItem.sent_at.set(at),
                             DeliveryItem.message_id.set(message_id),
                             DeliveryItem.attempts.set(DeliveryItem.attempts + 1)])

    def mark_dispatched(self, letter_id: str, delivery_id: str, *, by: str, at: datetime, via: str,
                        receipt: str | None, note: str | None) -> DeliveryItem:
        """An operator sent it by hand or post; only a pending delivery can be marked (409 otherwise)."""
        try:
            item = DeliveryItem.get(delivery_pk(letter_id), delivery_id, consistent_read=True)
        except DeliveryItem.DoesNotExist as exc:
            raise NotFound("no such delivery", details={"field": "delivery_id"}) from exc
        if item.state != "pending":
            raise Conflict(f"this delivery is already {item.state}", details={"state": item.state})
        try:
            item.update(actions=[DeliveryItem.state.set("dispatched"), DeliveryItem.dispatched_at.set(iso(at)),
                                 DeliveryItem.gsi1pk.set(dispatch_pk(item.org, "dispatched")),
                                 DeliveryItem.gsi1sk.set(dispatch_sk(at, letter_id, delivery_id)),
                                 DeliveryItem.dispatched_by.set(by), DeliveryItem.via.set(via),
                                 DeliveryItem.receipt.set(receipt) if receipt else DeliveryItem.receipt.remove(),
                                 DeliveryItem.note.set(note) if note else DeliveryItem.note.remove()],
                        condition=DeliveryItem.state == "pending")
        except UpdateError as exc:
            if _condition_failed(exc):
                raise Conflict("this delivery was marked meanwhile", details={"state": "dispatched"}) from exc
            raise
        return item


def _condition_failed(exc: Exception) -> bool:
    cause = getattr(exc, "cause_response_code", None)
    return cause == "ConditionalCheckFailedException"
