"""An in-memory letter repository: letters with their audit trails, review steps, boxes and delivered copies."""

from __future__ import annotations

import copy
from dataclasses import dataclass, replace
from typing import Any

from chalicelib.adapters.dynamo import Page, Transaction
from chalicelib.domain.audit import GENESIS, AuditEvent, seal
from chalicelib.domain.errors import Conflict, NotFound
from chalicelib.domain.letter_records import WAITING, CopyExists, LetterRecord, OrgStructure, ReviewStep, copy_name
from chalicelib.domain.letters import Decision, Letter, LetterState
from chalicelib.domain.receipts import UnreadBox
from tests.fakes.transaction import staged

DRAFT_STATES = {LetterState.DRAFT, LetterState.IN_REVIEW, LetterState.REVISION_REQUESTED, LetterState.REJECTED}


@dataclass
class StoredStep:
    """A step as kept: its domain view (its state among it) and what the review box and approval queue show."""

    step: ReviewStep
    position: str
    kind: str
    subject: str
    overdue: bool = False

    @property
    def state(self) -> str:
        """What the review box shows before a decision."""
        return self.step.state or "pending"

    def set_state(self, state: str) -> None:
        """Move the step to `state` (closed, withdrawn, decided, waiting)."""
        self.step = replace(self.step, state=state)


def page(items: list[Any], limit: int, cursor: str | None) -> Page[Any]:
    """One page of `items` (the cursor is an offset)."""
    start = int(cursor or 0)
    end = start + limit
    return Page(items[start:end], str(end) if end < len(items) else None)


