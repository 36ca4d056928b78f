"""Expanding a letter's distribution lists: members replace the list, each recipient once, the sender's own org
and seats its org does not have left out, more than 500 or an unknown list refused."""

from __future__ import annotations

import pytest

from chalicelib.domain.distribution_lists import DistributionList, expand, names_lists
from chalicelib.domain.errors import ValidationFailed
from chalicelib.domain.letters import Letter, LetterState, LetterType, Recipient, RecipientKind, Security, Urgency

OPD = DistributionList(id="SELURUH-OPD", name="Seluruh Perangkat Daerah", members=[
    {"kind": "org", "code": "SETDA"}, {"kind": "org", "code": "BIROUMUM"}, {"kind": "org", "code": "DISKOMINFOS"},
    {"kind": "position", "code": "SEKRETARIS"}, {"kind": "position", "code": "CAMAT-KUTA"},
    {"kind": "external", "name": "Mitra", "email": "mitra@example.com"}])


def _letter(addressees: list[Recipient], cc: list[Recipient]) -> Letter:
    return Letter(id="l1", org="DISKOMINFOS", type=LetterType.SURAT_EDARAN, classification="000.1.2", subject="Edaran",
                  body="Isi", addressees=addressees, cc=cc, signatory="KADIS", security=Security.BIASA,
                  urgency=Urgency.BIASA, drafter="staf", drafter_position="STAF", state=LetterState.DRAFT,
                  created_at="2026-12-03T10:00:00+08:00", updated_at="2026-12-03T10:00:00+08:00")


def _expand(letter: Letter, lists: dict[str, DistributionList] | None = None) -> Letter:
    return expand(letter, {"SELURUH-OPD": OPD} if lists is None else lists, own_positions={"SEKRETARIS", "KADIS"},
                  own_units={"APTIKA"})


def test_a_list_becomes_its_members_once_without_the_senders_org_or_seats_it_does_not_have():
    listed = Recipient(RecipientKind.LIST, code="SELURUH-OPD")
    letter = _letter([listed, Recipient(RecipientKind.ORG, code="SETDA")], [listed])
    assert names_lists(letter)
    expanded = _expand(letter)
    assert [(r.kind.value, r.code or r.name) for r in expanded.addressees] == [
        ("org", "SETDA"), ("org", "BIROUMUM"), ("position", "SEKRETARIS"), ("external", "Mitra")]
    assert expanded.cc == []  # every member is an addressee already
    assert not names_lists(expanded)


def test_more_than_500_recipients_once_expanded_is_refused_naming_the_addressees():
    crowd = DistributionList(id="MITRA", name="Mitra", members=[
        {"kind": "external", "name": f"Mitra {i}", "email": f"m{i}@example.com"} for i in range(500)])
    letter = _letter([Recipient(RecipientKind.LIST, code="MITRA")], [Recipient(RecipientKind.POSITION, code="KADIS")])
    with pytest.raises(ValidationFailed) as refused:
        _expand(letter, {"MITRA": crowd})
    assert refused.value.details[0]["field"] == "addressees"


def test_an_unknown_list_is_refused_naming_the_recipient():
    letter = _letter([Recipient(RecipientKind.POSITION, code="KADIS")], [Recipient(RecipientKind.LIST, code="HILANG")])
    with pytest.raises(ValidationFailed) as refused:
        _expand(letter)
    assert refused.value.details[0]["field"] == "cc.0.code"
