"""Withdrawing a submitted draft against the fakes: before the first decision it returns to draft and leaves the
reviewer's queue with its round stopped; after it, or for anyone but the drafter, it is refused.
"""

from __future__ import annotations

import pytest

from chalicelib.domain.errors import Conflict, Forbidden, ServiceUnavailable
from chalicelib.domain.letter_records import execution_name
from chalicelib.services.letters import LetterService
from tests.fakes.province import FakeLetters, staff
from tests.unit.services.conftest import DRAFTER, approve, draft


def _queue(letters: LetterService, who: str) -> list[str]:
    return [row["letter_id"] for row in letters.approvals(staff(who), 10, None)["items"]]


def test_a_submitted_draft_is_withdrawn_before_the_first_decision(fakes: FakeLetters, letters: LetterService) -> None:
    letter = draft(letters)
    letters.submit(staff(DRAFTER), letter["id"])
    assert _queue(letters, "kasi.layanan") == [letter["id"]]

    withdrawn = letters.withdraw(staff(DRAFTER), letter["id"])

    assert withdrawn["state"] == "draft"
    assert _queue(letters, "kasi.layanan") == []
    assert fakes.workflow.stopped == [execution_name(letter["id"], 1, 1)] and fakes.workflow.running == set()
    assert [e.action for e in fakes.letter_repo.trail(letter["id"])][-1] == "withdrawn"
    again = letters.withdraw(staff(DRAFTER), letter["id"])  # a double withdraw changes nothing
    assert again["state"] == "draft" and again["version"] == withdrawn["version"]
    resubmitted = letters.submit(staff(DRAFTER), letter["id"])
    assert resubmitted["state"] == "in_review" and _queue(letters, "kasi.layanan") == [letter["id"]]


def test_a_letter_is_not_withdrawn_after_the_first_decision_nor_by_another_position(letters: LetterService) -> None:
    letter = draft(letters)
    letters.submit(staff(DRAFTER), letter["id"])
    with pytest.raises(Forbidden):
        letters.withdraw(staff("kasi.layanan"), letter["id"])
    approve(letters, letter["id"], "kasi.layanan")

    with pytest.raises(Conflict) as refused:
        letters.withdraw(staff(DRAFTER), letter["id"])
    assert "already decided" in refused.value.message


def test_a_draft_never_submitted_has_nothing_to_withdraw(letters: LetterService) -> None:
    letter = draft(letters)
    with pytest.raises(Conflict):
        letters.withdraw(staff(DRAFTER), letter["id"])


def test_a_letter_whose_first_wait_never_started_can_still_be_withdrawn(fakes: FakeLetters,
                                                                         letters: LetterService) -> None:
    """A submit answered 503 (its first wait did not start) and never sent again: the drafter is not stuck."""
    letter = draft(letters)
    fakes.workflow.fail_starts = 1
    with pytest.raises(ServiceUnavailable):
        letters.submit(staff(DRAFTER), letter["id"])

    withdrawn = letters.withdraw(staff(DRAFTER), letter["id"])

    assert withdrawn["state"] == "draft"
    assert [e.action for e in fakes.letter_repo.trail(letter["id"])][-1] == "withdrawn"
    assert letters.submit(staff(DRAFTER), letter["id"])["state"] == "in_review"
    assert _queue(letters, "kasi.layanan") == [letter["id"]]


def test_a_withdrawn_letters_timer_whose_stop_was_lost_is_stopped_at_its_deadline(fakes: FakeLetters,
                                                                                  letters: LetterService) -> None:
    letter = draft(letters)
    letters.submit(staff(DRAFTER), letter["id"])
    fakes.workflow.fail_stops = 1
    assert letters.withdraw(staff(DRAFTER), letter["id"])["state"] == "draft"  # recorded: the stop is not its answer
    assert fakes.workflow.running == {execution_name(letter["id"], 1, 1)}

    assert letters.handle_overdue(letter["id"], 1, 1) == "closed"  # its deadline: the step waits no more

    assert fakes.workflow.running == set() and _queue(letters, "kasi.layanan") == []
    assert [e.action for e in fakes.letter_repo.trail(letter["id"])][-1] == "withdrawn"  # nobody reminded
