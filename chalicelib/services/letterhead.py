"""Use cases of an org's letterhead (kop surat): read and edit its lines, upload or remove its logo, preview it on
a sample letter; and, for signing, the letterhead in force and the letter's PDF drawn with it.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping
from dataclasses import replace
from datetime import date, datetime
from typing import Any, Protocol

from chalicelib.adapters import pdf
from chalicelib.domain.document import LetterDocument, letter_document
from chalicelib.domain.errors import ValidationFailed
from chalicelib.domain.identity import Principal, require_org_admin
from chalicelib.domain.letterhead import Letterhead, Logo, check_logo, default_letterhead, edited
from chalicelib.domain.org import Org
from chalicelib.domain.timefmt import iso, now_wita


class LetterheadRepo(Protocol):
    """Where org letterheads are kept."""

    def with_org(self, org: str) -> tuple[Letterhead | None, Org]:
        """The org's own letterhead (None when it never set one) and the org's details; NotFound: no such org."""

    def save(self, letterhead: Letterhead) -> None:
        """Store the org's letterhead."""


class LogoRepo(Protocol):
    """Where logo images are kept, by digest."""

    def put(self, logo: Logo, data: bytes) -> None:
        """Keep a checked logo."""

    def get(self, sha256: str, content_type: str) -> bytes:
        """A kept logo's bytes."""



class Letterheads:
    """An org's letterhead: its admin's settings and what a signed letter prints."""

    def __init__(self, letterhead_repo: LetterheadRepo, logo_repo: LogoRepo, government: str) -> None:
        self.letterhead_repo = letterhead_repo
        self.logo_repo = logo_repo
        self.government = government

    def current(self, org: str) -> Letterhead:
        """The org's own letterhead or, when it has none, the default from its details (NotFound: no such org)."""
        own, details = self.letterhead_repo.with_org(org)  # one read: a letter signed now prints it
        return own if own is not None else default_letterhead(details, self.government)

    def view(self, principal: Principal, org: str) -> dict[str, Any]:
        """The letterhead as its org's admin (or the province admin) edits it."""
        require_org_admin(principal, org)
        return letterhead_view(self.current(org))

    def update(self, principal: Principal, org: str, fields: dict[str, Any]) -> dict[str, Any]:
        """Replace the letterhead's lines (the logo stays); letters signed from now on print them."""
        require_org_admin(principal, org)
        letterhead = edited(self.current(org), fields, at=iso(now_wita()), by=principal.username)
        self.letterhead_repo.save(letterhead)
        return letterhead_view(letterhead)

    def upload_logo(self, principal: Principal, org: str, data: bytes) -> dict[str, Any]:
        """Check an image (PNG or JPEG by its bytes, size, dimensions, and that it really draws) and make it the
        letterhead's logo.
        """
        require_org_admin(principal, org)
        logo = check_logo(data, hashlib.sha256(data).hexdigest())
        current = self.current(org)
        try:
            render_sample(current, data)
        except Exception as exc:  # a corrupt image behind a valid header: the PDF library cannot draw it
            raise ValidationFailed.field("body", "the image cannot be read") from exc
        self.logo_repo.put(logo, data)
        return self._save(current, logo, principal)

    def remove_logo(self, principal: Principal, org: str) -> dict[str, Any]:
        """Letters signed from now on print no logo."""
        require_org_admin(principal, org)
        return self._save(self.current(org), None, principal)

    def _save(self, current: Letterhead, logo: Logo | None, principal: Principal) -> dict[str, Any]:
        letterhead = replace(current, logo=logo, updated_at=iso(now_wita()), updated_by=principal.username)
        self.letterhead_repo.save(letterhead)
        return letterhead_view(letterhead)

    def preview(self, principal: Principal, org: str) -> dict[str, Any]:
        """A sample letter with the letterhead as PDF (base64), as the next signed letter will print it, and the logo."""
        require_org_admin(principal, org)
        letterhead = self.current(org)
        logo = self.logo_repo.get(letterhead.logo.sha256, letterhead.logo.content_type) if letterhead.logo else None
        rendered = render_sample(letterhead, logo)
        return {"content_type": "application/pdf", "pages": rendered.pages,
                "pdf_base64": base64.b64encode(rendered.data).decode("ascii"),
                "logo_base64": base64.b64encode(logo).decode("ascii") if logo else None}

    def printed(self, org: str) -> dict[str, Any]:
        """The letterhead's part of a letter signed now (see `domain.document.printed_fields`)."""
        return self.current(org).printed()

    def render(self, document: Mapping[str, Any], created: datetime) -> pdf.RenderedLetter:
        """A signed document's PDF, with the logo its printed letterhead names."""
        logo = document["printed"].get("logo")
        data = self.logo_repo.get(logo["sha256"], logo["content_type"]) if logo else None
        return pdf.render_letter_pages(letter_document(document), created=created, logo=data)


def letterhead_view(letterhead: Letterhead) -> dict[str, Any]:
    """The letterhead as the API shows it."""
    logo = letterhead.logo
    return {"org": letterhead.org, "government": letterhead.government, "org_name": letterhead.org_name,
            "address": letterhead.address, "contact": letterhead.contact, "balinese": letterhead.balinese,
            "logo": {"sha256": logo.sha256, "content_type": logo.content_type, "width": logo.width,
                     "height": logo.height} if logo else None,
            "custom": letterhead.updated_at is not None, "updated_at": letterhead.updated_at,
            "updated_by": letterhead.updated_by}


def render_sample(letterhead: Letterhead, logo: bytes | None) -> pdf.RenderedLetter:
    """A sample letter (CONTOH) under the letterhead."""
    printed = letterhead.printed()
    doc = LetterDocument(
        government=printed["government"], org_name=letterhead.org_name, org_address=printed["org_address"],
        city="Denpasar", signed_on=date(2026, 1, 2), number="000/000/CONTOH/2026", letter_type="surat_dinas",
        security="biasa", attachments_count=0, subject="Contoh kop surat",
        addressees=["Penerima Contoh"], body="Ini contoh surat untuk melihat kop surat sebelum dipakai.",
        signer_title="Kepala", signer_name="Nama Pejabat", signer_nip=None,
        verification_url="https://contoh.invalid/public/verify/CONTOH", verification_code="CONTOH",
        org_contact=printed["org_contact"], balinese_line=printed["balinese_line"],
    )
    return pdf.render_letter_pages(doc, logo=logo)
