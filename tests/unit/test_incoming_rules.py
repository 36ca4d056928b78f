"""Who reads an incoming letter, by its security (pure rules, no AWS)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from chalicelib.domain.identity import Principal, Role
from chalicelib.domain.incoming import IncomingLetter, IncomingSource, may_read, with_readers

LETTER = IncomingLetter(id="i1", org="DISKOMINFOS", agenda_number="0001/SM/DISKOMINFOS/2026",
                        received_at="2026-01-05T09:00:00+08:00", source=IncomingSource.PAPER, source_ref=None,
                        sender_name="Inspektorat", sender_org=None, letter_number=None, letter_date=None,
                        subject="Rahasia", classification=None, security="rahasia", urgency="biasa",
                        addressed_to="KADIS", readers=["KABID-APTIKA"])


def employee(position: str, org: str = "DISKOMINFOS") -> Principal:
    return Principal(username=position.lower(), role=Role.EMPLOYEE, org=org, position=position)


OPERATOR = Principal(username="op", role=Role.OPERATOR, org="DISKOMINFOS", position="OPERATOR-KOMINFO")


@pytest.mark.parametrize(("security", "reader"), [("biasa", True), ("terbatas", False), ("rahasia", False),
                                                  ("sangat_rahasia", False)])
def test_a_colleague_reads_only_a_plain_letter(security: str, reader: bool) -> None:
    assert may_read(replace(LETTER, security=security), employee("ANALIS-SISTEM"), "KADIS") is reader


@pytest.mark.parametrize("security", ["terbatas", "rahasia", "sangat_rahasia"])
def test_the_addressee_and_those_disposed_to_read_a_secret_letter(security: str) -> None:
    letter = replace(LETTER, security=security)
    assert may_read(letter, employee("KADIS"), "KADIS")
    assert may_read(letter, employee("KABID-APTIKA"), "KADIS")


@pytest.mark.parametrize(("security", "reader"), [("terbatas", True), ("rahasia", False), ("sangat_rahasia", False)])
def test_operators_read_a_restricted_letter_but_not_a_secret_one(security: str, reader: bool) -> None:
    assert may_read(replace(LETTER, security=security), OPERATOR, "KADIS") is reader


def test_nobody_of_another_org_reads_even_a_plain_letter() -> None:
    assert not may_read(replace(LETTER, security="biasa"), employee("KADIS", org="BIROUMUM"), "KADIS")


def test_the_addressee_given_wins_for_a_letter_registered_without_one() -> None:
    g2g = replace(LETTER, addressed_to=None, readers=[])
    assert not may_read(g2g, employee("KADIS"), None)
    assert may_read(g2g, employee("KADIS"), "KADIS")


def test_disposing_adds_readers_once_in_order() -> None:
    assert with_readers(LETTER, ["SEKRETARIS", "KABID-APTIKA"]) == ["KABID-APTIKA", "SEKRETARIS"]
