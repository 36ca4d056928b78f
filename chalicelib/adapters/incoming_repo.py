"""Incoming letters in DynamoDB. `register()` is the one way in, used by G2G delivery of signed letters,
by accepted public submissions and by operators registering paper letters; it also files the letter in the
archive (adapters/archive_repo.py) in the same transaction.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from typing import Any

from pynamodb.attributes import JSONAttribute, ListAttribute, NumberAttribute, UnicodeAttribute, VersionAttribute

from chalicelib.adapters import dynamo, monitoring_repo, sequences
from chalicelib.adapters.archive_repo import ArchiveRepository
from chalicelib.adapters.audit_repo import AuditRepository
from chalicelib.adapters.dynamo import Gsi1, Gsi2, Item, Page, Transaction, register
from chalicelib.adapters.receipt_repo import AlreadyOpened, count_unread
from chalicelib.adapters.records import write_transition
from chalicelib.domain.archive import incoming_entry
from chalicelib.domain.audit import GENESIS, AuditEvent
from chalicelib.domain.classification import Table
from chalicelib.domain.errors import NotFound
from chalicelib.domain.incoming import IncomingLetter, IncomingSource, IncomingState, agenda_number
from chalicelib.domain.monitoring import Kind
from chalicelib.domain.receipts import ORG_WIDE, UnreadBox
from chalicelib.domain.timefmt import WITA, iso, now_wita


def incoming_key(incoming_id: str) -> tuple[str, str]:
    """An incoming letter's item."""
    return f"INCOMING#{incoming_id}", "#INCOMING"


def by_state_pk(org: str, state: str) -> str:
    """gsi1 partition: an org's incoming letters in one state, oldest first."""
    return f"INBOX#{org}#{state}"


def all_pk(org: str) -> str:
    """gsi2 partition: all of an org's incoming letters."""
    return f"INBOX#{org}"


@register
class IncomingItem(Item):
    """An incoming letter; gsi1 by org and state, gsi2 by org."""

    gsi1pk = UnicodeAttribute()
    gsi1sk = UnicodeAttribute()
    gsi2pk = UnicodeAttribute()
    gsi2sk = UnicodeAttribute()
    by_state = Gsi1()
    by_org = Gsi2()
    id = UnicodeAttribute()
    org = UnicodeAttribute()
    agenda_number = UnicodeAttribute()
    received_at = UnicodeAttribute()
    source = UnicodeAttribute()
    source_ref = UnicodeAttribute(null=True)
    sender_name = UnicodeAttribute()
    sender_org = UnicodeAttribute(null=True)
    letter_number = UnicodeAttribute(null=True)
    letter_date = UnicodeAttribute(null=True)
    subject = UnicodeAttribute()
    classification = UnicodeAttribute(null=True)
    security = UnicodeAttribute()
    urgency = UnicodeAttribute()
    addressed_to = UnicodeAttribute(null=True)
    state = UnicodeAttribute()
    attachments = JSONAttribute(null=True)
    tracking_code = UnicodeAttribute(null=True)
    open_dispositions = NumberAttribute(null=True)
    done_dispositions = NumberAttribute(null=True)
    readers = ListAttribute(of=UnicodeAttribute, null=True)
    answered_at = UnicodeAttribute(null=True)
    forwarded_from = JSONAttribute(null=True)
    forwarded_to = JSONAttribute(null=True)
    opened_at = UnicodeAttribute(null=True)
    opened_by = UnicodeAttribute(null=True)
    audit_seq = NumberAttribute()
    audit_head = UnicodeAttribute()
    version = VersionAttribute()


def to_incoming(item: IncomingItem) -> IncomingLetter:
    """Domain view of an item."""
    return IncomingLetter(
        id=item.id, org=item.org, agenda_number=item.agenda_number, received_at=item.received_at,
        source=IncomingSource(item.source), source_ref=item.source_ref, sender_name=item.sender_name,
        sender_org=item.sender_org, letter_number=item.letter_number, letter_date=item.letter_date,
        subject=item.subject, classification=item.classification, security=item.security, urgency=item.urgency,
        addressed_to=item.addressed_to, state=IncomingState(item.state), attachments=item.attachments or [],
        tracking_code=item.tracking_code, open_dispositions=int(item.open_dispositions or 0),
        done_dispositions=int(item.done_dispositions or 0), readers=list(item.readers or []),
        answered_at=item.answered_at, forwarded_from=item.forwarded_from, forwarded_to=item.forwarded_to or [],
        opened_at=item.opened_at, opened_by=item.opened_by, audit_seq=int(item.audit_seq),
        audit_head=item.audit_head, version=int(item.version or 1),
    )


