"""Letters in DynamoDB: the letter item, its review steps (where the state machine keeps its task tokens),
box entries, and a one-Query read of an org's structure. Access patterns: docs/letters-data.md.

Everything of a letter lives in its partition `LETTER#{id}`:
  `#LETTER`                    the letter (optimistic locking with `version`; drafts box on gsi1)
  `AUDIT#{seq}`                its audit trail (adapters/audit_repo.py)
  `STEP#{round}#{index}`       a step of a review round; gsi1 = the approval queue while it waits, gsi2 = review box
  `BOX#{box}#{position}`       an entry of the sent / inbox / cc box of a position (gsi1)
  `#ARCHIVE`, `#WORD#{token}`  its archive entry and search words once signed (adapters/archive_repo.py)
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from chalicelib.adapters import dynamo
from chalicelib.adapters.audit_repo import AuditRepository
from chalicelib.adapters.dynamo import Page, Transaction
from chalicelib.adapters.letter_items import (
    BoxEntryItem,
    CopyItem,
    LetterItem,
    OrgPartitionItem,
    StepItem,
    approval_pk,
    box_entry_key,
    box_pk,
    copy_key,
    in_review_pk,
    letter_key,
    letter_pk,
    step_key,
)
from chalicelib.adapters.org_items import OrgItem, PositionItem, UnitItem, org_of, position_of
from chalicelib.adapters.receipt_repo import count_unread
from chalicelib.domain.audit import GENESIS, AuditEvent
from chalicelib.domain.errors import Conflict, NotFound
from chalicelib.domain.letter_records import CopyExists, LetterRecord, OrgStructure, ReviewStep, copy_name
from chalicelib.domain.letters import (
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
    StepState,
    Urgency,
    recipient_view,
)
from chalicelib.domain.org import Level, Org, Position
from chalicelib.domain.receipts import UnreadBox

__all__ = ["CopyExists", "LetterRecord", "LetterRepository", "OrgStructure", "ReviewStep"]

# ---------------------------------------------------------------- domain views


def _steps_to_json(steps: list[Step]) -> list[dict[str, Any]]:
    return [{k: (v.value if hasattr(v, "value") else v) for k, v in s.__dict__.items() if v is not None}
            for s in steps]


def _steps_of(raw: list[dict[str, Any]] | None) -> list[Step]:
    return [Step(index=int(s["index"]), kind=StepKind(s["kind"]), position=s["position"], title=s["title"],
                 level=Level(s["level"]), state=StepState(s["state"]), escalated_to=s.get("escalated_to"),
                 decision=Decision(s["decision"]) if s.get("decision") else None, decided_by=s.get("decided_by"),
                 decided_position=s.get("decided_position"), note=s.get("note"), decided_at=s.get("decided_at"))
            for s in raw or []]


def _recipients_of(raw: list[dict[str, Any]]) -> list[Recipient]:
    return [Recipient(kind=RecipientKind(r["kind"]), code=r.get("code"), name=r.get("name"),
                      address=r.get("address"), email=r.get("email")) for r in raw]


def to_record(item: LetterItem) -> LetterRecord:
    """Domain view of a letter item."""
    letter = Letter(
        id=item.id, org=item.org, type=LetterType(item.type), classification=item.classification,
        subject=item.subject, body=item.body, addressees=_recipients_of(item.addressees),
        cc=_recipients_of(item.cc), signatory=item.signatory, security=Security(item.security),
        urgency=Urgency(item.urgency), drafter=item.drafter, drafter_position=item.drafter_position,
        state=LetterState(item.state), created_at=item.created_at, updated_at=item.updated_at,
        version=int(item.version or 1), round=int(item.round or 0), steps=_steps_of(item.steps),
        on_behalf_of=item.on_behalf_of, by_order_of=item.by_order_of,
        in_reply_to=item.in_reply_to,
        attachments=[Attachment(**a) for a in item.attachments or []], number=item.number,
        signed_at=item.signed_at, content_hash=item.content_hash, signature=item.signature,
        signing_key_id=item.signing_key_id, signed_document=item.signed_document,
        verification_code=item.verification_code, pdf_key=item.pdf_key, pdf_sha256=item.pdf_sha256,
        pdf_pages=int(item.pdf_pages) if item.pdf_pages is not None else None,
    )
    return LetterRecord(letter, int(item.audit_seq), item.audit_head, dict(item.prepared or {}))


def step_of(item: StepItem) -> ReviewStep:
    """Domain view of a step item."""
    return ReviewStep(letter_id=item.letter_id, org=item.org, round=int(item.round), index=int(item.index),
                      requested_at=item.requested_at, task_token=item.task_token, waiting_since=item.waiting_since,
                      escalated_to=item.escalated_to, decision=item.decision, note=item.note)


def summary_of_letter(item: LetterItem) -> dict[str, Any]:
    """A drafts-box row."""
    return {"id": item.id, "box": "drafts", "subject": item.subject, "type": item.type, "state": item.state,
            "number": item.number, "security": item.security, "urgency": item.urgency, "at": item.updated_at}


def summary_of_step(item: StepItem) -> dict[str, Any]:
    """A review-box row."""
    return {"id": item.letter_id, "box": "review", "subject": item.subject, "type": item.type,
            "state": item.decision or item.step_state or "pending", "number": None, "security": item.security,
            "urgency": item.urgency, "at": item.decided_at or item.requested_at}


def summary_of_entry(item: BoxEntryItem) -> dict[str, Any]:
    """A sent / inbox / cc row."""
    return {"id": item.letter_id, "box": item.box, "subject": item.subject, "type": item.type, "state": "sent",
            "number": item.number, "security": item.security, "urgency": item.urgency, "at": item.at}


def approval_of(item: StepItem) -> dict[str, Any]:
    """A step waiting for a decision, as GET /approvals shows it."""
    return {"letter_id": item.letter_id, "round": int(item.round), "index": int(item.index), "kind": item.kind,
            "position": item.position, "escalated_to": item.escalated_to, "subject": item.subject,
            "type": item.type, "security": item.security, "urgency": item.urgency,
            "drafter_position": item.drafter_position, "waiting_since": item.waiting_since,
            "overdue": bool(item.overdue)}


# ---------------------------------------------------------------- repository


class LetterRepository:
    """Reads and transactional writes of letters, steps and boxes."""

    def __init__(self, audit: AuditRepository) -> None:
        self.audit = audit

    # -- org structure
    def structure(self, org: str) -> OrgStructure:
        """The org, its positions and units in one Query; NotFound for an unknown org."""
        found: Org | None = None
        positions: dict[str, Position] = {}
        units: set[str] = set()
        unit_names: dict[str, str] = {}
        for item in OrgPartitionItem.query(f"ORG#{org}"):
            if isinstance(item, OrgItem):
                found = org_of(item)
            elif isinstance(item, PositionItem):
                positions[item.code] = position_of(item)
            elif isinstance(item, UnitItem):
                units.add(item.code)
                unit_names[item.code] = item.name or ""
        if found is None:
            raise NotFound(f"no org {org}")
        return OrgStructure(found, positions, units, unit_names)

    # -- letters
    def get(self, letter_id: str) -> LetterRecord:
        """One letter or NotFound (strongly consistent: decisions and edits build on it)."""
        try:
            return to_record(LetterItem.get(*letter_key(letter_id), consistent_read=True))
        except LetterItem.DoesNotExist as exc:
            raise NotFound("no such letter") from exc

    def new_record(self, letter: Letter, tx: Transaction, event: AuditEvent) -> LetterRecord:
        """A new letter with its first audit event, added to `tx`."""
        sealed = self.audit.append(replace(event, record=letter_pk(letter.id), seq=1), GENESIS, tx)
        record = LetterRecord(letter, 1, sealed.hash)
        self.save(tx, record, new=True)
        return record

    def record_event(self, tx: Transaction, record: LetterRecord, event: AuditEvent) -> LetterRecord:
        """Append an audit event after the record's head; the caller saves the returned record in the same `tx`."""
        sealed = self.audit.append(replace(event, record=letter_pk(record.letter.id), seq=record.audit_seq + 1),
                                   record.audit_head, tx)
        return replace(record, audit_seq=sealed.seq, audit_head=sealed.hash)

    def save(self, tx: Transaction, record: LetterRecord, *, new: bool = False) -> None:
        """Write the letter; the version condition makes a concurrent change a 409."""
        letter = record.letter
        in_drafts = letter.state not in (LetterState.SIGNING, LetterState.SIGNED, LetterState.SENT, LetterState.ARCHIVED)
        in_review = letter.state is LetterState.IN_REVIEW
        item = LetterItem(
            *letter_key(letter.id),
            gsi1pk=box_pk("drafts", letter.org, letter.drafter_position) if in_drafts else None,
            gsi1sk=f"{letter.created_at}#{letter.id}" if in_drafts else None,
            gsi2pk=in_review_pk(letter.org) if in_review else None,
            gsi2sk=f"{letter.updated_at}#{letter.id}" if in_review else None,
            id=letter.id, org=letter.org, type=letter.type.value, classification=letter.classification,
            subject=letter.subject, body=letter.body, addressees=[recipient_view(r) for r in letter.addressees],
            cc=[recipient_view(r) for r in letter.cc], signatory=letter.signatory, security=letter.security.value,
            urgency=letter.urgency.value, drafter=letter.drafter, drafter_position=letter.drafter_position,
            in_reply_to=letter.in_reply_to,
            state=letter.state.value, created_at=letter.created_at, updated_at=letter.updated_at,
            round=letter.round, steps=_steps_to_json(letter.steps) or None, on_behalf_of=letter.on_behalf_of,
            by_order_of=letter.by_order_of, attachments=[a.__dict__ for a in letter.attachments] or None,
            number=letter.number, signed_at=letter.signed_at, content_hash=letter.content_hash,
            signature=letter.signature, signing_key_id=letter.signing_key_id,
            signed_document=letter.signed_document, verification_code=letter.verification_code,
            pdf_key=letter.pdf_key, pdf_sha256=letter.pdf_sha256, pdf_pages=letter.pdf_pages,
            prepared=record.prepared or None,
            audit_seq=record.audit_seq, audit_head=record.audit_head,
        )
        if not new:
            item.version = letter.version  # saved only if still this version (PynamoDB adds the condition)
        if new:
            tx.put(item, condition=LetterItem.pk.does_not_exist(),
                   on_condition_failed=lambda: Conflict("this letter already exists"))
        else:
            tx.put(item, on_condition_failed=lambda: Conflict(
                "the letter was changed meanwhile; reload it and try again", details={"field": "version"}))

    # -- steps
    def add_steps(self, tx: Transaction, letter: Letter, requested_at: str) -> list[dict[str, Any]]:
        """The step items of the letter's current round; returns their keys for the state machine."""
        keys = []
        for step in letter.steps:
            pk, sk = step_key(letter.id, letter.round, step.index)
            tx.put(StepItem(pk, sk, gsi2pk=box_pk("review", letter.org, step.position),
                            gsi2sk=f"{requested_at}#{letter.id}#{letter.round:03d}#{step.index:02d}",
                            letter_id=letter.id, org=letter.org, round=letter.round, index=step.index,
                            kind=step.kind.value, position=step.position, subject=letter.subject,
                            type=letter.type.value, security=letter.security.value, urgency=letter.urgency.value,
                            drafter_position=letter.drafter_position, requested_at=requested_at),
                   condition=StepItem.pk.does_not_exist(),
                   on_condition_failed=lambda: Conflict("this round was already submitted"))
            keys.append({"pk": pk, "sk": sk, "index": step.index, "position": step.position,
                         "queue_pk": approval_pk(letter.org, step.position),
                         "queue_sk": f"{requested_at}#{letter.id}#{step.index:02d}"})
        return keys

    @staticmethod
    def round_steps(letter: Letter, timeout_seconds: int) -> list[dict[str, Any]]:
        """The steps of the letter's current round as its state machine execution takes them: where to store
        each step's task token, the approval queue it waits in, and how long it may wait.
        """
        return [{"pk": letter_pk(letter.id), "sk": step_key(letter.id, letter.round, s.index)[1],
                 "round": letter.round, "index": s.index, "position": s.position, "timeout_seconds": timeout_seconds,
                 "queue_pk": approval_pk(letter.org, s.position),
                 "queue_sk": f"{letter.updated_at}#{letter.id}#{s.index:02d}"} for s in letter.steps]

    def get_step(self, letter_id: str, round_no: int, index: int) -> ReviewStep:
        """A step, strongly consistent (its token may have just been stored)."""
        try:
            return step_of(StepItem.get(*step_key(letter_id, round_no, index), consistent_read=True))
        except StepItem.DoesNotExist as exc:
            raise NotFound("no such review step") from exc

    def record_decision(self, tx: Transaction, letter_id: str, round_no: int, index: int, decision: Decision, *,
                        by: str, position: str, note: str | None, at: str) -> None:
        """Record the decision on the step, only while it waits undecided; it leaves the approval queue."""
        item = StepItem(*step_key(letter_id, round_no, index))
        tx.update(item, [StepItem.decision.set(decision.value), StepItem.decided_by.set(by),
                         StepItem.decided_position.set(position), StepItem.note.set(note),
                         StepItem.decided_at.set(at), StepItem.step_state.set("decided"),
                         StepItem.gsi1pk.remove(), StepItem.gsi1sk.remove()],
                  condition=StepItem.decision.does_not_exist() & StepItem.task_token.exists(),
                  on_condition_failed=lambda: Conflict("this step is not waiting for a decision (decided already, "
                                                       "or not reached yet)"))

    def close_steps(self, tx: Transaction, letter_id: str, round_no: int, indexes: list[int]) -> None:
        """Steps of a round that ended before reaching them (revised or rejected): `closed` in the review box."""
        for index in indexes:
            tx.update(StepItem(*step_key(letter_id, round_no, index)), [StepItem.step_state.set("closed")])

    def withdraw_step(self, tx: Transaction, letter_id: str, round_no: int, index: int) -> None:
        """A waiting, undecided step leaves the approval queue as `withdrawn` (the drafter took the letter back)."""
        tx.update(StepItem(*step_key(letter_id, round_no, index)),
                  [StepItem.step_state.set("withdrawn"), StepItem.gsi1pk.remove(), StepItem.gsi1sk.remove()],
                  condition=StepItem.decision.does_not_exist() & StepItem.task_token.exists(),
                  on_condition_failed=lambda: Conflict("the first step was decided meanwhile, or is not waiting yet"))

    def escalate_step(self, tx: Transaction, step: ReviewStep, superior: str) -> None:
        """Move an undecided step into the superior's approval queue."""
        tx.update(StepItem(*step_key(step.letter_id, step.round, step.index)),
                  [StepItem.escalated_to.set(superior), StepItem.gsi1pk.set(approval_pk(step.org, superior)),
                   StepItem.gsi1sk.set(f"{step.started}#{step.letter_id}")],
                  condition=StepItem.decision.does_not_exist(),
                  on_condition_failed=lambda: Conflict("the step was decided meanwhile"))

    # -- boxes
    def add_box_entry(self, tx: Transaction, letter: Letter, box: str, position: str, at: str) -> None:
        """Put the letter in a position's sent, inbox or cc box, once: an entry already there cancels `tx`
        with `CopyExists` (the entry is the record that this copy was delivered).
        """
        tx.put(BoxEntryItem(*box_entry_key(letter.id, box, position), gsi1pk=box_pk(box, letter.org, position),
                            gsi1sk=f"{at}#{letter.id}", letter_id=letter.id, org=letter.org, box=box,
                            subject=letter.subject, type=letter.type.value, number=letter.number,
                            security=letter.security.value, urgency=letter.urgency.value, at=at),
               condition=BoxEntryItem.pk.does_not_exist(),
               on_condition_failed=lambda: CopyExists(f"{box} copy for {position} delivered already"))
        if box in (UnreadBox.INBOX, UnreadBox.CC):
            count_unread(tx, letter.org, position, UnreadBox(box), 1)  # until its first open (read_receipts)

    def add_copy(self, tx: Transaction, letter_id: str, target: str, ref: str | None, at: str) -> None:
        """Record that the copy for `target` was delivered, once (`CopyExists` cancels `tx` otherwise)."""
        tx.put(CopyItem(*copy_key(letter_id, target), ref=ref, at=at), condition=CopyItem.pk.does_not_exist(),
               on_condition_failed=lambda: CopyExists(f"copy for {target} delivered already"))

    def copies(self, letter_id: str) -> dict[str, str | None]:
        """The copies a letter's fan-out delivered, by `copy_name` (and `ALL_DELIVERED` once all are there), with
        what each created (box entries and copy records): one Query of its partition.
        """
        found: dict[str, str | None] = {}
        for item in CopyItem.query(letter_pk(letter_id), CopyItem.sk.startswith("COPY#")):
            found[item.sk.removeprefix("COPY#")] = item.ref
        for entry in BoxEntryItem.query(letter_pk(letter_id), BoxEntryItem.sk.startswith("BOX#")):
            found[copy_name(entry.box, entry.sk.removeprefix(f"BOX#{entry.box}#"))] = None
        return found

    def trail(self, letter_id: str) -> list[AuditEvent]:
        """The letter's audit events in order (one Query)."""
        return self.audit.trail(letter_pk(letter_id))

    def list_box(self, box: str, org: str, position: str, limit: int, cursor: str | None) -> Page[dict[str, Any]]:
        """One page of a box, newest first: one Query."""
        pk = box_pk(box, org, position)
        if box == "drafts":
            return dynamo.query_page(LetterItem.drafts.query, "gsi1pk", pk, limit=limit, cursor=cursor,
                                     convert=summary_of_letter, scan_index_forward=False)
        if box == "review":
            return dynamo.query_page(StepItem.review_box.query, "gsi2pk", pk, limit=limit, cursor=cursor,
                                     convert=summary_of_step, scan_index_forward=False)
        return dynamo.query_page(BoxEntryItem.by_box.query, "gsi1pk", pk, limit=limit, cursor=cursor,
                                 convert=summary_of_entry, scan_index_forward=False)

    def list_approvals(self, org: str, position: str, limit: int, cursor: str | None) -> Page[dict[str, Any]]:
        """Steps waiting for a position, oldest first: one Query."""
        return dynamo.query_page(StepItem.queue.query, "gsi1pk", approval_pk(org, position), limit=limit,
                                 cursor=cursor, convert=approval_of)
