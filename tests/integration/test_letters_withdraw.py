"""Withdrawing a submitted draft through the HTTP API with the state machine executing."""

from __future__ import annotations

from tests.conftest import assert_error
from tests.integration.letters_flow import DRAFTER, await_step, decide, draft, submit, timer_status
from tests.support import wait_until


def stop_requested(letter_id: str, round_no: int) -> bool:
    """Whether the round's first wait's timer (the only one before a decision) was stopped: ABORTED."""
    return wait_until(lambda: (s := timer_status(letter_id, round_no, 1)) != "RUNNING" and s,
                      message="the first step's timer to end") == "ABORTED"


def test_a_draft_withdrawn_before_the_first_decision_leaves_the_queue_and_its_round_is_stopped(api, province):
    letter = draft(api)
    submit(api, letter["id"])
    await_step(api, "kasi.layanan", letter["id"])

    withdrawn = api.post(f"/letters/{letter['id']}/withdraw", as_user=DRAFTER)
    again = api.post(f"/letters/{letter['id']}/withdraw", as_user=DRAFTER)

    assert withdrawn.status_code == 200 and withdrawn.json_body["state"] == "draft", withdrawn.body
    assert again.status_code == 200 and again.json_body["version"] == withdrawn.json_body["version"]
    assert stop_requested(letter["id"], 1)
    queue = api.get("/approvals", as_user="kasi.layanan").json_body["items"]
    assert letter["id"] not in [row["letter_id"] for row in queue]
    events = api.get(f"/letters/{letter['id']}/timeline", as_user=DRAFTER).json_body["events"]
    assert [e["action"] for e in events][-1] == "withdrawn"
    assert_error(api.post(f"/letters/{letter['id']}/decision", {"decision": "approve"}, as_user="kasi.layanan"), 409)
    submit(api, letter["id"])
    assert await_step(api, "kasi.layanan", letter["id"])["round"] == 2


def test_a_letter_is_not_withdrawn_after_the_first_decision_or_by_someone_else(api, province):
    letter = draft(api)
    submit(api, letter["id"])
    await_step(api, "kasi.layanan", letter["id"])
    assert_error(api.post(f"/letters/{letter['id']}/withdraw", as_user="kasi.layanan"), 403)
    assert_error(api.post(f"/letters/{letter['id']}/withdraw", as_user="karo.umum"), 404)
    assert_error(api.post(f"/letters/{letter['id']}/withdraw"), 401)
    assert decide(api, "kasi.layanan", letter["id"]).status_code == 200

    refused = assert_error(api.post(f"/letters/{letter['id']}/withdraw", as_user=DRAFTER), 409, "conflict")

    assert "already decided" in refused["message"]
