"""Pure rules of letters: the chain, signing authority, a.n./u.b., numbers, content hash, readers, deadlines."""

from __future__ import annotations

import pytest

from chalicelib.domain.errors import Conflict, ValidationFailed
from chalicelib.domain.identity import Principal, Role
from chalicelib.domain.letter_chain import (
    DEFAULT_DEADLINES,
    DEFAULT_SIGNING_AUTHORITY,
    ReviewDeadlines,
    SigningAuthority,
    check_note,
    decide_step,
    plan_chain,
    start_round,
    state_after,
)
from chalicelib.domain.letters import (
    Decision,
    Letter,
    LetterState,
    LetterType,
    Recipient,
    RecipientKind,
    Security,
    StepKind,
    StepState,
    Urgency,
    can_read,
    check_transition,
    content_hash,
    format_number,
    inbox_positions,
)
from chalicelib.domain.org import Level, Position

P = {p.code: p for p in [
    Position("O", "HEAD", "Kepala Dinas", Level.II, "O", None),
    Position("O", "KABID", "Kepala Bidang", Level.III, "BID", "HEAD"),
    Position("O", "KASI", "Kepala Seksi", Level.IV, "SEKSI", "KABID"),
    Position("O", "STAF", "Staf", Level.STAFF, "SEKSI", "KASI"),
    Position("O", "SEKRETARIS", "Sekretaris", Level.III, "SEKRET", "HEAD"),
]}


def _plan(drafter="STAF", signatory="HEAD", letter_type=LetterType.SURAT_DINAS, max_steps=3):
    return plan_chain(drafter, signatory, letter_type, P, max_steps, DEFAULT_SIGNING_AUTHORITY)


def test_the_chain_climbs_from_the_drafter_to_the_signatory():
    plan = _plan()
    assert [(s.position, s.kind) for s in plan.steps] == [("KASI", StepKind.REVIEW), ("KABID", StepKind.REVIEW),
                                                          ("HEAD", StepKind.SIGN)]
    assert plan.on_behalf_of is None and plan.by_order_of is None


def test_the_reviewers_nearest_the_signatory_are_kept_when_there_are_too_many():
    assert [s.position for s in _plan(max_steps=1).steps] == ["KABID", "HEAD"]
    assert [s.position for s in _plan(max_steps=0).steps] == ["HEAD"]


def test_a_drafter_who_signs_needs_no_step():
    assert _plan(drafter="HEAD").steps == []


def test_the_signatory_must_be_above_the_drafter():
    with pytest.raises(ValidationFailed) as error:
        _plan(signatory="SEKRETARIS")
    assert error.value.details[0]["field"] == "signatory"


def test_signing_authority_depends_on_the_type_and_is_configurable():
    with pytest.raises(ValidationFailed):
        _plan(signatory="KABID", letter_type=LetterType.SURAT_KEPUTUSAN)
    assert _plan(signatory="KASI").steps[-1].position == "KASI"
    strict = SigningAuthority.parse("surat_keputusan=II,*=III")
    with pytest.raises(ValidationFailed):
        plan_chain("STAF", "KASI", LetterType.SURAT_DINAS, P, 3, strict)
    assert strict.required(LetterType.SURAT_KEPUTUSAN) is Level.II


def test_below_the_head_a_signatory_signs_on_behalf_and_by_order():
    kabid = _plan(signatory="KABID")
    assert kabid.on_behalf_of == "Kepala Dinas" and kabid.by_order_of is None
    kasi = _plan(signatory="KASI")
    assert kasi.on_behalf_of == "Kepala Dinas" and kasi.by_order_of == "Kepala Bidang"


