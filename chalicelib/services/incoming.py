"""Use cases of incoming letters: an org's register (list, read), paper letters registered with a scan, the
documents its readers download, and the first answer of a letter (shared by dispositions and reply letters).
"""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any

from chalicelib.adapters import sequences
from chalicelib.adapters.dynamo import Transaction
from chalicelib.adapters.files import (
    check_declared_type,
    letter_attachment_key,
    letter_pdf_key,
    scan_key,
    submission_attachment_key,
)
from chalicelib.adapters.notification_repo import position_recipient
from chalicelib.domain.classification import usable_classification
from chalicelib.domain.dispositions import Disposition
from chalicelib.domain.errors import Conflict, Forbidden, NotFound, PayloadTooLarge, ValidationFailed
from chalicelib.domain.events import Event
from chalicelib.domain.identity import Principal, Role, require_role
from chalicelib.domain.incoming import (
    REDACTED,
    IncomingLetter,
    IncomingSource,
    IncomingState,
    head_of,
    may_read,
    opens_for_the_org,
)
from chalicelib.domain.receipts import org_key
from chalicelib.domain.submissions import PublicStatus, timeline_entry
from chalicelib.domain.timefmt import iso, now_wita
from chalicelib.services.audited import audit_event
from chalicelib.services.common import commit_create, page_view
from chalicelib.services.intake_ports import (
    ClassificationRepo,
    DispositionRepo,
    Events,
    Files,
    IncomingRepo,
    LetterReader,
    NewTransaction,
    NotificationRepo,
    OrgRepo,
    Receipts,
    SubmissionRepo,
)
from chalicelib.services.verification import org_positions

if TYPE_CHECKING:
    from chalicelib.services.incoming_forward import Forwarding

MAX_SCAN_BYTES = 20 * 1024 * 1024
MAX_SCANS = 10
LETTER_PDF_ID = "letter-pdf"
INTERNAL = ("audit_seq", "audit_head", "readers", "overdue_notified")  # storage and sweep bookkeeping


def incoming_view(letter: IncomingLetter) -> dict[str, Any]:
    """An incoming letter as its readers see it."""
    return {**{k: v for k, v in asdict(letter).items() if k not in INTERNAL}, "redacted": False}


class Readership:
    """Whether the caller may read letters of the register; the org's head is looked up (1 Query) at most once,
    and only for a secret letter registered without an addressee (G2G letters go to the head of the org).
    """

    def __init__(self, org_repo: OrgRepo, principal: Principal) -> None:
        self.org_repo = org_repo
        self.principal = principal
        self._head: dict[str, str | None] = {}

    def addressee(self, letter: IncomingLetter) -> str | None:
        """`addressed_to`, or the head of the org when the letter names none."""
        if letter.addressed_to is not None:
            return letter.addressed_to
        if letter.org not in self._head:
            self._head[letter.org] = getattr(head_of(org_positions(self.org_repo, letter.org)), "code", None)
        return self._head[letter.org]

    def may_read(self, letter: IncomingLetter) -> bool:
        """The caller may read `letter` (see domain.incoming.may_read)."""
        if may_read(letter, self.principal, letter.addressed_to):
            return True
        if letter.addressed_to is not None or letter.org != self.principal.org:
            return False
        return may_read(letter, self.principal, self.addressee(letter))

    def require(self, letter: IncomingLetter) -> None:
        """Staff of the org who may read the letter; others of the org get 404 (ids leak nothing)."""
        require_org_staff(self.principal, letter.org)
        if not self.may_read(letter):
            raise NotFound("no such incoming letter")


def register_row(letter: IncomingLetter, readership: Readership) -> dict[str, Any]:
    """A row of the register: in full for those who may read the letter, else without what it is about.

    The register (buku agenda) lists every letter the org received, secret ones included, as a paper
    register does with a sealed envelope: agenda number, date, security, urgency, addressee and state stay,
    subject, sender, number and attachments go. Filtering the rows out instead would make pages shorter
    than asked and cursors point past rows the caller cannot see; redacting keeps one Query per page.
    """
    if readership.may_read(letter):
        return incoming_view(letter)
    row = incoming_view(letter)
    row.update({k: ([] if k == "attachments" else None) for k in REDACTED}, forwarded_to=[], redacted=True)
    return row


def disposition_view(disposition: Disposition) -> dict[str, Any]:
    """A disposition as its sender and recipient see it."""
    return {k: v for k, v in asdict(disposition).items() if k not in INTERNAL}


