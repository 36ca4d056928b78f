"""The signed letter as PDF (fpdf2: pure Python wheels, runs in Lambda) with a QR code to the public
verification page (segno), drawn block by block: letterhead, body, signature. Both libraries are imported on
first use only: they cost a quarter of a second to import and only signing needs them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from chalicelib.adapters.pdf.fonts import SANS, clean, register_fonts
from chalicelib.adapters.pdf.layouts import draw_letter
from chalicelib.adapters.pdf.letterhead import draw_letterhead
from chalicelib.adapters.pdf.signature import qr_png
from chalicelib.domain.document import LetterDocument
from chalicelib.domain.signatures import SignatureBox

__all__ = ["RenderedLetter", "qr_png", "render_letter", "render_letter_pages"]


@dataclass(frozen=True)
class RenderedLetter:
    """The PDF bytes of a letter, how many pages it has, and where a visible certified signature goes."""

    data: bytes
    pages: int
    signature_box: SignatureBox | None = None


def render_letter(doc: LetterDocument, created: datetime | None = None, logo: bytes | None = None) -> bytes:
    """The letter on A4 in the layout of an Indonesian official letter; returns the PDF bytes."""
    return render_letter_pages(doc, created, logo).data


def render_letter_pages(doc: LetterDocument, created: datetime | None = None,
                        logo: bytes | None = None) -> RenderedLetter:
    """The letter's PDF and page count. With `created` (the signing time) the bytes are the same on every
    rendering of the same document (and logo), so a lost archive copy can be rendered again and checked by
    its SHA-256.
    """
    pdf = _new_pdf(doc, created)
    width = pdf.w - pdf.l_margin - pdf.r_margin
    draw_letterhead(pdf, doc, width, logo)
    box = draw_letter(pdf, doc, width)
    return RenderedLetter(bytes(pdf.output()), pdf.pages_count, box)


def _new_pdf(doc: LetterDocument, created: datetime | None) -> Any:
    """An A4 page with the verification footer and the document's metadata."""
    from fpdf import FPDF

    footer = clean(f"Dokumen ini ditandatangani secara elektronik. Keaslian dapat diperiksa dengan memindai kode QR "
                   f"atau di {doc.verification_url} (kode verifikasi {doc.verification_code}).")

    class _LetterPdf(FPDF):
        def footer(self) -> None:
            self.set_y(-18)
            self.set_font(SANS, "I", 7.5)
            self.multi_cell(0, 3.5, footer, align="C")

    pdf = _LetterPdf(format="A4", unit="mm")
    register_fonts(pdf)
    if created is not None:
        pdf.set_creation_date(created)
    pdf.set_title(clean(f"{doc.number} - {doc.subject}"))
    pdf.set_author(clean(doc.org_name))
    pdf.set_subject(clean(doc.subject))
    pdf.set_creator("Kantor Virtual")
    pdf.set_keywords(f"verification:{doc.verification_code}")
    pdf.set_margins(25, 20, 20)
    pdf.set_auto_page_break(auto=True, margin=30)
    pdf.add_page()
    return pdf
