"""Certified signatures (TTE) in signing: the certified signing call, a refusal on the letter's trail, and what
the signed document records of a certified signature.
"""

from __future__ import annotations

from typing import Any

from chalicelib.adapters import pdf
from chalicelib.domain.identity import Principal
from chalicelib.domain.letter_records import LetterRecord
from chalicelib.domain.signatures import (
    CertificateNotValid,
    CertifiedPdf,
    PassphraseRequired,
    SignatureKind,
    SignerNotEnrolled,
    SigningUnavailable,
    WrongPassphrase,
)
from chalicelib.domain.timefmt import iso, now_wita
from chalicelib.services.letters_common import LetterAccess, logger
from chalicelib.services.signer_port import CertifiedChoice

# What a certified signing can be refused for: the letter keeps its number and waits for the signatory.
REFUSALS = (PassphraseRequired, WrongPassphrase, SignerNotEnrolled, CertificateNotValid, SigningUnavailable)


def certified_copy_key(letter_id: str, pdf_sha256: str) -> str:
    """Where a certified PDF is kept before its letter commits as signed: by its hash, so a retry that loses the
    race for the commit never overwrites the PDF the letter records (the archive copy is made after the commit).
    """
    return f"letters/{letter_id}/certified-{pdf_sha256}.pdf"


def is_certified(document: dict[str, Any] | None) -> bool:
    """Whether a signed document carries a certified signature (TTE) in its PDF."""
    return ((document or {}).get("signature") or {}).get("kind") == SignatureKind.CERTIFIED.value


def certified_view(certified: CertifiedPdf) -> dict[str, Any]:
    """What the signed document records of a certified signature (shown by the verification page)."""
    return {"kind": SignatureKind.CERTIFIED.value, "signer_name": certified.signer_name,
            "certificate_subject": certified.subject, "certificate_issuer": certified.issuer,
            "serial": certified.serial, "signed_at": certified.signed_at}


def certify(certified: CertifiedChoice, rendered: pdf.RenderedLetter, org: str, holder: str | None,
            passphrase: str | None, number: str, city: str) -> CertifiedPdf:
    """The rendered PDF signed by the certified signing service, its visible block beside the QR code."""
    nik = certified.nik_of(org, holder)
    if certified.service is None or nik is None:
        raise SignerNotEnrolled("Penanda tangan tidak lagi memiliki sertifikat elektronik terdaftar.")
    if not passphrase:
        raise PassphraseRequired.field("passphrase", "surat ini menunggu tanda tangan elektronik "
                                                     "tersertifikasi: masukkan passphrase TTE Anda")
    assert rendered.signature_box is not None
    return certified.service.sign_pdf(rendered.data, nik, passphrase, rendered.signature_box,
                                      reason=f"Penandatanganan naskah dinas nomor {number}", location=city)


def record_refusal(access: LetterAccess, record: LetterRecord, principal: Principal, refusal: Exception) -> None:
    """The reason a certified signature was refused, on the letter's trail (the letter keeps waiting)."""
    current = access.letter_repo.get(record.letter.id)
    message = getattr(refusal, "message", str(refusal))
    now = iso(now_wita())
    tx = access.transaction()
    updated = access.letter_repo.record_event(tx, current, access.event(
        principal, "signing_refused", current.letter, at=now, note=message,
        data={"code": getattr(refusal, "code", "error")}))
    access.letter_repo.save(tx, updated)
    try:
        tx.commit()
    except Exception:  # noqa: BLE001 - the refusal itself is what the signatory is told
        logger.exception("refusal not recorded", extra={"letter_id": record.letter.id})

