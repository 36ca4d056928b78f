"""Drafting and review of letters against the fakes: the state, the trail, the notifications and the events each
use case leaves, and the refusals a wrong caller or a repeated request meets.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from chalicelib.domain.errors import Conflict, Forbidden, NotFound, ServiceUnavailable, ValidationFailed
from chalicelib.services.letters import LetterService
from tests.fakes.province import FakeLetters, staff
from tests.unit.services.conftest import CHAIN, DRAFTER, approve, draft

DRAFTER_SEAT = "pos:DISKOMINFOS:PRANATA-KOMPUTER"


def actions(fakes: FakeLetters, letter_id: str) -> list[str]:
    """The letter's audit trail, action by action."""
    return [e.action for e in fakes.letter_repo.trail(letter_id)]


def test_a_draft_is_stored_with_its_planned_chain_counted_and_announced(fakes: FakeLetters,
                                                                       letters: LetterService) -> None:
    letter = draft(letters)
    assert letter["state"] == "draft" and letter["version"] == 1
    assert [s["position"] for s in letter["chain"]] == ["KASI-LAYANAN", "KABID-APTIKA", "KADIS"]
    assert actions(fakes, letter["id"]) == ["drafted"]
    assert fakes.events.types() == ["letter.drafted"]
    assert sum(c["letters_drafted"] for (org, period), c in fakes.counter_repo.counts.items()
               if org == "DISKOMINFOS") == 1
    assert letters.get(staff("kasi.layanan"), letter["id"])["id"] == letter["id"]  # a step of its chain reads it
    with pytest.raises(NotFound):
        letters.get(staff("karo.umum"), letter["id"])  # another org: no such letter


def test_a_repeated_create_with_the_same_key_returns_the_first_draft(fakes: FakeLetters,
                                                                    letters: LetterService) -> None:
    from tests.unit.services.conftest import letter_body

    first = letters.create(staff(DRAFTER), letter_body(), "key-1")
    again = letters.create(staff(DRAFTER), letter_body(), "key-1")
    assert again == first and len(fakes.letter_repo.records) == 1


def test_a_draft_is_refused_an_unknown_recipient_and_a_stale_edit(letters: LetterService) -> None:
    with pytest.raises(ValidationFailed):
        draft(letters, addressees=[{"kind": "position", "code": "NOSUCH"}])
    letter = draft(letters)
    edited = letters.update(staff(DRAFTER), letter["id"], {"version": 1, "subject": "Hal baru"})
    assert (edited["subject"], edited["version"]) == ("Hal baru", 2)
    with pytest.raises(Conflict):
        letters.update(staff(DRAFTER), letter["id"], {"version": 1, "subject": "Hal lama"})
    with pytest.raises(Forbidden):
        letters.update(staff("kasi.layanan"), letter["id"], {"version": 2, "subject": "Bukan saya"})


def test_submit_starts_the_round_and_asks_the_first_step(fakes: FakeLetters, letters: LetterService) -> None:
    letter = draft(letters)
    with pytest.raises(Forbidden):
        letters.submit(staff("kasi.layanan"), letter["id"])
    submitted = letters.submit(staff(DRAFTER), letter["id"])
    assert (submitted["state"], submitted["round"]) == ("in_review", 1)
    assert list(fakes.workflow.executions) == [f"letter-{letter['id']}-r1-s1"]  # the first step's wait only
    assert fakes.notification_repo.to("pos:DISKOMINFOS:KASI-LAYANAN") == ["approval.requested"]
    assert fakes.events.types()[-1] == "letter.submitted"
    assert letters.submit(staff(DRAFTER), letter["id"])["state"] == "in_review"  # a retry changes nothing
    assert actions(fakes, letter["id"]) == ["drafted", "submitted"]
    queue = letters.approvals(staff("kasi.layanan"), 10, None)["items"]
    assert [(i["letter_id"], i["index"]) for i in queue] == [(letter["id"], 1)]


