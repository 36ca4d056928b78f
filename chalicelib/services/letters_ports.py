"""The ports the letters use cases depend on: what they need of storage, of other services and of AWS, each a
`Protocol` that the DynamoDB / S3 / KMS / Step Functions adapters implement (and tests/fakes in memory).

A use case collects its writes in one unit of work (`Transaction`, from `Transactions`) that repositories add
to and the use case commits: everything or nothing, a failed condition raising its domain error.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from chalicelib.adapters.dynamo import Page, Transaction
from chalicelib.adapters.files import StoredFile
from chalicelib.domain.archive import ArchiveEntry, RecordKind
from chalicelib.domain.audit import AuditEvent
from chalicelib.domain.classification import Classification, Table
from chalicelib.domain.distribution_lists import DistributionList
from chalicelib.domain.incoming import IncomingLetter, IncomingSource
from chalicelib.domain.letter_records import LetterRecord, OrgStructure, ReviewStep, Verification
from chalicelib.domain.letters import Decision, Letter
from chalicelib.domain.org import Position, User
from chalicelib.domain.receipts import UnreadBox

if TYPE_CHECKING:  # the renderer (fpdf2) is imported where a letter is signed, not with the ports
    from chalicelib.adapters.pdf import RenderedLetter

Transactions = Callable[[], Transaction]


class LetterRepo(Protocol):
    """Letters, their review steps, audit trail, box entries and delivered copies."""

    def structure(self, org: str) -> OrgStructure:
        """The org, its positions and units (one Query); NotFound for an unknown org."""
    def get(self, letter_id: str) -> LetterRecord:
        """One letter, or NotFound."""
    def new_record(self, letter: Letter, tx: Transaction, event: AuditEvent) -> LetterRecord:
        """A new letter with its first audit event, added to `tx` (a letter stored before: Conflict)."""
    def record_event(self, tx: Transaction, record: LetterRecord, event: AuditEvent) -> LetterRecord:
        """Append an audit event after the record's head; the caller saves the returned record in `tx`."""
    def save(self, tx: Transaction, record: LetterRecord, *, new: bool = False) -> LetterRecord:
        """Write the letter, only if still at its version (a concurrent change: Conflict at commit); returns the
        record as stored once `tx` commits.
        """
    def trail(self, letter_id: str) -> list[AuditEvent]:
        """The letter's audit events in order."""
    def add_steps(self, tx: Transaction, letter: Letter, requested_at: str) -> None:
        """The steps of the letter's current round, the first in its holder's approval queue (a round submitted
        before: Conflict at commit).
        """
    def step_wait(self, letter: Letter, index: int, since: str, timeout_seconds: int) -> dict[str, Any]:
        """Step `index` of the current round as it waits: its queue entry and its timer (current since `since`)."""
    def enter_queue(self, wait: dict[str, Any]) -> bool:
        """Put a step or paraf (as `step_wait` / `paraf_branches` give it) in its holder's approval queue, unless
        it was decided, closed or withdrawn (False); again: nothing changes.
        """
    def mark_overdue(self, letter_id: str, round_no: int, index: int, paraf: str | None = None) -> None:
        """Mark a waiting, undecided step (or the paraf of position `paraf`) overdue in its approval queue."""
    def get_step(self, letter_id: str, round_no: int, index: int) -> ReviewStep:
        """A step of a round (strongly consistent), or NotFound."""
    def record_decision(self, tx: Transaction, letter_id: str, round_no: int, index: int, decision: Decision, *,
                        by: str, position: str, note: str | None, at: str) -> None:
        """Record a decision on a step only while it waits in its queue undecided (otherwise Conflict at commit)."""
    def close_steps(self, tx: Transaction, letter_id: str, round_no: int, indexes: list[int]) -> None:
        """Steps of a round that ended before reaching them."""
    def add_paraf(self, tx: Transaction, letter: Letter, index: int, requested_at: str) -> None:
        """The paraf koordinasi of step `index`, one item each, waiting in its coordinator's approval queue."""
    def paraf_branches(self, letter: Letter, index: int, requested_at: str,
                       timeout_seconds: int) -> list[dict[str, Any]]:
        """The paraf of step `index` as they wait (one timer each)."""
    def get_paraf(self, letter_id: str, round_no: int, index: int, position: str) -> ReviewStep:
        """A paraf of a step (strongly consistent), or NotFound."""
    def record_paraf(self, tx: Transaction, letter_id: str, round_no: int, index: int, position: str,
                     decision: Decision, *, by: str, note: str | None, at: str) -> None:
        """Record a coordinator's decision only while its paraf waits in its queue undecided (otherwise Conflict
        at commit).
        """
    def close_paraf(self, tx: Transaction, letter_id: str, round_no: int, index: int, positions: list[str]) -> None:
        """Paraf of a round that ended before they were decided."""
    def withdraw_step(self, tx: Transaction, letter_id: str, round_no: int, index: int) -> None:
        """Take a waiting, undecided step out of its approval queue (otherwise Conflict at commit)."""
    def count_unread(self, org: str, position: str, box: UnreadBox) -> None:
        """One more unread letter in a position's inbox or cc box (one write outside any transaction)."""
    def escalate_step(self, tx: Transaction, step: ReviewStep, superior: str) -> None:
        """Move an undecided step into the superior's approval queue."""
    def put_box_entries(self, letter: Letter, entries: list[tuple[str, str]], at: str) -> None:
        """The letter in these (box, position) boxes, in one write outside any transaction; again: no new copy."""
    def put_box_entry(self, letter: Letter, box: str, position: str, at: str) -> None:
        """The letter in a position's box, once (an entry there already: CopyExists)."""
    def mark_delivered(self, letter_id: str, target: str, at: str) -> None:
        """Record `target` (e.g. `ALL_DELIVERED`) with one write outside any transaction; recorded before: no-op."""
    def copies(self, letter_id: str) -> dict[str, str | None]:
        """The copies delivered so far by name (`copy_name`, `ALL_DELIVERED`), with what each created."""
    def list_box(self, box: str, org: str, position: str, limit: int,
                 cursor: str | None) -> Page[dict[str, Any]]:
        """One page of a position's box, newest first."""
    def list_approvals(self, org: str, position: str, limit: int, cursor: str | None) -> Page[dict[str, Any]]:
        """Steps waiting for a position, oldest first."""


