import pytest

from chalicelib.domain import submissions as s
from chalicelib.domain.dispositions import check_targets, incoming_state_after
from chalicelib.domain.errors import Conflict, Forbidden, NotFound, ValidationFailed
from chalicelib.domain.identity import Principal, Role
from chalicelib.domain.incoming import IncomingState
from chalicelib.domain.org import Level, Position


def test_tracking_codes_have_no_look_alike_characters_and_read_back_in_any_case():
    codes = {s.new_tracking_code() for _ in range(500)}
    assert len(codes) == 500
    for code in codes:
        assert s.CODE_RE.match(code)
        assert not set(code[3:].replace("-", "")) & set("0O1IL2Z5S8BUVD")
        assert s.normalize_code(code.lower().replace("-", " ")) == code


def test_a_secret_is_checked_against_its_hash_only():
    secret = s.new_secret()
    stored = s.hash_secret(secret)
    assert secret not in stored
    s.check_secret(secret, stored)
    with pytest.raises(Forbidden):
        s.check_secret(secret + "x", stored)


def test_the_owner_proves_a_submission_by_account_and_anyone_else_finds_nothing():
    stored = s.hash_secret("a" * 32)
    s.check_proof(s.Proof(owner="warga"), stored, "warga")
    s.check_proof(s.Proof(secret="a" * 32), stored, "warga")  # the secret works for an owned one too
    for owner in ("warga", None):
        with pytest.raises(NotFound):
            s.check_proof(s.Proof(owner="usaha"), stored, owner)
    with pytest.raises(Forbidden):
        s.check_proof(s.Proof(secret="b" * 32), stored, "warga")
    with pytest.raises(Forbidden):
        s.owner_proof(Principal(username="operator.kominfo", role=Role.OPERATOR, org="DISKOMINFOS"))


def test_return_and_reject_need_a_reason_and_only_open_submissions_are_decided():
    assert s.check_decision(s.SubmissionState.RECEIVED, s.Decision.ACCEPT, None) is s.SubmissionState.ACCEPTED
    assert s.check_decision(s.SubmissionState.RESUBMITTED, s.Decision.RETURN, "KTP") is s.SubmissionState.RETURNED
    with pytest.raises(ValidationFailed):
        s.check_decision(s.SubmissionState.RECEIVED, s.Decision.REJECT, "  ")
    with pytest.raises(Conflict):
        s.check_decision(s.SubmissionState.RETURNED, s.Decision.ACCEPT, None)


def test_only_a_returned_submission_is_resubmitted():
    assert s.check_resubmit(s.SubmissionState.RETURNED) is s.SubmissionState.RESUBMITTED
    with pytest.raises(Conflict):
        s.check_resubmit(s.SubmissionState.ACCEPTED)


def test_contacts_are_counted_by_hash_with_phone_numbers_normalised():
    assert s.contact_keys(None, "081234567890") == s.contact_keys(None, "+62 812-3456-7890")
    assert "sukma" not in "".join(s.contact_keys("Sukma@Example.com", None))
    assert s.e164("081234567890") == "+6281234567890"


def _positions():
    rows = [("KADIS", "II", None), ("KABID", "III", "KADIS"), ("SEKRETARIS", "III", "KADIS"),
            ("KASI", "IV", "KABID"), ("STAF", "staff", "KASI")]
    return {code: Position(org="O", code=code, title=code, level=Level(level), reports_to=up) for code, level, up in rows}


def test_a_disposition_goes_only_below_the_caller():
    check_targets("KADIS", ["KABID", "STAF"], _positions())
    check_targets("KABID", ["KASI"], _positions())
    for caller, target in [("KABID", "SEKRETARIS"), ("KABID", "KADIS"), ("KABID", "KABID")]:
        with pytest.raises(Forbidden):
            check_targets(caller, [target], _positions())


def test_the_incoming_letter_follows_its_dispositions():
    assert incoming_state_after(IncomingState.REGISTERED, 1, 0) is IncomingState.DISPOSED
    assert incoming_state_after(IncomingState.DISPOSED, 2, 0, further=True) is IncomingState.IN_PROGRESS
    assert incoming_state_after(IncomingState.IN_PROGRESS, 1, 1) is IncomingState.IN_PROGRESS
    assert incoming_state_after(IncomingState.IN_PROGRESS, 0, 2) is IncomingState.DONE
    assert incoming_state_after(IncomingState.DISPOSED, 0, 0) is IncomingState.REGISTERED