def test_each_step_decides_in_turn_and_a_repeat_is_harmless(fakes: FakeLetters, letters: LetterService) -> None:
    letter = draft(letters)
    letters.submit(staff(DRAFTER), letter["id"])
    with pytest.raises(Forbidden):
        approve(letters, letter["id"], "kabid.aptika")  # not their step yet
    first = approve(letters, letter["id"], "kasi.layanan")
    assert (first["step"], first["state"], first["delivered"]) == (1, "in_review", True)
    assert approve(letters, letter["id"], "kasi.layanan")["step"] == 1  # the same decision again: same answer
    with pytest.raises(Conflict):
        letters.decide(staff("kasi.layanan"), letter["id"], {"decision": "reject", "note": "Berubah pikiran"})
    assert set(fakes.workflow.stopped) == {f"letter-{letter['id']}-r1-s1"}  # the decided step's timer
    assert fakes.workflow.running == {f"letter-{letter['id']}-r1-s2"}
    assert fakes.notification_repo.to("pos:DISKOMINFOS:KABID-APTIKA") == ["approval.requested"]
    assert "letter.approved" in fakes.notification_repo.to(DRAFTER_SEAT)
    assert fakes.events.types()[-2:] == ["letter.approved", "approval.requested"]


def test_returned_for_revision_then_revised_and_resubmitted_in_a_new_round(fakes: FakeLetters,
                                                                          letters: LetterService) -> None:
    letter = draft(letters)
    letters.submit(staff(DRAFTER), letter["id"])
    approve(letters, letter["id"], "kasi.layanan")
    with pytest.raises(ValidationFailed):  # returning a letter needs a reason
        letters.decide(staff("kabid.aptika"), letter["id"], {"decision": "revise"})
    returned = letters.decide(staff("kabid.aptika"), letter["id"], {"decision": "revise", "note": "Perbaiki hal"})
    assert returned["state"] == "revision_requested"
    assert f"letter-{letter['id']}-r1-s2" in fakes.workflow.stopped and fakes.workflow.running == set()
    assert fakes.letter_repo.steps[(letter["id"], 1, 3)].state == "closed"
    assert "letter.revision_requested" in fakes.notification_repo.to(DRAFTER_SEAT)
    current = letters.get(staff(DRAFTER), letter["id"])
    letters.update(staff(DRAFTER), letter["id"], {"version": current["version"], "subject": "Hal diperbaiki"})
    resubmitted = letters.submit(staff(DRAFTER), letter["id"])
    assert (resubmitted["state"], resubmitted["round"], resubmitted["subject"]) == ("in_review", 2, "Hal diperbaiki")
    assert approve(letters, letter["id"], "kasi.layanan")["round"] == 2
    assert actions(fakes, letter["id"]) == ["drafted", "submitted", "approved", "revision_requested", "edited",
                                            "submitted", "approved"]


def test_a_rejected_letter_is_final_and_its_earlier_steps_are_told(fakes: FakeLetters,
                                                                  letters: LetterService) -> None:
    letter = draft(letters)
    letters.submit(staff(DRAFTER), letter["id"])
    approve(letters, letter["id"], "kasi.layanan")
    rejected = letters.decide(staff("kabid.aptika"), letter["id"], {"decision": "reject", "note": "Tidak perlu"})
    assert rejected["state"] == "rejected"
    assert "letter.rejected" in fakes.notification_repo.to("pos:DISKOMINFOS:KASI-LAYANAN")
    assert "letter.rejected" in fakes.notification_repo.to(DRAFTER_SEAT)
    with pytest.raises(Conflict):
        letters.submit(staff(DRAFTER), letter["id"])
    with pytest.raises(Conflict):
        letters.update(staff(DRAFTER), letter["id"], {"version": 4, "subject": "Lagi"})


def test_an_overdue_step_is_escalated_once_to_the_reviewers_superior(fakes: FakeLetters,
                                                                    letters: LetterService) -> None:
    letter = draft(letters)
    letters.submit(staff(DRAFTER), letter["id"])
    assert letters.handle_overdue(letter["id"], 1, 1) == "escalated"
    assert letters.handle_overdue(letter["id"], 1, 1) == "ignored"  # escalated already
    assert fakes.notification_repo.to("pos:DISKOMINFOS:KASI-LAYANAN")[-1] == "approval.reminder"
    assert fakes.notification_repo.to("pos:DISKOMINFOS:KABID-APTIKA") == ["approval.escalated"]
    assert letters.approvals(staff("kabid.aptika"), 10, None)["items"][0]["escalated_to"] == "KABID-APTIKA"
    assert fakes.events.types()[-1] == "letter.escalated"
    # the superior decides the escalated step in the reviewer's place
    assert approve(letters, letter["id"], "kabid.aptika")["step"] == 1
    assert actions(fakes, letter["id"])[-2:] == ["escalated", "approved"]


