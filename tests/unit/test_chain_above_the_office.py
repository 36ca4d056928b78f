"""Planning a chain across orgs (letter_chain.hierarchy + plan_chain), from the seeded province, without AWS."""

from __future__ import annotations

import pytest

from chalicelib.domain.errors import ValidationFailed
from chalicelib.domain.letter_chain import DEFAULT_SIGNING_AUTHORITY, SigningAuthority, hierarchy, plan_chain
from chalicelib.domain.letters import LetterType
from chalicelib.domain.org import Level, canonical_ref, check_coordinated_by, split_ref
from tests.fakes.province import province

STRUCTURES, _ = province()


def climbable(home: str, *above: str) -> dict:
    return hierarchy(home, [(STRUCTURES[o].org, STRUCTURES[o].positions) for o in (home, *above)])


def plan(drafter: str, signatory: str, letter_type: LetterType = LetterType.SURAT_DINAS, max_steps: int = 3,
         authority: SigningAuthority = DEFAULT_SIGNING_AUTHORITY):
    positions = climbable("DISKOMINFOS", "SETDA", "PEMPROV")
    return plan_chain(drafter, signatory, letter_type, positions, max_steps, authority)


def test_the_head_of_an_org_reports_to_its_coordinator_named_from_the_home_org() -> None:
    positions = climbable("DISKOMINFOS", "SETDA", "PEMPROV")
    assert positions["KADIS"].reports_to == "SETDA/ASISTEN3"
    assert positions["SETDA/ASISTEN3"].reports_to == "SETDA/SEKDA"
    assert positions["SETDA/SEKDA"].reports_to == "PEMPROV/GUBERNUR"
    assert positions["PEMPROV/GUBERNUR"].reports_to is None
    assert climbable("SETDA", "PEMPROV")["SEKDA"].reports_to == "PEMPROV/GUBERNUR"


def test_an_opd_letter_signed_by_the_sekda_climbs_through_the_asisten() -> None:
    chain = plan("KABID-APTIKA", "SETDA/SEKDA")
    assert [(s.position, s.kind.value) for s in chain.steps] == [
        ("KADIS", "review"), ("SETDA/ASISTEN3", "review"), ("SETDA/SEKDA", "sign")]
    assert chain.on_behalf_of is None  # the Sekda heads the signing org


def test_the_own_orgs_limit_keeps_the_senior_paraf_and_every_office_above_reviews() -> None:
    chain = plan("PRANATA-KOMPUTER", "PEMPROV/GUBERNUR", max_steps=2)
    assert [s.position for s in chain.steps] == ["KABID-APTIKA", "KADIS", "SETDA/ASISTEN3", "SETDA/SEKDA",
                                                 "PEMPROV/GUBERNUR"]


def test_an_asisten_signs_on_behalf_of_the_head_of_the_setda() -> None:
    chain = plan("KADIS", "SETDA/ASISTEN3")
    assert [s.position for s in chain.steps] == ["SETDA/ASISTEN3"]
    assert chain.on_behalf_of == "Sekretaris Daerah Provinsi Bali" and chain.by_order_of is None


@pytest.mark.parametrize("signatory", ["SETDA/NOPE", "BIROUMUM/KARO", "SETDA/KABAG-TAPEM"])
def test_a_signatory_not_above_the_drafter_is_refused(signatory: str) -> None:
    with pytest.raises(ValidationFailed) as error:
        plan("KABID-APTIKA", signatory)
    assert error.value.details[0]["field"] == "signatory"


def test_the_signatory_of_another_org_is_checked_for_its_level() -> None:
    strict = SigningAuthority(minimum={}, default=Level.I)
    assert plan("KADIS", "SETDA/SEKDA", authority=strict).steps[-1].level is Level.I
    with pytest.raises(ValidationFailed):
        plan("KADIS", "SETDA/ASISTEN3", authority=strict)


def test_position_references_are_spelled_one_way() -> None:
    assert split_ref("SETDA/SEKDA", "DISKOMINFOS") == ("SETDA", "SEKDA")
    assert split_ref("KADIS", "DISKOMINFOS") == ("DISKOMINFOS", "KADIS")
    assert canonical_ref("DISKOMINFOS/KADIS", "DISKOMINFOS") == "KADIS"
    assert check_coordinated_by("DISKOMINFOS", "SETDA/ASISTEN3") == ("SETDA", "ASISTEN3")
    for bad in ("ASISTEN3", "DISKOMINFOS/KADIS", "setda/x"):
        with pytest.raises(ValidationFailed):
            check_coordinated_by("DISKOMINFOS", bad)