@dataclass(frozen=True)
class Document:
    """A file of an incoming letter as its readers download it; `key` and `archived` stay inside."""

    id: str
    kind: str  # scan | attachment | letter_pdf
    filename: str
    content_type: str
    status: str  # pending | confirmed
    size: int | None
    sha256: str | None
    key: str
    archived: bool = False  # in the archive bucket (a signed PDF), else the files bucket

    def view(self) -> dict[str, Any]:
        """What the API shows of it."""
        return {"id": self.id, "kind": self.kind, "filename": self.filename, "content_type": self.content_type,
                "status": self.status, "size": self.size, "sha256": self.sha256}


def _file_document(kind: str, key: str, attachment: dict[str, Any]) -> Document:
    return Document(id=attachment["id"], kind=kind, filename=attachment["filename"],
                    content_type=attachment["content_type"], status=attachment.get("status", "confirmed"),
                    size=attachment.get("size"), sha256=attachment.get("sha256"), key=key)


def letter_documents(letter_repo: LetterReader, incoming_repo: IncomingRepo, letter: IncomingLetter) -> list[Document]:
    """The letter's files: a paper letter's scans, a submission's confirmed attachments, or the sending
    letter's signed PDF and confirmed attachments (read from the sending org's record: 1 GetItem); a forwarded
    letter's are those of the letter it was forwarded from (1 GetItem more per hop).
    """
    if letter.source is IncomingSource.FORWARDED:
        return letter_documents(letter_repo, incoming_repo, incoming_repo.get(str(letter.source_ref)))
    if letter.source is IncomingSource.PAPER:
        return [_file_document("scan", scan_key(letter.id, a["id"]), a) for a in letter.attachments]
    if letter.source is IncomingSource.SUBMISSION:
        return [_file_document("attachment", submission_attachment_key(str(letter.source_ref), a["id"]), a)
                for a in letter.attachments if a.get("status") == "confirmed"]
    sending = letter_repo.get(str(letter.source_ref)).letter
    documents = [Document(id=a.id, kind="attachment", filename=a.filename, content_type=a.content_type,
                          status=a.state, size=a.size, sha256=a.sha256, key=letter_attachment_key(sending.id, a.id))
                 for a in sending.attachments if a.state == "confirmed"]
    if sending.pdf_key:
        documents.insert(0, Document(
            id=LETTER_PDF_ID, kind="letter_pdf", filename=f"{sending.number or sending.id}.pdf",
            content_type="application/pdf", status="confirmed", size=None, sha256=sending.pdf_sha256,
            key=letter_pdf_key(sending.id), archived=True))
    return documents


def require_org_staff(principal: Principal, org: str) -> None:
    """An org's incoming register is read by its operators and employees (403 for another org)."""
    require_role(principal, Role.OPERATOR, Role.EMPLOYEE)
    if principal.org != org:
        raise Forbidden("this incoming letter belongs to another org", details={"org": org})


def record_answer(submission_repo: SubmissionRepo, tx: Transaction, letter: IncomingLetter,
                  at: str) -> IncomingLetter:
    """The letter as first answered at `at`; a public sender's tracking shows it answered in the same `tx`.

    `answered_at` is the one source of truth of "answered": whichever comes first — the last open
    disposition done, or a reply letter to it sent — sets it, and only that writes the public entry.
    The caller saves the returned letter in `tx` (its version makes a concurrent answer a 409).
    """
    if letter.tracking_code:
        submission_repo.add_to_timeline(tx, letter.tracking_code, timeline_entry(at, PublicStatus.ANSWERED))
    return replace(letter, answered_at=at)


def announce_answer(events: Events, letter: IncomingLetter) -> None:
    """Tell the public sender (sender_notices reacts) once the answer is committed."""
    if letter.tracking_code and letter.source_ref:
        events.publish(Event.SUBMISSION_ANSWERED, letter.org, letter.source_ref,
                       {"code": letter.tracking_code, "status": PublicStatus.ANSWERED.value})


