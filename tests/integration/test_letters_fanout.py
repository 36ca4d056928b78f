"""A letter to many orgs is signed in transactions of a constant size; its copies fan out afterwards, once each,
also when the fan-out fails halfway and is resumed or its event is delivered again."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from chalicelib import bootstrap
from chalicelib.adapters import dynamo
from chalicelib.adapters.incoming_repo import IncomingRepository
from chalicelib.domain.identity import Principal, Role
from tests.integration.letters_flow import letter_body

SYSTEM = Principal(username="system", role=Role.ADMIN)
KADIS = Principal(username="kadis.kominfo", role=Role.EMPLOYEE, org="DISKOMINFOS", position="KADIS")
EXTRA_ORGS = [f"OPD{i:02d}" for i in range(1, 15)]


def add_orgs(codes: list[str]) -> None:
    """Orgs with a head each (the head receives an org's incoming letters)."""
    admin = bootstrap.container().org_admin
    for code in codes:
        admin.create_org(SYSTEM, {"code": code, "name": f"Perangkat Daerah {code}", "address": "Denpasar",
                                  "city": "Denpasar", "number_format": "{classification}/{seq}/{org_code}/{year}",
                                  "max_review_steps": 3, "email": None, "phone": None, "website": None}, None)
        admin.create_unit(SYSTEM, code, {"code": code, "name": f"Sekretariat {code}", "parent": None}, None)
        admin.create_position(SYSTEM, code, {"code": f"KEPALA-{code}", "title": f"Kepala {code}", "level": "II",
                                             "unit": code, "reports_to": None}, None)


def incoming_from(org: str, letter_id: str) -> list[Any]:
    page = bootstrap.container().incoming_repo.list(org, None, 100, None)
    return [i for i in page.items if i.source_ref == letter_id]


def box_rows(position: str, box: str, letter_id: str) -> list[dict[str, Any]]:
    reader = Principal(username="x", role=Role.EMPLOYEE, org="DISKOMINFOS", position=position)
    return [r for r in bootstrap.container().letters.list_box(reader, box, 100, None)["items"] if r["id"] == letter_id]


@pytest.fixture
def transaction_sizes(monkeypatch) -> list[int]:
    """The number of items of every TransactWriteItems call."""
    sizes: list[int] = []
    commit = dynamo.Transaction.commit

    def counted(self: dynamo.Transaction) -> None:
        sizes.append(len(self))
        commit(self)

    monkeypatch.setattr(dynamo.Transaction, "commit", counted)
    return sizes


def circular(orgs: list[str]) -> str:
    """A circular from the Kadis to `orgs` and two positions of the own org (the drafter signs at once)."""
    letters = bootstrap.container().letters
    body = letter_body(type="surat_edaran", subject="Edaran penggunaan tanda tangan elektronik di seluruh OPD",
                       addressees=[{"kind": "org", "code": o} for o in orgs] + [{"kind": "position", "code": "SEKRETARIS"}],
                       cc=[{"kind": "unit", "code": "APTIKA"}])
    return letters.create(KADIS, body, None)[1]["id"]


def test_a_circular_to_sixteen_orgs_is_signed_in_small_transactions_and_each_gets_one_copy(
        province, events, transaction_sizes):
    add_orgs(EXTRA_ORGS)
    orgs = ["SETDA", "BIROUMUM", *EXTRA_ORGS]
    letter_id = circular(orgs)
    transaction_sizes.clear()
    sent = bootstrap.container().letters.submit(KADIS, letter_id)

    assert sent["state"] == "sent" and sent["number"]
    assert max(transaction_sizes) <= 20  # the claim and the signing: constant, whatever the recipients
    assert incoming_from("OPD01", letter_id) == []  # 19 copies: left to the letter.sent reaction
    events.pump()
    events.pump()  # a redelivered event delivers nothing twice
    for org in orgs:
        assert len(incoming_from(org, letter_id)) == 1, org
    assert len(box_rows("SEKRETARIS", "inbox", letter_id)) == 1
    assert len(box_rows("KABID-APTIKA", "cc", letter_id)) == 1
    assert len(box_rows("KADIS", "sent", letter_id)) == 1
    assert max(transaction_sizes) <= 40  # one copy per transaction


def test_a_fan_out_that_fails_halfway_is_resumed_and_every_recipient_has_exactly_one_copy(province, monkeypatch):
    add_orgs(EXTRA_ORGS)
    orgs = ["SETDA", "BIROUMUM", *EXTRA_ORGS]
    letters = bootstrap.container().letters
    letter_id = circular(orgs)
    calls: Counter[str] = Counter()
    register = IncomingRepository.register

    def failing_register(self: IncomingRepository, tx: dynamo.Transaction, **kw: Any) -> Any:
        calls["register"] += 1
        if calls["register"] == 7:
            raise ConnectionError("the network went away in the middle of the fan-out")
        return register(self, tx, **kw)

    monkeypatch.setattr(IncomingRepository, "register", failing_register)
    assert letters.submit(KADIS, letter_id)["state"] == "sent"
    with pytest.raises(ConnectionError):
        letters.fan_out(letter_id)
    assert sum(len(incoming_from(org, letter_id)) for org in orgs) == 6  # halfway

    resumed = letters.fan_out(letter_id)
    again = letters.fan_out(letter_id)

    assert resumed["delivered"] == len(orgs) - 6 and resumed["skipped"] == 6 + 3
    assert again == {"delivered": 0, "skipped": len(orgs) + 3}
    for org in orgs:
        assert len(incoming_from(org, letter_id)) == 1, org
    agenda = sorted(i.agenda_number for org in orgs for i in incoming_from(org, letter_id))
    assert len(set(agenda)) == len(orgs)
    assert len(box_rows("SEKRETARIS", "inbox", letter_id)) == 1


def test_a_signing_that_fails_after_the_approval_keeps_its_number_and_is_completed_by_the_system(
        province, events, monkeypatch):
    from chalicelib.adapters.signer import Signer

    letters = bootstrap.container().letters
    letter_id = circular(["SETDA"])
    sign = Signer.sign
    monkeypatch.setattr(Signer, "sign", lambda self, digest: (_ for _ in ()).throw(ConnectionError("KMS down")))
    answer = letters.submit(KADIS, letter_id)
    assert answer["state"] == "signing" and answer["number"]
    shown = letters.get(KADIS, letter_id)
    assert shown["state"] == "signing" and shown["number"] == answer["number"]
    again = letters.submit(KADIS, letter_id)  # asking again while KMS is still down: no error, still signing
    assert again["state"] == "signing" and again["number"] == answer["number"]

    monkeypatch.setattr(Signer, "sign", sign)
    events.pump()  # letter.signing → the system completes it with the number it holds

    done = letters.get(KADIS, letter_id)
    assert done["state"] == "sent" and done["number"] == answer["number"] and done["signature"]
    actions = [e["action"] for e in letters.timeline(KADIS, letter_id)["events"]]
    assert actions[-2:] == ["signing", "signed"]
    assert len(incoming_from("SETDA", letter_id)) == 1
