"""Review of letters: submit a draft into its chain, decide a step, escalate an overdue one.

A wait (a step, or a paraf koordinasi) is its item in its holder's approval queue, entered by the app, and a
timer: its own state machine execution, named per letter, round and step, that announces it overdue at each
deadline. A decision is recorded first (step, letter state and audit event in one transaction whose condition is
that the step waits in its queue undecided); then the next step enters its queue (a paraf koordinasi asked entered
it in that transaction), its notifications are written (the next reviewer's request, the drafter's progress note:
each once, by a key naming the decision), the timers of what waits next are started, and only then the decided
wait's timer is stopped. If a write, a start or the stop fails, the recorded decision stays and the decided wait's
timer keeps running; the same decision sent again does it all again (a queue entry keeps its first time, a written
notification, a started name and a stopped timer count as done), and an overdue wait whose decision is recorded
is delivered instead of escalated — so nothing is lost, nothing is decided or announced twice, and a current step
is in a queue with a timer.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from chalicelib.config_letters import LetterSettings
from chalicelib.domain.errors import Conflict, Forbidden, NotFound, ServiceUnavailable, ValidationFailed
from chalicelib.domain.events import Event, letter_event
from chalicelib.domain.identity import Principal
from chalicelib.domain.letter_chain import (
    ask_paraf,
    check_note,
    decide_step,
    seat_of,
    start_round,
    state_after,
    waiting_paraf,
)
from chalicelib.domain.letter_records import execution_name
from chalicelib.domain.letters import (
    EDITABLE,
    Decision,
    Letter,
    LetterState,
    StepKind,
    check_transition,
)
from chalicelib.domain.timefmt import iso, now_wita
from chalicelib.services import letters_chain as chain
from chalicelib.services.common import page_view
from chalicelib.services.letters_common import SYSTEM, Followup, LetterAccess, end_wait, letter_view, outcome, proceed
from chalicelib.services.letters_paraf import Coordination
from chalicelib.services.letters_ports import Workflow
from chalicelib.services.letters_signing import Signing

ACTION_OF = {Decision.APPROVE: "approved", Decision.REVISE: "revision_requested", Decision.REJECT: "rejected"}


class Review:
    """The chain of a letter: submitted by its drafter, decided step by step, the last step signing."""

    def __init__(self, access: LetterAccess, settings: LetterSettings, workflow: Workflow,
                 signing: Signing) -> None:
        self.access = access
        self.letter_repo = access.letter_repo
        self.settings = settings
        self.workflow = workflow
        self.signing = signing
        self.coordination = Coordination(access, settings, workflow)

    # ------------------------------------------------------------ submitting

    def submit(self, principal: Principal, letter_id: str) -> dict[str, Any]:
        """Start the review chain (round n+1, from its first step); a drafter who signs signs at once."""
        record = self.access.readable(principal, letter_id)
        letter = record.letter
        if principal.org != letter.org or principal.position != letter.drafter_position:
            raise Forbidden("only the drafter submits a letter")
        if letter.state is LetterState.IN_REVIEW:  # a retried submit: writing and starting again is harmless
            self._start_round(letter, self.letter_repo.get_step(letter.id, letter.round, 1).requested_at, again=True)
            return letter_view(letter)
        if letter.state is LetterState.SIGNING and not letter.steps:  # a drafter who signs asks again: finish it
            self.signing.resume(letter.id, retry_later=False)
            return letter_view(self.letter_repo.get(letter.id).letter)
        if letter.state not in EDITABLE:
            raise Conflict(f"a letter in state {letter.state.value} cannot be submitted",
                           details={"state": letter.state.value})
        structure = self.letter_repo.structure(letter.org)
        _, plan = chain.plan(self.letter_repo, structure, letter.drafter_position, letter.signatory, letter.type,
                             self.settings.authority)
        record = replace(record, prepared=self.signing.prepare(letter, structure))
        letter = replace(letter, steps=plan.steps, on_behalf_of=plan.on_behalf_of, by_order_of=plan.by_order_of)
        if not plan.steps:
            return self.signing.sign(principal, replace(record, letter=letter), None)
        now = iso(now_wita())
        submitted = replace(letter, state=LetterState.IN_REVIEW, round=letter.round + 1,
                            steps=start_round(plan.steps), updated_at=now)
        tx = self.access.transaction()
        record = self.letter_repo.record_event(tx, record, self.access.event(
            principal, "submitted", letter, LetterState.IN_REVIEW, at=now,
            data={"round": submitted.round, "chain": [s.position for s in submitted.steps]}))
        self.letter_repo.save(tx, replace(record, letter=submitted))
        self.letter_repo.add_steps(tx, submitted, now)
        self.access.counters.submitted(tx, letter, submitted, now)
        tx.commit()
        self.access.publish(Event.LETTER_SUBMITTED, submitted, round=submitted.round, step=1,
                            position=submitted.steps[0].position)
        self._start_round(submitted, now)
        return letter_view(replace(submitted, version=letter.version + 1))

    def _start_round(self, letter: Letter, since: str, *, again: bool = False) -> None:
        """After the submit's commit: the first step's request (written once) and its timer (the decisions start
        the later ones), the round submitted at `since`; if either fails, a 503: the letter is in review (the step
        in its queue: the submit's Put put it there), and submitting it again does it. A submit sent `again` also
        enters the step in its queue (one submitted before the app kept the queue: its wait stored it).
        """
        first = letter.steps[0]
        name, payload = self.coordination.step_wait(letter, first.index, since)
        try:
            if again:
                self.letter_repo.enter_queue(payload["step"])
            self.access.tell(letter, [self.coordination.request(letter, first, since)])
            self.workflow.start(name, payload)
        except Exception as exc:  # noqa: BLE001 - submitted already; the same submit again does it
            raise ServiceUnavailable("the letter was submitted but its review did not start yet; submit it again "
                                     "in a moment") from exc

    # ------------------------------------------------------------ deciding

    def decide(self, principal: Principal, letter_id: str, data: dict[str, Any]) -> dict[str, Any]:
        """Approve, return for revision or reject the current step; the signatory's approval signs and sends."""
        record = self.access.readable(principal, letter_id)
        self.access.seated(principal)
        letter = record.letter
        decision = Decision(data["decision"])
        note = (data.get("note") or "").strip() or None
        check_note(decision, note)
        current = letter.current_step()
        passphrase = data.get("passphrase") or None  # a certified signature's, used once and never kept
        seat = seat_of(principal, letter) or ""
        branch = waiting_paraf(letter, seat)
        if branch is not None:
            return self.coordination.decide(principal, record, *branch, decision, note)
        if current is None or not current.may_decide(seat):
            return (self.coordination.repeat(principal, letter, seat, decision)
                    or self._repeat(principal, letter, decision, passphrase))
        coordinators = data.get("coordinators") or []
        if coordinators and decision is not Decision.APPROVE:
            raise ValidationFailed.field("coordinators", "paraf koordinasi is asked for when approving")
        paraf = self.coordination.plan(letter, current, coordinators) if coordinators else ()
        stored = self.letter_repo.get_step(letter.id, letter.round, current.index)
        if not stored.waiting:
            raise Conflict("this step is not waiting for a decision yet; try again in a moment")
        if current.kind is StepKind.SIGN and decision is Decision.APPROVE:
            return self.signing.sign(principal, record, stored, passphrase)
        now = iso(now_wita())
        new_state = state_after(current, decision)
        check_transition(letter.state, new_state)
        steps = decide_step(letter.steps, current.index, decision, by=principal.username, position=seat, note=note,
                            at=now)
        decided = replace(letter, state=new_state, updated_at=now,
                          steps=ask_paraf(steps, current.index, paraf) if paraf else steps)
        tx = self.access.transaction()
        self.letter_repo.record_decision(tx, letter.id, letter.round, current.index, decision, by=principal.username,
                                         position=seat, note=note, at=now)
        record = self.letter_repo.record_event(tx, record, self.access.event(
            principal, ACTION_OF[decision], letter, new_state, note, at=now,
            data={"round": letter.round, "step": current.index, "step_position": current.position,
                  **({"coordinators": [p.position for p in paraf]} if paraf else {})}))
        self.letter_repo.save(tx, replace(record, letter=decided))
        if paraf:
            self.letter_repo.add_paraf(tx, decided, current.index, now)
        if decision is not Decision.APPROVE:  # the round ends here: the steps after it will not wait any more
            self.letter_repo.close_steps(tx, letter.id, letter.round, [s.index for s in letter.steps if s.index > current.index])
        self.access.counters.decided(tx, letter, current, decision, new_state, stored, now)
        tx.commit()
        delivered = proceed(self.access, self.workflow, self.coordination.after(decided, decided.steps[current.index - 1]),
                            execution_name(letter.id, letter.round, current.index))
        self.access.publish(letter_event(ACTION_OF[decision]), decided, round=letter.round, step=current.index,
                            position=current.position)
        if decision is Decision.APPROVE:
            waiting = [p.position for p in paraf] or [decided.steps[current.index].position]
            for position in waiting:
                self.access.publish(Event.APPROVAL_REQUESTED, decided, round=letter.round,
                                    step=current.index + (0 if paraf else 1), position=position)
        return outcome(decided, current.index, decision, delivered)

    def _repeat(self, principal: Principal, letter: Letter, decision: Decision,
                passphrase: str | None = None) -> dict[str, Any]:
        """The caller is not the current step: a retry of their last decision is harmless, anything else is refused."""
        last = letter.last_decided_step()
        if last is not None and last.decided_position == seat_of(principal, letter):
            if last.decision is not decision:
                raise Conflict(f"this step was already decided ({last.decision.value if last.decision else ''})",
                               details={"step": last.index, "decision": last.decision.value if last.decision else None})
            if letter.state is LetterState.SIGNING:  # the signatory asks again: complete the signing now
                self.signing.resume(letter.id, retry_later=False, passphrase=passphrase)
                letter = self.letter_repo.get(letter.id).letter
            delivered = proceed(self.access, self.workflow, self.coordination.after(letter, last),
                                execution_name(letter.id, letter.round, last.index))
            signed = last.kind is StepKind.SIGN and decision is Decision.APPROVE and letter.state is not LetterState.SIGNING
            state = LetterState.SENT if signed else letter.state
            return outcome(replace(letter, state=state), last.index, decision, delivered)
        if letter.state is not LetterState.IN_REVIEW:
            raise Conflict(f"a letter in state {letter.state.value} has no step to decide",
                           details={"state": letter.state.value})
        raise Forbidden("only the position of the current step decides it")

    # ------------------------------------------------------------ overdue steps and the queue

    def handle_overdue(self, letter_id: str, round_no: int, index: int, paraf: str | None = None) -> str:
        """A step's timer announced it overdue: deliver its decision if one was recorded (doing again what follows
        it), stop the timer of a step that waits no more (closed, withdrawn, its round ended), else mark it overdue
        in its queue (entering it there first if it is not: a step made current before the app kept the queue),
        remind and escalate; a paraf koordinasi (`paraf`, its position) is left to the coordination.
        """
        if paraf is not None:
            return self.coordination.handle_overdue(letter_id, round_no, index, paraf)
        try:
            record = self.letter_repo.get(letter_id)
            stored = self.letter_repo.get_step(letter_id, round_no, index)
        except NotFound:  # nothing of it waits any more
            return "ignored"
        letter = record.letter
        if stored.decision:
            if letter.state is LetterState.SIGNING:  # approved, not signed yet: the system completes it
                return self.signing.resume(letter_id)
            decided = next((s for s in letter.steps if s.index == index), None) if letter.round == round_no else None
            proceed(self.access, self.workflow, self.coordination.after(letter, decided) if decided else Followup(letter),
                    execution_name(letter_id, round_no, index))
            return "delivered"
        if letter.round != round_no or letter.state is not LetterState.IN_REVIEW or stored.closed:
            end_wait(self.workflow, execution_name(letter_id, round_no, index), "no longer waiting")
            return "closed"
        if not stored.waiting:
            self.letter_repo.enter_queue(self.coordination.step_wait(letter, index, stored.started)[1]["step"])
        if stored.escalated_to:  # marked overdue and escalated at its first deadline
            return "ignored"
        self.letter_repo.mark_overdue(letter_id, round_no, index)
        step = next(s for s in letter.steps if s.index == index)
        structure = self.letter_repo.structure(letter.org)
        reviewer = structure.positions.get(step.position)
        superior = reviewer.reports_to if reviewer and step.kind is StepKind.REVIEW else None
        now = iso(now_wita())
        tx = self.access.transaction()
        if superior:
            self.letter_repo.escalate_step(tx, stored, superior)
            letter = replace(letter, steps=[replace(s, escalated_to=superior) if s.index == index else s
                                            for s in letter.steps])
        record = self.letter_repo.record_event(tx, record, self.access.event(
            SYSTEM, "escalated" if superior else "reminded", letter, at=now,
            data={"round": round_no, "step": index, "position": step.position, "escalated_to": superior,
                  "waiting_since": stored.waiting_since}))
        self.letter_repo.save(tx, replace(record, letter=replace(letter, updated_at=now)))
        self.access.notify(tx, letter.org, [step.position], "approval.reminder",
                           "Pengingat: paraf melewati batas waktu", letter)
        if superior:
            self.access.notify(tx, letter.org, [superior], "approval.escalated",
                               f"Eskalasi: paraf {step.title} melewati batas waktu", letter)
        tx.commit()
        self.access.publish(Event.LETTER_ESCALATED if superior else Event.LETTER_REMINDED, letter, round=round_no, step=index,
                            position=step.position, escalated_to=superior)
        return "escalated" if superior else "reminded"

    def approvals(self, principal: Principal, limit: int, cursor: str | None) -> dict[str, Any]:
        """Steps waiting for my position, oldest first (one Query)."""
        org, position = self.access.seated(principal)
        return page_view(self.letter_repo.list_approvals(org, position, limit, cursor), dict)
