"""The incoming register: paper letters, their scans, and who reads a sealed letter, against the fakes."""

from __future__ import annotations

from typing import Any

import pytest

from chalicelib.domain.errors import Conflict, Forbidden, NotFound, ValidationFailed
from tests.unit.services_intake.conftest import KABID, KADIS, KASI, OPERATOR, SEKRETARIS, World, deadline

PAPER = {"sender_name": "Kantor Camat Kuta", "sender_org": None, "subject": "Undangan rapat koordinasi",
         "letter_number": "005/12/KEC", "letter_date": "2026-12-01", "security": "biasa", "urgency": "segera",
         "scan_filename": "undangan.pdf", "scan_content_type": "application/pdf"}


def _register(world: World, **changes: Any) -> dict[str, Any]:
    status, letter = world.incoming.register_paper(OPERATOR, {**PAPER, **changes}, None)
    assert status == 201
    return letter


def test_an_operator_registers_a_paper_letter_for_the_head_with_an_upload_for_its_scan(world: World) -> None:
    letter = _register(world)

    assert letter["agenda_number"].startswith("0001/SM/DISKOMINFOS/") and letter["addressed_to"] == "KADIS"
    assert letter["source"] == "paper" and letter["attachments"][0]["status"] == "pending"
    assert letter["scan_upload"]["fields"]["key"] in world.files.presigned
    assert world.store.actions("incoming", letter["id"]) == ["registered"]
    assert world.notified("incoming") == [("pos:DISKOMINFOS:KADIS", "incoming.registered")]
    assert world.events.published[-1]["data"] == {"source": "paper"}


def test_registering_twice_with_one_idempotency_key_makes_one_letter(world: World) -> None:
    _, first = world.incoming.register_paper(OPERATOR, dict(PAPER), "paper-1")
    _, again = world.incoming.register_paper(OPERATOR, dict(PAPER), "paper-1")

    assert again["id"] == first["id"]
    assert len(world.incoming_repo.list("DISKOMINFOS", None, 10, None).items) == 1
    assert world.events.types() == ["incoming.registered"]


def test_only_an_operator_registers_and_a_scan_must_be_a_document_type(world: World) -> None:
    with pytest.raises(Forbidden):
        world.incoming.register_paper(KADIS, dict(PAPER), None)
    with pytest.raises(ValidationFailed) as bad_type:
        world.incoming.register_paper(OPERATOR, {**PAPER, "scan_content_type": "text/html"}, None)
    assert bad_type.value.details[0]["field"] == "scan_content_type" and world.store.commits == 0


def test_a_confirmed_scan_records_its_checksum_and_a_wrong_file_is_deleted(world: World) -> None:
    letter = _register(world)
    scan = letter["attachments"][0]
    key = letter["scan_upload"]["fields"]["key"]
    world.files.upload(key, b"<html>", "text/html")
    with pytest.raises(ValidationFailed):
        world.incoming.confirm_scan(OPERATOR, letter["id"], scan["id"])
    assert key not in world.files.objects

    world.files.upload(key, b"%PDF-1.4 scan", "application/pdf")
    confirmed = world.incoming.confirm_scan(OPERATOR, letter["id"], scan["id"])

    assert confirmed["attachment"]["status"] == "confirmed" and len(confirmed["attachment"]["sha256"]) == 64
    assert world.store.actions("incoming", letter["id"]) == ["registered", "scan_confirmed"]
    assert world.incoming.documents(KASI, letter["id"])["items"][0]["status"] == "confirmed"


def test_a_secret_letter_is_a_sealed_row_in_the_register_for_those_who_may_not_read_it(world: World) -> None:
    letter = _register(world, security="rahasia")

    sealed = world.incoming.list(KASI, None, 10, None)["items"][0]
    full = world.incoming.list(KADIS, None, 10, None)["items"][0]

    assert sealed["redacted"] is True and sealed["subject"] is None and sealed["sender_name"] is None
    assert sealed["attachments"] == [] and sealed["agenda_number"] == letter["agenda_number"]
    assert full["redacted"] is False and full["subject"] == PAPER["subject"]
    with pytest.raises(NotFound):
        world.incoming.get(KASI, letter["id"])


def test_disposing_a_secret_letter_lets_its_recipients_read_it_and_no_one_else(world: World) -> None:
    letter = _register(world, security="rahasia")
    world.dispositions.dispose(KADIS, letter["id"], {"to": ["KABID-APTIKA"], "instructions": ["Pelajari"],
                                                     "deadline": deadline()}, None)

    assert world.incoming.get(KABID, letter["id"])["subject"] == PAPER["subject"]
    with pytest.raises(NotFound):
        world.incoming.get(SEKRETARIS, letter["id"])


def test_a_limited_letter_is_read_by_the_orgs_operators(world: World) -> None:
    letter = _register(world, security="terbatas")

    assert world.incoming.get(OPERATOR, letter["id"])["subject"] == PAPER["subject"]
    with pytest.raises(NotFound):
        world.incoming.get(KASI, letter["id"])


def test_a_scan_is_replaced_only_while_the_letter_is_registered(world: World) -> None:
    letter = _register(world)
    status, replaced = world.incoming.replace_scan(OPERATOR, letter["id"], {
        "filename": "ulang.pdf", "content_type": "application/pdf"}, None)
    assert status == 201
    assert [a["filename"] for a in world.incoming_repo.get(letter["id"]).attachments] == ["ulang.pdf"]
    world.dispositions.dispose(KADIS, letter["id"], {"to": ["SEKRETARIS"], "instructions": ["Hadiri"],
                                                     "deadline": deadline()}, None)

    with pytest.raises(Conflict):
        world.incoming.replace_scan(OPERATOR, letter["id"], {"filename": "x.pdf",
                                                             "content_type": "application/pdf"}, None)
    assert replaced["attachment"]["status"] == "pending"
