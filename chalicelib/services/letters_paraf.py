"""Paraf koordinasi: positions of another unit or org that a reviewer, approving a step, asks to initial the letter
before the next step. Each waits in its holder's queue from the transaction of the approval asking it, with its
own timer (a state machine execution); the last initial puts the next step in its queue and starts its timer, a
request for revision ends the round (its other branches and steps are closed, their timers stopped).
Also what follows every decision after its commit (`Followup`): the notifications it asks for, each written once,
and what waits next — every wait (a step or a paraf) has one timer, started by the app.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from chalicelib.config_letters import LetterSettings
from chalicelib.domain.errors import Conflict, NotFound, ValidationFailed
from chalicelib.domain.events import Event
from chalicelib.domain.identity import Principal
from chalicelib.domain.letter_chain import check_coordinators, decide_paraf, decided_paraf
from chalicelib.domain.letter_records import LetterRecord, OrgStructure, execution_name
from chalicelib.domain.letters import Decision, Letter, LetterState, Paraf, Step, StepKind, StepState, check_transition
from chalicelib.domain.org import Position, canonical_ref, split_ref
from chalicelib.domain.timefmt import iso, now_wita
from chalicelib.services.letters_common import (
    Followup,
    LetterAccess,
    Notice,
    Wait,
    end_wait,
    outcome,
    proceed,
    wait_key,
)
from chalicelib.services.letters_ports import Workflow


class Coordination:
    """Asking for paraf koordinasi on a step, and each coordinator's decision."""

    def __init__(self, access: LetterAccess, settings: LetterSettings, workflow: Workflow) -> None:
        self.access = access
        self.letter_repo = access.letter_repo
        self.settings = settings
        self.workflow = workflow

    def plan(self, letter: Letter, step: Step, coordinators: list[str]) -> tuple[Paraf, ...]:
        """The paraf a reviewer asks for (each org read once), checked."""
        refs = [canonical_ref(c, letter.org) for c in coordinators]
        structures: dict[str, OrgStructure | None] = {}
        positions: dict[str, Position] = {}
        for ref in refs:
            org, code = split_ref(ref, letter.org)
            if org not in structures:
                try:
                    structures[org] = self.letter_repo.structure(org)
                except NotFound:
                    structures[org] = None
            found = structures[org]
            if found is not None and code in found.positions:
                positions[ref] = found.positions[code]
        return check_coordinators(letter, step, refs, positions)

    # ------------------------------------------------------------ what waits next (one execution per wait)

    def step_wait(self, letter: Letter, index: int, since: str) -> Wait:
        """The execution in which step `index` of the current round waits (current since `since`)."""
        return (execution_name(letter.id, letter.round, index),
                {"letter_id": letter.id, "org": letter.org, "step": self.letter_repo.step_wait(
                    letter, index, since, self.settings.deadlines.of(letter.urgency))})

    @staticmethod
    def request(letter: Letter, step: Step, at: str) -> Notice:
        """The notification asking step `step`'s position to decide it (current since `at`)."""
        return Notice(step.position, "approval.requested",
                      "Permintaan tanda tangan" if step.kind is StepKind.SIGN else "Permintaan paraf",
                      wait_key(letter, step.index), at)

    def after(self, letter: Letter, step: Step) -> Followup:
        """What follows the decision on `step`: an approval tells the drafter and asks its paraf koordinasi (an
        execution each), else the next step (nothing after the signature); a revision tells the drafter, a
        rejection also the earlier steps, and nothing waits.
        """
        drafter, about, at = letter.drafter_position, wait_key(letter, step.index), step.decided_at or letter.updated_at
        if step.decision is Decision.REVISE:
            return Followup(letter, [Notice(drafter, "letter.revision_requested", "Konsep dikembalikan untuk diperbaiki",
                                            about, at)])
        if step.decision is Decision.REJECT:
            told = dict.fromkeys([drafter, *(s.position for s in letter.steps if s.index < step.index)])
            return Followup(letter, [Notice(p, "letter.rejected", "Konsep ditolak", about, at) for p in told])
        if step.decision is not Decision.APPROVE or step.kind is StepKind.SIGN:
            return Followup(letter)
        progress = Notice(drafter, "letter.approved", f"Diparaf oleh {step.title}", about, at)
        if step.paraf:
            asked = [Notice(p.position, "approval.requested", "Permintaan paraf koordinasi",
                            wait_key(letter, step.index, p.position), at) for p in step.paraf]
            waits = [(execution_name(letter.id, letter.round, step.index, branch["position"]),
                      {"letter_id": letter.id, "org": letter.org, "step": branch})
                     for branch in self.letter_repo.paraf_branches(letter, step.index, step.decided_at or "",
                                                                   self.settings.deadlines.of(letter.urgency))]
            return Followup(letter, [*asked, progress], waits)
        return self._next(letter, step, at, progress)

    def after_paraf(self, letter: Letter, step: Step, paraf: Paraf) -> Followup:
        """What follows a coordinator's decision on `paraf` of `step`: the drafter is told; the last initial also
        asks the next step and starts its wait.
        """
        drafter, about = letter.drafter_position, wait_key(letter, step.index, paraf.position)
        at = paraf.decided_at or letter.updated_at
        if paraf.decision is Decision.REVISE:
            return Followup(letter, [Notice(drafter, "letter.revision_requested",
                                            f"Dikembalikan pada paraf koordinasi {paraf.title}", about, at)])
        if paraf.decision is not Decision.APPROVE:
            return Followup(letter)
        progress = Notice(drafter, "letter.approved", f"Paraf koordinasi oleh {paraf.title}", about, at)
        if any(p.state is not StepState.APPROVED for p in step.paraf):
            return Followup(letter, [progress])
        return self._next(letter, step, max(p.decided_at or "" for p in step.paraf) or letter.updated_at, progress)

    def _next(self, letter: Letter, step: Step, since: str, progress: Notice) -> Followup:
        following = next((s for s in letter.steps if s.index == step.index + 1), None)
        if following is None:
            return Followup(letter, [progress])
        return Followup(letter, [self.request(letter, following, since), progress],
                        [self.step_wait(letter, following.index, since)])

    # ------------------------------------------------------------ a coordinator's decision

    def decide(self, principal: Principal, record: LetterRecord, step: Step, paraf: Paraf, decision: Decision,
               note: str | None) -> dict[str, Any]:
        """A coordinator initials (approve) or asks for revision; the last initial makes the next step current."""
        if decision is Decision.REJECT:
            raise ValidationFailed.field("decision", "a coordinator initials (approve) or asks for revision (revise)")
        letter = record.letter
        stored = self.letter_repo.get_paraf(letter.id, letter.round, step.index, paraf.position)
        if not stored.waiting:
            raise Conflict("this paraf is not waiting for a decision yet; try again in a moment")
        now = iso(now_wita())
        new_state = LetterState.IN_REVIEW if decision is Decision.APPROVE else LetterState.REVISION_REQUESTED
        check_transition(letter.state, new_state)
        decided = replace(letter, state=new_state, updated_at=now, steps=decide_paraf(
            letter.steps, step.index, paraf.position, decision, by=principal.username, note=note, at=now))
        following = next((s for s in decided.steps if s.index == step.index + 1), None)
        ready = decision is Decision.APPROVE and following is not None and following.state is StepState.CURRENT
        others = self._commit(principal, record, (step, paraf), decision, note, decided)
        decided_step = next(s for s in decided.steps if s.index == step.index)
        followup = self.after_paraf(decided, decided_step,
                                    next(p for p in decided_step.paraf if p.position == paraf.position))
        delivered = proceed(self.access, self.workflow, followup,
                            execution_name(letter.id, letter.round, step.index, paraf.position))
        if decision is Decision.REVISE:
            self._cancel(letter, step, others)
            self.access.publish(Event.LETTER_REVISION_REQUESTED, decided, round=letter.round, step=step.index,
                                position=paraf.position)
        elif ready and following is not None:
            self.access.publish(Event.APPROVAL_REQUESTED, decided, round=letter.round, step=following.index,
                                position=following.position)
        return outcome(decided, step.index, decision, delivered)

    def _commit(self, principal: Principal, record: LetterRecord, branch: tuple[Step, Paraf], decision: Decision,
                note: str | None, decided: Letter) -> list[str]:
        """One transaction: the paraf's decision, the letter and its audit event (its notifications follow the
        commit); a revision closes the round's other branches and later steps (returned: the positions of those
        branches).
        """
        letter, (step, paraf) = record.letter, branch
        others = [p.position for p in step.paraf if p.position != paraf.position and p.state is StepState.CURRENT]
        tx = self.access.transaction()
        self.letter_repo.record_paraf(tx, letter.id, letter.round, step.index, paraf.position,
                                      decision, by=principal.username, note=note, at=decided.updated_at)
        record = self.letter_repo.record_event(tx, record, self.access.event(
            principal, "initialled" if decision is Decision.APPROVE else "revision_requested", letter,
            decided.state, note, at=decided.updated_at,
            data={"round": letter.round, "step": step.index, "paraf": paraf.position}))
        self.letter_repo.save(tx, replace(record, letter=decided))
        if decision is Decision.REVISE:  # the round ends: its other branches and later steps wait no more
            self.letter_repo.close_paraf(tx, letter.id, letter.round, step.index, others)
            self.letter_repo.close_steps(tx, letter.id, letter.round,
                                         [s.index for s in letter.steps if s.index > step.index])
            self.access.counters.paraf_revised(tx, letter, step, decided.updated_at)
        tx.commit()
        return others

    def _cancel(self, letter: Letter, step: Step, positions: list[str]) -> None:
        """Stop the timers of the step's other branches, closed by the revision (a lost stop: the branch's next
        overdue announcement finds it closed and stops it).
        """
        for position in positions:
            end_wait(self.workflow, execution_name(letter.id, letter.round, step.index, position), "closed")

    def repeat(self, principal: Principal, letter: Letter, seat: str | None,
               decision: Decision) -> dict[str, Any] | None:
        """A coordinator's decision sent again: re-send it (a retry), 409 if different; None if not a coordinator."""
        found = decided_paraf(letter, seat)
        if found is None:
            return None
        step, paraf = found
        if paraf.decision is not decision:
            raise Conflict(f"this paraf was already decided ({paraf.decision.value if paraf.decision else ''})",
                           details={"step": step.index, "decision": paraf.decision.value if paraf.decision else None})
        return outcome(letter, step.index, decision, proceed(
            self.access, self.workflow, self.after_paraf(letter, step, paraf),
            execution_name(letter.id, letter.round, step.index, paraf.position)))

    def handle_overdue(self, letter_id: str, round_no: int, index: int, position: str) -> str:
        """A paraf koordinasi's timer announced it overdue: deliver its decision if one was recorded (the next
        step after the last initial), stop its timer if its round ended meanwhile; one still waiting is marked
        overdue in its queue (entered there first if it is not).
        """
        try:
            letter = self.letter_repo.get(letter_id).letter
            stored = self.letter_repo.get_paraf(letter_id, round_no, index, position)
        except NotFound:
            return "ignored"
        step = next((s for s in letter.steps if s.index == index), None) if letter.round == round_no else None
        paraf = next((p for p in step.paraf if p.position == position), None) if step is not None else None
        if stored.decision:
            followup = self.after_paraf(letter, step, paraf) if step is not None and paraf is not None else Followup(letter)
            proceed(self.access, self.workflow, followup, execution_name(letter_id, round_no, index, position))
            return "delivered"
        if (paraf is None or paraf.state is not StepState.CURRENT or letter.state is not LetterState.IN_REVIEW
                or stored.closed):
            end_wait(self.workflow, execution_name(letter_id, round_no, index, position), "closed")
            return "closed"
        if not stored.waiting:  # asked before the app kept the queue: its wait was to enter it
            self.letter_repo.enter_queue(next(b for b in self.letter_repo.paraf_branches(
                letter, index, stored.requested_at, self.settings.deadlines.of(letter.urgency))
                if b["position"] == position))
        self.letter_repo.mark_overdue(letter_id, round_no, index, position)
        return "ignored"
