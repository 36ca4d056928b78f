"""Certified signatures: who signs with one, how a NIK is shown, how the signing service's refusals are named."""

from __future__ import annotations

import pytest

from chalicelib.adapters.bsre import BsreClient
from chalicelib.api.errors import status_of
from chalicelib.domain.signatures import (
    CertificateNotValid,
    SignerNotEnrolled,
    SigningUnavailable,
    WrongPassphrase,
    mask_nik,
)
from chalicelib.services.signer_port import CertifiedChoice


class Enrolled:
    def enrolled_nik(self, username: str) -> str | None:
        return {"sekda": "5171011201680006"}.get(username)


def test_a_nik_is_shown_with_only_its_first_four_and_last_two_digits():
    assert mask_nik("5171011201680006") == "5171**********06"
    assert mask_nik("123") == "***"


def test_only_enrolled_signers_of_the_configured_orgs_sign_with_a_certified_signature():
    choice = CertifiedChoice(("SETDA",), Enrolled())
    assert choice.nik_of("SETDA", "sekda") == "5171011201680006"
    assert choice.nik_of("SETDA", "asisten1") is None, "no certificate yet: the seal alone"
    assert choice.nik_of("DISKOMINFOS", "sekda") is None, "an org without certified signatures"
    assert CertifiedChoice(("SETDA",), None).nik_of("SETDA", "sekda") is None


@pytest.mark.parametrize(("status", "body", "error", "http"), [
    (400, {"status_code": 2031, "error": "Passphrase salah"}, WrongPassphrase, 400),
    (404, {"status_code": 1110}, SignerNotEnrolled, 409),
    (400, {"status_code": 2021}, CertificateNotValid, 409),
    (401, {"status_code": 4010}, SigningUnavailable, 503),
    (503, {}, SigningUnavailable, 503),
])
def test_each_refusal_of_the_service_is_a_named_error_with_its_status(status, body, error, http):
    with pytest.raises(error) as raised:
        BsreClient._raise_for(status, body)
    assert status_of(raised.value) == http