class OrgRepo(Protocol):
    """Positions and users of orgs."""

    def get_position(self, org: str, code: str) -> Position:
        """A position of an org, or NotFound."""
    def get_user(self, username: str, *, consistent: bool = False) -> User:
        """A user, or NotFound."""


class NotificationRepo(Protocol):
    """Notifications to seats and people: written in the use case's transaction, or after its commit once by key
    (what a review decision asks for, a sent letter's copies).
    """

    def add(self, tx: Transaction, recipients: list[str], *, type: str, title: str, body: str,  # noqa: A002
            record_type: str, record_id: str) -> None:
        """Notifications to `recipients`, added to `tx`."""
    def add_once(self, recipient: str, key: str, at: str, *, type: str, title: str, body: str,  # noqa: A002
                 record_type: str, record_id: str) -> bool:
        """A notification to `recipient` written once for `key`, outside any transaction; False when it was
        written before.
        """


class EventPublisher(Protocol):
    """Domain events, published after the commit."""

    def publish(self, event_type: str, org: str | None, record_id: str, data: dict[str, Any]) -> bool:
        """Publish a domain event; False when it could not be sent."""


class Workflow(Protocol):
    """The approval state machine: one execution per wait (a step, or a paraf koordinasi), a timer that announces
    it overdue at each deadline until it is stopped.
    """

    def start(self, name: str, payload: dict[str, Any]) -> None:
        """Start an execution (the same name again is harmless)."""
    def stop(self, name: str, cause: str) -> None:
        """Stop the execution `name` (one that ended or never started: nothing happens)."""


class ReceiptRepo(Protocol):
    """First opens of sent letters (read receipts) and the unread counters of the boxes."""

    def opened(self, record_id: str, recipient: str) -> bool:
        """Whether `recipient` opened the record before."""
    def record(self, tx: Transaction, record_id: str, recipient: str, *, at: str, by: str,
               position: str | None) -> None:
        """The first open of `recipient`, in `tx` (a second one cancels `tx` with a Conflict)."""
    def count_unread(self, tx: Transaction, org: str, holder: str, box: UnreadBox, delta: int) -> None:
        """Move a box's unread count in `tx`."""
    def list(self, record_id: str) -> dict[str, dict[str, Any]]:
        """Every first open of a record by recipient."""
    def unread(self, org: str, position: str | None) -> tuple[dict[str, int], dict[str, int]]:
        """The unread counts of a position and of its org."""


class Signer(Protocol):
    """The institution's seal (KMS) over a content hash."""

    def sign(self, digest_hex: str) -> tuple[str, str]:
        """The base64 signature of a SHA-256 digest and the id of the key that made it."""
    def verify(self, digest_hex: str, signature_b64: str, key_id: str | None = None) -> bool:
        """Whether the signature matches the digest under the key."""


