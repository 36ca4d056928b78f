"""Validation of the certified signature embedded in a signed PDF (PAdES) with pyHanko, offline.

Trust comes only from the roots given (BSrE's, from the signing service's secret); nothing is fetched from the
network, so a verification answers in the same time whether or not a CA's servers are reachable.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Any

from chalicelib.domain.signatures import mask_nik


@dataclass(frozen=True)
class EmbeddedSignature:
    """What pyHanko says about the last signature of a PDF."""

    present: bool
    intact: bool = False  # the signed bytes hash to what was signed
    valid: bool = False  # the cryptographic signature checks
    trusted: bool = False  # the signer's chain ends at a trusted root
    covers_whole_file: bool = False  # nothing was added after the signature
    timestamped: bool = False  # a timestamp token of a trusted TSA is embedded
    signer_name: str | None = None
    subject: str | None = None
    issuer: str | None = None
    serial: str | None = None
    signed_at: str | None = None

    @property
    def unchanged(self) -> bool:
        """The document is exactly as it was signed."""
        return self.present and self.intact and self.valid and self.covers_whole_file

    def view(self) -> dict[str, Any]:
        """The JSON shown by the verification page."""
        return {"present": self.present, "intact": self.intact, "valid": self.valid, "trusted": self.trusted,
                "unchanged": self.unchanged, "timestamped": self.timestamped, "signer_name": self.signer_name,
                "certificate_subject": self.subject, "certificate_issuer": self.issuer, "serial": self.serial,
                "signed_at": self.signed_at}


def certificate_names(cert: Any) -> tuple[str, str, str, str]:
    """Common name, subject, issuer (human-readable) and serial (hex) of an asn1crypto certificate; a NIK in a
    name (16 digits) is shown masked, as everywhere else.
    """
    return (cert.subject.native.get("common_name", ""), _masked(cert.subject.human_friendly),
            _masked(cert.issuer.human_friendly), format(cert.serial_number, "x"))


def _masked(name: str) -> str:
    return re.sub(r"\d{16}", lambda m: mask_nik(m.group(0)), name)


def validate(data: bytes, trust_roots_pem: list[str]) -> EmbeddedSignature:
    """Validate the last signature of `data` against `trust_roots_pem`; a PDF without one is `present=False`."""
    from asn1crypto import pem, x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.general import SigningError
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    roots = [x509.Certificate.load(pem.unarmor(r.encode())[2]) for r in trust_roots_pem]
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = reader.embedded_signatures
    except Exception:  # noqa: BLE001 - not a PDF pyHanko can read: it carries no signature we can check
        return EmbeddedSignature(present=False)
    if not signatures:
        return EmbeddedSignature(present=False)
    context = ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail")
    try:
        status = validate_pdf_signature(signatures[-1], context, ts_validation_context=context)
    except (SigningError, ValueError) as exc:  # a damaged signature dictionary or CMS structure
        del exc
        return EmbeddedSignature(present=True)
    name, subject, issuer, serial = certificate_names(status.signing_cert)
    stamp = status.timestamp_validity
    signed_at = stamp.timestamp if stamp is not None else status.signer_reported_dt
    return EmbeddedSignature(
        present=True, intact=status.intact, valid=status.valid, trusted=status.trusted,
        covers_whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        timestamped=stamp is not None and stamp.intact and stamp.valid and stamp.trusted,
        signer_name=name, subject=subject, issuer=issuer, serial=serial,
        signed_at=signed_at.isoformat() if signed_at else None)
