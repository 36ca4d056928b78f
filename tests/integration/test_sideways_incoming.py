"""Moving incoming letters sideways through the HTTP API: forwarding to another org's register, coordination
dispositions to peers.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import assert_error
from tests.integration.public_support import accept, deadline, dispose, submit


@pytest.fixture
def letter_id(api: Any, province: Any) -> str:
    return str(accept(api, submit(api)["code"])["incoming_id"])


def _actions(api: Any, incoming_id: str, as_user: str) -> list[str]:
    timeline = api.get(f"/incoming/{incoming_id}/timeline", as_user=as_user)
    assert timeline.status_code == 200, timeline.body
    return [e["action"] for e in timeline.json_body["events"]]


def test_a_forwarded_letter_lands_once_in_the_other_orgs_register_with_audit_events_on_both_sides(api, letter_id):
    body = {"kind": "org", "code": "BIROUMUM", "note": "Kewenangan Biro Umum"}
    key = {"Idempotency-Key": "forward-1"}

    first = api.post(f"/incoming/{letter_id}/forward", body, as_user="operator.kominfo", headers=key)
    again = api.post(f"/incoming/{letter_id}/forward", body, as_user="operator.kominfo", headers=key)
    retry = api.post(f"/incoming/{letter_id}/forward", body, as_user="kadis.kominfo")

    assert first.status_code == 201, first.body
    assert again.status_code == 201 and again.json_body == first.json_body
    assert_error(retry, 409, "conflict")
    link = first.json_body["forwarded_to"][0]
    register = api.get("/incoming", as_user="operator.biroumum").json_body["items"]
    assert [row["id"] for row in register] == [link["incoming_id"]]
    copy = api.get(f"/incoming/{link['incoming_id']}", as_user="karo.umum").json_body
    assert copy["agenda_number"] == link["agenda_number"] and "/SM/BIROUMUM/" in copy["agenda_number"]
    assert (copy["source"], copy["addressed_to"], copy["forwarded_from"]["incoming_id"]) == (
        "forwarded", "KARO", letter_id)
    assert copy["forwarded_from"]["note"] == "Kewenangan Biro Umum"
    assert _actions(api, letter_id, "kadis.kominfo")[-1] == "forwarded"
    assert _actions(api, copy["id"], "karo.umum") == ["registered"]
    assert_error(api.get(f"/incoming/{copy['id']}", as_user="kadis.kominfo"), 403)
    documents = api.get(f"/incoming/{copy['id']}/documents", as_user="karo.umum")
    assert documents.status_code == 200, documents.body


def test_forwarding_refuses_a_wrong_role_another_org_and_bad_input(api, letter_id):
    path = f"/incoming/{letter_id}/forward"
    assert_error(api.post(path, {"kind": "org", "code": "BIROUMUM"}), 401)
    assert_error(api.post(path, {"kind": "org", "code": "BIROUMUM"}, as_user="kasi.layanan"), 403)
    assert_error(api.post(path, {"kind": "org", "code": "BIROUMUM"}, as_user="operator.biroumum"), 403)
    assert_error(api.post(path, {"kind": "planet", "code": "BIROUMUM"}, as_user="kadis.kominfo"), 400, field="kind")
    assert_error(api.post(path, {"kind": "org", "code": "DISKOMINFOS"}, as_user="kadis.kominfo"), 400, field="code")
    assert_error(api.post(path, {"kind": "unit", "code": "NOWHERE"}, as_user="kadis.kominfo"), 400, field="code")
    assert_error(api.post("/incoming/nope/forward", {"kind": "org", "code": "BIROUMUM"}, as_user="kadis.kominfo"), 404)


def test_a_letter_forwarded_to_a_unit_reaches_its_head(api, letter_id):
    forwarded = api.post(f"/incoming/{letter_id}/forward", {"kind": "unit", "code": "SEKRETARIAT"},
                         as_user="kadis.kominfo")
    assert forwarded.status_code == 201, forwarded.body
    assert forwarded.json_body["forwarded_to"][0]["position"] == "SEKRETARIS"
    notes = api.get("/notifications", as_user="sekretaris.kominfo").json_body["items"]
    assert any(n["type"] == "incoming.forwarded" and n["record_id"] == letter_id for n in notes)


def test_a_peer_coordination_appears_in_the_peers_list_and_cannot_be_disposed_further(api, letter_id):
    instruction = dispose(api, letter_id, ["KABID-APTIKA"], "kadis.kominfo").json_body["items"][0]
    path = f"/incoming/{letter_id}/dispositions"
    body = {"to": ["SEKRETARIS"], "kind": "coordination", "instructions": ["koordinasikan"],
            "deadline": deadline(), "parent_id": instruction["id"]}

    made = api.post(path, body, as_user="kabid.aptika")

    assert made.status_code == 201, made.body
    coordination = made.json_body["items"][0]
    mine = api.get("/dispositions", as_user="sekretaris.kominfo").json_body["items"]
    assert [(d["id"], d["kind"], d["from_position"]) for d in mine] == [(coordination["id"], "coordination",
                                                                        "KABID-APTIKA")]
    further = {**body, "to": ["OPERATOR-KOMINFO"], "kind": "instruction", "parent_id": coordination["id"]}
    assert_error(api.post(path, further, as_user="sekretaris.kominfo"), 403, field="parent_id")
    assert_error(api.post(path, {**body, "to": ["KASI-LAYANAN"]}, as_user="kabid.aptika"), 403, field="to")
    done = api.post(f"/dispositions/{coordination['id']}/done", {"follow_up": "Anggaran tersedia"},
                    as_user="sekretaris.kominfo")
    assert done.status_code == 200 and done.json_body["state"] == "done"
    assert _actions(api, letter_id, "kadis.kominfo").count("disposed") == 2
