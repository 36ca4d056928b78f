"""Legal holds on archived letters against the fakes: set and lifted by the org's admin, on the letter's trail."""

from __future__ import annotations

from functools import partial

import pytest

from chalicelib.domain.archive import RecordKind
from chalicelib.domain.errors import Forbidden, NotFound
from chalicelib.domain.identity import Principal, Role
from chalicelib.services.archive import ArchiveService
from tests.fakes.province import FakeLetters
from tests.fakes.transaction import FakeTransaction
from tests.unit.services.conftest import sent_letter

ADMIN = Principal(username="admin.kominfo", role=Role.ADMIN, org="DISKOMINFOS")


def archive_of(fakes: FakeLetters) -> ArchiveService:
    """The archive service on the fakes (incoming letters and submissions are not part of these cases)."""
    return ArchiveService(fakes.archive_repo, fakes.letter_repo, None, None, None,  # type: ignore[arg-type]
                          fakes.classification_repo, fakes.org_repo,  # type: ignore[arg-type]
                          partial(FakeTransaction, fakes.outcomes))


def test_a_legal_hold_is_set_and_lifted_by_the_orgs_admin_on_the_letters_trail(fakes: FakeLetters) -> None:
    letter = sent_letter(fakes.service())
    archive = archive_of(fakes)
    ref = f"letter-{letter['id']}"
    held = archive.legal_hold(ADMIN, ref, {"hold": True, "note": "Sengketa kepegawaian"})
    assert (held["record"], held["legal_hold"], held["note"]) == (ref, True, "Sengketa kepegawaian")
    assert fakes.archive_repo.get(RecordKind.LETTER, letter["id"]).legal_hold is True
    archive.legal_hold(ADMIN, ref, {"hold": False, "note": None})
    assert fakes.archive_repo.get(RecordKind.LETTER, letter["id"]).legal_hold is False
    trail = fakes.letter_repo.trail(letter["id"])
    assert [e.action for e in trail][-2:] == ["legal_hold_set", "legal_hold_lifted"]
    assert trail[-2].note == "Sengketa kepegawaian" and trail[-1].data["previous"] is True
    other = Principal(username="admin.biroumum", role=Role.ADMIN, org="BIROUMUM")
    with pytest.raises(NotFound):
        archive.legal_hold(other, ref, {"hold": True})
    with pytest.raises(Forbidden):
        archive.legal_hold(Principal(username="kadis.kominfo", role=Role.EMPLOYEE, org="DISKOMINFOS",
                                     position="KADIS"), ref, {"hold": True})
