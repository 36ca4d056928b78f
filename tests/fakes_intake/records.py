"""In-memory incoming letters, dispositions and notifications."""

from __future__ import annotations

import uuid
from dataclasses import replace
from typing import Any

from chalicelib.adapters.dynamo import Page, Transaction
from chalicelib.adapters.sequences import SequenceContention
from chalicelib.domain.audit import AuditEvent
from chalicelib.domain.classification import Table
from chalicelib.domain.dispositions import OPEN, Disposition, DueMarker
from chalicelib.domain.errors import Conflict, DomainError, NotFound
from chalicelib.domain.incoming import IncomingLetter, IncomingSource, IncomingState, agenda_number
from chalicelib.domain.timefmt import WITA, iso, now_wita
from tests.fakes_intake.store import Store, page, staged, write_transition


class FakeIncomingRepo:
    """Same methods and conditions as adapters.incoming_repo.IncomingRepository (no archive entry)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.agenda: dict[str, int] = {}

    def register(self, tx: Transaction, *, org: str, source: IncomingSource, source_ref: str | None,
                 sender_name: str, sender_org: str | None, subject: str, actor: str,
                 actor_position: str | None = None, letter_number: str | None = None,
                 letter_date: str | None = None, classification: str | None = None, security: str = "biasa",
                 urgency: str = "biasa", addressed_to: str | None = None,
                 attachments: list[dict[str, Any]] | None = None,
                 tracking_code: str | None = None, forwarded_from: dict[str, Any] | None = None,
                 table: Table) -> IncomingLetter:
        """A new letter with the org's next agenda number (taken only if the transaction commits)."""
        now = now_wita()
        counter = f"{org}#{now.astimezone(WITA).year}"
        current = self.agenda.get(counter, 0)
        letter = IncomingLetter(
            id=uuid.uuid4().hex, org=org, agenda_number=agenda_number(current + 1, org, now.year),
            received_at=iso(now), source=source, source_ref=source_ref, sender_name=sender_name,
            sender_org=sender_org, letter_number=letter_number, letter_date=letter_date, subject=subject,
            classification=classification, security=security, urgency=urgency, addressed_to=addressed_to,
            attachments=list(attachments or []), tracking_code=tracking_code, forwarded_from=forwarded_from)
        event = AuditEvent(record="", seq=1, at=letter.received_at, actor=actor, position=actor_position,
                           action="registered", to_state=IncomingState.REGISTERED.value,
                           data={"agenda_number": letter.agenda_number, "source": source.value,
                                 "source_ref": source_ref})
        sealed = write_transition(tx, "incoming", letter, event, new=True)

        def check() -> DomainError | None:
            if self.agenda.get(counter, 0) != current:
                return SequenceContention(f"number {current + 1} of {counter} was just taken")
            return None

        staged(tx).stage(lambda: self.agenda.__setitem__(counter, current + 1), check)
        return replace(letter, audit_head=str(sealed.hash))

    def save(self, tx: Transaction, letter: IncomingLetter, event: AuditEvent) -> IncomingLetter:
        """Write `letter` (read at its version) and its next audit event."""
        sealed = write_transition(tx, "incoming", letter, event, new=False)
        return replace(letter, audit_seq=sealed.seq, audit_head=str(sealed.hash), version=letter.version + 1)

    def get(self, incoming_id: str) -> IncomingLetter:
        """One letter or NotFound."""
        letter = self.store.records.get(("incoming", incoming_id))
        if letter is None:
            raise NotFound("no such incoming letter")
        return letter  # type: ignore[no-any-return]

    def mark_opened(self, tx: Transaction, letter: IncomingLetter, at: str, by: str) -> None:
        """The org's first open (once: a second one fails the commit, 409)."""
        key = ("incoming", letter.id)

        def check() -> DomainError | None:
            return Conflict("opened before") if self.store.records[key].opened_at else None

        def write() -> None:
            stored = self.store.records[key]
            self.store.records[key] = replace(stored, opened_at=at, opened_by=by, version=stored.version + 1)

        staged(tx).stage(write, check)

    def list(self, org: str, state: str | None, limit: int, cursor: str | None) -> Page[IncomingLetter]:
        """An org's letters, newest first, optionally in one state."""
        rows = [r for (kind, _), r in self.store.records.items()
                if kind == "incoming" and r.org == org and (state is None or r.state.value == state)]
        return page(sorted(rows, key=lambda r: (r.received_at, r.id), reverse=True), limit, cursor)


