"""Withdrawing a submitted draft (menarik kembali konsep): its drafter takes it back before anyone decided on it.

The withdrawal is recorded first — the first step leaves its approval queue (only while it waits undecided),
the later steps are closed, the letter is a draft again with its audit event, in one transaction whose
letter version makes a concurrent decision or a second withdrawal a 409 — then the
first step's timer (its state machine execution: the only wait before a decision) is stopped. If that stop is
lost, the timer announces the step overdue at its deadline and the overdue reaction, finding the letter no longer
in review, stops it; a repeated withdrawal stops it again.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from chalicelib.domain.errors import Conflict, Forbidden
from chalicelib.domain.identity import Principal
from chalicelib.domain.letter_records import execution_name
from chalicelib.domain.letters import EDITABLE, LetterState
from chalicelib.domain.monitoring import Kind, level_moves, transition
from chalicelib.domain.timefmt import iso, now_wita
from chalicelib.services.letters_common import LetterAccess, end_wait, letter_view
from chalicelib.services.letters_ports import Workflow


class Withdrawal:
    """The drafter takes a submitted letter back into draft before the first decision."""

    def __init__(self, access: LetterAccess, workflow: Workflow) -> None:
        self.access = access
        self.letter_repo = access.letter_repo
        self.workflow = workflow

    def withdraw(self, principal: Principal, letter_id: str) -> dict[str, Any]:
        """Back to draft, out of the reviewer's queue, the first step's wait stopped; a repeat changes nothing."""
        record = self.access.readable(principal, letter_id)
        letter = record.letter
        if principal.position != letter.drafter_position:
            raise Forbidden("only the drafter withdraws a letter")
        if letter.state in EDITABLE and letter.round > 0:  # withdrawn already (or returned): stop the round again
            if letter.steps:
                end_wait(self.workflow, execution_name(letter.id, letter.round, letter.steps[0].index), "withdrawn")
            return letter_view(letter)
        if letter.state is not LetterState.IN_REVIEW:
            raise Conflict(f"a letter in state {letter.state.value} cannot be withdrawn",
                           details={"state": letter.state.value})
        decided = letter.last_decided_step()
        if decided is not None:
            raise Conflict(f"{decided.title} already decided on this letter: it can no longer be withdrawn; ask for "
                           "it to be returned for revision", details={"step": decided.index})
        first = letter.steps[0]
        now = iso(now_wita())
        withdrawn = replace(letter, state=LetterState.DRAFT, updated_at=now)
        tx = self.access.transaction()
        self.letter_repo.withdraw_step(tx, letter.id, letter.round, first.index)
        self.letter_repo.close_steps(tx, letter.id, letter.round, [s.index for s in letter.steps[1:]])
        record = self.letter_repo.record_event(tx, record, self.access.event(
            principal, "withdrawn", letter, LetterState.DRAFT, at=now, data={"round": letter.round}))
        self.letter_repo.save(tx, replace(record, letter=withdrawn))
        self.access.notify(tx, letter.org, [first.position], "approval.withdrawn", "Konsep ditarik kembali", letter)
        gauges, figures = transition(Kind.LETTER, letter.state.value, withdrawn.state.value)
        gauges.update(level_moves(first.level, None))
        self.access.counters.counter_repo.count(tx, letter.org, now, gauges=gauges, figures=figures)
        tx.commit()
        end_wait(self.workflow, execution_name(letter.id, letter.round, first.index), "withdrawn")
        return letter_view(replace(withdrawn, version=letter.version + 1))
