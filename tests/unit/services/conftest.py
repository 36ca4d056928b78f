"""The letters use cases over in-memory fakes (tests/fakes): the seeded province, no AWS."""

from __future__ import annotations

from typing import Any

import pytest

from chalicelib.services.letters import LetterService
from tests.fakes.province import FakeLetters, fake_letters, staff

DRAFTER = "staf.kominfo"  # PRANATA-KOMPUTER → KASI-LAYANAN → KABID-APTIKA → KADIS
CHAIN = ["kasi.layanan", "kabid.aptika", "kadis.kominfo"]


def letter_body(**overrides: Any) -> dict[str, Any]:
    """A surat dinas from the Diskominfos staff to the Sekretaris and to Biro Umum, signed by the Kadis."""
    return {"type": "surat_dinas", "classification": "000.1.2",
            "subject": "Permohonan dukungan jaringan untuk layanan e-government",
            "body": "Dengan hormat, bersama ini kami sampaikan permohonan dukungan jaringan ...",
            "addressees": [{"kind": "position", "code": "SEKRETARIS"}, {"kind": "org", "code": "BIROUMUM"}],
            "cc": [{"kind": "unit", "code": "APTIKA"}], "signatory": "KADIS", "security": "biasa",
            "urgency": "biasa", **overrides}


@pytest.fixture
def fakes() -> FakeLetters:
    """A fresh province with no letters."""
    return fake_letters()


@pytest.fixture
def letters(fakes: FakeLetters) -> LetterService:
    """The letters service on the fakes."""
    return fakes.service()


def draft(letters: LetterService, who: str = DRAFTER, **overrides: Any) -> dict[str, Any]:
    """A new draft, as the API returns it."""
    status, view = letters.create(staff(who), letter_body(**overrides), None)
    assert status == 201
    return view


def approve(letters: LetterService, letter_id: str, who: str, **data: Any) -> dict[str, Any]:
    """`who` approves the step waiting for them."""
    return letters.decide(staff(who), letter_id, {"decision": "approve", **data})


def sent_letter(letters: LetterService, **overrides: Any) -> dict[str, Any]:
    """A letter drafted, submitted and approved along its whole chain (signed and sent)."""
    letter = draft(letters, **overrides)
    letters.submit(staff(DRAFTER), letter["id"])
    for who in CHAIN:
        approve(letters, letter["id"], who)
    return letters.get(staff(DRAFTER), letter["id"])