class IncomingRepository:
    """Registration (inside the caller's transaction) and reads of incoming letters."""

    def __init__(self, audit: AuditRepository, archive: ArchiveRepository) -> None:
        self.audit = audit
        self.archive = archive

    def register(self, tx: Transaction, *, org: str, source: IncomingSource, source_ref: str | None,
                 sender_name: str, sender_org: str | None, subject: str, actor: str,
                 actor_position: str | None = None, letter_number: str | None = None,
                 letter_date: str | None = None, classification: str | None = None, security: str = "biasa",
                 urgency: str = "biasa", addressed_to: str | None = None,
                 attachments: list[dict[str, Any]] | None = None,
                 tracking_code: str | None = None, forwarded_from: dict[str, Any] | None = None,
                 table: Table, incoming_id: str | None = None, file_in_archive: bool = True) -> IncomingLetter:
        """Add an incoming letter with the org's next agenda number and its first audit event to `tx`; its archive
        entry gets the retention of its code in the classification `table`.

        The agenda number is reserved in `tx`: run the whole use case under `sequences.with_retries`. A given
        `incoming_id` is written only if no letter has it (else `tx` fails with a Conflict). Without
        `file_in_archive` the caller files its archive entry after the commit (`ArchiveRepository.index_once`).
        """
        now = now_wita()
        seq = sequences.reserve(f"AGENDA#{org}#{now.astimezone(WITA).year}", tx)
        letter = IncomingLetter(
            id=incoming_id or uuid.uuid4().hex, org=org, agenda_number=agenda_number(seq, org, now.year), received_at=iso(now),
            source=source, source_ref=source_ref, sender_name=sender_name, sender_org=sender_org,
            letter_number=letter_number, letter_date=letter_date, subject=subject, classification=classification,
            security=security, urgency=urgency, addressed_to=addressed_to, attachments=list(attachments or []),
            tracking_code=tracking_code, forwarded_from=forwarded_from,
        )
        event = AuditEvent(record=incoming_key(letter.id)[0], seq=1, at=letter.received_at, actor=actor,
                           position=actor_position, action="registered", to_state=IncomingState.REGISTERED.value,
                           data={"agenda_number": letter.agenda_number, "source": source.value,
                                 "source_ref": source_ref})
        sealed = write_transition(self.audit, tx, self._item(letter), event, prev_seq=0, prev_head=GENESIS,
                                  version=None)
        if file_in_archive:
            self.archive.index(tx, incoming_entry(letter, table))
        monitoring_repo.count_transition(tx, Kind.INCOMING, org, None, event.to_state, event.at)
        count_unread(tx, org, ORG_WIDE, UnreadBox.INCOMING, 1)
        return replace(letter, audit_head=sealed.hash)

    def mark_opened(self, tx: Transaction, letter: IncomingLetter, at: str, by: str) -> None:
        """The org's first open of `letter` read at its version (once; the version moves, so a save read before it
        is a 409 rather than a write that forgets it); one unread letter fewer in the org's register.
        """
        tx.update(IncomingItem(*incoming_key(letter.id), version=letter.version),  # PynamoDB checks and moves it
                  [IncomingItem.opened_at.set(at), IncomingItem.opened_by.set(by)],
                  condition=IncomingItem.opened_at.does_not_exist(),
                  on_condition_failed=lambda: AlreadyOpened("opened before"))
        count_unread(tx, letter.org, ORG_WIDE, UnreadBox.INCOMING, -1)

    def save(self, tx: Transaction, letter: IncomingLetter, event: AuditEvent) -> IncomingLetter:
        """Write `letter` (read at `letter.version`) and its next audit event to `tx`."""
        sealed = write_transition(self.audit, tx, self._item(letter), replace(event, record=incoming_key(letter.id)[0]),
                                  prev_seq=letter.audit_seq, prev_head=letter.audit_head, version=letter.version)
        monitoring_repo.count_transition(tx, Kind.INCOMING, letter.org, event.from_state, event.to_state, event.at,
                                         started=letter.received_at)
        return replace(letter, audit_seq=sealed.seq, audit_head=sealed.hash, version=letter.version + 1)

    def _item(self, letter: IncomingLetter) -> IncomingItem:
        sort = f"{letter.received_at}#{letter.id}"
        return IncomingItem(
            *incoming_key(letter.id), gsi1pk=by_state_pk(letter.org, letter.state.value), gsi1sk=sort,
            gsi2pk=all_pk(letter.org), gsi2sk=sort, id=letter.id, org=letter.org,
            agenda_number=letter.agenda_number, received_at=letter.received_at, source=letter.source.value,
            source_ref=letter.source_ref, sender_name=letter.sender_name, sender_org=letter.sender_org,
            letter_number=letter.letter_number, letter_date=letter.letter_date, subject=letter.subject,
            classification=letter.classification, security=letter.security, urgency=letter.urgency,
            addressed_to=letter.addressed_to, state=letter.state.value, attachments=letter.attachments or None,
            tracking_code=letter.tracking_code, open_dispositions=letter.open_dispositions,
            done_dispositions=letter.done_dispositions, readers=letter.readers or None,
            answered_at=letter.answered_at, forwarded_from=letter.forwarded_from,
            forwarded_to=letter.forwarded_to or None, opened_at=letter.opened_at, opened_by=letter.opened_by,
            audit_seq=letter.audit_seq, audit_head=letter.audit_head,
        )

    def get(self, incoming_id: str) -> IncomingLetter:
        """One incoming letter (with its version and audit head) or NotFound."""
        try:
            return to_incoming(IncomingItem.get(*incoming_key(incoming_id)))
        except IncomingItem.DoesNotExist as exc:
            raise NotFound("no such incoming letter") from exc

    def list(self, org: str, state: str | None, limit: int, cursor: str | None) -> Page[IncomingLetter]:
        """An org's incoming letters, newest first, optionally in one state."""
        if state:
            return dynamo.query_page(IncomingItem.by_state.query, "gsi1pk", by_state_pk(org, state), limit=limit,
                                     cursor=cursor, convert=to_incoming, scan_index_forward=False)
        return dynamo.query_page(IncomingItem.by_org.query, "gsi2pk", all_pk(org), limit=limit, cursor=cursor,
                                 convert=to_incoming, scan_index_forward=False)
