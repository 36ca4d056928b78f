"""Moving incoming letters sideways: forwarding to another org or a unit, coordination dispositions to peers."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from chalicelib.domain.errors import Conflict, Forbidden, NotFound, ValidationFailed
from chalicelib.domain.identity import Principal, Role
from tests.unit.services_intake.conftest import KABID, KADIS, KASI, OPERATOR, SEKRETARIS, World, deadline

DINKES_KADIS = Principal(username="kadis.dinkes", role=Role.EMPLOYEE, org="DINKES", position="KADIS")


def _forward(world: World, principal: Principal, incoming_id: str, kind: str, code: str,
             note: str | None = "Mohon ditindaklanjuti") -> dict[str, Any]:
    status, body = world.incoming.forwarding.forward(principal, incoming_id,
                                                     {"kind": kind, "code": code, "note": note}, None)
    assert status == 201
    return body


def _dispose(world: World, principal: Principal, incoming_id: str, to: list[str], **changes: Any) -> dict[str, Any]:
    status, body = world.dispositions.dispose(principal, incoming_id, {
        "to": to, "instructions": ["koordinasikan"], "deadline": deadline(), **changes}, None)
    assert status == 201
    return body["items"][0]  # type: ignore[no-any-return]


def test_a_letter_forwarded_to_another_org_is_registered_there_once_with_links_both_ways(world: World) -> None:
    letter = world.accepted_letter()

    original = _forward(world, OPERATOR, letter["id"], "org", "DINKES")

    link = original["forwarded_to"][0]
    copy = world.incoming.get(DINKES_KADIS, link["incoming_id"])
    assert (link["code"], link["position"], link["note"]) == ("DINKES", "KADIS", "Mohon ditindaklanjuti")
    assert copy["agenda_number"] == link["agenda_number"] and copy["agenda_number"].endswith("/SM/DINKES/" +
                                                                                           copy["received_at"][:4])
    assert copy["source"] == "forwarded" and copy["addressed_to"] == "KADIS" and copy["subject"] == letter["subject"]
    assert copy["forwarded_from"]["incoming_id"] == letter["id"]
    assert world.store.actions("incoming", letter["id"]) == ["registered", "forwarded"]
    assert world.store.actions("incoming", copy["id"]) == ["registered"]
    assert ("pos:DINKES:KADIS", "incoming.forwarded") in world.notified("incoming")
    with pytest.raises(Conflict):
        _forward(world, KADIS, letter["id"], "org", "DINKES")  # a retry registers nothing twice
    assert len(world.incoming_repo.list("DINKES", None, 50, None).items) == 1


def test_who_forwards_and_where_it_may_go(world: World) -> None:
    letter = world.accepted_letter()
    with pytest.raises(Forbidden):
        _forward(world, KABID, letter["id"], "org", "DINKES")  # neither addressee, disposed to, nor operator
    with pytest.raises(Forbidden):
        _forward(world, DINKES_KADIS, letter["id"], "org", "DINKES")  # another org's letter
    with pytest.raises(ValidationFailed):
        _forward(world, KADIS, letter["id"], "org", "DISKOMINFOS")
    with pytest.raises(NotFound):
        _forward(world, KADIS, letter["id"], "org", "NOWHERE")
    with pytest.raises(ValidationFailed):
        _forward(world, KADIS, letter["id"], "unit", "NOWHERE")


def test_a_letter_forwarded_to_a_unit_reaches_its_head_who_may_then_read_a_secret_one(world: World) -> None:
    letter = world.accepted_letter()
    world.incoming_repo.store.records[("incoming", letter["id"])] = replace_security(world, letter["id"], "rahasia")
    with pytest.raises(NotFound):
        world.incoming.get(KABID, letter["id"])

    forwarded = _forward(world, KADIS, letter["id"], "unit", "APTIKA", note=None)

    assert forwarded["forwarded_to"][0]["position"] == "KABID-APTIKA"
    assert world.incoming.get(KABID, letter["id"])["subject"] == letter["subject"]
    assert ("pos:DISKOMINFOS:KABID-APTIKA", "incoming.forwarded") in world.notified("incoming")
    row = world.incoming.list(KASI, None, 10, None)["items"][0]
    assert row["redacted"] and row["forwarded_to"] == [] and row["forwarded_from"] is None


def replace_security(world: World, incoming_id: str, security: str) -> Any:
    """The stored letter with another security (sifat)."""
    return replace(world.incoming_repo.get(incoming_id), security=security)


def test_a_coordination_goes_to_a_peer_who_answers_it_but_cannot_dispose_it_further(world: World) -> None:
    letter = world.accepted_letter()
    instruction = _dispose(world, KADIS, letter["id"], ["KABID-APTIKA"])

    coordination = _dispose(world, KABID, letter["id"], ["SEKRETARIS"], kind="coordination",
                            parent_id=instruction["id"])

    assert coordination["kind"] == "coordination" and instruction["kind"] == "instruction"
    mine = world.dispositions.list_mine(SEKRETARIS, False, 10, None)["items"]
    assert [(d["id"], d["kind"]) for d in mine] == [(coordination["id"], "coordination")]
    assert world.store.actions("disposition", coordination["id"]) == ["assigned"]
    with pytest.raises(Forbidden):
        _dispose(world, SEKRETARIS, letter["id"], ["KADIS"], parent_id=coordination["id"])
    assert world.incoming.get(SEKRETARIS, letter["id"])["id"] == letter["id"]
    done = world.dispositions.complete(SEKRETARIS, coordination["id"], {"follow_up": "Sudah dikoordinasikan"})
    assert done["state"] == "done"


def test_a_coordination_to_a_position_that_is_not_a_peer_is_403(world: World) -> None:
    letter = world.accepted_letter()
    instruction = _dispose(world, KADIS, letter["id"], ["KABID-APTIKA"])
    for target in (["KASI-LAYANAN"], ["KADIS"], ["KABID-APTIKA"]):  # below, above, oneself
        with pytest.raises(Forbidden):
            _dispose(world, KABID, letter["id"], target, kind="coordination", parent_id=instruction["id"])
    with pytest.raises(Forbidden):
        _dispose(world, KASI, letter["id"], ["SEKRETARIS"], kind="coordination")


def test_the_orgs_first_open_of_an_incoming_letter_is_recorded_once(world: World) -> None:
    letter = world.accepted_letter()  # opened by the addressee (KADIS) while accepting
    assert letter["opened_by"] == "kadis.kominfo"
    again = world.incoming.get(OPERATOR, letter["id"])
    assert again["opened_by"] == "kadis.kominfo" and again["version"] == letter["version"]
