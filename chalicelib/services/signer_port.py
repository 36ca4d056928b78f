"""The port through which letters get a certified signature, and the rule that chooses it.

Two adapters sign letters: the KMS seal (`adapters/signer.py`, every letter, over the content hash) and a
certified signing service (`adapters/bsre.py`, BSrE's API) that embeds a PAdES signature of the person in the
PDF. Which one a signer uses is chosen per org (`CERTIFIED_SIGNING_ORGS`) and per person: an official of such an
org without an enrolled certificate (no NIK on file) signs with the seal alone.
"""

from __future__ import annotations

from typing import Protocol

from chalicelib.domain.signatures import CertifiedPdf, SignatureBox


class CertifiedSigner(Protocol):
    """A certified signing service (BSrE or its local stand-in)."""

    def enrolled_nik(self, username: str) -> str | None:
        """The NIK a user signs with, or None when they have no certificate on file."""

    def check(self, nik: str) -> None:
        """Raise unless the signer's certificate can sign now (not enrolled, expired, revoked, service down)."""

    def sign_pdf(self, data: bytes, nik: str, passphrase: str, box: SignatureBox, *, reason: str,
                 location: str) -> CertifiedPdf:
        """The PDF signed (PAdES, timestamped) with a visible signature in `box`; raises the refusals."""


class CertifiedChoice:
    """Who signs with a certified signature: enrolled users of the orgs configured for it."""

    def __init__(self, orgs: tuple[str, ...], service: CertifiedSigner | None) -> None:
        self.orgs = orgs
        self.service = service

    def nik_of(self, org: str, username: str | None) -> str | None:
        """The NIK `username` signs letters of `org` with, or None: the letter gets the KMS seal only."""
        if self.service is None or org not in self.orgs or not username:
            return None
        return self.service.enrolled_nik(username)
