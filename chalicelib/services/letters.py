"""Use cases of official letters: draft, edit, attach, submit, decide, sign and send, escalate, read.

A decision is recorded first (step, letter state, audit event and notifications in one transaction whose
condition is that the step still waits undecided), then its task token is sent to the state machine.
If the send fails, the recorded decision stays; the same decision sent again re-sends the token (a spent
token counts as delivered) and an overdue step whose decision is recorded is delivered instead of
escalated — so nothing is lost and nothing is decided twice.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import uuid
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from aws_lambda_powertools import Logger

from chalicelib.adapters import pdf, sequences
from chalicelib.adapters.archive_repo import ArchiveRepository
from chalicelib.adapters.audit_repo import AuditRepository
from chalicelib.adapters.classification_repo import ClassificationRepository
from chalicelib.adapters.dynamo import Transaction
from chalicelib.adapters.events import EventPublisher
from chalicelib.adapters.files import FileStore, check_declared_type, letter_attachment_key, letter_pdf_key
from chalicelib.adapters.incoming_repo import IncomingRepository
from chalicelib.adapters.letter_repo import (
    BOXES,
    LetterRecord,
    LetterRepository,
    OrgStructure,
    StepItem,
    execution_name,
    letter_pk,
)
from chalicelib.adapters.notification_repo import NotificationRepository, position_recipient
from chalicelib.adapters.org_repo import OrgRepository
from chalicelib.adapters.signer import Signer
from chalicelib.adapters.workflow import ApprovalWorkflow
from chalicelib.config_letters import LetterSettings
from chalicelib.domain.acting import acting_title
from chalicelib.domain.archive import ArchiveEntry, RecordKind, paperless_pages, record_words
from chalicelib.domain.audit import AuditEvent
from chalicelib.domain.classification import retention_rule, usable_classification
from chalicelib.domain.document import letter_document, printed_fields
from chalicelib.domain.errors import Conflict, Forbidden, NotFound, PayloadTooLarge, ValidationFailed
from chalicelib.domain.identity import Principal, Role, require_staff
from chalicelib.domain.incoming import IncomingSource
from chalicelib.domain.letters import (
    EDITABLE,
    Attachment,
    Decision,
    Letter,
    LetterState,
    LetterType,
    Recipient,
    RecipientKind,
    Security,
    Step,
    StepKind,
    Urgency,
    addresses_units,
    auditor_may_read,
    can_read,
    check_note,
    check_transition,
    content_hash,
    decide_step,
    format_number,
    inbox_positions,
    is_author_side,
    number_sequence,
    plan_chain,
    reader_positions,
    recipient_line,
    recipient_view,
    signed_document,
    start_round,
    state_after,
)
from chalicelib.domain.retention import RetentionRule, retention_dates
from chalicelib.domain.timefmt import WITA, indonesian_date, iso, now_wita
from chalicelib.services import monitoring
from chalicelib.services.audited import actor_fields
from chalicelib.services.common import commit_create, page_view
from chalicelib.services.trails import timeline

logger = Logger(child=True)
Result = tuple[int, dict[str, Any]]
RECORD_TYPE = "letter"
SYSTEM = Principal(username="system", role=Role.ADMIN)
ACTION_OF = {Decision.APPROVE: "approved", Decision.REVISE: "revision_requested", Decision.REJECT: "rejected"}
FAILURE_OF = {Decision.REVISE: "RevisionRequested", Decision.REJECT: "Rejected"}
VERIFICATION_CODE_BYTES = 15  # 120 random bits, 24 base32 characters: not guessable, short enough for a QR code


def new_verification_code() -> str:
    """An unguessable code printed in the QR of a signed letter."""
    return base64.b32encode(secrets.token_bytes(VERIFICATION_CODE_BYTES)).decode()


def letter_view(letter: Letter) -> dict[str, Any]:
    """A letter as the API shows it (with the chain and each step's state)."""
    return {
        "id": letter.id, "org": letter.org, "type": letter.type.value, "classification": letter.classification,
        "subject": letter.subject, "body": letter.body,
        "addressees": [recipient_view(r) for r in letter.addressees], "cc": [recipient_view(r) for r in letter.cc],
        "signatory": letter.signatory, "on_behalf_of": letter.on_behalf_of, "by_order_of": letter.by_order_of,
        "security": letter.security.value, "urgency": letter.urgency.value, "drafter": letter.drafter,
        "drafter_position": letter.drafter_position, "state": letter.state.value, "version": letter.version,
        "round": letter.round,
        "in_reply_to": letter.in_reply_to,
        "chain": [{"index": s.index, "kind": s.kind.value, "position": s.position, "title": s.title,
                   "level": s.level.value, "state": s.state.value, "escalated_to": s.escalated_to,
                   "decision": s.decision.value if s.decision else None, "decided_by": s.decided_by,
                   "note": s.note, "decided_at": s.decided_at} for s in letter.steps],
        "attachments": [dict(a.__dict__) for a in letter.attachments],
        "number": letter.number, "signed_at": letter.signed_at, "content_hash": letter.content_hash,
        "signature": letter.signature, "verification_code": letter.verification_code,
        "signed_by": _signed_by(letter),
        "pdf": {"sha256": letter.pdf_sha256, "pages": letter.pdf_pages} if letter.pdf_sha256 else None,
        "created_at": letter.created_at, "updated_at": letter.updated_at,
    }


def _signed_by(letter: Letter) -> dict[str, Any] | None:
    """The signature block as signed (title, name, NIP; how an acting holder acted)."""
    if not letter.signed_document:
        return None
    signer = letter.signed_document["signatory"]
    return {"position": signer["position"], "title": signer["title"], "name": signer.get("name"),
            "nip": signer.get("nip"), "acting": signer.get("acting")}


def acting_row(row: dict[str, Any], box: str) -> dict[str, Any]:
    """A box row shown to an acting holder: a secret letter without its subject, unless it waits in review."""
    if box != "review" and Security(row["security"]).secret:
        return {**row, "subject": None, "redacted": True}
    return dict(row)


def _recipients(raw: list[dict[str, Any]]) -> list[Recipient]:
    return [Recipient(kind=RecipientKind(r["kind"]), code=r.get("code"), name=r.get("name"),
                      address=r.get("address"), email=r.get("email")) for r in raw]


def _check_recipients(field: str, recipients: list[Recipient], structure: OrgStructure) -> None:
    """Positions and units must exist in the own org; an org is another org (checked at submit)."""
    for i, r in enumerate(recipients):
        where = f"{field}.{i}.code"
        if r.kind is RecipientKind.POSITION and r.code not in structure.positions:
            raise ValidationFailed.field(where, f"no position {r.code} in {structure.org.code}")
        if r.kind is RecipientKind.UNIT and r.code not in structure.units:
            raise ValidationFailed.field(where, f"no unit {r.code} in {structure.org.code}")
        if r.kind is RecipientKind.ORG and r.code == structure.org.code:
            raise ValidationFailed.field(where, "address units or positions of your own org, not the org itself")


class LetterService:
    """Letters from draft to sent; every method checks the caller first."""

    def __init__(self, settings: LetterSettings, repo: LetterRepository, org_repo: OrgRepository,
                 audit: AuditRepository, notifications: NotificationRepository, events: EventPublisher,
                 workflow: ApprovalWorkflow, signer: Signer, files: FileStore, archive: FileStore,
                 incoming: IncomingRepository, archive_index: ArchiveRepository,
                 classifications: ClassificationRepository, public_base_url: str) -> None:
        self.settings = settings
        self.repo = repo
        self.org_repo = org_repo
        self.audit = audit
        self.notifications = notifications
        self.events = events
        self.workflow = workflow
        self.signer = signer
        self.files = files
        self.archive = archive
        self.incoming = incoming
        self.archive_index = archive_index
        self.classifications = classifications
        self.public_base_url = public_base_url

    # ------------------------------------------------------------ access

    @staticmethod
    def _seated(principal: Principal) -> tuple[str, str]:
        """Letters are drafted and decided by staff holding a position of an org."""
        require_staff(principal)
        if not principal.org or not principal.position:
            raise Forbidden("letters are handled by staff holding a position")
        return principal.org, principal.position

    def _readable(self, principal: Principal, letter_id: str) -> LetterRecord:
        """The letter if the caller may read it; otherwise 404, so ids leak nothing."""
        require_staff(principal)
        record = self.repo.get(letter_id)
        letter = record.letter
        unit = None
        if (principal.org == letter.org and principal.position and addresses_units(letter)
                and not is_author_side(letter, principal.position)):
            try:
                unit = self.org_repo.get_position(letter.org, principal.position).unit
            except NotFound:
                unit = None
        if not can_read(letter, principal, unit):
            raise NotFound("no such letter")
        return record

    def readable(self, principal: Principal, letter_id: str) -> LetterRecord:
        """The letter if the caller may read it; otherwise 404 (for other areas that show parts of a letter)."""
        return self._readable(principal, letter_id)

    def _own_draft(self, principal: Principal, letter_id: str) -> LetterRecord:
        """A letter the caller drafted, still editable."""
        record = self._readable(principal, letter_id)
        if principal.position != record.letter.drafter_position:
            raise Forbidden("only the drafter changes a letter")
        if record.letter.state not in EDITABLE:
            raise Conflict(f"a letter in state {record.letter.state.value} cannot be changed",
                           details={"state": record.letter.state.value})
        return record

    @staticmethod
    def _event(principal: Principal, action: str, letter: Letter, to_state: LetterState | None = None,
               note: str | None = None, data: dict[str, Any] | None = None, at: str | None = None) -> AuditEvent:
        return AuditEvent(record=letter_pk(letter.id), seq=0, at=at or iso(now_wita()), actor=principal.username,
                          action=action, from_state=letter.state.value, to_state=(to_state or letter.state).value,
                          note=note, **actor_fields(principal, data))

    def _notify(self, tx: Transaction, org: str, positions: list[str], type_: str, title: str, letter: Letter) -> None:
        self.notifications.add(tx, [position_recipient(org, p) for p in positions if p], type=type_, title=title,
                               body=letter.subject, record_type=RECORD_TYPE, record_id=letter.id)

    def _publish(self, type_: str, letter: Letter, **data: Any) -> None:
        self.events.publish(type_, letter.org, letter.id, {"state": letter.state.value, **data})

    # ------------------------------------------------------------ drafting

    def create(self, principal: Principal, data: dict[str, Any], idempotency_key: str | None) -> Result:
        """A new draft; the chain is planned now to check the signatory (and planned again at submit)."""
        org, position = self._seated(principal)
        usable_classification(self.classifications.table(), data["classification"])
        structure = self.repo.structure(org)
        if position not in structure.positions:
            raise Forbidden("your position is not in your org's structure")
        addressees, cc = _recipients(data["addressees"]), _recipients(data["cc"])
        _check_recipients("addressees", addressees, structure)
        _check_recipients("cc", cc, structure)
        letter_type = LetterType(data["type"])
        plan = plan_chain(position, data["signatory"], letter_type, structure.positions,
                          structure.org.max_review_steps, self.settings.authority)
        now = iso(now_wita())
        letter = Letter(id=uuid.uuid4().hex, org=org, type=letter_type, classification=data["classification"],
                        subject=data["subject"], body=data["body"], addressees=addressees, cc=cc,
                        signatory=data["signatory"], security=Security(data["security"]),
                        urgency=Urgency(data["urgency"]), drafter=principal.username, drafter_position=position,
                        state=LetterState.DRAFT, created_at=now, updated_at=now, steps=plan.steps,
                        on_behalf_of=plan.on_behalf_of, by_order_of=plan.by_order_of,
                        in_reply_to=data.get("in_reply_to"))  # set by the reply use case only (not in LetterIn)
        tx = Transaction()
        self.repo.new_record(letter, tx, self._event(principal, "drafted", letter, at=now,
                                                     data={"in_reply_to": letter.in_reply_to} if letter.in_reply_to
                                                     else None))
        result = commit_create(tx, scope=principal.username, idempotency_key=idempotency_key, request=data,
                               response=letter_view(letter))
        if result[1].get("id") == letter.id:
            self._publish("letter.drafted", letter)
        return result

    def get(self, principal: Principal, letter_id: str) -> dict[str, Any]:
        """One letter, for its parties (and the org's admins and operators unless secret)."""
        return letter_view(self._readable(principal, letter_id).letter)

    def update(self, principal: Principal, letter_id: str, data: dict[str, Any]) -> dict[str, Any]:
        """Edit a draft (or a letter returned for revision, which becomes a draft again); stale version → 409."""
        record = self._own_draft(principal, letter_id)
        letter = record.letter
        if data["version"] != letter.version:
            raise Conflict("the letter was changed meanwhile; reload it and try again",
                           details={"field": "version", "current": letter.version})
        changes = {k: v for k, v in data.items() if k != "version" and v is not None}
        if not changes:
            raise ValidationFailed.field("body", "nothing to change")
        if "classification" in changes and changes["classification"] != letter.classification:
            usable_classification(self.classifications.table(), changes["classification"])
        fields: dict[str, Any] = {}
        for name in ("classification", "subject", "body"):
            if name in changes:
                fields[name] = changes[name]
        for name, cls in (("type", LetterType), ("security", Security), ("urgency", Urgency)):
            if name in changes:
                fields[name] = cls(changes[name])
        if {"addressees", "cc", "signatory", "type"} & set(changes):
            structure = self.repo.structure(letter.org)
            for name in ("addressees", "cc"):
                if name in changes:
                    fields[name] = _recipients(changes[name])
                    _check_recipients(name, fields[name], structure)
            signatory = changes.get("signatory", letter.signatory)
            plan = plan_chain(letter.drafter_position, signatory, fields.get("type", letter.type),
                              structure.positions, structure.org.max_review_steps, self.settings.authority)
            fields.update(signatory=signatory, steps=plan.steps, on_behalf_of=plan.on_behalf_of,
                          by_order_of=plan.by_order_of)
        now = iso(now_wita())
        updated = replace(letter, **fields, state=LetterState.DRAFT, updated_at=now)
        tx = Transaction()
        record = self.repo.record_event(tx, record, self._event(principal, "edited", letter, LetterState.DRAFT,
                                                                data={"fields": sorted(changes)}, at=now))
        self.repo.save(tx, replace(record, letter=updated))
        tx.commit()
        return letter_view(replace(updated, version=letter.version + 1))

    # ------------------------------------------------------------ attachments

    def add_attachment(self, principal: Principal, letter_id: str, data: dict[str, Any]) -> Result:
        """A pending attachment and a presigned POST limited in size and type (key made by the app)."""
        record = self._own_draft(principal, letter_id)
        letter = record.letter
        check_declared_type(data["content_type"])
        if len(letter.attachments) >= self.settings.max_attachments:
            raise ValidationFailed.field("attachments", f"at most {self.settings.max_attachments} per letter")
        attachment = Attachment(id=uuid.uuid4().hex, filename=data["filename"], content_type=data["content_type"])
        upload = self.files.presign_upload(letter_attachment_key(letter.id, attachment.id), attachment.content_type,
                                           self.settings.attachment_max_bytes)
        updated = replace(letter, attachments=[*letter.attachments, attachment], updated_at=iso(now_wita()))
        tx = Transaction()
        self.repo.save(tx, replace(record, letter=updated))
        tx.commit()
        return 201, {"attachment": dict(attachment.__dict__), "upload": upload,
                     "letter_version": letter.version + 1}

    def confirm_attachment(self, principal: Principal, letter_id: str, attachment_id: str) -> dict[str, Any]:
        """Check the uploaded object (size, type by content) and record its SHA-256; a bad file is deleted."""
        record = self._own_draft(principal, letter_id)
        letter = record.letter
        attachment = next((a for a in letter.attachments if a.id == attachment_id), None)
        if attachment is None:
            raise NotFound("no such attachment")
        if attachment.state == "confirmed":
            return dict(attachment.__dict__)
        key = letter_attachment_key(letter.id, attachment.id)
        try:
            stored = self.files.inspect(key, attachment.content_type, self.settings.attachment_max_bytes)
        except (ValidationFailed, PayloadTooLarge):
            self.files.delete(key)
            raise
        confirmed = replace(attachment, state="confirmed", size=stored.size, sha256=stored.sha256)
        updated = replace(letter, attachments=[confirmed if a.id == attachment.id else a for a in letter.attachments],
                          updated_at=iso(now_wita()))
        tx = Transaction()
        record = self.repo.record_event(tx, record, self._event(
            principal, "attachment_added", letter,
            data={"attachment": attachment.id, "filename": attachment.filename, "sha256": stored.sha256}))
        self.repo.save(tx, replace(record, letter=updated))
        tx.commit()
        return dict(confirmed.__dict__)

    def download_attachment(self, principal: Principal, letter_id: str, attachment_id: str) -> dict[str, Any]:
        """A short-lived download link, for those who may read the letter."""
        letter = self._readable(principal, letter_id).letter
        attachment = next((a for a in letter.attachments if a.id == attachment_id and a.state == "confirmed"), None)
        if attachment is None:
            raise NotFound("no such attachment")
        return self.files.presign_download(letter_attachment_key(letter.id, attachment.id), attachment.filename,
                                           attachment.content_type)

    # ------------------------------------------------------------ submitting

    def submit(self, principal: Principal, letter_id: str) -> dict[str, Any]:
        """Start the review chain (round n+1, from its first step); a drafter who signs signs at once."""
        record = self._readable(principal, letter_id)
        letter = record.letter
        if principal.position != letter.drafter_position:
            raise Forbidden("only the drafter submits a letter")
        if letter.state is LetterState.IN_REVIEW:
            self._start_round(letter)  # a retried submit: starting the same execution again is harmless
            return letter_view(letter)
        if letter.state not in EDITABLE:
            raise Conflict(f"a letter in state {letter.state.value} cannot be submitted",
                           details={"state": letter.state.value})
        structure = self.repo.structure(letter.org)
        plan = plan_chain(letter.drafter_position, letter.signatory, letter.type, structure.positions,
                          structure.org.max_review_steps, self.settings.authority)
        record = replace(record, prepared=self._prepare(letter, structure))
        letter = replace(letter, steps=plan.steps, on_behalf_of=plan.on_behalf_of, by_order_of=plan.by_order_of)
        if not plan.steps:
            return self._sign_with_retries(principal, replace(record, letter=letter), None)
        now = iso(now_wita())
        submitted = replace(letter, state=LetterState.IN_REVIEW, round=letter.round + 1,
                            steps=start_round(plan.steps), updated_at=now)
        tx = Transaction()
        record = self.repo.record_event(tx, record, self._event(
            principal, "submitted", letter, LetterState.IN_REVIEW, at=now,
            data={"round": submitted.round, "chain": [s.position for s in submitted.steps]}))
        self.repo.save(tx, replace(record, letter=submitted))
        self.repo.add_steps(tx, submitted, now)
        first = submitted.steps[0]
        self._notify(tx, letter.org, [first.position], "approval.requested", "Permintaan paraf" if
                     first.kind is StepKind.REVIEW else "Permintaan tanda tangan", submitted)
        monitoring.letter_submitted(tx, letter, submitted, now)
        tx.commit()
        self._start_round(submitted)
        self._publish("letter.submitted", submitted, round=submitted.round, step=1, position=first.position)
        return letter_view(replace(submitted, version=letter.version + 1))

    def _start_round(self, letter: Letter) -> None:
        timeout = self.settings.deadlines.of(letter.urgency)
        steps = [{"pk": f"LETTER#{letter.id}", "sk": f"STEP#{letter.round:03d}#{s.index:02d}", "round": letter.round,
                  "index": s.index, "position": s.position, "timeout_seconds": timeout,
                  "queue_pk": f"APPROVAL#{letter.org}#{s.position}",
                  "queue_sk": f"{letter.updated_at}#{letter.id}#{s.index:02d}"} for s in letter.steps]
        self.workflow.start(execution_name(letter.id, letter.round),
                            {"letter_id": letter.id, "org": letter.org, "round": letter.round, "steps": steps})

    def _prepare(self, letter: Letter, structure: OrgStructure) -> dict[str, Any]:
        """What signing needs, resolved once at submit: letterhead, the signer, and where the letter goes."""
        signer = structure.positions[letter.signatory]
        nip = None
        if signer.holder:
            try:
                nip = self.org_repo.get_user(signer.holder).nip
            except NotFound:
                nip = None
        orgs = []
        for i, r in enumerate(letter.recipients()):
            if r.kind is RecipientKind.ORG and r.code:
                try:
                    other = self.repo.structure(r.code)
                except NotFound as exc:
                    raise ValidationFailed.field(f"recipients.{i}.code", f"no org {r.code}") from exc
                # An org receives a letter through its head, as the other sources of incoming letters do.
                heads = sorted((p for p in other.positions.values() if p.reports_to is None),
                               key=lambda p: p.level.rank)
                orgs.append({"code": r.code, "name": other.org.name, "head": heads[0].code if heads else None})
        names = {**structure.unit_names, **{p.code: p.title for p in structure.positions.values()},
                 **{o["code"]: o["name"] for o in orgs}}
        return {"org_name": structure.org.name, "city": structure.org.city, "org_address": structure.org.address,
                "lines": {"addressees": [recipient_line(r, names) for r in letter.addressees],
                          "cc": [recipient_line(r, names) for r in letter.cc]},
                "number_format": structure.org.number_format,
                "unit_code": structure.positions[letter.signatory].unit,
                "signer": {"holder": signer.holder, "name": signer.holder_name, "nip": nip, "title": signer.title},
                "inbox": inbox_positions(letter.addressees, structure.positions),
                "cc": inbox_positions(letter.cc, structure.positions), "orgs": orgs}

    # ------------------------------------------------------------ deciding

    def decide(self, principal: Principal, letter_id: str, data: dict[str, Any]) -> dict[str, Any]:
        """Approve, return for revision or reject the current step; the signatory's approval signs and sends."""
        record = self._readable(principal, letter_id)
        self._seated(principal)
        letter = record.letter
        decision = Decision(data["decision"])
        note = (data.get("note") or "").strip() or None
        check_note(decision, note)
        current = letter.current_step()
        if current is None or not current.may_decide(principal.position):
            return self._repeat(principal, letter, decision)
        step_item = self.repo.get_step(letter.id, letter.round, current.index)
        if not step_item.task_token or step_item.decision:
            raise Conflict("this step is not waiting for a decision yet; try again in a moment")
        if current.kind is StepKind.SIGN and decision is Decision.APPROVE:
            return self._sign_with_retries(principal, record, step_item)
        now = iso(now_wita())
        new_state = state_after(current, decision)
        check_transition(letter.state, new_state)
        decided = replace(letter, state=new_state, updated_at=now,
                          steps=decide_step(letter.steps, current.index, decision, by=principal.username,
                                            position=principal.position or "", note=note, at=now))
        tx = Transaction()
        self.repo.record_decision(tx, letter.id, letter.round, current.index, decision, by=principal.username,
                                  position=principal.position or "", note=note, at=now)
        record = self.repo.record_event(tx, record, self._event(
            principal, ACTION_OF[decision], letter, new_state, note, at=now,
            data={"round": letter.round, "step": current.index, "step_position": current.position}))
        self.repo.save(tx, replace(record, letter=decided))
        self._notify_decision(tx, decided, current, decision)
        monitoring.letter_decided(tx, letter, current, decision, new_state, step_item, now)
        tx.commit()
        delivered = self._deliver(step_item, decision, note)
        self._publish(f"letter.{ACTION_OF[decision]}", decided, round=letter.round, step=current.index,
                      position=current.position)
        if decision is Decision.APPROVE:
            following = decided.steps[current.index]
            self._publish("approval.requested", decided, round=letter.round, step=following.index,
                          position=following.position)
        return self._outcome(decided, current, decision, delivered)

    def _notify_decision(self, tx: Transaction, letter: Letter, step: Step, decision: Decision) -> None:
        if decision is Decision.APPROVE:
            following = letter.steps[step.index]
            self._notify(tx, letter.org, [following.position], "approval.requested",
                         "Permintaan tanda tangan" if following.kind is StepKind.SIGN else "Permintaan paraf", letter)
            self._notify(tx, letter.org, [letter.drafter_position], "letter.approved",
                         f"Diparaf oleh {step.title}", letter)
        elif decision is Decision.REVISE:
            self._notify(tx, letter.org, [letter.drafter_position], "letter.revision_requested",
                         "Konsep dikembalikan untuk diperbaiki", letter)
        else:
            earlier = [s.position for s in letter.steps if s.index < step.index]
            self._notify(tx, letter.org, [letter.drafter_position, *earlier], "letter.rejected", "Konsep ditolak",
                         letter)

    @staticmethod
    def _outcome(letter: Letter, step: Step, decision: Decision, delivered: bool) -> dict[str, Any]:
        return {"letter_id": letter.id, "round": letter.round, "step": step.index, "decision": decision.value,
                "state": letter.state.value, "number": letter.number, "delivered": delivered}

    def _repeat(self, principal: Principal, letter: Letter, decision: Decision) -> dict[str, Any]:
        """The caller is not the current step: a retry of their last decision is harmless, anything else is refused."""
        last = letter.last_decided_step()
        if last is not None and last.decided_position == principal.position:
            if last.decision is not decision:
                raise Conflict(f"this step was already decided ({last.decision.value if last.decision else ''})",
                               details={"step": last.index, "decision": last.decision.value if last.decision else None})
            step_item = self.repo.get_step(letter.id, letter.round, last.index)
            delivered = self._deliver(step_item, decision, last.note)
            state = LetterState.SENT if last.kind is StepKind.SIGN and decision is Decision.APPROVE else letter.state
            return self._outcome(replace(letter, state=state), last, decision, delivered)
        if letter.state is not LetterState.IN_REVIEW:
            raise Conflict(f"a letter in state {letter.state.value} has no step to decide",
                           details={"state": letter.state.value})
        raise Forbidden("only the position of the current step decides it")

    def _deliver(self, step_item: StepItem, decision: Decision, note: str | None) -> bool:
        """Send the recorded decision with the step's token; True when the state machine has it (now or before)."""
        if not step_item.task_token:
            return False
        try:
            if decision is Decision.APPROVE:
                self.workflow.succeed(step_item.task_token, {"decision": decision.value})
            else:
                self.workflow.fail(step_item.task_token, FAILURE_OF[decision], note or "")
        except Exception:  # noqa: BLE001 - recorded already; the same decision sent again re-sends the token
            logger.exception("decision recorded but not delivered", extra={"letter_id": step_item.letter_id})
            return False
        return True

    # ------------------------------------------------------------ signing and sending

    def _sign_with_retries(self, principal: Principal, record: LetterRecord, step_item: StepItem | None) -> dict[str, Any]:
        """Sign and send under `with_retries`: a lost numbering race runs the whole signing again."""
        letter, pdf_data = sequences.with_retries(lambda: self._sign(principal, record, step_item))
        delivered = self._deliver(step_item, Decision.APPROVE, None) if step_item is not None else False
        self._store_pdf(letter, pdf_data)
        self._publish("letter.signed", letter, number=letter.number)
        self._publish("letter.sent", letter, number=letter.number,
                      orgs=[o["code"] for o in record.prepared.get("orgs", [])])
        if step_item is None:
            return letter_view(letter)
        step = next(s for s in letter.steps if s.index == int(step_item.index))
        return self._outcome(letter, step, Decision.APPROVE, delivered)

    def _sign(self, principal: Principal, record: LetterRecord,
              step_item: StepItem | None) -> tuple[Letter, bytes]:
        """One attempt: number, content hash, KMS signature, state signed then sent, boxes, other orgs' queues."""
        letter, prepared = record.letter, record.prepared
        moment = now_wita()
        now = iso(moment)
        table = self.classifications.table()  # a draft's code may have been retired since: it is signed with it
        tx = Transaction()
        seq = sequences.reserve(number_sequence(letter.org, moment.astimezone(WITA).year), tx)
        number = format_number(prepared["number_format"], classification=letter.classification, seq=seq,
                               org_code=letter.org, year=moment.year, month=moment.month,
                               unit_code=prepared.get("unit_code"))
        signer = dict(prepared["signer"])
        if principal.acting is not None or principal.username != signer.get("holder"):
            user = self.org_repo.get_user(principal.username)  # an acting holder signs in their own name
            signer.update(holder=user.username, name=user.full_name, nip=user.nip)
        if principal.acting is not None:
            signer.update(title=acting_title(principal.acting.kind, signer["title"]), acting=principal.acting.kind)
        steps = letter.steps
        if step_item is not None:
            steps = decide_step(steps, int(step_item.index), Decision.APPROVE, by=principal.username,
                                position=principal.position or "", note=None, at=now)
            self.repo.record_decision(tx, letter.id, letter.round, int(step_item.index), Decision.APPROVE,
                                      by=principal.username, position=principal.position or "", note=None, at=now)
        check_transition(letter.state, LetterState.SIGNED)
        code = new_verification_code()
        lines = prepared.get("lines") or {"addressees": [recipient_line(r, {}) for r in letter.addressees],
                                          "cc": [recipient_line(r, {}) for r in letter.cc]}
        document = signed_document(letter, number=number, date=indonesian_date(moment), place=prepared["city"],
                                   org_name=prepared["org_name"], signer_title=signer["title"],
                                   signer_name=signer.get("name"), signer_nip=signer.get("nip"),
                                   signer_acting=signer.get("acting"))
        document["printed"] = printed_fields(
            government=self.settings.government, org_address=prepared.get("org_address") or "",
            signed_on=moment.astimezone(WITA).date(), addressees=lines["addressees"], cc=lines["cc"],
            verification_code=code, verification_url=f"{self.public_base_url}/public/verify/{code}")
        rendered = pdf.render_letter_pages(letter_document(document), created=datetime.fromisoformat(now))
        pdf_sha256 = hashlib.sha256(rendered.data).hexdigest()
        document["pdf"] = {"sha256": pdf_sha256, "pages": rendered.pages}  # the signature covers the PDF too
        digest = content_hash(document)
        signature, key_id = self.signer.sign(digest)
        signed = replace(letter, state=LetterState.SIGNED, steps=steps, number=number, signed_at=now,
                         content_hash=digest, signature=signature, signing_key_id=key_id, signed_document=document,
                         verification_code=code, pdf_key=letter_pdf_key(letter.id), pdf_sha256=pdf_sha256,
                         pdf_pages=rendered.pages, updated_at=now)
        record = self.repo.record_event(tx, record, self._event(
            principal, "signed", letter, LetterState.SIGNED, at=now,
            data={"number": number, "content_hash": digest, "key_id": key_id}))
        sent = replace(signed, state=LetterState.SENT)
        inbox, cc, orgs = prepared.get("inbox", []), prepared.get("cc", []), prepared.get("orgs", [])
        record = self.repo.record_event(tx, record, self._event(
            principal, "sent", signed, LetterState.SENT, at=now,
            data={"inbox": inbox, "cc": cc, "orgs": [o["code"] for o in orgs]}))
        self.repo.save(tx, replace(record, letter=sent))
        for position in dict.fromkeys([letter.drafter_position, letter.signatory]):
            self.repo.add_box_entry(tx, sent, "sent", position, now)
        for position in inbox:
            self.repo.add_box_entry(tx, sent, "inbox", position, now)
        for position in (p for p in cc if p not in inbox):
            self.repo.add_box_entry(tx, sent, "cc", position, now)
        self._notify(tx, letter.org, list(dict.fromkeys([*inbox, *cc])), "letter.received", "Surat masuk", sent)
        self._notify(tx, letter.org, [letter.drafter_position], "letter.sent", f"Ditandatangani: {number}", sent)
        self._archive_signed(tx, sent, moment.astimezone(WITA).date(), lines, [*inbox, *cc],
                             retention_rule(table, letter.classification))
        self.archive_index.add_verification(tx, code, letter_id=letter.id, org=letter.org, number=number,
                                            signed_at=now, security=letter.security.value, document=document,
                                            content_hash=digest, signature=signature, signing_key_id=key_id,
                                            pdf_sha256=pdf_sha256)
        self.archive_index.count_signed(tx, letter.org, pages=rendered.pages, paperless_pages=paperless_pages(
            rendered.pages, len(letter.addressees), len(letter.cc)))
        monitoring.letter_signed(tx, letter, step_item, now)
        for org in orgs:
            self.incoming.register(tx, org=org["code"], source=IncomingSource.LETTER, source_ref=letter.id,
                                   sender_name=prepared["org_name"], sender_org=letter.org, subject=letter.subject,
                                   actor=principal.username, actor_position=principal.position,
                                   letter_number=number, letter_date=moment.date().isoformat(),
                                   classification=letter.classification, security=letter.security.value,
                                   urgency=letter.urgency.value, addressed_to=org.get("head"), table=table)
        tx.commit()
        return replace(sent, version=letter.version + 1), rendered.data

    def _archive_signed(self, tx: Transaction, letter: Letter, day: date, lines: dict[str, list[str]],
                        delivered_to: list[str], rule: RetentionRule) -> None:
        """The archive entry of a signed letter with its search words and its code's retention dates (JRA) now."""
        dates = retention_dates(day, rule)
        subject_and_names = [letter.subject, *lines["addressees"], *lines["cc"]]
        self.archive_index.index(tx, ArchiveEntry(
            kind=RecordKind.LETTER, id=letter.id, org=letter.org, date=day.isoformat(),
            at=letter.signed_at or letter.updated_at, number=letter.number,
            subject=letter.subject, type=letter.type.value, classification=letter.classification,
            security=letter.security.value, sender=(letter.signed_document or {}).get("org_name", letter.org),
            recipients=[*lines["addressees"], *lines["cc"]], pages=letter.pdf_pages,
            readers=reader_positions(letter, delivered_to) if letter.security.secret else [],
            words=record_words([letter.number], subject_and_names), inactive_from=dates.inactive_from.isoformat(),
            action_due=dates.action_due.isoformat(), final_action=dates.final_action.value))

    def _store_pdf(self, letter: Letter, data: bytes) -> None:
        """Put the PDF rendered at signing into the archive bucket, after the signing committed.

        If the put fails the letter stays signed with the PDF's SHA-256 recorded; the `letter.signed` reaction
        (`ensure_pdf`) renders it again from the stored signed document — the same bytes — and puts it.
        """
        try:
            self.archive.put(letter_pdf_key(letter.id), data, "application/pdf")
        except Exception:  # noqa: BLE001 - repaired by the letter.signed reaction
            logger.exception("signed PDF not archived yet", extra={"letter_id": letter.id})

    def ensure_pdf(self, letter_id: str) -> str:
        """The archive holds the signed PDF: render it again from the signed document when it is missing."""
        letter = self.repo.get(letter_id).letter
        if not letter.pdf_key or not letter.signed_document or not letter.signed_at:
            return "not signed"
        if self.archive.exists(letter.pdf_key):
            return "present"
        created = datetime.fromisoformat(letter.signed_at)
        data = pdf.render_letter_pages(letter_document(letter.signed_document), created=created).data
        if hashlib.sha256(data).hexdigest() != letter.pdf_sha256:
            logger.error("the re-rendered PDF differs from the signed one", extra={"letter_id": letter.id})
            return "mismatch"
        self.archive.put(letter.pdf_key, data, "application/pdf")
        return "restored"

    def pdf_link(self, principal: Principal, letter_id: str) -> dict[str, Any]:
        """A short-lived link to the signed PDF, for those who may read the letter."""
        letter = self._readable(principal, letter_id).letter
        if not letter.pdf_key:
            raise Conflict("the letter has no signed PDF", details={"state": letter.state.value})
        link = self.archive.presign_download(letter.pdf_key, f"{letter.number or letter.id}.pdf", "application/pdf")
        return {**link, "sha256": letter.pdf_sha256, "pages": letter.pdf_pages}

    def verify(self, principal: Principal, letter_id: str) -> dict[str, Any]:
        """Recompute the content hash of the signed document and check the KMS signature."""
        letter = self._readable(principal, letter_id).letter
        if letter.signed_document is None or not letter.signature or not letter.content_hash:
            raise Conflict("the letter is not signed yet", details={"state": letter.state.value})
        hash_matches = content_hash(letter.signed_document) == letter.content_hash
        signature_valid = self.signer.verify(letter.content_hash, letter.signature, letter.signing_key_id)
        return {"letter_id": letter.id, "number": letter.number, "signed_at": letter.signed_at,
                "content_hash": letter.content_hash, "hash_matches": hash_matches,
                "signature_valid": signature_valid, "valid": hash_matches and signature_valid,
                "document": letter.signed_document}

    # ------------------------------------------------------------ overdue steps

    def handle_overdue(self, letter_id: str, round_no: int, index: int) -> str:
        """A step waited too long: deliver its decision if one was recorded, else remind and escalate."""
        record = self.repo.get(letter_id)
        letter = record.letter
        step_item = self.repo.get_step(letter_id, round_no, index)
        if step_item.decision:
            self._deliver(step_item, Decision(step_item.decision), step_item.note)
            return "delivered"
        if letter.round != round_no or letter.state is not LetterState.IN_REVIEW or step_item.escalated_to:
            return "ignored"
        step = next(s for s in letter.steps if s.index == index)
        structure = self.repo.structure(letter.org)
        reviewer = structure.positions.get(step.position)
        superior = reviewer.reports_to if reviewer and step.kind is StepKind.REVIEW else None
        now = iso(now_wita())
        tx = Transaction()
        if superior:
            self.repo.escalate_step(tx, step_item, superior)
            letter = replace(letter, steps=[replace(s, escalated_to=superior) if s.index == index else s
                                            for s in letter.steps])
        record = self.repo.record_event(tx, record, self._event(
            SYSTEM, "escalated" if superior else "reminded", letter, at=now,
            data={"round": round_no, "step": index, "position": step.position, "escalated_to": superior,
                  "waiting_since": step_item.waiting_since}))
        self.repo.save(tx, replace(record, letter=replace(letter, updated_at=now)))
        self._notify(tx, letter.org, [step.position], "approval.reminder", "Pengingat: paraf melewati batas waktu",
                     letter)
        if superior:
            self._notify(tx, letter.org, [superior], "approval.escalated",
                         f"Eskalasi: paraf {step.title} melewati batas waktu", letter)
        tx.commit()
        self._publish("letter.escalated" if superior else "letter.reminded", letter, round=round_no, step=index,
                      position=step.position, escalated_to=superior)
        return "escalated" if superior else "reminded"

    # ------------------------------------------------------------ lists and history

    def timeline(self, principal: Principal, letter_id: str) -> dict[str, Any]:
        """Who did what when (position, acting for whom, note), with the audit chain's verification (the
        letter's readers; the auditor of a plain signed, sent or archived letter of any org).
        """
        if principal.is_auditor:
            record = self.repo.get(letter_id)
            if not auditor_may_read(record.letter, principal):
                raise NotFound("no such letter")
        else:
            record = self._readable(principal, letter_id)
        return {"letter_id": record.letter.id,
                **timeline(self.audit, letter_pk(record.letter.id), record.audit_seq, record.audit_head)}

    def list_box(self, principal: Principal, box: str | None, limit: int, cursor: str | None) -> dict[str, Any]:
        """One page of one of my position's boxes (one Query)."""
        org, position = self._seated(principal)
        box = box or "inbox"
        if box not in BOXES:
            raise ValidationFailed.field("box", f"one of {', '.join(BOXES)}")
        page = self.repo.list_box(box, org, position, limit, cursor)
        if principal.acting is None:
            return page_view(page, dict)
        return page_view(page, lambda row: acting_row(row, box))

    def approvals(self, principal: Principal, limit: int, cursor: str | None) -> dict[str, Any]:
        """Steps waiting for my position, oldest first (one Query)."""
        org, position = self._seated(principal)
        return page_view(self.repo.list_approvals(org, position, limit, cursor), dict)