def test_an_overdue_step_already_decided_is_delivered_not_escalated(fakes: FakeLetters,
                                                                   letters: LetterService) -> None:
    letter = draft(letters)
    letters.submit(staff(DRAFTER), letter["id"])
    approve(letters, letter["id"], "kasi.layanan")
    fakes.workflow.running.add(f"letter-{letter['id']}-r1-s1")  # as if its stop had been lost
    assert letters.handle_overdue(letter["id"], 1, 1) == "delivered"
    assert fakes.workflow.running == {f"letter-{letter['id']}-r1-s2"}
    assert "escalated" not in [e.action for e in fakes.letter_repo.trail(letter["id"])]


def test_a_submit_whose_first_timer_did_not_start_is_a_503_and_submitting_again_starts_it(
        fakes: FakeLetters, letters: LetterService) -> None:
    letter = draft(letters)
    fakes.workflow.fail_starts = 1
    with pytest.raises(ServiceUnavailable):
        letters.submit(staff(DRAFTER), letter["id"])
    assert fakes.workflow.running == set()
    assert [i["index"] for i in letters.approvals(staff("kasi.layanan"), 10, None)["items"]] == [1]  # its Put
    assert letters.submit(staff(DRAFTER), letter["id"])["state"] == "in_review"
    assert [i["index"] for i in letters.approvals(staff("kasi.layanan"), 10, None)["items"]] == [1]
    assert fakes.workflow.running == {f"letter-{letter['id']}-r1-s1"}
    assert actions(fakes, letter["id"]) == ["drafted", "submitted"]


def test_each_approval_starts_the_next_steps_wait_before_ending_its_own(fakes: FakeLetters,
                                                                        letters: LetterService) -> None:
    letter = draft(letters)
    letters.submit(staff(DRAFTER), letter["id"])
    approve(letters, letter["id"], "kasi.layanan")
    assert list(fakes.workflow.executions) == [f"letter-{letter['id']}-r1-s1", f"letter-{letter['id']}-r1-s2"]
    assert fakes.workflow.running == {f"letter-{letter['id']}-r1-s2"}
    letters.decide(staff("kabid.aptika"), letter["id"], {"decision": "revise", "note": "Perbaiki"})
    assert fakes.workflow.running == set()  # the round ended: nothing waits, step 3 never started
    assert len(fakes.workflow.executions) == 2


@pytest.mark.parametrize("lost", ["queue entry", "timer", "stop"])
@pytest.mark.parametrize("heal", ["retry", "deadline"])
def test_an_approval_whose_after_commit_path_died_is_healed_by_the_same_decision_or_at_its_deadline(
        fakes: FakeLetters, letters: LetterService, heal: str, lost: str) -> None:
    letter = draft(letters)
    letters.submit(staff(DRAFTER), letter["id"])
    decided, following = f"letter-{letter['id']}-r1-s1", f"letter-{letter['id']}-r1-s2"
    if lost == "queue entry":
        fakes.letter_repo.fail_queue_entries = 1
    elif lost == "timer":
        fakes.workflow.fail_starts = 1
    else:
        fakes.workflow.fail_stops = 1
    first = approve(letters, letter["id"], "kasi.layanan")
    assert (first["state"], first["delivered"]) == ("in_review", False)  # recorded; what follows not all done
    assert decided in fakes.workflow.running  # the decided wait's timer runs on until what follows is done
    queued = [i["index"] for i in letters.approvals(staff("kabid.aptika"), 10, None)["items"]]
    assert queued == ([] if lost == "queue entry" else [2])
    if heal == "retry":
        assert approve(letters, letter["id"], "kasi.layanan")["delivered"] is True
    else:
        assert letters.handle_overdue(letter["id"], 1, 1) == "delivered"  # the decided wait's overdue announcement
    assert [i["index"] for i in letters.approvals(staff("kabid.aptika"), 10, None)["items"]] == [2]
    assert fakes.workflow.running == {following}
    assert actions(fakes, letter["id"]) == ["drafted", "submitted", "approved"]


