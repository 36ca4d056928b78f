"""Helpers of the letters tests: draft, wait for a step to be waiting (polling, no fixed sleep), decide."""

from __future__ import annotations

from typing import Any

from tests.conftest import Api
from tests.support import wait_until

DRAFTER = "staf.kominfo"  # PRANATA-KOMPUTER → KASI-LAYANAN → KABID-APTIKA → KADIS
CHAIN = [("kasi.layanan", "KASI-LAYANAN"), ("kabid.aptika", "KABID-APTIKA"), ("kadis.kominfo", "KADIS")]


def letter_body(**overrides: Any) -> dict[str, Any]:
    """A surat dinas from the Diskominfos staff to the Sekretaris and to Biro Umum, signed by the Kadis."""
    body = {
        "type": "surat_dinas",
        "classification": "000.1.2",
        "subject": "Permohonan dukungan jaringan untuk layanan e-government",
        "body": "Dengan hormat, bersama ini kami sampaikan permohonan dukungan jaringan ...",
        "addressees": [{"kind": "position", "code": "SEKRETARIS"}, {"kind": "org", "code": "BIROUMUM"}],
        "cc": [{"kind": "unit", "code": "APTIKA"}],
        "signatory": "KADIS",
        "security": "biasa",
        "urgency": "biasa",
    }
    body.update(overrides)
    return body


def draft(api: Api, who: str = DRAFTER, **overrides: Any) -> dict[str, Any]:
    """Create a draft and return it."""
    response = api.post("/letters", letter_body(**overrides), as_user=who)
    assert response.status_code == 201, response.body
    return response.json_body


def submit(api: Api, letter_id: str, who: str = DRAFTER) -> dict[str, Any]:
    """Submit a draft for review."""
    response = api.post(f"/letters/{letter_id}/submit", as_user=who)
    assert response.status_code == 200, response.body
    return response.json_body


def await_step(api: Api, who: str, letter_id: str, timeout: float = 15.0) -> dict[str, Any]:
    """The step of `letter_id` once it waits in `who`'s approval queue."""

    def waiting() -> dict[str, Any] | None:
        items = api.get("/approvals", as_user=who).json_body["items"]
        return next((i for i in items if i["letter_id"] == letter_id), None)

    return wait_until(waiting, timeout=timeout, message=f"a step of {letter_id} waiting for {who}")


def decide(api: Api, who: str, letter_id: str, decision: str = "approve", note: str | None = None) -> Any:
    """Wait for the step, then decide it; returns the response."""
    await_step(api, who, letter_id)
    body: dict[str, Any] = {"decision": decision}
    if note is not None:
        body["note"] = note
    return api.post(f"/letters/{letter_id}/decision", body, as_user=who)


def executions(letter_id: str, round_no: int | None = None) -> list[dict[str, Any]]:
    """The state machine executions of a letter (of one round), one per wait: a step or a paraf koordinasi."""
    from chalicelib import bootstrap
    from chalicelib.adapters import aws

    settings = bootstrap.container().settings
    prefix = f"letter-{letter_id}-" + (f"r{round_no}-" if round_no is not None else "")
    pages = aws.client("stepfunctions", settings.region).get_paginator("list_executions").paginate(
        stateMachineArn=settings.approval_state_machine_arn)
    return [e for page in pages for e in page["executions"] if e["name"].startswith(prefix)]


def execution_status(letter_id: str, round_no: int) -> str:
    """Status of a round's timers: RUNNING while one of its waits runs, else ABORTED when all were stopped (as a
    wait's timer ends once it is decided, closed or withdrawn), else the first other status.
    """
    statuses = [e["status"] for e in executions(letter_id, round_no)]
    if not statuses or "RUNNING" in statuses:
        return "RUNNING"
    return next((s for s in statuses if s != "ABORTED"), "ABORTED")


def finished(letter_id: str, round_no: int) -> str:
    """Wait until every execution of the round ended; their status (`execution_status`)."""
    return wait_until(lambda: (s := execution_status(letter_id, round_no)) != "RUNNING" and s,
                      message=f"the executions of round {round_no} to end")


def state_transitions(letter_id: str) -> int:
    """The state transitions of a letter's executions (every state entered), the unit Step Functions bills."""
    from chalicelib import bootstrap
    from chalicelib.adapters import aws

    client = aws.client("stepfunctions", bootstrap.container().settings.region)
    return sum(1 for e in executions(letter_id) for event in client.get_execution_history(
        executionArn=e["executionArn"], maxResults=1000)["events"] if event["type"].endswith("StateEntered"))


def timer_status(letter_id: str, round_no: int, index: int, paraf: str | None = None) -> str | None:
    """The status of a wait's timer (DescribeExecution of its execution), None if it was never started."""
    from botocore.exceptions import ClientError

    from chalicelib import bootstrap
    from chalicelib.adapters import aws
    from chalicelib.domain.letter_records import execution_name

    settings = bootstrap.container().settings
    arn = settings.approval_state_machine_arn.replace(":stateMachine:", ":execution:")
    try:
        return aws.client("stepfunctions", settings.region).describe_execution(
            executionArn=f"{arn}:{execution_name(letter_id, round_no, index, paraf)}")["status"]
    except ClientError as exc:
        if exc.response["Error"]["Code"] == "ExecutionDoesNotExist":
            return None
        raise
