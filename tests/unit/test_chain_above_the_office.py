"""Planning a chain across orgs (letter_chain.hierarchy + plan_chain), from the seeded province, without AWS."""

from __future__ import annotations

from dataclasses import replace

import pytest

from chalicelib.domain.errors import ValidationFailed
from chalicelib.domain.letter_chain import (
    DEFAULT_SIGNING_AUTHORITY,
    SigningAuthority,
    ask_paraf,
    check_coordinators,
    decide_paraf,
    decide_step,
    decided_paraf,
    hierarchy,
    plan_chain,
    start_round,
    waiting_paraf,
)
from chalicelib.domain.letters import Decision, Letter, LetterState, LetterType, Security, StepState, Urgency
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


# ---------------------------------------------------------------- paraf koordinasi


def letter_in_review(chain) -> Letter:
    return Letter(id="L1", org="DISKOMINFOS", type=LetterType.SURAT_DINAS, classification="000.1.2", subject="s",
                  body="b", addressees=[], cc=[], signatory="SETDA/SEKDA", security=Security.BIASA,
                  urgency=Urgency.BIASA, drafter="kabid.aptika", drafter_position="KABID-APTIKA",
                  state=LetterState.IN_REVIEW, created_at="t", updated_at="t", round=1,
                  steps=start_round(chain.steps))


def coordinators_of(letter: Letter, *refs: str):
    positions = climbable("DISKOMINFOS", "SETDA", "PEMPROV") | climbable("DISKOMINFOS", "BIROUMUM")
    return check_coordinators(letter, letter.steps[0], list(refs), positions)


def test_a_reviewer_asks_positions_off_the_chain_each_once() -> None:
    letter = letter_in_review(plan("KABID-APTIKA", "SETDA/SEKDA"))
    paraf = coordinators_of(letter, "BIROUMUM/KARO", "SEKRETARIS")
    assert [(p.position, p.state) for p in paraf] == [("BIROUMUM/KARO", StepState.CURRENT),
                                                      ("SEKRETARIS", StepState.CURRENT)]
    for refs, field in ((("SETDA/ASISTEN3",), "coordinators.0"), (("KABID-APTIKA",), "coordinators.0"),
                        (("SEKRETARIS", "SEKRETARIS"), "coordinators.1"), (("BIROUMUM/NOPE",), "coordinators.0"),
                        (("SEKRETARIS",) * 6, "coordinators")):
        with pytest.raises(ValidationFailed) as error:
            coordinators_of(letter, *refs)
        assert error.value.details[0]["field"] == field
    signing = replace(letter, steps=letter.steps[-1:])
    with pytest.raises(ValidationFailed):
        check_coordinators(signing, signing.steps[0], ["SEKRETARIS"], climbable("DISKOMINFOS"))


def test_the_next_step_waits_for_every_initial_and_a_revision_leaves_the_other_branches_pending() -> None:
    letter = letter_in_review(plan("KABID-APTIKA", "SETDA/SEKDA"))
    paraf = coordinators_of(letter, "BIROUMUM/KARO", "SEKRETARIS")
    steps = ask_paraf(decide_step(letter.steps, 1, Decision.APPROVE, by="kadis.kominfo", position="KADIS", note=None,
                                  at="t1"), 1, paraf)
    assert [s.state for s in steps] == [StepState.APPROVED, StepState.PENDING, StepState.PENDING]
    asked = replace(letter, steps=steps)
    assert waiting_paraf(asked, "BIROUMUM/KARO") == (steps[0], paraf[0])
    assert waiting_paraf(asked, "SETDA/ASISTEN3") is None

    one = decide_paraf(steps, 1, "BIROUMUM/KARO", Decision.APPROVE, by="karo.umum", note=None, at="t2")
    assert one[1].state is StepState.PENDING  # the Sekretaris has not initialled yet
    both = decide_paraf(one, 1, "SEKRETARIS", Decision.APPROVE, by="sekretaris.kominfo", note=None, at="t3")
    assert both[1].state is StepState.CURRENT
    assert decided_paraf(replace(letter, steps=both), "SEKRETARIS")[1].decided_by == "sekretaris.kominfo"

    revised = decide_paraf(steps, 1, "BIROUMUM/KARO", Decision.REVISE, by="karo.umum", note="ubah", at="t2")
    assert [p.state for p in revised[0].paraf] == [StepState.REVISION_REQUESTED, StepState.PENDING]
    assert revised[1].state is StepState.PENDING
    assert [s.paraf for s in start_round(revised)] == [(), (), ()]  # the next round starts without branches