def test_an_approval_whose_notifications_were_not_written_tells_each_once_by_a_retry_or_at_its_deadline(
        fakes: FakeLetters, letters: LetterService) -> None:
    told = [("pos:DISKOMINFOS:KABID-APTIKA", "approval.requested", "Permintaan paraf"),
            (DRAFTER_SEAT, "letter.approved", "Diparaf oleh Kepala Seksi Layanan E-Government")]
    for heal in ("retry", "deadline"):
        letter = draft(letters)
        letters.submit(staff(DRAFTER), letter["id"])
        fakes.notification_repo.fail_writes = 1
        assert approve(letters, letter["id"], "kasi.layanan")["delivered"] is False
        assert f"letter-{letter['id']}-r1-s1" in fakes.workflow.running  # the decided wait's timer runs on
        assert f"letter-{letter['id']}-r1-s2" not in fakes.workflow.executions  # nothing starts before they are told
        if heal == "retry":
            assert approve(letters, letter["id"], "kasi.layanan")["delivered"] is True
        else:
            assert letters.handle_overdue(letter["id"], 1, 1) == "delivered"
        approve(letters, letter["id"], "kasi.layanan")  # and once more: nothing twice
        assert fakes.notification_repo.of(letter["id"])[1:] == told, heal  # after the submit's request


def test_a_submit_whose_request_was_not_written_is_a_503_and_submitting_again_writes_it_once(
        fakes: FakeLetters, letters: LetterService) -> None:
    letter = draft(letters)
    fakes.notification_repo.fail_writes = 1
    with pytest.raises(ServiceUnavailable):
        letters.submit(staff(DRAFTER), letter["id"])
    assert fakes.workflow.executions == {}  # the wait starts only after the reviewer was asked
    for _ in range(2):
        assert letters.submit(staff(DRAFTER), letter["id"])["state"] == "in_review"
    assert fakes.notification_repo.of(letter["id"]) == [
        ("pos:DISKOMINFOS:KASI-LAYANAN", "approval.requested", "Permintaan paraf")]
    assert list(fakes.workflow.executions) == [f"letter-{letter['id']}-r1-s1"]


def test_the_chain_signs_at_its_last_step(fakes: FakeLetters, letters: LetterService) -> None:
    letter = draft(letters)
    letters.submit(staff(DRAFTER), letter["id"])
    outcomes = [approve(letters, letter["id"], who) for who in CHAIN]
    assert [o["state"] for o in outcomes] == ["in_review", "in_review", "sent"]
    assert outcomes[-1]["number"].startswith("000.1.2/1/DISKOMINFOS/")


def test_a_step_made_current_before_the_app_kept_the_queue_enters_it_at_its_deadline(
        fakes: FakeLetters, letters: LetterService) -> None:
    """Deployed mid-chain: step 2 was made current by the old code, whose execution was to queue it and did not."""
    letter = draft(letters)
    letters.submit(staff(DRAFTER), letter["id"])
    approve(letters, letter["id"], "kasi.layanan")
    stored = fakes.letter_repo.steps[(letter["id"], 1, 2)]
    stored.step = replace(stored.step, state=None, waiting_since=None)  # as the old code left it
    assert letters.approvals(staff("kabid.aptika"), 10, None)["items"] == []

    assert letters.handle_overdue(letter["id"], 1, 2) == "escalated"  # its (old) timer's announcement

    assert fakes.letter_repo.steps[(letter["id"], 1, 2)].step.waiting and stored.overdue
    assert [i["index"] for i in letters.approvals(staff("kadis.kominfo"), 10, None)["items"]] == [2]
    assert approve(letters, letter["id"], "kadis.kominfo")["step"] == 2  # the superior decides in its place
