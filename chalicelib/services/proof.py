"""Public verification of signed letters: what the QR code on the PDF opens, and the check of a PDF file."""

from __future__ import annotations

import hashlib
from typing import Any

from chalicelib.adapters.archive_repo import ArchiveRepository, VerificationItem
from chalicelib.adapters.signer import Signer
from chalicelib.domain.errors import PayloadTooLarge, ValidationFailed
from chalicelib.domain.letters import Security, content_hash

MAX_PDF_BYTES = 10 * 1024 * 1024  # what API Gateway accepts in a request body


class ProofService:
    """Answers anyone holding a verification code: one GetItem (and one KMS Verify for the signature)."""

    def __init__(self, archive: ArchiveRepository, signer: Signer) -> None:
        self.archive = archive
        self.signer = signer

    @staticmethod
    def _public(item: VerificationItem) -> dict[str, Any]:
        document = item.document
        return {"code_valid": True, "number": item.number, "date": document.get("date"),
                "signed_at": item.signed_at, "org": item.org, "org_name": document.get("org_name")}

    def verify(self, code: str) -> dict[str, Any]:
        """Number, date, org and validity; for a plain (biasa) letter also signer, subject and hashes."""
        item = self.archive.verification(code)
        document = item.document
        hash_matches = content_hash(document) == item.content_hash
        pdf_hash_matches = (document.get("pdf") or {}).get("sha256") == item.pdf_sha256
        signature_valid = self.signer.verify(item.content_hash, item.signature, item.signing_key_id)
        result = {**self._public(item), "valid": hash_matches and pdf_hash_matches and signature_valid}
        if item.security != Security.BIASA.value:
            return {**result, "restricted": True}
        signer = document.get("signatory") or {}
        return {**result, "restricted": False, "subject": document.get("subject"),
                "signer": {"title": signer.get("title"), "name": signer.get("name"),
                           "on_behalf_of": signer.get("on_behalf_of")},
                "content_hash": item.content_hash, "hash_matches": hash_matches,
                "signature_valid": signature_valid, "pdf_sha256": item.pdf_sha256,
                "pdf_hash_matches": pdf_hash_matches}

    def check_file(self, code: str, data: bytes) -> dict[str, Any]:
        """Whether `data` is the signed original of the letter with this code (SHA-256 equal to the signed one)."""
        if not data:
            raise ValidationFailed.field("body", "send the PDF file as the request body")
        if len(data) > MAX_PDF_BYTES:
            raise PayloadTooLarge(f"at most {MAX_PDF_BYTES} bytes", details={"field": "body"})
        item = self.archive.verification(code)
        sha256 = hashlib.sha256(data).hexdigest()
        original = sha256 == item.pdf_sha256
        return {**self._public(item), "original": original, "sha256": sha256,
                "message": ("Berkas ini sama dengan dokumen asli yang ditandatangani." if original else
                            "Berkas ini BUKAN dokumen asli yang ditandatangani (isinya berbeda).")}
