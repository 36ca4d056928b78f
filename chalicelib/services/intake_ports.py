"""Ports of the intake use cases (public submissions, verification, the incoming register, dispositions,
replies and messages to senders): what those services need from storage, files, events and other areas.

The DynamoDB adapters in `chalicelib/adapters/` implement them, the in-memory fakes of `tests/fakes_intake/`
too. Writes join the caller's transaction (`Transaction`): a use case opens one with the factory it was given,
hands it to each repository method, and commits it once, so a state change, its audit event, counters,
notifications and the public timeline are written together or not at all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from chalicelib.adapters.dynamo import IdempotentReplay, Page, Transaction
from chalicelib.domain.audit import AuditEvent
from chalicelib.domain.classification import Table
from chalicelib.domain.dispositions import Disposition, DueMarker
from chalicelib.domain.identity import Principal
from chalicelib.domain.incoming import IncomingLetter, IncomingSource
from chalicelib.domain.letters import Letter
from chalicelib.domain.org import Org, Position, Unit
from chalicelib.domain.submissions import PublicStatus, SenderKeys, Submission, TimelineEntry

NewTransaction = Callable[[], Transaction]
FindReplay = Callable[[str, str, Any], IdempotentReplay | None]  # (scope, Idempotency-Key, request): a done request


class SubmissionRepo(Protocol):
    """Submissions: the private record, its public tracking item, rate counters and sent-message markers."""

    def add(self, tx: Transaction, submission: Submission, secret_hash: str, first: TimelineEntry,
            event: AuditEvent) -> Submission:
        """A new record, its tracking item (the code must be new) and its first audit event, in `tx`."""

    def save(self, tx: Transaction, submission: Submission, event: AuditEvent) -> Submission:
        """Write `submission` (read at its version, else 409) with its next audit event, in `tx`."""

    def add_to_timeline(self, tx: Transaction, code: str, entry: TimelineEntry, status: PublicStatus | None = None,
                        *, subject: str | None = None) -> None:
        """Append `entry` to the public timeline and set the public status, in `tx`."""

    def count_contacts(self, tx: Transaction, contacts: list[str], cap: int,
                       of: str = "one email address or phone number") -> None:
        """Count one submission per contact this hour; the commit fails with 429 at `cap`."""

    def reissue_secret(self, code: str, secret_hash: str) -> None:
        """Replace the secret (its hash) of an existing code."""

    def track(self, code: str) -> dict[str, Any]:
        """The public view of a code, or NotFound."""

    def unlock(self, code: str) -> SenderKeys:
        """What stands behind a code for its sender's own actions."""

    def sender_view(self, code: str) -> tuple[SenderKeys, dict[str, Any]]:
        """What stands behind a code, and its public view."""

    def list_owned(self, owner: str, limit: int, cursor: str | None) -> Page[dict[str, Any]]:
        """A public account's submissions, newest first."""

    def get(self, submission_id: str) -> Submission:
        """One submission, or NotFound."""

    def list(self, org: str, state: str | None, limit: int, cursor: str | None) -> Page[Submission]:
        """An org's queue in one state (oldest first), or all its submissions (newest first)."""

    def claim_notice(self, key: str) -> bool:
        """True the first time `key` is claimed (a message goes out once)."""


class IncomingRepo(Protocol):
    """Incoming letters: registered with the org's next agenda number, saved under their version."""

    def register(self, tx: Transaction, *, org: str, source: IncomingSource, source_ref: str | None,
                 sender_name: str, sender_org: str | None, subject: str, actor: str,
                 actor_position: str | None = None, letter_number: str | None = None,
                 letter_date: str | None = None, classification: str | None = None, security: str = "biasa",
                 urgency: str = "biasa", addressed_to: str | None = None,
                 attachments: list[dict[str, Any]] | None = None,
                 tracking_code: str | None = None, forwarded_from: dict[str, Any] | None = None,
                 table: Table) -> IncomingLetter:
        """A new incoming letter with the org's next agenda number and its first audit event, in `tx`."""

    def save(self, tx: Transaction, letter: IncomingLetter, event: AuditEvent) -> IncomingLetter:
        """Write `letter` (read at its version, else 409) with its next audit event, in `tx`."""

    def get(self, incoming_id: str) -> IncomingLetter:
        """One incoming letter, or NotFound."""

    def mark_opened(self, tx: Transaction, letter: IncomingLetter, at: str, by: str) -> None:
        """The org's first open of `letter`, in `tx` (a second one cancels `tx` with a Conflict)."""

    def list(self, org: str, state: str | None, limit: int, cursor: str | None) -> Page[IncomingLetter]:
        """An org's incoming letters, newest first, optionally in one state."""


