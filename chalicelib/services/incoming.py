"""Use cases of incoming letters: an org's register (list, read), paper letters registered with a scan, and the
first answer of a letter (shared by dispositions and reply letters).
"""

from __future__ import annotations

import uuid
from dataclasses import asdict, replace
from typing import Any

from chalicelib.adapters import sequences
from chalicelib.adapters.disposition_repo import DispositionRepository
from chalicelib.adapters.dynamo import Transaction
from chalicelib.adapters.events import EventPublisher
from chalicelib.adapters.files import FileStore, check_declared_type
from chalicelib.adapters.incoming_repo import IncomingRepository
from chalicelib.adapters.notification_repo import NotificationRepository, position_recipient
from chalicelib.adapters.org_repo import OrgRepository
from chalicelib.adapters.submission_repo import SubmissionRepository
from chalicelib.domain.dispositions import Disposition
from chalicelib.domain.errors import Conflict, Forbidden, NotFound, PayloadTooLarge, ValidationFailed
from chalicelib.domain.identity import Principal, Role, require_role
from chalicelib.domain.incoming import REDACTED, IncomingLetter, IncomingSource, head_of, may_read
from chalicelib.domain.submissions import PublicStatus, timeline_entry
from chalicelib.domain.timefmt import iso, now_wita
from chalicelib.services.audited import audit_event
from chalicelib.services.common import commit_create, page_view
from chalicelib.services.verification import org_positions

MAX_SCAN_BYTES = 20 * 1024 * 1024
INTERNAL = ("audit_seq", "audit_head", "readers")


def incoming_view(letter: IncomingLetter) -> dict[str, Any]:
    """An incoming letter as its readers see it."""
    return {**{k: v for k, v in asdict(letter).items() if k not in INTERNAL}, "redacted": False}


class Readership:
    """Whether the caller may read letters of the register; the org's head is looked up (1 Query) at most once,
    and only for a secret letter registered without an addressee (G2G letters go to the head of the org).
    """

    def __init__(self, orgs: OrgRepository, principal: Principal) -> None:
        self.orgs = orgs
        self.principal = principal
        self._head: dict[str, str | None] = {}

    def addressee(self, letter: IncomingLetter) -> str | None:
        """`addressed_to`, or the head of the org when the letter names none."""
        if letter.addressed_to is not None:
            return letter.addressed_to
        if letter.org not in self._head:
            self._head[letter.org] = getattr(head_of(org_positions(self.orgs, letter.org)), "code", None)
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
    row.update({k: ([] if k == "attachments" else None) for k in REDACTED}, redacted=True)
    return row


def disposition_view(disposition: Disposition) -> dict[str, Any]:
    """A disposition as its sender and recipient see it."""
    return {k: v for k, v in asdict(disposition).items() if k not in INTERNAL}


def scan_key(incoming_id: str, attachment_id: str) -> str:
    """S3 key of a registered letter's scan."""
    return f"incoming/{incoming_id}/{attachment_id}"


def require_org_staff(principal: Principal, org: str) -> None:
    """An org's incoming register is read by its operators and employees (403 for another org)."""
    require_role(principal, Role.OPERATOR, Role.EMPLOYEE)
    if principal.org != org:
        raise Forbidden("this incoming letter belongs to another org", details={"org": org})


def record_answer(submissions: SubmissionRepository, tx: Transaction, letter: IncomingLetter,
                  at: str) -> IncomingLetter:
    """The letter as first answered at `at`; a public sender's tracking shows it answered in the same `tx`.

    `answered_at` is the one source of truth of "answered": whichever comes first — the last open
    disposition done, or a reply letter to it sent — sets it, and only that writes the public entry.
    The caller saves the returned letter in `tx` (its version makes a concurrent answer a 409).
    """
    if letter.tracking_code:
        submissions.add_to_timeline(tx, letter.tracking_code, timeline_entry(at, PublicStatus.ANSWERED))
    return replace(letter, answered_at=at)


def announce_answer(events: EventPublisher, letter: IncomingLetter) -> None:
    """Tell the public sender (sender_notices reacts) once the answer is committed."""
    if letter.tracking_code and letter.source_ref:
        events.publish("submission.answered", letter.org, letter.source_ref,
                       {"code": letter.tracking_code, "status": PublicStatus.ANSWERED.value})


