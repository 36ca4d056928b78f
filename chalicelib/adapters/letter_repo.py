"""Letters in DynamoDB: the letter item, its review steps (each in its holder's approval queue while it waits),
box entries, and a one-Query read of an org's structure. Access patterns: docs/letters-data.md.

Everything of a letter lives in its partition `LETTER#{id}`:
  `#LETTER`                    the letter's head (optimistic locking with `version`; drafts box on gsi1)
  `#LETTER#{part}`             its content, what signing prepared, its seal (adapters/letter_parts.py)
  `AUDIT#{seq}`                its audit trail (adapters/audit_repo.py)
  `STEP#{round}#{index}`       a step of a review round; gsi1 = the approval queue while it waits, gsi2 = review box
  `PARAF#{round}#{index}#{pos}` a paraf koordinasi asked on that step, kept like a step
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
    LetterPartItem,
    LetterPartitionItem,
    OrgPartitionItem,
    StepItem,
    approval_pk,
    box_entry_key,
    box_pk,
    copy_key,
    fingerprint,
    letter_part_key,
    letter_pk,
    step_key,
)
from chalicelib.adapters.letter_parts import head_item, letter_id_of, parts_of, to_record, whole
from chalicelib.adapters.org_items import OrgItem, PositionItem, UnitItem, org_of, position_of
from chalicelib.adapters.receipt_repo import count_unread_now
from chalicelib.domain.audit import GENESIS, AuditEvent
from chalicelib.domain.errors import Conflict, NotFound
from chalicelib.domain.letter_records import CLOSED, WAITING, CopyExists, LetterRecord, OrgStructure, ReviewStep, copy_name
from chalicelib.domain.letters import (
    Decision,
    Letter,
)
from chalicelib.domain.org import Org, Position, split_ref
from chalicelib.domain.receipts import UnreadBox

__all__ = ["CopyExists", "LetterRecord", "LetterRepository", "OrgStructure", "ReviewStep"]

_READS = 3  # attempts at reading a letter whose head and parts agree
_WAITS_UNDECIDED = StepItem.decision.does_not_exist() & (StepItem.step_state == WAITING)  # a decision's condition

# ---------------------------------------------------------------- domain views


def paraf_key(letter_id: str, round_no: int, index: int, position: str) -> tuple[str, str]:
    """A paraf koordinasi of step `index` of a round."""
    return letter_pk(letter_id), f"PARAF#{round_no:03d}#{index:02d}#{position}"


def step_of(item: StepItem) -> ReviewStep:
    """Domain view of a step item."""
    return ReviewStep(letter_id=item.letter_id, org=item.org, round=int(item.round), index=int(item.index),
                      requested_at=item.requested_at, state=item.step_state, waiting_since=item.waiting_since,
                      escalated_to=item.escalated_to, decision=item.decision, note=item.note)


def summary_of_letter(item: LetterItem) -> dict[str, Any]:
    """A drafts-box row."""
    return {"id": letter_id_of(item), "box": "drafts", "subject": item.subject, "type": item.type, "state": item.state,
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
    return {"letter_id": item.letter_id, "org": item.org, "round": int(item.round), "index": int(item.index),
            "kind": item.kind,
            "position": item.position, "escalated_to": item.escalated_to, "subject": item.subject,
            "type": item.type, "security": item.security, "urgency": item.urgency,
            "drafter_position": item.drafter_position, "waiting_since": item.waiting_since,
            "overdue": bool(item.overdue)}


def _waiting(item: StepItem, where: tuple[str, str], order: str, since: str) -> None:
    """A new step or paraf item that waits from the start, in the approval queue of `where` (org, position)."""
    item.step_state, item.waiting_since = WAITING, since
    item.gsi1pk, item.gsi1sk = approval_pk(*where), order


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
        """One letter or NotFound: its head and parts in one Query (strongly consistent: decisions and edits build
        on it). A Query is not isolated from a transaction writing the head and a part: a read amid such a write
        (an edit of the draft) is taken again.
        """
        for _attempt in range(_READS):
            head, parts = None, {}
            for item in LetterPartitionItem.query(letter_pk(letter_id), LetterPartitionItem.sk.startswith("#LETTER"),
                                                  consistent_read=True):
                if isinstance(item, LetterItem):
                    head = item
                elif isinstance(item, LetterPartItem):
                    parts[item.sk.removeprefix("#LETTER#")] = item.data
            if head is None:
                raise NotFound("no such letter")
            if whole(head, parts):
                return to_record(head, parts)
        raise Conflict("the letter is being changed; try again")

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

    def save(self, tx: Transaction, record: LetterRecord, *, new: bool = False) -> LetterRecord:
        """Write the letter's head and the parts that changed; the head's version condition makes a concurrent
        change a 409. Returns the record as stored once `tx` commits.
        """
        letter = record.letter
        parts = parts_of(record)
        prints = {name: fingerprint(data) for name, data in parts.items() if data}
        for name, data in parts.items():
            if prints.get(name) == record.stored_parts.get(name):
                continue  # unchanged (or absent before and after)
            if data:
                tx.put(LetterPartItem(*letter_part_key(letter.id, name), data=data))
            else:
                tx.delete(LetterPartItem(*letter_part_key(letter.id, name)))
        item = head_item(record, prints)
        if new:
            tx.put(item, condition=LetterItem.pk.does_not_exist(),
                   on_condition_failed=lambda: Conflict("this letter already exists"))
        else:
            item.version = letter.version  # saved only if still this version (PynamoDB adds the condition)
            tx.put(item, on_condition_failed=lambda: Conflict(
                "the letter was changed meanwhile; reload it and try again", details={"field": "version"}))
        return replace(record, letter=replace(letter, version=1 if new else letter.version + 1), stored_parts=prints)

    # -- steps
    def add_steps(self, tx: Transaction, letter: Letter, requested_at: str) -> None:
        """The step items of the letter's current round, the first one waiting in its holder's approval queue
        (its queue entry costs nothing more in this Put; `enter_queue` does it again for a retried submit).
        """
        for step in letter.steps:
            pk, sk = step_key(letter.id, letter.round, step.index)
            where = split_ref(step.position, letter.org)  # a position of another org is named ORG/CODE
            item = StepItem(pk, sk, gsi2pk=box_pk("review", *where),
                            gsi2sk=f"{requested_at}#{letter.id}#{letter.round:03d}#{step.index:02d}",
                            letter_id=letter.id, org=letter.org, round=letter.round, index=step.index,
                            kind=step.kind.value, position=step.position, subject=letter.subject,
                            type=letter.type.value, security=letter.security.value, urgency=letter.urgency.value,
                            drafter_position=letter.drafter_position, requested_at=requested_at)
            if step is letter.steps[0]:
                _waiting(item, where, f"{requested_at}#{letter.id}#{step.index:02d}", requested_at)
            tx.put(item, condition=StepItem.pk.does_not_exist(),
                   on_condition_failed=lambda: Conflict("this round was already submitted"))

    @staticmethod
    def step_wait(letter: Letter, index: int, since: str, timeout_seconds: int) -> dict[str, Any]:
        """Step `index` of the letter's current round as it waits: its item, the approval queue it enters
        (`enter_queue`; ordered by `since`, when it became current), and, for its timer's execution, how long it
        may wait and what its overdue announcement names.
        """
        step = next(s for s in letter.steps if s.index == index)
        return {"pk": letter_pk(letter.id), "sk": step_key(letter.id, letter.round, index)[1], "kind": step.kind.value,
                "round": letter.round, "index": index, "position": step.position, "timeout_seconds": timeout_seconds,
                "queue_pk": approval_pk(*split_ref(step.position, letter.org)),
                "queue_sk": f"{since}#{letter.id}#{index:02d}", "since": since}

    def enter_queue(self, wait: dict[str, Any]) -> bool:
        """Put a step or paraf (`wait`, as `step_wait` / `paraf_branches` give it) in its holder's approval queue:
        one conditional UpdateItem, applied only to an undecided item that was not closed or withdrawn (False
        otherwise). Doing it again changes nothing: the time and the queue it entered first are kept (an
        escalation's queue too).
        """
        item = StepItem(wait["pk"], wait["sk"])
        return dynamo.applied(lambda: item.update(
            actions=[StepItem.step_state.set(WAITING), StepItem.waiting_since.set(StepItem.waiting_since | wait["since"]),
                     StepItem.gsi1pk.set(StepItem.gsi1pk | wait["queue_pk"]),
                     StepItem.gsi1sk.set(StepItem.gsi1sk | wait["queue_sk"])],
            condition=StepItem.pk.exists() & StepItem.decision.does_not_exist()
            & (StepItem.step_state.does_not_exist() | ~StepItem.step_state.is_in(*CLOSED))))

    def mark_overdue(self, letter_id: str, round_no: int, index: int, paraf: str | None = None) -> None:
        """Mark a waiting, undecided step (or the paraf of `paraf`) overdue in its queue: one conditional UpdateItem."""
        key = paraf_key(letter_id, round_no, index, paraf) if paraf else step_key(letter_id, round_no, index)
        dynamo.applied(lambda: StepItem(*key).update(actions=[StepItem.overdue.set(True)],
                                                      condition=StepItem.pk.exists() & _WAITS_UNDECIDED))

    def get_step(self, letter_id: str, round_no: int, index: int) -> ReviewStep:
        """A step, strongly consistent (it may have just entered its queue)."""
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
                  condition=_WAITS_UNDECIDED,
                  on_condition_failed=lambda: Conflict("this step is not waiting for a decision (decided already, "
                                                       "or not reached yet)"))

    # -- paraf koordinasi: an item per coordinator of a step, `PARAF#{round}#{index}#{position}`
    def add_paraf(self, tx: Transaction, letter: Letter, index: int, requested_at: str) -> None:
        """The paraf items of step `index`, each in its coordinator's review box and already waiting in its
        approval queue (the queue entry costs nothing more in this Put).
        """
        step = next(s for s in letter.steps if s.index == index)
        for paraf in step.paraf:
            pk, sk = paraf_key(letter.id, letter.round, index, paraf.position)
            where = split_ref(paraf.position, letter.org)
            item = StepItem(pk, sk, gsi2pk=box_pk("review", *where),
                            gsi2sk=f"{requested_at}#{letter.id}#{letter.round:03d}#{index:02d}",
                            letter_id=letter.id, org=letter.org, round=letter.round, index=index, kind="paraf",
                            position=paraf.position, subject=letter.subject, type=letter.type.value,
                            security=letter.security.value, urgency=letter.urgency.value,
                            drafter_position=letter.drafter_position, requested_at=requested_at)
            _waiting(item, where, f"{requested_at}#{letter.id}#{index:02d}", requested_at)
            tx.put(item, condition=StepItem.pk.does_not_exist(),
                   on_condition_failed=lambda: Conflict("paraf koordinasi asked already"))

    @staticmethod
    def paraf_branches(letter: Letter, index: int, requested_at: str, timeout_seconds: int) -> list[dict[str, Any]]:
        """The paraf koordinasi of step `index` as they wait (one timer each), as `step_wait` gives a step."""
        step = next(s for s in letter.steps if s.index == index)
        return [{"pk": letter_pk(letter.id), "sk": paraf_key(letter.id, letter.round, index, p.position)[1],
                 "kind": "paraf", "round": letter.round, "index": index, "position": p.position,
                 "timeout_seconds": timeout_seconds, "queue_pk": approval_pk(*split_ref(p.position, letter.org)),
                 "queue_sk": f"{requested_at}#{letter.id}#{index:02d}", "since": requested_at} for p in step.paraf]

    def get_paraf(self, letter_id: str, round_no: int, index: int, position: str) -> ReviewStep:
        """A paraf item, strongly consistent."""
        try:
            return step_of(StepItem.get(*paraf_key(letter_id, round_no, index, position), consistent_read=True))
        except StepItem.DoesNotExist as exc:
            raise NotFound("no such paraf") from exc

    def record_paraf(self, tx: Transaction, letter_id: str, round_no: int, index: int, position: str,
                     decision: Decision, *, by: str, note: str | None, at: str) -> None:
        """Record a coordinator's decision, only while its paraf waits undecided; it leaves the approval queue."""
        tx.update(StepItem(*paraf_key(letter_id, round_no, index, position)),
                  [StepItem.decision.set(decision.value), StepItem.decided_by.set(by),
                   StepItem.decided_position.set(position), StepItem.note.set(note), StepItem.decided_at.set(at),
                   StepItem.step_state.set("decided"), StepItem.gsi1pk.remove(), StepItem.gsi1sk.remove()],
                  condition=_WAITS_UNDECIDED,
                  on_condition_failed=lambda: Conflict("this paraf is not waiting for a decision"))

    def close_paraf(self, tx: Transaction, letter_id: str, round_no: int, index: int, positions: list[str]) -> None:
        """Paraf of a round that ended (revised): `closed`, out of the approval queue."""
        for position in positions:
            tx.update(StepItem(*paraf_key(letter_id, round_no, index, position)),
                      [StepItem.step_state.set("closed"), StepItem.gsi1pk.remove(), StepItem.gsi1sk.remove()])

    def close_steps(self, tx: Transaction, letter_id: str, round_no: int, indexes: list[int]) -> None:
        """Steps of a round that ended before reaching them (revised or rejected): `closed` in the review box."""
        for index in indexes:
            tx.update(StepItem(*step_key(letter_id, round_no, index)), [StepItem.step_state.set("closed")])

    def withdraw_step(self, tx: Transaction, letter_id: str, round_no: int, index: int) -> None:
        """A waiting, undecided step leaves the approval queue as `withdrawn` (the drafter took the letter back)."""
        tx.update(StepItem(*step_key(letter_id, round_no, index)),
                  [StepItem.step_state.set("withdrawn"), StepItem.gsi1pk.remove(), StepItem.gsi1sk.remove()],
                  condition=StepItem.decision.does_not_exist(),  # waiting or not yet (its wait did not start)
                  on_condition_failed=lambda: Conflict("the first step was decided meanwhile"))

    def escalate_step(self, tx: Transaction, step: ReviewStep, superior: str) -> None:
        """Move an undecided step into the superior's approval queue."""
        tx.update(StepItem(*step_key(step.letter_id, step.round, step.index)),
                  [StepItem.escalated_to.set(superior), StepItem.gsi1pk.set(approval_pk(step.org, superior)),
                   StepItem.gsi1sk.set(f"{step.started}#{step.letter_id}")],
                  condition=StepItem.decision.does_not_exist(),
                  on_condition_failed=lambda: Conflict("the step was decided meanwhile"))

    # -- boxes
    @staticmethod
    def _box_entry(letter: Letter, box: str, position: str, at: str) -> BoxEntryItem:
        return BoxEntryItem(*box_entry_key(letter.id, box, position), gsi1pk=box_pk(box, *split_ref(position, letter.org)),
                            gsi1sk=f"{at}#{letter.id}", letter_id=letter.id, org=letter.org, box=box,
                            subject=letter.subject, type=letter.type.value, number=letter.number,
                            security=letter.security.value, urgency=letter.urgency.value, at=at)

    def put_box_entries(self, letter: Letter, entries: list[tuple[str, str]], at: str) -> None:
        """Put the letter in these (box, position) boxes: one BatchWriteItem of plain puts, outside any
        transaction (half the write units). Writing an entry again writes the same item: no second copy.
        """
        with BoxEntryItem.batch_write() as batch:
            for box, position in entries:
                batch.save(self._box_entry(letter, box, position, at))

    def put_box_entry(self, letter: Letter, box: str, position: str, at: str) -> None:
        """Put the letter in a position's box with one conditional write; an entry there already raises
        `CopyExists` (the entry is the record that this copy was delivered).
        """
        entry = self._box_entry(letter, box, position, at)
        if not dynamo.applied(lambda: entry.save(condition=BoxEntryItem.pk.does_not_exist())):
            raise CopyExists(f"{box} copy for {position} delivered already")

    def count_unread(self, org: str, position: str, box: UnreadBox) -> None:
        """One more unread letter in a position's inbox or cc box, until its first open (read_receipts): called
        once per copy, when its notification is first written.
        """
        count_unread_now(org, position, box, 1)

    def mark_delivered(self, letter_id: str, target: str, at: str) -> None:
        """Record `target` (e.g. `ALL_DELIVERED`) with one conditional write; recorded before: nothing changes."""
        dynamo.applied(lambda: CopyItem(*copy_key(letter_id, target), at=at).save(condition=CopyItem.pk.does_not_exist()))

    def copies(self, letter_id: str) -> dict[str, str | None]:
        """The copies a letter's fan-out delivered to boxes, by `copy_name` (and `ALL_DELIVERED` once all are
        there; letters sent before also recorded other orgs' copies here): one Query of its partition.
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