class IncomingService:
    """The incoming register of an org."""

    def __init__(self, incoming_repo: IncomingRepo, disposition_repo: DispositionRepo, org_repo: OrgRepo,
                 notification_repo: NotificationRepo, files: Files, events: Events,
                 letter_repo: LetterReader, archive: Files, classification_repo: ClassificationRepo,
                 new_tx: NewTransaction = Transaction, *, receipts: Receipts) -> None:
        self.incoming_repo = incoming_repo
        self.disposition_repo = disposition_repo
        self.org_repo = org_repo
        self.notification_repo = notification_repo
        self.files = files
        self.events = events
        self.letter_repo = letter_repo
        self.archive = archive
        self.classification_repo = classification_repo
        self.new_tx = new_tx
        self.receipts = receipts

    @cached_property
    def forwarding(self) -> Forwarding:
        """Forwarding letters of the register to another org or a unit."""
        from chalicelib.services.incoming_forward import Forwarding

        return Forwarding(self.incoming_repo, self.org_repo, self.notification_repo, self.events,
                          self.classification_repo, self.new_tx)

    def list(self, principal: Principal, state: str | None, limit: int, cursor: str | None) -> dict[str, Any]:
        """The caller's org's incoming letters, newest first, optionally in one state."""
        require_org_staff(principal, str(principal.org))
        readership = Readership(self.org_repo, principal)
        return page_view(self.incoming_repo.list(str(principal.org), state, limit, cursor),
                         lambda letter: register_row(letter, readership))

    def get(self, principal: Principal, incoming_id: str) -> dict[str, Any]:
        """One incoming letter with its dispositions (two calls); a secret one only for its readers. The org's
        first open (an operator or the addressee) is its read receipt: one more write, that time only.
        """
        letter = self.incoming_repo.get(incoming_id)
        readership = Readership(self.org_repo, principal)
        readership.require(letter)
        if opens_for_the_org(letter, principal, readership.addressee(letter)):
            letter = self._opened(principal, letter)
        return {**incoming_view(letter),
                "dispositions": [disposition_view(d) for d in self.disposition_repo.list_of(incoming_id)]}

    def _opened(self, principal: Principal, letter: IncomingLetter) -> IncomingLetter:
        """Record the org's first open, and the sending letter's receipt for a letter of another org."""
        at = iso(now_wita())
        tx = self.new_tx()
        self.incoming_repo.mark_opened(tx, letter, at, principal.username)
        if letter.source is IncomingSource.LETTER and letter.source_ref:
            self.receipts.record(tx, letter.source_ref, org_key(letter.org), at=at, by=principal.username,
                                 position=principal.position)
        try:
            tx.commit()
        except Conflict:  # opened or changed concurrently: a later open records it
            return letter
        return replace(letter, opened_at=at, opened_by=principal.username, version=letter.version + 1)

    def register_paper(self, principal: Principal, data: dict[str, Any],
                       idempotency_key: str | None) -> tuple[int, dict[str, Any]]:
        """An operator registers a paper letter; the answer carries a presigned upload for its scan."""
        require_role(principal, Role.OPERATOR)
        try:
            check_declared_type(data["scan_content_type"])
        except ValidationFailed as exc:
            raise ValidationFailed.field("scan_content_type", exc.details[0]["message"]) from exc
        org = str(principal.org)
        table = self.classification_repo.table()
        if data.get("classification"):
            usable_classification(table, data["classification"])

        def use_case() -> tuple[int, dict[str, Any]]:
            head = head_of(org_positions(self.org_repo, org))
            if head is None:
                raise Conflict(f"{org} has no head position to receive letters")
            attachment = {"id": uuid.uuid4().hex, "filename": data["scan_filename"],
                          "content_type": data["scan_content_type"], "status": "pending"}
            tx = self.new_tx()
            letter = self.incoming_repo.register(
                tx, org=org, source=IncomingSource.PAPER, source_ref=None, sender_name=data["sender_name"],
                sender_org=data.get("sender_org"), subject=data["subject"], actor=principal.username,
                actor_position=principal.position, letter_number=data.get("letter_number"),
                letter_date=data.get("letter_date"), classification=data.get("classification"),
                security=data["security"], urgency=data["urgency"], addressed_to=head.code, attachments=[attachment],
                table=table)
            self.notification_repo.add(tx, [position_recipient(org, head.code)], type="incoming.registered",
                                       title=f"Surat masuk {letter.agenda_number}", body=letter.subject,
                                       record_type="incoming", record_id=letter.id)
            upload = self.files.presign_upload(scan_key(letter.id, attachment["id"]), attachment["content_type"],
                                               MAX_SCAN_BYTES)
            response = {**incoming_view(letter), "scan_upload": upload}
            result = commit_create(tx, scope=principal.username, idempotency_key=idempotency_key, request=data,
                                   response=response)
            if result[1]["id"] == letter.id:
                self.events.publish(Event.INCOMING_REGISTERED, org, letter.id, {"source": IncomingSource.PAPER.value})
            return result

        return sequences.with_retries(use_case)

    def confirm_scan(self, principal: Principal, incoming_id: str, attachment_id: str) -> dict[str, Any]:
        """Check an uploaded scan (size, type by content) and record its SHA-256; a bad file is deleted.

        The org's operators confirm, whatever the letter's security: they registered the paper letter and
        the answer carries the file's metadata only.
        """
        letter = self.incoming_repo.get(incoming_id)
        require_role(principal, Role.OPERATOR)
        if principal.org != letter.org:
            raise Forbidden("this incoming letter belongs to another org", details={"org": letter.org})
        attachment = next((a for a in letter.attachments if a["id"] == attachment_id), None)
        if attachment is None or letter.source is not IncomingSource.PAPER:
            raise NotFound("no such scan on this incoming letter", details={"field": "attachment_id"})
        if attachment["status"] == "confirmed":
            return {"attachment": _scan_view(attachment)}
        key = scan_key(letter.id, attachment_id)
        try:
            stored = self.files.inspect(key, attachment["content_type"], MAX_SCAN_BYTES)
        except (ValidationFailed, PayloadTooLarge):
            self.files.delete(key)
            raise
        confirmed = {**attachment, "status": "confirmed", "size": stored.size, "sha256": stored.sha256}
        at = iso(now_wita())
        tx = self.new_tx()
        checked = replace(letter, attachments=[confirmed if a["id"] == attachment_id else a
                                               for a in letter.attachments])
        self.incoming_repo.save(tx, checked, audit_event(principal, "scan_confirmed", at, data={
            "attachment_id": attachment_id, "size": stored.size, "sha256": stored.sha256}))
        tx.commit()
        return {"attachment": _scan_view(confirmed)}

    def documents(self, principal: Principal, incoming_id: str) -> dict[str, Any]:
        """The documents of an incoming letter its caller may read (at most 2 reads)."""
        letter = self.incoming_repo.get(incoming_id)
        Readership(self.org_repo, principal).require(letter)
        return {"items": [d.view() for d in letter_documents(self.letter_repo, self.incoming_repo, letter)]}

    def download(self, principal: Principal, incoming_id: str, document_id: str) -> dict[str, Any]:
        """A short-lived link to one confirmed document of an incoming letter the caller may read."""
        letter = self.incoming_repo.get(incoming_id)
        Readership(self.org_repo, principal).require(letter)
        document = next((d for d in letter_documents(self.letter_repo, self.incoming_repo, letter) if d.id == document_id), None)
        if document is None:
            raise NotFound("no such document on this incoming letter", details={"field": "document_id"})
        if document.status != "confirmed":
            raise Conflict("the document was not uploaded and checked yet",
                           details={"field": "document_id", "status": document.status})
        store = self.archive if document.archived else self.files
        return {**store.presign_download(document.key, document.filename, document.content_type), **document.view()}

    def replace_scan(self, principal: Principal, incoming_id: str, data: dict[str, Any],
                     idempotency_key: str | None) -> tuple[int, dict[str, Any]]:
        """A new presigned upload for a paper letter's scan, while the letter is registered (operator).

        The new scan takes the place of every scan not confirmed yet (refused, expired or never sent: none
        holds a checked file); confirmed scans stay, as their SHA-256 is in the audit trail.
        """
        require_role(principal, Role.OPERATOR)
        try:
            check_declared_type(data["content_type"])
        except ValidationFailed as exc:
            raise ValidationFailed.field("content_type", exc.details[0]["message"]) from exc
        letter = self.incoming_repo.get(incoming_id)
        if principal.org != letter.org:
            raise Forbidden("this incoming letter belongs to another org", details={"org": letter.org})
        if letter.source is not IncomingSource.PAPER:
            raise Conflict("only a paper letter has a scan", details={"source": letter.source.value})
        if letter.state is not IncomingState.REGISTERED:
            raise Conflict(f"a scan is replaced only while the letter is registered, not {letter.state.value}",
                           details={"state": letter.state.value})
        kept = [a for a in letter.attachments if a["status"] == "confirmed"]
        if len(kept) >= MAX_SCANS:
            raise Conflict(f"a paper letter has at most {MAX_SCANS} scans", details={"max_scans": MAX_SCANS})
        attachment = {"id": uuid.uuid4().hex, "filename": data["filename"], "content_type": data["content_type"],
                      "status": "pending"}
        replaced = [a["id"] for a in letter.attachments if a["status"] != "confirmed"]
        tx = self.new_tx()
        self.incoming_repo.save(tx, replace(letter, attachments=[*kept, attachment]),
                                audit_event(principal, "scan_requested", iso(now_wita()),
                                            data={"attachment_id": attachment["id"], "replaces": replaced}))
        upload = self.files.presign_upload(scan_key(letter.id, attachment["id"]), attachment["content_type"],
                                           MAX_SCAN_BYTES)
        return commit_create(tx, scope=principal.username, idempotency_key=idempotency_key, request=data,
                             response={"attachment": _scan_view(attachment), "upload": upload})


def _scan_view(attachment: dict[str, Any]) -> dict[str, Any]:
    return {"id": attachment["id"], "filename": attachment["filename"], "content_type": attachment["content_type"],
            "status": attachment["status"], "size": attachment.get("size"), "sha256": attachment.get("sha256")}
