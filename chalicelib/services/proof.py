"""Public verification of signed letters: what the QR code on the PDF opens, and the check of a PDF file.

Every letter carries the institution's KMS seal over its content hash; a letter signed with a certified
signature (TTE) also carries a PAdES signature inside its PDF, validated here with pyHanko against BSrE's roots,
offline: who signed (certificate subject and issuer), when (the TSA's time) and whether the file changed since.
"""

from __future__ import annotations

import hashlib
from typing import Any

from chalicelib.adapters import pades
from chalicelib.adapters.files import letter_pdf_key
from chalicelib.domain.errors import PayloadTooLarge, ValidationFailed
from chalicelib.domain.letter_records import Verification
from chalicelib.domain.letters import Security, content_hash
from chalicelib.domain.signatures import KIND_LABEL, SignatureKind
from chalicelib.services.letters_ports import ArchiveRepo, FileStore, Signer
from chalicelib.services.signer_port import CertifiedChoice

MAX_PDF_BYTES = 10 * 1024 * 1024  # what API Gateway accepts in a request body


def signature_kind(document: dict[str, Any]) -> SignatureKind:
    """Which kind of signature a signed document says its letter carries."""
    kind = (document.get("signature") or {}).get("kind")
    return SignatureKind.CERTIFIED if kind == SignatureKind.CERTIFIED.value else SignatureKind.SEAL


class ProofService:
    """Answers anyone holding a verification code: one GetItem (and one KMS Verify for the signature); a
    certified letter's PDF is read from the archive and its embedded signature validated.
    """

    def __init__(self, archive_repo: ArchiveRepo, signer: Signer, files: FileStore | None = None,
                 certified: CertifiedChoice | None = None) -> None:
        self.archive_repo = archive_repo
        self.signer = signer
        self.files = files
        self.certified = certified

    @staticmethod
    def _public(item: Verification) -> dict[str, Any]:
        document = item.document
        kind = signature_kind(document)
        return {"code_valid": True, "number": item.number, "date": document.get("date"),
                "signed_at": item.signed_at, "org": item.org, "org_name": document.get("org_name"),
                "signature_kind": kind.value, "signature_label": KIND_LABEL[kind]}

    def _trust_roots(self) -> list[str]:
        service = self.certified.service if self.certified else None
        roots = getattr(service, "trust_roots", None)
        return roots() if roots else []

    def _embedded(self, data: bytes) -> dict[str, Any]:
        return pades.validate(data, self._trust_roots()).view()

    def verify(self, code: str) -> dict[str, Any]:
        """Number, date, org and validity; for a plain (biasa) letter also signer, subject and hashes; for a
        certified signature the validation of the signature embedded in the archived PDF.
        """
        item = self.archive_repo.verification(code)
        document = item.document
        hash_matches = content_hash(document) == item.content_hash
        pdf_hash_matches = (document.get("pdf") or {}).get("sha256") == item.pdf_sha256
        signature_valid = self.signer.verify(item.content_hash, item.signature, item.signing_key_id)
        valid = hash_matches and pdf_hash_matches and signature_valid
        certified = None
        if signature_kind(document) is SignatureKind.CERTIFIED and self.files is not None:
            data = self.files.get(letter_pdf_key(item.letter_id))
            certified = self._embedded(data)
            valid = valid and certified["unchanged"] and certified["trusted"] and \
                hashlib.sha256(data).hexdigest() == item.pdf_sha256
        result = {**self._public(item), "valid": valid}
        if item.security != Security.BIASA.value:
            return {**result, "restricted": True}
        signer = document.get("signatory") or {}
        return {**result, "restricted": False, "subject": document.get("subject"),
                "signer": {"title": signer.get("title"), "name": signer.get("name"),
                           "on_behalf_of": signer.get("on_behalf_of")},
                "content_hash": item.content_hash, "hash_matches": hash_matches,
                "signature_valid": signature_valid, "pdf_sha256": item.pdf_sha256,
                "pdf_hash_matches": pdf_hash_matches, "certified": certified}

    def check_file(self, code: str, data: bytes) -> dict[str, Any]:
        """Whether `data` is the signed original of the letter with this code (SHA-256 equal to the signed one);
        a certified letter's file also has its embedded signature validated (intact, trusted, unchanged).
        """
        if not data:
            raise ValidationFailed.field("body", "send the PDF file as the request body")
        if len(data) > MAX_PDF_BYTES:
            raise PayloadTooLarge(f"at most {MAX_PDF_BYTES} bytes", details={"field": "body"})
        item = self.archive_repo.verification(code)
        sha256 = hashlib.sha256(data).hexdigest()
        original = sha256 == item.pdf_sha256
        certified = (self._embedded(data) if signature_kind(item.document) is SignatureKind.CERTIFIED else None)
        return {**self._public(item), "original": original, "sha256": sha256, "certified": certified,
                "message": ("Berkas ini sama dengan dokumen asli yang ditandatangani." if original else
                            "Berkas ini BUKAN dokumen asli yang ditandatangani (isinya berbeda).")}