class FileStore(Protocol):
    """A bucket: attachments, and the archive of signed PDFs."""

    def presign_upload(self, key: str, content_type: str, max_bytes: int) -> dict[str, Any]:
        """A presigned POST for `key`, limited in type and size."""
    def inspect(self, key: str, declared_type: str, max_bytes: int) -> StoredFile:
        """Check an uploaded object (size, type by content); what was found."""
    def delete(self, key: str) -> None:
        """Delete an object."""
    def put(self, key: str, data: bytes, content_type: str) -> None:
        """Store an object."""
    def exists(self, key: str) -> bool:
        """Whether an object is there."""
    def get(self, key: str) -> bytes:
        """An object's bytes."""
    def presign_download(self, key: str, filename: str, content_type: str) -> dict[str, Any]:
        """A short-lived download link."""


class ArchiveRepo(Protocol):
    """The archive index, the public verification records and the paperless counters."""

    def index(self, tx: Transaction, entry: ArchiveEntry) -> None:
        """The archive entry, with its search words, added to `tx`."""
    def index_once(self, entry: ArchiveEntry) -> bool:
        """The archive entry with one conditional write outside any transaction; False if it was there."""
    def get(self, kind: RecordKind, record_id: str) -> ArchiveEntry:
        """One archive entry, or NotFound."""
    def add_verification(self, verification: Verification) -> None:
        """The public verification record of a letter being signed, written just before its seal (one write)."""
    def verification(self, code: str) -> Verification:
        """What a verification code shows, or NotFound."""
    def count_signed(self, tx: Transaction, org: str, *, pages: int, paperless_pages: int) -> None:
        """One more signed letter, its pages and the pages not printed, added to `tx`."""


class ClassificationRepo(Protocol):
    """The classification codes (with their retention)."""

    def table(self, *, fresh: bool = False) -> dict[str, Classification]:
        """Every classification code by code."""


class DistributionListRepo(Protocol):
    """The province's distribution lists."""

    def all(self) -> dict[str, DistributionList]:
        """Every distribution list by id."""


class IncomingRepo(Protocol):
    """Other orgs' incoming registers, where a sent letter arrives with the next agenda number."""

    def register(self, tx: Transaction, *, org: str, source: IncomingSource, source_ref: str | None,
                 sender_name: str, sender_org: str | None, subject: str, actor: str,
                 actor_position: str | None = None, letter_number: str | None = None,
                 letter_date: str | None = None, classification: str | None = None, security: str = "biasa",
                 urgency: str = "biasa", addressed_to: str | None = None,
                 attachments: list[dict[str, Any]] | None = None,
                 tracking_code: str | None = None, table: Table, incoming_id: str | None = None,
                 file_in_archive: bool = True) -> IncomingLetter:
        """An incoming letter with the org's next agenda number, added to `tx` (a given id only if it is new;
        its archive entry too, unless the caller files it after the commit).
        """

    def get(self, incoming_id: str) -> IncomingLetter:
        """One incoming letter, or NotFound."""


class SequenceRepo(Protocol):
    """Gap-free counters: the next value, valid only if the transaction commits."""

    def reserve(self, name: str, tx: Transaction) -> int:
        """The next value of counter `name`, valid only if `tx` commits (lost race: SequenceContention)."""


class CounterRepo(Protocol):
    """Monitoring counters moved inside the transaction that moves what they count."""

    def count(self, tx: Transaction, org: str, at: str, *, gauges: Mapping[str, int] | None = None,
              figures: Mapping[str, int] | None = None) -> None:
        """Add gauge deltas and period figures (the WITA month of `at`) to `tx`."""


class LetterheadPrinter(Protocol):
    """The org's letterhead as a letter signed now prints it, and the PDF of a signed document."""

    def printed(self, org: str) -> dict[str, Any]:
        """The letterhead's part of a letter signed now."""

    def render(self, document: Mapping[str, Any], created: datetime) -> RenderedLetter:
        """A signed document's PDF, with the logo its printed letterhead names."""


@dataclass(frozen=True)
class LetterPorts:
    """Everything the letters use cases are wired to."""

    letter_repo: LetterRepo
    org_repo: OrgRepo
    notification_repo: NotificationRepo
    events: EventPublisher
    workflow: Workflow
    signer: Signer
    files: FileStore  # attachments
    archive_files: FileStore  # signed PDFs
    incoming_repo: IncomingRepo
    archive_repo: ArchiveRepo
    classification_repo: ClassificationRepo
    list_repo: DistributionListRepo
    sequence_repo: SequenceRepo
    counter_repo: CounterRepo
    letterheads: LetterheadPrinter
    receipts: ReceiptRepo
    transactions: Transactions = Transaction
