"""Deliveries of signed letters to external addressees (pengiriman surat keluar ke pihak luar).

One item per external addressee or cc of a sent letter, in the letter's own delivery partition
(`DELIVERY#{letter_id}`, sort key `to-00` / `cc-01` …): a letter's deliveries are one Query. A delivery by hand
is also in its org's dispatch list on gsi1 (`DISPATCH#{org}#{state}`): pending ones oldest first, dispatched
ones by when they went out — the operator's list is one Query page, never a Scan. Emailed deliveries stay out of it.
"""

from __future__ import annotations

from datetime import datetime

from pynamodb.attributes import NumberAttribute, UnicodeAttribute, VersionAttribute
from pynamodb.expressions.update import Action

from chalicelib.adapters import dynamo
from chalicelib.adapters.dynamo import Gsi1, Item, register
from chalicelib.domain.errors import Conflict, NotFound
from chalicelib.domain.letter_records import ExternalDelivery
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


def _delivery(item: DeliveryItem) -> ExternalDelivery:
    return ExternalDelivery(
        letter_id=item.letter_id, id=item.sk, org=item.org, role=item.role, name=item.name, channel=item.channel,
        state=item.state, letter_number=item.letter_number, subject=item.subject, address=item.address,
        email=item.email, reason=item.reason, attempts=int(item.attempts or 0), sent_at=item.sent_at,
        message_id=item.message_id, dispatched_at=item.dispatched_at, dispatched_by=item.dispatched_by,
        via=item.via, receipt=item.receipt, note=item.note, version=int(item.version or 0))


class DispatchRepository:
    """Delivery items; each write is conditional so a redelivered event or a double click changes nothing."""

    def list(self, letter_id: str) -> list[ExternalDelivery]:
        """Every delivery of a letter (one Query)."""
        return [_delivery(item) for item in DeliveryItem.query(
            delivery_pk(letter_id), limit=MAX_DELIVERIES, page_size=MAX_DELIVERIES, consistent_read=True)]

    def by_state(self, org: str, state: str, limit: int, cursor: str | None) -> dynamo.Page[ExternalDelivery]:
        """One page of an org's deliveries by hand in `state`: pending oldest first, dispatched newest first."""
        return dynamo.query_page(DeliveryItem.by_dispatch_state.query, "gsi1pk", dispatch_pk(org, state),
                                 limit=limit, cursor=cursor, convert=_delivery,
                                 scan_index_forward=state == "pending")

    def add(self, delivery: ExternalDelivery, at: datetime) -> bool:
        """Store a new delivery (one by hand also in its org's pending list, from `at`); False when it exists
        already (the event was delivered before).
        """
        d, by_hand = delivery, delivery.channel == "manual"
        item = DeliveryItem(delivery_pk(d.letter_id), d.id, letter_id=d.letter_id, org=d.org,
                            letter_number=d.letter_number, subject=d.subject, role=d.role, name=d.name,
                            address=d.address, email=d.email, channel=d.channel, state=d.state, reason=d.reason,
                            attempts=d.attempts, gsi1pk=dispatch_pk(d.org, d.state) if by_hand else None,
                            gsi1sk=dispatch_sk(at, d.letter_id, d.id) if by_hand else None)
        # stored at version 1 (the version the caller's `delivery` must carry to be marked)
        return dynamo.applied(lambda: item.save(condition=DeliveryItem.pk.does_not_exist()))

    def mark_sent(self, delivery: ExternalDelivery, at: str, message_id: str) -> None:
        """The email went out."""
        item = DeliveryItem(delivery_pk(delivery.letter_id), delivery.id, version=delivery.version)
        item.update(actions=[DeliveryItem.state.set("sent"), DeliveryItem.sent_at.set(at),
                             DeliveryItem.message_id.set(message_id),
                             DeliveryItem.attempts.set(DeliveryItem.attempts + 1)])

    def mark_dispatched(self, letter_id: str, delivery_id: str, *, by: str, at: datetime, via: str,
                        receipt: str | None, note: str | None) -> ExternalDelivery:
        """An operator sent it by hand or post; only a pending delivery can be marked (409 otherwise)."""
        try:
            item = DeliveryItem.get(delivery_pk(letter_id), delivery_id, consistent_read=True)
        except DeliveryItem.DoesNotExist as exc:
            raise NotFound("no such delivery", details={"field": "delivery_id"}) from exc
        if item.state != "pending":
            raise Conflict(f"this delivery is already {item.state}", details={"state": item.state})
        actions: list[Action] = [DeliveryItem.state.set("dispatched"), DeliveryItem.dispatched_at.set(iso(at)),
                                 DeliveryItem.gsi1pk.set(dispatch_pk(item.org, "dispatched")),
                                 DeliveryItem.gsi1sk.set(dispatch_sk(at, letter_id, delivery_id)),
                                 DeliveryItem.dispatched_by.set(by), DeliveryItem.via.set(via),
                                 DeliveryItem.receipt.set(receipt) if receipt else DeliveryItem.receipt.remove(),
                                 DeliveryItem.note.set(note) if note else DeliveryItem.note.remove()]
        if not dynamo.applied(lambda: item.update(actions=actions, condition=DeliveryItem.state == "pending")):
            raise Conflict("this delivery was marked meanwhile", details={"state": "dispatched"})
        return _delivery(item)
