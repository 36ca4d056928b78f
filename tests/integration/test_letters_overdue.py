"""A step that waits too long is announced by the state machine, reminded and escalated to the superior."""

from __future__ import annotations

import pytest

from chalicelib import bootstrap
from chalicelib.adapters import aws
from tests.integration.letters_flow import await_step, draft, submit
from tests.support import wait_until


@pytest.fixture
def quick_deadlines(monkeypatch, province):
    """Steps of every urgency are overdue after two seconds (announced again every two seconds while they wait:
    stopped after the test, so that none announces itself into the next one).
    """
    monkeypatch.setenv("REVIEW_DEADLINES", "biasa=2,segera=2,sangat_segera=2")
    bootstrap.reset()
    yield
    settings = bootstrap.container().settings
    sfn = aws.client("stepfunctions", settings.region)
    for page in sfn.get_paginator("list_executions").paginate(stateMachineArn=settings.approval_state_machine_arn,
                                                              statusFilter="RUNNING"):
        for execution in page["executions"]:
            sfn.stop_execution(executionArn=execution["executionArn"])


def _actions(api, letter_id):
    return [e["action"] for e in api.get(f"/letters/{letter_id}/timeline", as_user="staf.kominfo").json_body["events"]]


def test_an_overdue_step_is_reminded_and_escalated_to_the_reviewers_superior(api, quick_deadlines, events):
    letter = draft(api, urgency="segera")
    submit(api, letter["id"])
    await_step(api, "kasi.layanan", letter["id"])

    def escalated():
        events.pump()
        return "escalated" in _actions(api, letter["id"])

    wait_until(escalated, timeout=20, message="the overdue step to be escalated")
    event = api.get(f"/letters/{letter['id']}/timeline", as_user="staf.kominfo").json_body["events"][-1]
    assert event["actor"] == "system" and event["data"]["escalated_to"] == "KABID-APTIKA"
    step = await_step(api, "kabid.aptika", letter["id"])
    assert step["index"] == 1 and step["escalated_to"] == "KABID-APTIKA" and step["overdue"] is True
    kasi_notes = api.get("/notifications", as_user="kasi.layanan").json_body["items"]
    assert any(n["type"] == "approval.reminder" for n in kasi_notes)
    kabid_notes = api.get("/notifications", as_user="kabid.aptika").json_body["items"]
    assert any(n["type"] == "approval.escalated" for n in kabid_notes)

    decided = api.post(f"/letters/{letter['id']}/decision", {"decision": "approve"}, as_user="kabid.aptika")
    assert decided.status_code == 200 and decided.json_body["delivered"] is True
    nxt = wait_until(lambda: next((i for i in api.get("/approvals", as_user="kabid.aptika").json_body["items"]
                                   if i["letter_id"] == letter["id"] and i["index"] == 2), None),
                     message="the chain to move on to step 2")
    assert nxt["position"] == "KABID-APTIKA"
    assert _actions(api, letter["id"]).count("escalated") == 1


class ProcessDied(BaseException):
    """The Lambda ended in the middle of a request (timeout, out of memory): nothing after it runs."""


@pytest.mark.parametrize("lost", ["timer", "queue entry"])
def test_a_decided_step_whose_next_step_did_not_enter_its_queue_or_start_is_healed_at_its_deadline(
        api, quick_deadlines, events, monkeypatch, lost):
    from botocore.exceptions import ClientError

    from chalicelib.adapters.letter_repo import LetterRepository
    from chalicelib.adapters.workflow import ApprovalWorkflow
    from tests.integration.letters_flow import finished, timer_status

    letter = draft(api, urgency="segera")
    submit(api, letter["id"])
    await_step(api, "kasi.layanan", letter["id"])
    start, enter_queue = ApprovalWorkflow.start, LetterRepository.enter_queue

    def lost_start(self, name, payload):  # StartExecution fails once, and nobody sends the decision again
        monkeypatch.setattr(ApprovalWorkflow, "start", start)
        raise ClientError({"Error": {"Code": "ServiceUnavailable", "Message": "down"}}, "StartExecution")

    def died(self, wait):  # the process dies after the commit, before the next step's queue entry
        monkeypatch.setattr(LetterRepository, "enter_queue", enter_queue)
        raise ProcessDied

    if lost == "timer":
        monkeypatch.setattr(ApprovalWorkflow, "start", lost_start)
        decided = api.post(f"/letters/{letter['id']}/decision", {"decision": "approve"}, as_user="kasi.layanan")
        assert decided.status_code == 200 and decided.json_body["delivered"] is False
    else:
        monkeypatch.setattr(LetterRepository, "enter_queue", died)
        with pytest.raises(ProcessDied):
            api.post(f"/letters/{letter['id']}/decision", {"decision": "approve"}, as_user="kasi.layanan")
    assert timer_status(letter["id"], 1, 2) is None

    def step_two_waiting():
        events.pump()  # the decided step's timer announces it overdue: the reaction does what the decision did not
        items = api.get("/approvals", as_user="kabid.aptika").json_body["items"]
        queued = any(i["letter_id"] == letter["id"] and i["index"] == 2 for i in items)
        return queued and timer_status(letter["id"], 1, 2) == "RUNNING" and timer_status(letter["id"], 1, 1)

    assert wait_until(step_two_waiting, timeout=20, message="the overdue announcement to start step 2") == "ABORTED"
    assert "escalated" not in _actions(api, letter["id"]) and "reminded" not in _actions(api, letter["id"])
    assert api.post(f"/letters/{letter['id']}/decision", {"decision": "revise", "note": "Perbaiki"},
                    as_user="kabid.aptika").status_code == 200
    assert finished(letter["id"], 1) == "ABORTED"  # every timer of the round stopped, announcing no more


