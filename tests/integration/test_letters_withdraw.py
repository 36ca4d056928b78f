"""Withdrawing a submitted draft through the HTTP API with the state machine executing."""

from __future__ import annotations

from typing import Any

from tests.conftest import assert_error
from tests.integration.letters_flow import DRAFTER, await_step, decide, draft, submit


def stop_requested(letter_id: str, round_no: int) -> Any:
    """Whether the round's first wait was stopped. moto 5.2.5 reports it ABORTED only once the wait for a task token
    ends (StopExecution does not interrupt that wait there; AWS aborts at once), so this reads moto's program state.
    """
    from moto.stepfunctions.parser.asl.eval.program_state import ProgramStopped
    from moto.stepfunctions.parser.models import stepfunctions_parser_backends

    from chalicelib.adapters.letter_items import execution_name
    from infra.local_stack import ACCOUNT_ID

    name = execution_name(letter_id, round_no, 1)  # the first step's wait: the only one before a decision
    backend = stepfunctions_parser_backends[ACCOUNT_ID]["ap-southeast-3"]
    execution = next(e for m in backend.state_machines for e in m.executions if e.name == name)
    return isinstance(execution.exec_worker.env.program_state(), ProgramStopped)


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
