"""Paraf koordinasi and chains above the office, as use cases over the in-memory fakes (no AWS)."""

from __future__ import annotations

import pytest

from chalicelib.domain.errors import Conflict, Forbidden
from chalicelib.services.letters import LetterService
from tests.fakes.province import FakeLetters, staff
from tests.unit.services.conftest import approve, draft

DRAFTER = "kabid.aptika"  # KADIS → SETDA/ASISTEN3 → SETDA/SEKDA


def asked(letters: LetterService, *coordinators: str) -> str:
    letter = draft(letters, DRAFTER, signatory="SETDA/SEKDA")
    letters.submit(staff(DRAFTER), letter["id"])
    approve(letters, letter["id"], "kadis.kominfo", coordinators=list(coordinators))
    return letter["id"]


def test_the_next_office_waits_until_every_coordinator_initialled(letters: LetterService, fakes: FakeLetters) -> None:
    letter_id = asked(letters, "BIROUMUM/KARO", "SEKRETARIS")
    with pytest.raises(Forbidden):
        approve(letters, letter_id, "asisten3")
    assert approve(letters, letter_id, "karo.umum")["state"] == "in_review"
    with pytest.raises(Forbidden):
        approve(letters, letter_id, "asisten3")  # the Sekretaris has not initialled yet
    approve(letters, letter_id, "sekretaris.kominfo")
    approve(letters, letter_id, "asisten3")
    signed = approve(letters, letter_id, "sekda")
    assert signed["state"] == "sent" and signed["number"].split("/")[2] == "SETDA"
    assert "approval.requested" in fakes.notification_repo.to("pos:SETDA:ASISTEN3")  # in the Asisten's own org
    assert "approval.requested" in fakes.notification_repo.to("pos:BIROUMUM:KARO")


def test_a_coordinators_second_different_decision_conflicts_and_a_retry_is_harmless(letters: LetterService) -> None:
    letter_id = asked(letters, "BIROUMUM/KARO")
    approve(letters, letter_id, "karo.umum")
    assert approve(letters, letter_id, "karo.umum")["decision"] == "approve"
    with pytest.raises(Conflict):
        letters.decide(staff("karo.umum"), letter_id, {"decision": "revise", "note": "ubah"})


def test_a_coordinators_revision_stops_every_branch_and_the_next_round_has_none(
        letters: LetterService, fakes: FakeLetters) -> None:
    letter_id = asked(letters, "BIROUMUM/KARO", "SEKRETARIS")
    outcome = letters.decide(staff("karo.umum"), letter_id, {"decision": "revise", "note": "Lengkapi dasar hukum"})
    assert outcome["state"] == "revision_requested" and outcome["delivered"] is True
    base = f"letter-{letter_id}-r1-s1-p"
    assert {f"{base}-BIROUMUM.KARO", f"{base}-SEKRETARIS"} <= set(fakes.workflow.stopped)
    assert fakes.workflow.running == set()
    with pytest.raises(Conflict):  # the Sekretaris's branch ended with the round
        letters.decide(staff("sekretaris.kominfo"), letter_id, {"decision": "approve"})
    again = letters.submit(staff(DRAFTER), letter_id)
    assert again["round"] == 2 and all(step["paraf"] == [] for step in again["chain"])


def test_each_branch_waits_in_its_own_execution_and_the_last_initial_starts_the_next_step(
        letters: LetterService, fakes: FakeLetters) -> None:
    letter_id = asked(letters, "BIROUMUM/KARO", "SEKRETARIS")
    base = f"letter-{letter_id}-r1"
    assert fakes.workflow.running == {f"{base}-s1-p-BIROUMUM.KARO", f"{base}-s1-p-SEKRETARIS"}
    approve(letters, letter_id, "karo.umum")
    assert fakes.workflow.running == {f"{base}-s1-p-SEKRETARIS"}  # the next step waits for the last initial
    approve(letters, letter_id, "sekretaris.kominfo")
    assert fakes.workflow.running == {f"{base}-s2"}
    assert fakes.letter_repo.steps[(letter_id, 1, 2)].step.waiting  # in the Asisten's queue