def test_an_overdue_paraf_koordinasi_is_marked_in_its_queue_and_moves_nothing(api, quick_deadlines, events):
    drafter = "kabid.aptika"  # KADIS → SETDA/ASISTEN3 → SETDA/SEKDA
    letter = draft(api, drafter, signatory="SETDA/SEKDA", urgency="segera")
    submit(api, letter["id"], drafter)
    await_step(api, "kadis.kominfo", letter["id"])
    asked = api.post(f"/letters/{letter['id']}/decision", {"decision": "approve", "coordinators": ["SEKRETARIS"]},
                     as_user="kadis.kominfo")
    assert asked.status_code == 200, asked.body

    def overdue_paraf():
        events.pump()  # the paraf's announcements reach the reaction (which leaves a waiting paraf as it is)
        items = api.get("/approvals", as_user="sekretaris.kominfo").json_body["items"]
        return next((i for i in items if i["letter_id"] == letter["id"] and i.get("overdue")), None)

    paraf = wait_until(overdue_paraf, timeout=20, message="the paraf to be overdue")
    assert (paraf["kind"], paraf["position"]) == ("paraf", "SEKRETARIS")
    events.pump()
    timeline = api.get(f"/letters/{letter['id']}/timeline", as_user=drafter).json_body["events"]
    assert "escalated" not in [e["action"] for e in timeline]
    assert api.post(f"/letters/{letter['id']}/decision", {"decision": "approve"},
                    as_user="sekretaris.kominfo").json_body["delivered"] is True
    assert await_step(api, "asisten3", letter["id"])["index"] == 2


def test_a_decided_step_whose_notifications_were_not_written_writes_them_once_at_its_deadline(
        api, quick_deadlines, events, monkeypatch):
    from botocore.exceptions import ClientError

    from chalicelib.adapters.notification_repo import NotificationRepository
    from tests.integration.letters_flow import DRAFTER

    letter = draft(api, urgency="segera")
    submit(api, letter["id"])
    await_step(api, "kasi.layanan", letter["id"])
    add_once = NotificationRepository.add_once

    def lost(self, recipient, key, at, **fields):  # the first write fails, and nobody sends the decision again
        monkeypatch.setattr(NotificationRepository, "add_once", add_once)
        raise ClientError({"Error": {"Code": "InternalServerError", "Message": "down"}}, "PutItem")

    monkeypatch.setattr(NotificationRepository, "add_once", lost)
    decided = api.post(f"/letters/{letter['id']}/decision", {"decision": "approve"}, as_user="kasi.layanan")
    assert decided.status_code == 200 and decided.json_body["delivered"] is False

    def notes(who, type_):
        items = api.get("/notifications?limit=100", as_user=who).json_body["items"]
        return [n for n in items if n["record_id"] == letter["id"] and n["type"] == type_]

    def told():
        events.pump()  # the decided wait's overdue announcement reaches the reaction
        return notes(DRAFTER, "letter.approved") and notes("kabid.aptika", "approval.requested")

    assert wait_until(told, timeout=20, message="the overdue announcement to write the decision's notifications")
    assert await_step(api, "kabid.aptika", letter["id"])["index"] == 2
    events.pump()  # any later announcement of the same wait writes nothing again
    assert len(notes(DRAFTER, "letter.approved")) == len(notes("kabid.aptika", "approval.requested")) == 1
    assert "reminded" not in _actions(api, letter["id"])