class DispositionRepo(Protocol):
    """Dispositions, their deadline markers and the overdue sweep's bookkeeping."""

    def add(self, tx: Transaction, disposition: Disposition, event: AuditEvent) -> Disposition:
        """A new disposition, its first audit event and its deadline marker, in `tx`."""

    def save(self, tx: Transaction, disposition: Disposition, event: AuditEvent) -> Disposition:
        """Write `disposition` (read at its version, else 409) with its next audit event, in `tx`."""

    def get(self, disposition_id: str) -> Disposition:
        """One disposition, or NotFound."""

    def list_to(self, org: str, position: str, limit: int, cursor: str | None) -> Page[Disposition]:
        """Dispositions addressed to a position, newest first."""

    def list_overdue(self, org: str, position: str, now: str, limit: int,
                     cursor: str | None) -> Page[Disposition]:
        """A position's open dispositions past their deadline, most overdue first."""

    def list_of(self, incoming_id: str, limit: int = 100) -> list[Disposition]:
        """The dispositions of one incoming letter, in order."""

    def due_unnotified(self, org: str, now: str) -> list[DueMarker]:
        """An org's open dispositions past their deadline not notified yet."""

    def mark_notified(self, tx: Transaction, marker: DueMarker, at: str) -> None:
        """Record in `tx` that a marker was notified (a second time fails the commit, 409)."""


class Receipts(Protocol):
    """First opens of sent letters (read receipts)."""

    def record(self, tx: Transaction, record_id: str, recipient: str, *, at: str, by: str,
               position: str | None) -> None:
        """The first open of `recipient`, in `tx` (a second one cancels `tx` with a Conflict)."""


class NotificationRepo(Protocol):
    """In-app notifications, written in the use case's transaction."""

    def add(self, tx: Transaction, recipients: list[str], *, type: str, title: str, body: str,  # noqa: A002
            record_type: str, record_id: str) -> None:
        """Notify each recipient once, in `tx`."""


class OrgRepo(Protocol):
    """The orgs and their trees, as the intake use cases read them."""

    def get_org(self, code: str) -> Org:
        """One org, or NotFound."""

    def list_orgs(self, limit: int, cursor: str | None) -> Page[Org]:
        """A page of orgs."""

    def list_units(self, org: str, limit: int, cursor: str | None) -> Page[Unit]:
        """A page of an org's units."""

    def list_positions(self, org: str, limit: int, cursor: str | None) -> Page[Position]:
        """A page of an org's positions."""


class ClassificationRepo(Protocol):
    """The classification table (kode klasifikasi with retention)."""

    def table(self, *, fresh: bool = False) -> Table:
        """The effective table."""


class StoredFileInfo(Protocol):
    """What the checks of an uploaded object found."""

    @property
    def size(self) -> int:
        """Bytes stored."""

    @property
    def sha256(self) -> str:
        """The content's SHA-256, hex."""


class Files(Protocol):
    """A bucket: presigned uploads checked after the fact, presigned downloads."""

    def presign_upload(self, key: str, content_type: str, max_bytes: int) -> dict[str, Any]:
        """A presigned POST for one object under `key`."""

    def inspect(self, key: str, declared_type: str, max_bytes: int) -> StoredFileInfo:
        """Check an uploaded object (present, size, type by content) and return what was found."""

    def delete(self, key: str) -> None:
        """Remove an object."""

    def presign_download(self, key: str, filename: str, content_type: str) -> dict[str, Any]:
        """A short-lived download link."""


class Events(Protocol):
    """Domain events to subscribers (best effort, after the commit)."""

    def publish(self, event_type: str, org: str | None, record_id: str, data: dict[str, Any]) -> bool:
        """Publish one event; False when it could not be sent."""


class SenderMessages(Protocol):
    """Email and SMS to a submission's sender."""

    def email(self, to: str, subject: str, text: str) -> None:
        """Send an email."""

    def sms(self, phone_e164: str, text: str) -> None:
        """Send an SMS to an E.164 number."""


class StoredLetter(Protocol):
    """A stored outgoing letter, as the intake use cases read it."""

    @property
    def letter(self) -> Letter:
        """The letter."""


class LetterReader(Protocol):
    """Outgoing letters (read only): the letter an incoming letter came from, or a reply drafted to it."""

    def get(self, letter_id: str) -> StoredLetter:
        """One letter, or NotFound."""


class LetterDrafting(Protocol):
    """Drafting an outgoing letter (the reply to an incoming letter goes through every drafting rule)."""

    def create(self, principal: Principal, data: dict[str, Any],
               idempotency_key: str | None) -> tuple[int, dict[str, Any]]:
        """A new draft letter."""
