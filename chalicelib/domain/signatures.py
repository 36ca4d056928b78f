"""Kinds of electronic signature on a letter and the refusals of a certified signing service (pure rules).

A letter carries the institution's KMS *seal* (segel elektronik instansi, an uncertified signature under PP
71/2019) and, where its signer is enrolled with BSrE, a *certified* signature (TTE tersertifikasi) embedded in the
PDF as PAdES. The refusals below are raised by the signing adapter and mapped to HTTP in `api/errors.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from chalicelib.domain.errors import Conflict, ServiceUnavailable, ValidationFailed


class SignatureKind(StrEnum):
    """What kind of signature a letter carries."""

    SEAL = "segel"  # the institution's KMS seal over the content hash
    CERTIFIED = "tte"  # a certified signature of the person, embedded in the PDF (PAdES)


KIND_LABEL = {
    SignatureKind.SEAL: "Segel elektronik instansi (tanda tangan elektronik tidak tersertifikasi)",
    SignatureKind.CERTIFIED: "Tanda tangan elektronik tersertifikasi (BSrE)",
}


class PassphraseRequired(ValidationFailed):
    """The signer signs with a certified signature: the decision must carry their passphrase."""

    code = "passphrase_required"


class WrongPassphrase(ValidationFailed):
    """The signing service refused the passphrase."""

    code = "wrong_passphrase"


class SignerNotEnrolled(Conflict):
    """The signer has no certificate at the signing service (not registered, or no NIK on file)."""

    code = "signer_not_enrolled"


class CertificateNotValid(Conflict):
    """The signer's certificate is expired, revoked or suspended."""

    code = "certificate_not_valid"


class SigningUnavailable(ServiceUnavailable):
    """The signing service is down, refused our client credentials, or did not answer in time."""

    code = "signing_unavailable"


@dataclass(frozen=True)
class SignatureBox:
    """Where the visible signature goes: page (1-based) and a rectangle in PDF points from the lower left."""

    page: int
    x: float
    y: float
    width: float
    height: float


def mask_nik(nik: str) -> str:
    """A NIK (16 digits) as it may be shown: the first four and last two digits, the rest hidden."""
    digits = "".join(c for c in nik if c.isdigit())
    if len(digits) < 8:
        return "*" * len(digits)
    return digits[:4] + "*" * (len(digits) - 6) + digits[-2:]


@dataclass(frozen=True)
class CertifiedPdf:
    """A PDF with a certified signature embedded, and what its certificate says."""

    data: bytes
    signer_name: str
    subject: str
    issuer: str
    serial: str
    signed_at: str  # the timestamp authority's time, ISO 8601