class FakeLetterRepo:
    """Dict-backed `LetterRepo` with the DynamoDB adapter's conditions and errors."""

    def __init__(self, structures: dict[str, OrgStructure] | None = None) -> None:
        self.structures = structures or {}
        self.records: dict[str, LetterRecord] = {}
        self.trails: dict[str, list[AuditEvent]] = {}
        self.steps: dict[tuple[str, int, int], StoredStep] = {}
        self.paraf: dict[tuple[str, int, int, str], StoredStep] = {}
        self.boxes: dict[tuple[str, str, str], dict[str, Any]] = {}
        self.copy_records: dict[tuple[str, str], str | None] = {}
        self.unread: dict[tuple[str, str, str], int] = {}
        self.fail_queue_entries = 0  # the next queue entries fail (a lost UpdateItem after a commit)

    # -- org structure and letters
    def structure(self, org: str) -> OrgStructure:
        if org not in self.structures:
            raise NotFound(f"no org {org}")
        return self.structures[org]

    def get(self, letter_id: str) -> LetterRecord:
        if letter_id not in self.records:
            raise NotFound("no such letter")
        return copy.deepcopy(self.records[letter_id])

    def new_record(self, letter: Letter, tx: Transaction, event: AuditEvent) -> LetterRecord:
        sealed = self._append(tx, letter.id, replace(event, seq=1), GENESIS)
        record = LetterRecord(letter, 1, sealed.hash)
        self.save(tx, record, new=True)
        return record

    def record_event(self, tx: Transaction, record: LetterRecord, event: AuditEvent) -> LetterRecord:
        sealed = self._append(tx, record.letter.id, replace(event, seq=record.audit_seq + 1), record.audit_head)
        return replace(record, audit_seq=sealed.seq, audit_head=sealed.hash)

    def _append(self, tx: Transaction, letter_id: str, event: AuditEvent, prev_hash: str) -> AuditEvent:
        sealed = seal(replace(event, record=f"LETTER#{letter_id}"), prev_hash)
        taken = lambda: len(self.trails.get(letter_id, [])) >= sealed.seq  # noqa: E731
        staged(tx).stage(lambda: self.trails.setdefault(letter_id, []).append(sealed),
                         lambda: Conflict("someone else changed this record at the same time; reload it")
                         if taken() else None)
        return sealed

    def save(self, tx: Transaction, record: LetterRecord, *, new: bool = False) -> LetterRecord:
        letter = record.letter
        saved = replace(record, letter=replace(letter, version=1 if new else letter.version + 1))
        # As the adapter: what a signing claimed is kept on the claim's audit event, not with the letter.
        stored = copy.deepcopy(replace(saved, prepared={k: v for k, v in saved.prepared.items() if k != "signing"}))

        def check() -> Conflict | None:
            current = self.records.get(letter.id)
            if new:
                return Conflict("this letter already exists") if current else None
            if current is None or current.letter.version != letter.version:
                return Conflict("the letter was changed meanwhile; reload it and try again",
                                details={"field": "version"})
            return None

        staged(tx).stage(lambda: self.records.__setitem__(letter.id, stored), check)
        return saved

    def trail(self, letter_id: str) -> list[AuditEvent]:
        return list(self.trails.get(letter_id, []))

    # -- steps
    def add_steps(self, tx: Transaction, letter: Letter, requested_at: str) -> None:
        for step in letter.steps:
            key = (letter.id, letter.round, step.index)
            first = step is letter.steps[0]  # waits in its queue from the submit's Put on
            stored = StoredStep(ReviewStep(letter_id=letter.id, org=letter.org, round=letter.round,
                                           index=step.index, requested_at=requested_at,
                                           state=WAITING if first else None,
                                           waiting_since=requested_at if first else None),
                                position=step.position, kind=step.kind.value, subject=letter.subject)
            staged(tx).stage(lambda key=key, stored=stored: self.steps.__setitem__(key, stored),
                             lambda key=key: Conflict("this round was already submitted") if key in self.steps
                             else None)

    @staticmethod
    def step_wait(letter: Letter, index: int, since: str, timeout_seconds: int) -> dict[str, Any]:
        step = next(s for s in letter.steps if s.index == index)
        return {"letter_id": letter.id, "kind": step.kind.value, "round": letter.round, "index": index,
                "position": step.position, "since": since, "timeout_seconds": timeout_seconds}

    def enter_queue(self, wait: dict[str, Any]) -> bool:
        """As the adapter: an undecided step or paraf that was not closed or withdrawn waits in its queue."""
        if self.fail_queue_entries:
            self.fail_queue_entries -= 1
            raise RuntimeError("UpdateItem failed")
        key = (wait["letter_id"], wait["round"], wait["index"])
        stored = self.paraf.get((*key, wait["position"])) if wait["kind"] == "paraf" else self.steps.get(key)
        if stored is None or stored.step.decision or stored.state in ("closed", "withdrawn"):
            return False
        stored.step = replace(stored.step, state=WAITING, waiting_since=stored.step.waiting_since or wait["since"])
        return True

    def mark_overdue(self, letter_id: str, round_no: int, index: int, paraf: str | None = None) -> None:
        stored = self.paraf.get((letter_id, round_no, index, paraf)) if paraf else self.steps.get(
            (letter_id, round_no, index))
        if stored is not None and stored.step.waiting:
            stored.overdue = True

    def get_step(self, letter_id: str, round_no: int, index: int) -> ReviewStep:
        stored = self.steps.get((letter_id, round_no, index))
        if stored is None:
            raise NotFound("no such review step")
        return stored.step

    def record_decision(self, tx: Transaction, letter_id: str, round_no: int, index: int, decision: Decision, *,
                        by: str, position: str, note: str | None, at: str) -> None:
        key = (letter_id, round_no, index)

        def check() -> Conflict | None:
            stored = self.steps.get(key)
            if stored is None or not stored.step.waiting:
                return Conflict("this step is not waiting for a decision (decided already, or not reached yet)")
            return None

        def apply() -> None:
            stored = self.steps[key]
            stored.step = replace(stored.step, decision=decision.value, note=note, state="decided")

        staged(tx).stage(apply, check)

    def close_steps(self, tx: Transaction, letter_id: str, round_no: int, indexes: list[int]) -> None:
        for index in indexes:
            staged(tx).stage(lambda index=index: self.steps[(letter_id, round_no, index)].set_state("closed"))

    def add_paraf(self, tx: Transaction, letter: Letter, index: int, requested_at: str) -> None:
        step = next(s for s in letter.steps if s.index == index)
        for paraf in step.paraf:  # each waits in its coordinator's queue from this Put on
            key = (letter.id, letter.round, index, paraf.position)
            stored = StoredStep(ReviewStep(letter_id=letter.id, org=letter.org, round=letter.round, index=index,
                                           requested_at=requested_at, state=WAITING, waiting_since=requested_at),
                                position=paraf.position, kind="paraf", subject=letter.subject)
            staged(tx).stage(lambda key=key, stored=stored: self.paraf.__setitem__(key, stored),
                             lambda key=key: Conflict("paraf koordinasi asked already") if key in self.paraf else None)

    @staticmethod
    def paraf_branches(letter: Letter, index: int, requested_at: str, timeout_seconds: int) -> list[dict[str, Any]]:
        step = next(s for s in letter.steps if s.index == index)
        return [{"letter_id": letter.id, "kind": "paraf", "round": letter.round, "index": index,
                 "position": p.position, "since": requested_at, "timeout_seconds": timeout_seconds}
                for p in step.paraf]

    def get_paraf(self, letter_id: str, round_no: int, index: int, position: str) -> ReviewStep:
        stored = self.paraf.get((letter_id, round_no, index, position))
        if stored is None:
            raise NotFound("no such paraf")
        return stored.step

    def record_paraf(self, tx: Transaction, letter_id: str, round_no: int, index: int, position: str,
                     decision: Decision, *, by: str, note: str | None, at: str) -> None:
        key = (letter_id, round_no, index, position)

        def apply() -> None:
            self.paraf[key].step = replace(self.paraf[key].step, decision=decision.value, note=note, state="decided")

        staged(tx).stage(apply, lambda: None if key in self.paraf and self.paraf[key].step.waiting
                         else Conflict("this paraf is not waiting"))

    def close_paraf(self, tx: Transaction, letter_id: str, round_no: int, index: int, positions: list[str]) -> None:
        for position in positions:
            staged(tx).stage(lambda p=position: self.paraf[(letter_id, round_no, index, p)].set_state("closed"))

    def withdraw_step(self, tx: Transaction, letter_id: str, round_no: int, index: int) -> None:
        key = (letter_id, round_no, index)

        def check() -> Conflict | None:
            stored = self.steps.get(key)
            if stored is None or stored.step.decision:
                return Conflict("the first step was decided meanwhile")
            return None

        staged(tx).stage(lambda: self.steps[key].set_state("withdrawn"), check)

    def count_unread(self, org: str, position: str, box: UnreadBox) -> None:
        self.unread[(org, position, box.value)] = self.unread.get((org, position, box.value), 0) + 1

    def escalate_step(self, tx: Transaction, step: ReviewStep, superior: str) -> None:
        key = (step.letter_id, step.round, step.index)

        def apply() -> None:
            self.steps[key].step = replace(self.steps[key].step, escalated_to=superior)

        staged(tx).stage(apply, lambda: Conflict("the step was decided meanwhile") if self.steps[key].step.decision
                         else None)

    # -- boxes and copies
    def _box_row(self, letter: Letter, box: str, at: str) -> dict[str, Any]:
        return {"id": letter.id, "box": box, "subject": letter.subject, "type": letter.type.value, "state": "sent",
                "number": letter.number, "security": letter.security.value, "urgency": letter.urgency.value,
                "at": at, "org": letter.org}

    def put_box_entries(self, letter: Letter, entries: list[tuple[str, str]], at: str) -> None:
        for box, position in entries:
            self.boxes[(letter.id, box, position)] = self._box_row(letter, box, at)

    def put_box_entry(self, letter: Letter, box: str, position: str, at: str) -> None:
        if (letter.id, box, position) in self.boxes:
            raise CopyExists(f"{box} copy for {position} delivered already")
        self.boxes[(letter.id, box, position)] = self._box_row(letter, box, at)

    def mark_delivered(self, letter_id: str, target: str, at: str) -> None:
        self.copy_records.setdefault((letter_id, target), None)

    def copies(self, letter_id: str) -> dict[str, str | None]:
        found = {target: ref for (lid, target), ref in self.copy_records.items() if lid == letter_id}
        found.update({copy_name(box, position): None for (lid, box, position) in self.boxes if lid == letter_id})
        return found

    def list_box(self, box: str, org: str, position: str, limit: int, cursor: str | None) -> Page[dict[str, Any]]:
        if box == "drafts":
            rows = [{"id": r.letter.id, "box": "drafts", "subject": r.letter.subject, "state": r.letter.state.value}
                    for r in self.records.values() if r.letter.org == org and r.letter.drafter_position == position
                    and r.letter.state in DRAFT_STATES]
        elif box == "review":
            rows = [{"id": s.step.letter_id, "box": "review", "subject": s.subject, "state": s.step.decision
                     or s.state} for s in self.steps.values() if s.step.org == org and s.position == position]
        else:
            rows = [{k: v for k, v in row.items() if k != "org"} for (_, b, p), row in self.boxes.items()
                    if b == box and p == position and row["org"] == org]
        return page(rows, limit, cursor)

    def list_approvals(self, org: str, position: str, limit: int, cursor: str | None) -> Page[dict[str, Any]]:
        rows = [{"letter_id": s.step.letter_id, "round": s.step.round, "index": s.step.index, "kind": s.kind,
                 "position": s.position, "escalated_to": s.step.escalated_to, "subject": s.subject}
                for s in [*self.steps.values(), *self.paraf.values()] if s.step.org == org and s.step.waiting
                and position in (s.position, s.step.escalated_to)]
        return page(rows, limit, cursor)
