"""Dispositions in DynamoDB.

| who asks | what | key |
|---|---|---|
| recipient / sender | one disposition | `DISPO#{id}` / `#DISPO` |
| recipient | dispositions to my position, newest first | gsi1 `DISPO-TO#{org}#{position}`, `{created_at}#{id}` |
| recipient | my open ones by deadline (overdue: < now) | gsi2 `DISPO-OPEN#{org}#{position}`, `{deadline}#{id}` (sparse) |
| incoming letter | its dispositions, in order | gsi3 `DISPO-OF#{incoming id}`, `{created_at}#{id}` |
| overdue sweep | an org's open dispositions by deadline | `DUE#{org}` / `{deadline}#{id}` (marker, deleted when closed) |
"""

from __future__ import annotations

from dataclasses import replace

from pynamodb.attributes import BooleanAttribute, ListAttribute, NumberAttribute, UnicodeAttribute, VersionAttribute

from chalicelib.adapters import dynamo, monitoring_repo
from chalicelib.adapters.audit_repo import AuditRepository
from chalicelib.adapters.dynamo import Gsi1, Gsi2, Gsi3, Item, Page, Transaction, register
from chalicelib.adapters.receipt_repo import count_unread
from chalicelib.adapters.records import write_transition
from chalicelib.domain.audit import GENESIS, AuditEvent
from chalicelib.domain.dispositions import OPEN, Disposition, DispositionKind, DispositionState, DueMarker
from chalicelib.domain.errors import Conflict, NotFound
from chalicelib.domain.monitoring import OVERDUE_GAUGE, Kind
from chalicelib.domain.receipts import UnreadBox


def disposition_key(disposition_id: str) -> tuple[str, str]:
    """A disposition's item."""
    return f"DISPO#{disposition_id}", "#DISPO"


def to_pk(org: str, position: str) -> str:
    """gsi1: dispositions addressed to a position."""
    return f"DISPO-TO#{org}#{position}"


def open_pk(org: str, position: str) -> str:
    """gsi2: a position's open dispositions by deadline."""
    return f"DISPO-OPEN#{org}#{position}"


def of_pk(incoming_id: str) -> str:
    """gsi3: an incoming letter's dispositions."""
    return f"DISPO-OF#{incoming_id}"


def due_key(org: str, deadline: str, disposition_id: str) -> tuple[str, str]:
    """The marker of an open disposition in its org's deadline list."""
    return f"DUE#{org}", f"{deadline}#{disposition_id}"


def overdue_key(org: str, deadline: str, disposition_id: str) -> tuple[str, str]:
    """The marker of an open disposition the sweep notified as overdue (the `DUE#` marker moves here)."""
    return f"OVERDUE#{org}", f"{deadline}#{disposition_id}"


def count_overdue_not_swept(org: str, now: str) -> int:
    """An org's open dispositions past their deadline that the sweep has not notified yet: one COUNT Query of
    its `DUE#` markers before `now`. The sweep moves each one it notifies out of `DUE#` and into the org's
    overdue gauge, so this reads only what fell due since its last run, not every overdue disposition.
    """
    pk, before_now = due_key(org, now, "")
    return DueItem.count(pk, DueItem.sk < before_now)


@register
class DispositionItem(Item):
    """One disposition."""

    gsi1pk = UnicodeAttribute()
    gsi1sk = UnicodeAttribute()
    gsi2pk = UnicodeAttribute(null=True)
    gsi2sk = UnicodeAttribute(null=True)
    gsi3pk = UnicodeAttribute()
    gsi3sk = UnicodeAttribute()
    to_me = Gsi1()
    open_by_deadline = Gsi2()
    of_letter = Gsi3()
    id = UnicodeAttribute()
    incoming_id = UnicodeAttribute()
    org = UnicodeAttribute()
    parent_id = UnicodeAttribute(null=True)
    from_position = UnicodeAttribute()
    from_user = UnicodeAttribute()
    to_position = UnicodeAttribute()
    instructions = ListAttribute(of=UnicodeAttribute)
    note = UnicodeAttribute(null=True)
    deadline = UnicodeAttribute()
    created_at = UnicodeAttribute()
    state = UnicodeAttribute()
    read_at = UnicodeAttribute(null=True)
    done_at = UnicodeAttribute(null=True)
    done_by = UnicodeAttribute(null=True)
    follow_up = UnicodeAttribute(null=True)
    reply_letter_id = UnicodeAttribute(null=True)
    subject = UnicodeAttribute()
    agenda_number = UnicodeAttribute()
    kind = UnicodeAttribute(null=True)  # absent: an instruction
    audit_seq = NumberAttribute()
    audit_head = UnicodeAttribute()
    overdue_notified = BooleanAttribute(null=True)
    version = VersionAttribute()