class IncomingService:
    """The incoming register of an org."""

    def __init__(self, repo: IncomingRepository, dispositions: DispositionRepository, orgs: OrgRepository,
                 notifications: NotificationRepository, files: FileStore, events: EventPublisher) -> None:
        self.repo = repo
        self.dispositions = dispositions
        self.orgs = orgs
        self.notifications = notifications
        self.files = files
        self.events = events

    def list(self, principal: Principal, state: str | None, limit: int, cursor: str | None) -> dict[str, Any]:
        """The caller's org's incoming letters, newest first, optionally in one state."""
        require_org_staff(principal, str(principal.org))
        readership = Readership(self.orgs, principal)
        return page_view(self.repo.list(str(principal.org), state, limit, cursor),
                         lambda letter: register_row(letter, readership))

    def get(self, principal: Principal, incoming_id: str) -> dict[str, Any]:
        """One incoming letter with its dispositions (two calls); a secret one only for its readers."""
        letter = self.repo.get(incoming_id)
        Readership(self.orgs, principal).require(letter)
        return {**incoming_view(letter),
                "dispositions": [disposition_view(d) for d in self.dispositions.list_of(incoming_id)]}

    def register_paper(self, principal: Principal, data: dict[str, Any],
                       idempotency_key: str | None) -> tuple[int, dict[str, Any]]:
        """An operator registers a paper letter; the answer carries a presigned upload for its scan."""
        require_role(principal, Role.OPERATOR)
        try:
            check_declared_type(data["scan_content_type"])
        except ValidationFailed as exc:
            raise ValidationFailed.field("scan_content_type", exc.details[0]["message"]) from exc
        org = str(principal.org)

        def use_case() -> tuple[int, dict[str, Any]]:
            head = head_of(org_positions(self.orgs, org))
            if head is None:
                raise Conflict(f"{org} has no head position to receive letters")
            attachment = {"id": uuid.uuid4().hex, "filename": data["scan_filename"],
                          "content_type": data["scan_content_type"], "status": "pending"}
            tx = Transaction()
            letter = self.repo.register(
                tx, org=org, source=IncomingSource.PAPER, source_ref=None, sender_name=data["sender_name"],
                sender_org=data.get("sender_org"), subject=data["subject"], actor=principal.username,
                actor_position=principal.position, letter_number=data.get("letter_number"),
                letter_date=data.get("letter_date"), classification=data.get("classification"),
                security=data["security"], urgency=data["urgency"], addressed_to=head.code, attachments=[attachment])
            self.notifications.add(tx, [position_recipient(org, head.code)], type="incoming.registered",
                                   title=f"Surat masuk {letter.agenda_number}", body=letter.subject,
                                   record_type="incoming", record_id=letter.id)
            upload = self.files.presign_upload(scan_key(letter.id, attachment["id"]), attachment["content_type"],
                                               MAX_SCAN_BYTES)
            response = {**incoming_view(letter), "scan_upload": upload}
            result = commit_create(tx, scope=principal.username, idempotency_key=idempotency_key, request=data,
                                   response=response)
            if result[1]["id"] == letter.id:
                self.events.publish("incoming.registered", org, letter.id, {"source": IncomingSource.PAPER.value})
            return result

        return sequences.with_retries(use_case)

    def confirm_scan(self, principal: Principal, incoming_id: str, attachment_id: str) -> dict[str, Any]:
        """Check an uploaded scan (size, type by content) and record its SHA-256; a bad file is deleted.

        The org's operators confirm, whatever the letter's security: they registered the paper letter and
        the answer carries the file's metadata only.
        """
        letter = self.repo.get(incoming_id)
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
        tx = Transaction()
        self.repo.save(tx, replace(letter, attachments=[confirmed if a["id"] == attachment_id else a
                                                        for a in letter.attachments]),
                       audit_event(principal, "scan_confirmed", at,
                                   data={"attachment_id": attachment_id, "size": stored.size,
                                         "sha256": stored.sha256}))
        tx.commit()
        return {"attachment": _scan_view(confirmed)}


def _scan_view(attachment: dict[str, Any]) -> dict[str, Any]:
    return {"id": attachment["id"], "filename": attachment["filename"], "content_type": attachment["content_type"],
            "status": attachment["status"], "size": attachment.get("size"), "sha256": attachment.get("sha256")}