@pytest.mark.parametrize("lost", ["queue entry", "timer"])
@pytest.mark.parametrize("heal", ["retry", "deadline"])
def test_a_last_initial_whose_next_step_did_not_enter_its_queue_or_start_is_healed_by_a_retry_or_at_its_deadline(
        letters: LetterService, fakes: FakeLetters, heal: str, lost: str) -> None:
    letter_id = asked(letters, "BIROUMUM/KARO")
    branch = f"letter-{letter_id}-r1-s1-p-BIROUMUM.KARO"
    if lost == "queue entry":
        fakes.letter_repo.fail_queue_entries = 1
    else:
        fakes.workflow.fail_starts = 1
    assert approve(letters, letter_id, "karo.umum")["delivered"] is False
    assert fakes.letter_repo.steps[(letter_id, 1, 2)].step.waiting is (lost == "timer")
    assert f"letter-{letter_id}-r1-s2" not in fakes.workflow.running
    assert branch in fakes.workflow.running  # the decided branch's timer runs on: its deadline heals
    if heal == "retry":
        assert approve(letters, letter_id, "karo.umum")["delivered"] is True
    else:
        assert letters.handle_overdue(letter_id, 1, 1, "BIROUMUM/KARO") == "delivered"
    assert fakes.letter_repo.steps[(letter_id, 1, 2)].step.waiting  # in the Asisten's queue
    assert fakes.workflow.running == {f"letter-{letter_id}-r1-s2"}


def test_a_last_initials_notifications_not_written_are_written_once_by_a_retry_or_at_its_deadline(
        letters: LetterService, fakes: FakeLetters) -> None:
    for heal in ("retry", "deadline"):
        letter_id = asked(letters, "BIROUMUM/KARO")
        fakes.notification_repo.fail_writes = 1
        assert approve(letters, letter_id, "karo.umum")["delivered"] is False
        assert f"letter-{letter_id}-r1-s2" not in fakes.workflow.executions
        if heal == "retry":
            assert approve(letters, letter_id, "karo.umum")["delivered"] is True
        else:
            assert letters.handle_overdue(letter_id, 1, 1, "BIROUMUM/KARO") == "delivered"
        approve(letters, letter_id, "karo.umum")  # and once more: nothing twice
        told = fakes.notification_repo.of(letter_id)
        assert set(told[-2:]) == {
            ("pos:DISKOMINFOS:KABID-APTIKA", "letter.approved", "Paraf koordinasi oleh Kepala Biro Umum dan Protokol"),
            ("pos:SETDA:ASISTEN3", "approval.requested", "Permintaan paraf")}, heal
        assert len(set(told)) == len(told), heal


def test_an_overdue_branch_of_a_round_that_ended_is_closed_and_a_waiting_one_stays(
        letters: LetterService, fakes: FakeLetters) -> None:
    letter_id = asked(letters, "BIROUMUM/KARO", "SEKRETARIS")
    assert letters.handle_overdue(letter_id, 1, 1, "SEKRETARIS") == "ignored"  # still waiting: marked overdue only
    assert fakes.letter_repo.paraf[(letter_id, 1, 1, "SEKRETARIS")].overdue
    fakes.workflow.fail_stops = 2  # the revision's stops of its own branch and of the other are lost
    revised = letters.decide(staff("karo.umum"), letter_id, {"decision": "revise", "note": "Lengkapi dasar hukum"})
    assert revised["delivered"] is False and len(fakes.workflow.running) == 2
    assert letters.handle_overdue(letter_id, 1, 1, "SEKRETARIS") == "closed"
    assert letters.handle_overdue(letter_id, 1, 1, "BIROUMUM/KARO") == "delivered"
    assert fakes.workflow.running == set()