@register
class DueItem(Item):
    """An open disposition in its org's deadline list (for the overdue sweep)."""

    disposition_id = UnicodeAttribute()
    to_position = UnicodeAttribute()
    notified = BooleanAttribute(default=False)


def to_disposition(item: DispositionItem) -> Disposition:
    """Domain view of an item."""
    return Disposition(
        id=item.id, incoming_id=item.incoming_id, org=item.org, parent_id=item.parent_id,
        from_position=item.from_position, from_user=item.from_user, to_position=item.to_position,
        instructions=list(item.instructions or []), note=item.note, deadline=item.deadline,
        created_at=item.created_at, state=DispositionState(item.state), read_at=item.read_at,
        done_at=item.done_at, done_by=item.done_by, follow_up=item.follow_up, reply_letter_id=item.reply_letter_id,
        subject=item.subject, agenda_number=item.agenda_number,
        kind=DispositionKind(item.kind or DispositionKind.INSTRUCTION.value), audit_seq=int(item.audit_seq),
        audit_head=item.audit_head, version=int(item.version or 1), overdue_notified=bool(item.overdue_notified),
    )


def _item(d: Disposition) -> DispositionItem:
    is_open = d.state in OPEN
    return DispositionItem(
        *disposition_key(d.id), gsi1pk=to_pk(d.org, d.to_position), gsi1sk=f"{d.created_at}#{d.id}",
        gsi2pk=open_pk(d.org, d.to_position) if is_open else None,
        gsi2sk=f"{d.deadline}#{d.id}" if is_open else None,
        gsi3pk=of_pk(d.incoming_id), gsi3sk=f"{d.created_at}#{d.id}", id=d.id, incoming_id=d.incoming_id, org=d.org,
        parent_id=d.parent_id, from_position=d.from_position, from_user=d.from_user, to_position=d.to_position,
        instructions=d.instructions, note=d.note, deadline=d.deadline, created_at=d.created_at, state=d.state.value,
        read_at=d.read_at, done_at=d.done_at, done_by=d.done_by, follow_up=d.follow_up,
        reply_letter_id=d.reply_letter_id, subject=d.subject, agenda_number=d.agenda_number,
        kind=d.kind.value,
        audit_seq=d.audit_seq, audit_head=d.audit_head, overdue_notified=d.overdue_notified or None,
    )


