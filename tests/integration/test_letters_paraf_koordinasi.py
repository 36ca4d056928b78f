"""Paraf koordinasi through the HTTP API with the state machine executing: a reviewer approving a step asks
positions of another unit or org to initial; each waits in its own branch and queue, all before the next step.
"""

from __future__ import annotations

from chalicelib.domain.timefmt import now_wita
from tests.conftest import assert_error
from tests.integration.letters_flow import await_step, decide, draft, executions, finished, state_transitions, submit
from tests.support import wait_until

DRAFTER = "kabid.aptika"  # KADIS → SETDA/ASISTEN3 → SETDA/SEKDA (signs)


def approve_asking(api, who: str, letter_id: str, coordinators: list[str]):
    await_step(api, who, letter_id)
    return api.post(f"/letters/{letter_id}/decision", {"decision": "approve", "coordinators": coordinators},
                    as_user=who)


def test_an_opd_letter_signed_by_the_sekda_after_a_paraf_koordinasi_of_another_biro_runs_end_to_end(api, province):
    letter = draft(api, DRAFTER, signatory="SETDA/SEKDA")
    submit(api, letter["id"], DRAFTER)
    assert_error(approve_asking(api, "kadis.kominfo", letter["id"], ["SETDA/SEKDA"]), 400, field="coordinators.0")
    assert_error(approve_asking(api, "kadis.kominfo", letter["id"], ["BIROUMUM/NOPE"]), 400, field="coordinators.0")
    asked = approve_asking(api, "kadis.kominfo", letter["id"], ["BIROUMUM/KARO"])
    assert asked.status_code == 200 and asked.json_body["delivered"] is True, asked.body

    waiting = await_step(api, "karo.umum", letter["id"])  # the Biro's own queue
    assert (waiting["kind"], waiting["position"]) == ("paraf", "BIROUMUM/KARO")
    shown = api.get(f"/letters/{letter['id']}", as_user="karo.umum").json_body
    assert [(p["position"], p["state"]) for p in shown["chain"][0]["paraf"]] == [("BIROUMUM/KARO", "current")]
    assert [s["state"] for s in shown["chain"]] == ["approved", "pending", "pending"]
    assert_error(api.post(f"/letters/{letter['id']}/decision", {"decision": "approve"}, as_user="asisten3"), 403)
    assert_error(api.post(f"/letters/{letter['id']}/decision", {"decision": "reject", "note": "tidak"},
                          as_user="karo.umum"), 400, field="decision")

    initialled = api.post(f"/letters/{letter['id']}/decision", {"decision": "approve"}, as_user="karo.umum")
    assert initialled.status_code == 200 and initialled.json_body["delivered"] is True, initialled.body
    again = api.post(f"/letters/{letter['id']}/decision", {"decision": "revise", "note": "ubah"}, as_user="karo.umum")
    assert_error(again, 409)  # decided already
    assert api.get("/approvals", as_user="karo.umum").json_body["items"] == []

    assert decide(api, "asisten3", letter["id"]).status_code == 200  # the chain went on after the branch
    signed = decide(api, "sekda", letter["id"])
    assert signed.status_code == 200 and signed.json_body["number"] == f"000.1.2/1/SETDA/{now_wita().year}"
    assert finished(letter["id"], 1) == "ABORTED"
    timeline = api.get(f"/letters/{letter['id']}/timeline", as_user=DRAFTER).json_body["events"]
    actions = [e["action"] for e in timeline]
    assert actions[:6] == ["drafted", "submitted", "approved", "initialled", "approved", "signing"]
    assert timeline[2]["data"]["coordinators"] == ["BIROUMUM/KARO"]
    assert (timeline[3]["actor"], timeline[3]["data"]["paraf"]) == ("karo.umum", "BIROUMUM/KARO")


def test_a_revision_asked_by_a_coordinator_ends_the_round_and_the_next_round_starts_without_its_branches(
        api, province):
    letter = draft(api, DRAFTER, signatory="SETDA/SEKDA")
    submit(api, letter["id"], DRAFTER)
    asked = approve_asking(api, "kadis.kominfo", letter["id"], ["BIROUMUM/KARO", "SEKRETARIS"])
    assert asked.status_code == 200, asked.body
    await_step(api, "sekretaris.kominfo", letter["id"])  # both branches wait at once
    await_step(api, "karo.umum", letter["id"])

    revised = api.post(f"/letters/{letter['id']}/decision", {"decision": "revise", "note": "Lengkapi dasar hukum"},
                       as_user="karo.umum")
    assert revised.status_code == 200 and revised.json_body["state"] == "revision_requested", revised.body
    assert finished(letter["id"], 1) == "ABORTED"  # the round ended, the other branch with it
    assert api.get("/approvals", as_user="sekretaris.kominfo").json_body["items"] == []
    shown = api.get(f"/letters/{letter['id']}", as_user=DRAFTER).json_body
    assert [(p["position"], p["state"]) for p in shown["chain"][0]["paraf"]] == [
        ("BIROUMUM/KARO", "revision_requested"), ("SEKRETARIS", "pending")]

    resubmitted = submit(api, letter["id"], DRAFTER)
    assert resubmitted["round"] == 2
    assert [(s["state"], s["paraf"]) for s in resubmitted["chain"]] == [("current", []), ("pending", []),
                                                                       ("pending", [])]
    assert approve_asking(api, "kadis.kominfo", letter["id"], ["SEKRETARIS"]).status_code == 200
    waiting = await_step(api, "sekretaris.kominfo", letter["id"])
    assert (waiting["round"], waiting["kind"]) == (2, "paraf")
    assert wait_until(lambda: api.get("/approvals", as_user="karo.umum").json_body["items"] == [],
                      message="no paraf left for the Biro")


def test_with_two_coordinators_the_next_step_waits_for_both_initials_each_in_its_own_execution(api, province):
    letter = draft(api, DRAFTER, signatory="SETDA/SEKDA")
    submit(api, letter["id"], DRAFTER)
    assert approve_asking(api, "kadis.kominfo", letter["id"], ["BIROUMUM/KARO", "SEKRETARIS"]).status_code == 200
    await_step(api, "karo.umum", letter["id"])
    await_step(api, "sekretaris.kominfo", letter["id"])
    base = f"letter-{letter['id']}-r1-s1"
    running = wait_until(lambda: sorted(e["name"] for e in executions(letter["id"]) if e["status"] == "RUNNING")
                         == [f"{base}-p-BIROUMUM.KARO", f"{base}-p-SEKRETARIS"], message="the step's wait to end")
    assert running

    assert decide(api, "karo.umum", letter["id"]).status_code == 200
    assert api.get("/approvals", as_user="asisten3").json_body["items"] == []  # the Sekretaris has not initialled
    assert decide(api, "sekretaris.kominfo", letter["id"]).status_code == 200
    assert await_step(api, "asisten3", letter["id"])["index"] == 2
    assert decide(api, "asisten3", letter["id"]).status_code == 200
    assert decide(api, "sekda", letter["id"]).status_code == 200
    assert finished(letter["id"], 1) == "ABORTED"
    assert state_transitions(letter["id"]) == 5  # 3 steps and 2 paraf, one state each
