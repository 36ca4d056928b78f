"""A wait is its step in its holder's approval queue, entered by the app, and a timer (a state machine execution):
a decision puts the next step in its queue, starts its timer and stops its own; a decision whose process died
before the next step entered its queue is healed by the same decision sent again (the overdue reaction's path:
tests/integration/test_letters_overdue.py).
"""

from __future__ import annotations

from typing import Any

import pytest

from chalicelib.adapters.letter_repo import LetterRepository
from tests.integration.letters_flow import DRAFTER, await_step, decide, draft, submit, timer_status
from tests.support import wait_until


class ProcessDied(BaseException):
    """The Lambda ended in the middle of a request (timeout, out of memory): nothing after it runs."""


def queued(api: Any, who: str, letter_id: str) -> list[int]:
    """The steps of the letter in `who`'s approval queue."""
    return [i["index"] for i in api.get("/approvals", as_user=who).json_body["items"] if i["letter_id"] == letter_id]


def test_an_approval_puts_the_next_step_in_its_queue_and_stops_the_decided_steps_timer(api, province):
    letter = draft(api)
    submit(api, letter["id"])
    assert timer_status(letter["id"], 1, 1) == "RUNNING"

    approved = decide(api, "kasi.layanan", letter["id"])

    assert approved.status_code == 200 and approved.json_body["delivered"] is True
    assert queued(api, "kabid.aptika", letter["id"]) == [2]  # at once: the app put it there
    assert queued(api, "kasi.layanan", letter["id"]) == []
    assert wait_until(lambda: (s := timer_status(letter["id"], 1, 1)) != "RUNNING" and s,
                      message="the decided step's timer to end") == "ABORTED"
    assert timer_status(letter["id"], 1, 2) == "RUNNING" and timer_status(letter["id"], 1, 3) is None


def test_a_decision_whose_process_died_before_the_next_queue_entry_is_healed_by_sending_it_again(
        api, province, monkeypatch):
    letter = draft(api)
    submit(api, letter["id"])
    await_step(api, "kasi.layanan", letter["id"])
    enter_queue = LetterRepository.enter_queue

    def dies(self, wait):  # the decision is committed, then the process dies before the next step's queue entry
        monkeypatch.setattr(LetterRepository, "enter_queue", enter_queue)
        raise ProcessDied

    monkeypatch.setattr(LetterRepository, "enter_queue", dies)
    with pytest.raises(ProcessDied):
        api.post(f"/letters/{letter['id']}/decision", {"decision": "approve"}, as_user="kasi.layanan")
    assert queued(api, "kabid.aptika", letter["id"]) == []
    assert timer_status(letter["id"], 1, 1) == "RUNNING" and timer_status(letter["id"], 1, 2) is None
    refused = api.post(f"/letters/{letter['id']}/decision", {"decision": "approve"}, as_user="kabid.aptika")
    assert refused.status_code == 409  # not in their queue yet: not theirs to decide

    again = api.post(f"/letters/{letter['id']}/decision", {"decision": "approve"}, as_user="kasi.layanan")

    assert again.status_code == 200 and again.json_body["delivered"] is True
    assert queued(api, "kabid.aptika", letter["id"]) == [2]
    assert wait_until(lambda: timer_status(letter["id"], 1, 1) == "ABORTED", message="the decided timer stopped")
    assert timer_status(letter["id"], 1, 2) == "RUNNING"
    events = api.get(f"/letters/{letter['id']}/timeline", as_user=DRAFTER).json_body["events"]
    assert [e["action"] for e in events].count("approved") == 1