class DispositionRepository:
    """Dispositions with their audit trails; each list is one Query."""

    def __init__(self, audit: AuditRepository) -> None:
        self.audit = audit

    def add(self, tx: Transaction, disposition: Disposition, event: AuditEvent) -> Disposition:
        """A new disposition, its first audit event and its deadline marker."""
        sealed = write_transition(self.audit, tx, _item(disposition),
                                  replace(event, record=disposition_key(disposition.id)[0]), prev_seq=0,
                                  prev_head=GENESIS, version=None)
        tx.put(DueItem(*due_key(disposition.org, disposition.deadline, disposition.id),
                       disposition_id=disposition.id, to_position=disposition.to_position))
        monitoring_repo.count_transition(tx, Kind.DISPOSITION, disposition.org, None, event.to_state, event.at)
        count_unread(tx, disposition.org, disposition.to_position, UnreadBox.DISPOSITIONS, 1)
        return replace(disposition, audit_head=sealed.hash)

    def save(self, tx: Transaction, disposition: Disposition, event: AuditEvent) -> Disposition:
        """Write `disposition` (read at its version) and its next audit event; a closed one leaves the due list."""
        sealed = write_transition(self.audit, tx, _item(disposition),
                                  replace(event, record=disposition_key(disposition.id)[0]),
                                  prev_seq=disposition.audit_seq, prev_head=disposition.audit_head,
                                  version=disposition.version)
        if disposition.state not in OPEN and disposition.overdue_notified:
            tx.delete(DueItem(*overdue_key(disposition.org, disposition.deadline, disposition.id)))
            monitoring_repo.count(tx, disposition.org, event.at, gauges={OVERDUE_GAUGE: -1})
        elif disposition.state not in OPEN:
            tx.delete(DueItem(*due_key(disposition.org, disposition.deadline, disposition.id)))
        monitoring_repo.count_transition(tx, Kind.DISPOSITION, disposition.org, event.from_state, event.to_state,
                                         event.at, started=disposition.created_at)
        if event.from_state == DispositionState.ASSIGNED.value and disposition.state is not DispositionState.ASSIGNED:
            count_unread(tx, disposition.org, disposition.to_position, UnreadBox.DISPOSITIONS, -1)  # opened or ended
        return replace(disposition, audit_seq=sealed.seq, audit_head=sealed.hash, version=disposition.version + 1)

    def get(self, disposition_id: str) -> Disposition:
        """One disposition or NotFound."""
        try:
            return to_disposition(DispositionItem.get(*disposition_key(disposition_id)))
        except DispositionItem.DoesNotExist as exc:
            raise NotFound("no such disposition") from exc

    def list_to(self, org: str, position: str, limit: int, cursor: str | None) -> Page[Disposition]:
        """Dispositions addressed to a position, newest first."""
        return dynamo.query_page(DispositionItem.to_me.query, "gsi1pk", to_pk(org, position), limit=limit,
                                 cursor=cursor, convert=to_disposition, scan_index_forward=False)

    def list_overdue(self, org: str, position: str, now: str, limit: int, cursor: str | None) -> Page[Disposition]:
        """A position's open dispositions whose deadline passed, most overdue first."""
        return dynamo.query_page(DispositionItem.open_by_deadline.query, "gsi2pk", open_pk(org, position),
                                 limit=limit, cursor=cursor, convert=to_disposition,
                                 range_key_condition=DispositionItem.gsi2sk < now)

    def list_of(self, incoming_id: str, limit: int = 100) -> list[Disposition]:
        """The dispositions of one incoming letter, in order (one Query)."""
        return dynamo.query_page(DispositionItem.of_letter.query, "gsi3pk", of_pk(incoming_id), limit=limit,
                                 cursor=None, convert=to_disposition).items

    def due_unnotified(self, org: str, now: str) -> list[DueMarker]:
        """Markers of an org's open dispositions past their deadline not yet notified (one Query, every page):
        a notified one left `DUE#` for `OVERDUE#`, so nothing is read to be dropped.
        """
        return [_marker(org, item) for item in DueItem.query(f"DUE#{org}", DueItem.sk < now)]

    def mark_notified(self, tx: Transaction, marker: DueMarker, at: str) -> None:
        """Move the marker of a disposition notified as overdue to `OVERDUE#` and count it (once: a second move
        fails the transaction, 409).
        """
        pk, sk = due_key(marker.org, marker.deadline, marker.disposition_id)
        tx.delete(DueItem(pk, sk), condition=DueItem.pk.exists(),
                  on_condition_failed=lambda: Conflict("this overdue disposition was notified already"))
        tx.put(DueItem(*overdue_key(marker.org, marker.deadline, marker.disposition_id),
                       disposition_id=marker.disposition_id, to_position=marker.to_position, notified=True))
        monitoring_repo.count(tx, marker.org, at, gauges={OVERDUE_GAUGE: 1})


def _marker(org: str, item: DueItem) -> DueMarker:
    deadline, _, _ = item.sk.rpartition("#")
    return DueMarker(org=org, deadline=deadline, disposition_id=item.disposition_id, to_position=item.to_position)
