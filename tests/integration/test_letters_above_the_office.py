"""Letters signed above the drafter's org (the Sekda, an Asisten, the Gubernur), through the HTTP API with the
state machine executing: the chain climbs through the offices the org is coordinated by, each step waits in that
office's queue, and the number comes from the signing office's register.
"""

from __future__ import annotations

from chalicelib.domain.timefmt import now_wita
from tests.conftest import assert_error
from tests.integration.letters_flow import await_step, decide, draft, finished, submit

DRAFTER = "kabid.aptika"  # KABID-APTIKA → KADIS → (DISKOMINFOS coordinated by) SETDA/ASISTEN3 → SETDA/SEKDA


def test_an_opd_letter_signed_by_the_sekda_climbs_through_the_asisten_and_takes_the_setda_number(api, province):
    letter = draft(api, DRAFTER, signatory="SETDA/SEKDA")
    assert [(s["position"], s["kind"]) for s in letter["chain"]] == [
        ("KADIS", "review"), ("SETDA/ASISTEN3", "review"), ("SETDA/SEKDA", "sign")]
    submit(api, letter["id"], DRAFTER)
    assert decide(api, "kadis.kominfo", letter["id"]).status_code == 200

    waiting = await_step(api, "asisten3", letter["id"])  # the Asisten's own queue, in the Setda
    assert (waiting["position"], waiting["kind"]) == ("SETDA/ASISTEN3", "review")
    assert any(i["id"] == letter["id"] for i in api.get("/letters?box=review", as_user="asisten3").json_body["items"])
    shown = api.get(f"/letters/{letter['id']}", as_user="asisten3")
    assert shown.status_code == 200 and shown.json_body["org"] == "DISKOMINFOS"
    assert api.get(f"/letters/{letter['id']}/timeline", as_user="asisten3").status_code == 200
    assert_error(api.get(f"/letters/{letter['id']}", as_user="kabag.tapem"), 404)  # the Setda outside the chain
    assert_error(api.post(f"/letters/{letter['id']}/decision", {"decision": "approve"}, as_user="sekda"), 403)

    assert decide(api, "asisten3", letter["id"]).status_code == 200
    signed = decide(api, "sekda", letter["id"])
    assert signed.status_code == 200, signed.body
    assert signed.json_body["number"] == f"000.1.2/1/SETDA/{now_wita().year}"  # the Setda's register
    assert finished(letter["id"], 1) == "ABORTED"

    final = api.get(f"/letters/{letter['id']}", as_user=DRAFTER).json_body
    assert final["state"] == "sent" and final["signed_by"]["title"] == "Sekretaris Daerah Provinsi Bali"
    assert [s["decided_by"] for s in final["chain"]] == ["kadis.kominfo", "asisten3", "sekda"]
    assert [i["id"] for i in api.get("/letters?box=sent", as_user="sekda").json_body["items"]] == [letter["id"]]
    assert [i["id"] for i in api.get("/letters?box=sent", as_user=DRAFTER).json_body["items"]] == [letter["id"]]
    notes = api.get("/notifications", as_user="sekda").json_body["items"]
    assert any(n["type"] == "approval.requested" and n["record_id"] == letter["id"] for n in notes)


def test_a_signatory_spelled_with_the_own_org_is_the_same_position_and_unknown_ones_are_refused(api, province):
    letter = draft(api, DRAFTER, signatory="DISKOMINFOS/KADIS")
    assert letter["signatory"] == "KADIS" and [s["position"] for s in letter["chain"]] == ["KADIS"]
    response = api.post("/letters", _body(signatory="SETDA/NOPE"), as_user=DRAFTER)
    assert_error(response, 400, field="signatory")
    response = api.post("/letters", _body(signatory="BIROUMUM/KARO"), as_user=DRAFTER)  # a peer, not above
    assert_error(response, 400, field="signatory")


def _body(**overrides: str) -> dict[str, object]:
    from tests.integration.letters_flow import letter_body

    return letter_body(**overrides)