class FakeDispositionRepo:
    """Same methods and conditions as adapters.disposition_repo.DispositionRepository."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.due: dict[tuple[str, str], DueMarker] = {}  # (org, disposition id) -> marker not notified yet
        self.overdue: dict[tuple[str, str], DueMarker] = {}  # notified, still open

    def add(self, tx: Transaction, disposition: Disposition, event: AuditEvent) -> Disposition:
        """A new disposition, its first audit event and its deadline marker."""
        sealed = write_transition(tx, "disposition", disposition, event, new=True)
        marker = DueMarker(org=disposition.org, deadline=disposition.deadline, disposition_id=disposition.id,
                           to_position=disposition.to_position)
        staged(tx).stage(lambda: self.due.__setitem__((disposition.org, disposition.id), marker))
        return replace(disposition, audit_head=str(sealed.hash))

    def save(self, tx: Transaction, disposition: Disposition, event: AuditEvent) -> Disposition:
        """Write `disposition` and its next audit event; a closed one leaves the deadline lists."""
        sealed = write_transition(tx, "disposition", disposition, event, new=False)
        if disposition.state not in OPEN:
            key = (disposition.org, disposition.id)
            staged(tx).stage(lambda: (self.due.pop(key, None), self.overdue.pop(key, None)) and None)
        return replace(disposition, audit_seq=sealed.seq, audit_head=str(sealed.hash),
                       version=disposition.version + 1)

    def get(self, disposition_id: str) -> Disposition:
        """One disposition or NotFound."""
        found = self.store.records.get(("disposition", disposition_id))
        if found is None:
            raise NotFound("no such disposition")
        return found  # type: ignore[no-any-return]

    def _all(self) -> list[Disposition]:
        return [r for (kind, _), r in self.store.records.items() if kind == "disposition"]

    def list_to(self, org: str, position: str, limit: int, cursor: str | None) -> Page[Disposition]:
        """Dispositions to a position, newest first."""
        rows = [d for d in self._all() if d.org == org and d.to_position == position]
        return page(sorted(rows, key=lambda d: (d.created_at, d.id), reverse=True), limit, cursor)

    def list_overdue(self, org: str, position: str, now: str, limit: int,
                     cursor: str | None) -> Page[Disposition]:
        """A position's open dispositions past their deadline, most overdue first."""
        rows = [d for d in self._all() if d.org == org and d.to_position == position and d.state in OPEN
                and d.deadline < now]
        return page(sorted(rows, key=lambda d: (d.deadline, d.id)), limit, cursor)

    def list_of(self, incoming_id: str, limit: int = 100) -> list[Disposition]:
        """The dispositions of one letter, in order."""
        return sorted((d for d in self._all() if d.incoming_id == incoming_id),
                      key=lambda d: (d.created_at, d.id))[:limit]

    def due_unnotified(self, org: str, now: str) -> list[DueMarker]:
        """Markers past their deadline not notified yet."""
        return sorted((m for (o, _), m in self.due.items() if o == org and m.deadline < now),
                      key=lambda m: (m.deadline, m.disposition_id))

    def mark_notified(self, tx: Transaction, marker: DueMarker, at: str) -> None:
        """Move the marker to the notified list (a second move fails the commit, 409)."""
        key = (marker.org, marker.disposition_id)

        def check() -> DomainError | None:
            return None if key in self.due else Conflict("this overdue disposition was notified already")

        def write() -> None:
            self.overdue[key] = self.due.pop(key)

        staged(tx).stage(write, check)


class FakeNotificationRepo:
    """Notifications kept in the store when the transaction commits."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def add(self, tx: Transaction, recipients: list[str], *, type: str, title: str, body: str,  # noqa: A002
            record_type: str, record_id: str) -> None:
        """Notify each recipient once."""
        rows = [{"recipient": r, "type": type, "title": title, "body": body, "record_type": record_type,
                 "record_id": record_id} for r in dict.fromkeys(recipients)]
        staged(tx).stage(lambda: self.store.notifications.extend(rows))


class FakeReceipts:
    """First opens kept when the transaction commits (a second one fails it, 409)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.opened: dict[tuple[str, str], dict[str, Any]] = {}

    def record(self, tx: Transaction, record_id: str, recipient: str, *, at: str, by: str,
               position: str | None) -> None:
        """The first open of `recipient`."""
        key = (record_id, recipient)
        staged(tx).stage(lambda: self.opened.__setitem__(key, {"at": at, "by": by, "position": position}),
                         lambda: Conflict("opened before") if key in self.opened else None)