def test_deciding_moves_the_round_on_or_ends_it():
    steps = start_round(_plan().steps)
    assert [s.state for s in steps] == [StepState.CURRENT, StepState.PENDING, StepState.PENDING]
    after = decide_step(steps, 1, Decision.APPROVE, by="kasi", position="KASI", note=None, at="t")
    assert [s.state for s in after] == [StepState.APPROVED, StepState.CURRENT, StepState.PENDING]
    assert state_after(after[0], Decision.APPROVE) is LetterState.IN_REVIEW
    assert state_after(after[2], Decision.APPROVE) is LetterState.SENT
    assert state_after(after[1], Decision.REVISE) is LetterState.REVISION_REQUESTED
    assert state_after(after[1], Decision.REJECT) is LetterState.REJECTED


def test_the_lifecycle_refuses_impossible_transitions():
    check_transition(LetterState.REVISION_REQUESTED, LetterState.DRAFT)
    for current, target in [(LetterState.REJECTED, LetterState.IN_REVIEW), (LetterState.SENT, LetterState.DRAFT),
                            (LetterState.DRAFT, LetterState.SENT)]:
        with pytest.raises(Conflict):
            check_transition(current, target)


def test_revise_and_reject_need_a_note():
    check_note(Decision.APPROVE, None)
    with pytest.raises(ValidationFailed):
        check_note(Decision.REVISE, "  ")


def test_numbers_follow_the_orgs_format():
    assert format_number("{classification}/{seq}/{org_code}/{year}", classification="000.1.2", seq=17,
                         org_code="DISKOMINFOS", year=2026, month=11, unit_code=None) == "000.1.2/17/DISKOMINFOS/2026"
    assert format_number("{seq}/{unit_code}/{month}/{year}", classification="005", seq=3, org_code="X", year=2026,
                         month=11, unit_code="APTIKA") == "3/APTIKA/XI/2026"


def test_the_content_hash_ignores_key_order_but_not_content():
    assert content_hash({"a": 1, "b": "é"}) == content_hash({"b": "é", "a": 1})
    assert content_hash({"a": 1}) != content_hash({"a": 2})


def test_deadlines_per_urgency_are_configurable():
    assert DEFAULT_DEADLINES.of(Urgency.SANGAT_SEGERA) == 4 * 3600
    assert ReviewDeadlines.parse("biasa=30,segera=20,sangat_segera=10").of(Urgency.SEGERA) == 20
    with pytest.raises(ValueError):
        ReviewDeadlines.parse("biasa=30")


def _letter(security=Security.BIASA, state=LetterState.SENT):
    return Letter(id="L", org="O", type=LetterType.SURAT_DINAS, classification="000.1.2", subject="s", body="b",
                  addressees=[Recipient(RecipientKind.UNIT, "BID")], cc=[Recipient(RecipientKind.POSITION, "SEKRETARIS")],
                  signatory="HEAD", security=security, urgency=Urgency.BIASA, drafter="staf", drafter_position="STAF",
                  state=state, created_at="t", updated_at="t", steps=_plan().steps)


def _who(position=None, role=Role.EMPLOYEE, org="O"):
    return Principal(username="u", role=role, org=org, position=position)


def test_parties_read_a_letter_and_others_do_not():
    letter = _letter()
    assert can_read(letter, _who("KASI"), None) and can_read(letter, _who("SEKRETARIS"), None)
    assert can_read(letter, _who("X"), "BID")  # a member of the addressed unit
    assert not can_read(letter, _who("X"), "OTHER")
    assert can_read(letter, _who(None, Role.OPERATOR), None)
    assert not can_read(letter, _who("KASI", org="OTHER"), None)


def test_a_secret_letter_is_closed_to_the_orgs_operators_and_addressees_read_only_once_sent():
    assert not can_read(_letter(Security.RAHASIA), _who(None, Role.ADMIN), None)
    assert not can_read(_letter(state=LetterState.IN_REVIEW), _who("SEKRETARIS"), None)


def test_a_unit_is_delivered_to_its_highest_position():
    recipients = [Recipient(RecipientKind.UNIT, "SEKSI"), Recipient(RecipientKind.POSITION, "KASI"),
                  Recipient(RecipientKind.ORG, "OTHER")]
    assert inbox_positions(recipients, P) == ["KASI"]
