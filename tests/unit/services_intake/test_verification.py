"""An operator's verification of submissions, against the in-memory fakes."""

from __future__ import annotations

import pytest

from chalicelib.domain.errors import Conflict, Forbidden, ValidationFailed
from tests.unit.services_intake.conftest import KADIS, OPERATOR, OTHER_OPERATOR, World


def _submitted(world: World) -> str:
    return world.submissions.unlock(world.submit()["code"]).submission_id


def test_accepting_registers_an_incoming_letter_for_the_head_with_an_agenda_number(world: World) -> None:
    sid = _submitted(world)

    accepted = world.verification.verify(OPERATOR, sid, {"decision": "accept", "note": "Lengkap"})

    assert accepted["state"] == "accepted" and accepted["agenda_number"].startswith("0001/SM/DISKOMINFOS/")
    letter = world.incoming_repo.get(accepted["incoming_id"])
    assert (letter.source.value, letter.source_ref, letter.addressed_to) == ("submission", sid, "KADIS")
    assert letter.tracking_code == accepted["code"] and letter.agenda_number == accepted["agenda_number"]
    assert world.store.actions("incoming", letter.id) == ["registered"]
    assert [(e.action, e.actor, e.from_state, e.to_state) for e in world.store.trail("submission", sid)][-1] == (
        "accept", "operator.kominfo", "received", "accepted")
    assert world.notified("incoming") == [("pos:DISKOMINFOS:KADIS", "incoming.registered")]
    assert world.events.types() == ["submission.received", "submission.accepted"]
    assert world.public.track(accepted["code"])["status"] == "accepted"


def test_agenda_numbers_follow_each_other_per_org(world: World) -> None:
    first = world.verification.verify(OPERATOR, _submitted(world), {"decision": "accept"})
    second = world.verification.verify(OPERATOR, _submitted(world), {"decision": "accept"})

    assert [first["agenda_number"][:4], second["agenda_number"][:4]] == ["0001", "0002"]


def test_returning_needs_a_reason_the_sender_reads_in_tracking(world: World) -> None:
    sid = _submitted(world)
    with pytest.raises(ValidationFailed) as missing:
        world.verification.verify(OPERATOR, sid, {"decision": "return", "note": "  "})
    assert missing.value.details[0]["field"] == "note"

    returned = world.verification.verify(OPERATOR, sid, {"decision": "return", "note": "Lampirkan KTP"})

    assert returned["state"] == "returned" and returned["return_reason"] == "Lampirkan KTP"
    assert world.public.track(returned["code"])["timeline"][-1]["reason"] == "Lampirkan KTP"
    assert world.store.notifications == [] and world.incoming_repo.list("DISKOMINFOS", None, 10, None).items == []


def test_a_rejected_submission_is_final(world: World) -> None:
    sid = _submitted(world)
    rejected = world.verification.verify(OPERATOR, sid, {"decision": "reject", "note": "Bukan kewenangan kami"})

    assert rejected["state"] == "rejected" and rejected["decision_note"] == "Bukan kewenangan kami"
    with pytest.raises(Conflict):
        world.verification.verify(OPERATOR, sid, {"decision": "accept"})
    assert world.events.types()[-1] == "submission.rejected"


def test_another_orgs_operator_or_an_employee_cannot_verify(world: World) -> None:
    sid = _submitted(world)

    with pytest.raises(Forbidden):
        world.verification.verify(OTHER_OPERATOR, sid, {"decision": "accept"})
    with pytest.raises(Forbidden):
        world.verification.verify(KADIS, sid, {"decision": "accept"})
    assert world.submissions.get(sid).state.value == "received"


def test_the_queue_lists_one_state_of_the_callers_org(world: World) -> None:
    waiting, returned = _submitted(world), _submitted(world)
    world.verification.verify(OPERATOR, returned, {"decision": "return", "note": "Kurang data"})

    queue = world.verification.list(OPERATOR, "received", 10, None)

    assert [row["id"] for row in queue["items"]] == [waiting]
    assert world.verification.list(OTHER_OPERATOR, None, 10, None)["items"] == []


def test_an_accepted_proposal_gets_its_outcome_once(world: World) -> None:
    code = world.submit(kind="proposal", category="sponsorship", requested_amount=25_000_000)["code"]
    sid = world.submissions.unlock(code).submission_id
    with pytest.raises(Conflict):
        world.verification.decide_outcome(OPERATOR, sid, {"outcome": "granted", "note": "Disetujui"})
    world.verification.verify(OPERATOR, sid, {"decision": "accept"})

    granted = world.verification.decide_outcome(OPERATOR, sid, {"outcome": "granted", "note": "Disetujui"})

    assert granted["outcome"] == "granted" and world.public.track(code)["status"] == "granted"
    assert world.events.types()[-1] == "submission.granted"


def test_the_sender_is_told_once_per_event_by_email_and_sms(world: World) -> None:
    sid = _submitted(world)
    world.verification.verify(OPERATOR, sid, {"decision": "return", "note": "Lampirkan KTP"})
    event = {**world.events.published[-1], "at": "2026-12-03T10:00:00+08:00"}

    world.sender_notices.notify(event)
    world.sender_notices.notify(event)  # SNS delivers at least once

    assert len(world.messages.emails) == 1 and len(world.messages.sms_sent) == 1
    to, subject, text = world.messages.emails[0]
    assert to == "sukmawati@example.com" and "Lampirkan KTP" in text and subject.startswith("[Kantor Virtual]")
    assert world.messages.sms_sent[0][0] == "+6281234567890"
