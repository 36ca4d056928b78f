"""The signed letter as PDF (fpdf2: pure Python wheels, runs in Lambda) with a QR code to the public
verification page (segno). Both libraries are imported on first use only: they cost a quarter of a
second to import and only signing needs them.
"""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from chalicelib.domain.document import LetterDocument, attachments_line
from chalicelib.domain.signatures import SignatureBox

ADDRESSEES_ON_FIRST_PAGE = 8  # more are printed as a lampiran (daftar penerima) after the letter
_REPLACEMENTS = {"\u2013": "-", "\u2014": "-", "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                 "\u2026": "...", "\u00a0": " "}


def _latin1(text: str) -> str:
    """The PDF core fonts speak Latin-1: normalise typographic characters, drop what cannot be printed."""
    text = "".join(_REPLACEMENTS.get(ch, ch) for ch in text)
    text = unicodedata.normalize("NFKC", text)
    return text.encode("latin-1", errors="replace").decode("latin-1")


def qr_png(payload: str) -> bytes:
    """A QR code (error correction M) as PNG bytes."""
    import segno

    buffer = io.BytesIO()
    segno.make(payload, error="m", micro=False).save(buffer, kind="png", scale=4, border=2)
    return buffer.getvalue()


@dataclass(frozen=True)
class RenderedLetter:
    """The PDF bytes of a letter, how many pages it has, and where a visible certified signature goes."""

    data: bytes
    pages: int
    signature_box: SignatureBox | None = None


def render_letter(doc: LetterDocument, created: datetime | None = None) -> bytes:
    """The letter on A4 in the layout of an Indonesian official letter; returns the PDF bytes."""
    return render_letter_pages(doc, created).data


def render_letter_pages(doc: LetterDocument, created: datetime | None = None) -> RenderedLetter:
    """The letter's PDF and page count. With `created` (the signing time) the bytes are the same on every
    rendering of the same document, so a lost archive copy can be rendered again and checked by its SHA-256.
    """
    pdf = _new_pdf(doc, created)
    width = pdf.w - pdf.l_margin - pdf.r_margin
    _letterhead(pdf, doc, width)
    _heading(pdf, doc, width)
    _body(pdf, doc, width)
    box = _signature(pdf, doc, width)
    _copies(pdf, doc, width)
    _addressee_list(pdf, doc, width)
    return RenderedLetter(bytes(pdf.output()), pdf.pages_count, box)


def _new_pdf(doc: LetterDocument, created: datetime | None) -> Any:
    """An A4 page with the verification footer and the document's metadata."""
    from fpdf import FPDF

    footer = _latin1(f"Dokumen ini ditandatangani secara elektronik. Keaslian dapat diperiksa dengan memindai kode QR "
                     f"atau di {doc.verification_url} (kode verifikasi {doc.verification_code}).")

    class _LetterPdf(FPDF):
        def footer(self) -> None:
            self.set_y(-18)
            self.set_font("helvetica", "I", 7.5)
            self.multi_cell(0, 3.5, footer, align="C")

    pdf = _LetterPdf(format="A4", unit="mm")
    if created is not None:
        pdf.set_creation_date(created)
    pdf.set_title(_latin1(f"{doc.number} - {doc.subject}"))
    pdf.set_author(_latin1(doc.org_name))
    pdf.set_subject(_latin1(doc.subject))
    pdf.set_creator("Kantor Virtual")
    pdf.set_keywords(f"verification:{doc.verification_code}")
    pdf.set_margins(25, 20, 20)
    pdf.set_auto_page_break(auto=True, margin=30)
    pdf.add_page()
    return pdf


def _letterhead(pdf: Any, doc: LetterDocument, width: float) -> None:
    """The letterhead (kop surat): government, org, address and contact over a double rule."""
    pdf.set_font("helvetica", "B", 13)
    pdf.cell(width, 6, _latin1(doc.government.upper()), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", "B", 12)
    pdf.multi_cell(width, 6, _latin1(doc.org_name.upper()), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", "", 9)
    pdf.multi_cell(width, 4.5, _latin1(doc.org_address), align="C", new_x="LMARGIN", new_y="NEXT")
    if doc.org_contact:
        pdf.multi_cell(width, 4.5, _latin1(doc.org_contact), align="C", new_x="LMARGIN", new_y="NEXT")
    y = pdf.get_y() + 1.5
    pdf.set_line_width(0.8)
    pdf.line(pdf.l_margin, y, pdf.l_margin + width, y)
    pdf.set_line_width(0.2)
    pdf.line(pdf.l_margin, y + 1.2, pdf.l_margin + width, y + 1.2)
    pdf.set_y(y + 5)


def _heading(pdf: Any, doc: LetterDocument, width: float) -> None:
    """Title, place and date, number, security, attachments, subject and the addressees."""
    pdf.set_font("helvetica", "", 11)
    if doc.title:
        pdf.set_font("helvetica", "B", 12)
        pdf.cell(width, 6, _latin1(doc.title), align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("helvetica", "", 11)
    pdf.cell(width, 6, _latin1(doc.place_and_date), align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    for label, value in (("Nomor", doc.number), ("Sifat", doc.security_label),
                         ("Lampiran", attachments_line(doc.attachments_count)), ("Hal", doc.subject)):
        pdf.cell(25, 6, label)
        pdf.cell(4, 6, ":")
        pdf.multi_cell(width - 29, 6, _latin1(value), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)

    pdf.cell(width, 6, "Yth.", new_x="LMARGIN", new_y="NEXT")
    if len(doc.addressees) > ADDRESSEES_ON_FIRST_PAGE:
        pdf.multi_cell(width, 6, _latin1(f"Daftar terlampir ({len(doc.addressees)} penerima)"), new_x="LMARGIN",
                       new_y="NEXT")
    else:
        for addressee in doc.addressees:
            pdf.multi_cell(width, 6, _latin1(addressee), new_x="LMARGIN", new_y="NEXT")
    pdf.cell(width, 6, _latin1(f"di {doc.city}"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)


def _body(pdf: Any, doc: LetterDocument, width: float) -> None:
    """The body, one justified paragraph per line of text."""
    for paragraph in doc.body.split("\n"):
        if paragraph.strip():
            pdf.multi_cell(width, 6, _latin1(paragraph.strip()), align="J", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
    pdf.ln(4)


def _signature(pdf: Any, doc: LetterDocument, width: float) -> SignatureBox:
    """The signature block in the right half: a.n./u.b. lines, title, QR code, name and NIP; returns the space
    beside the QR code, under its caption, where a certified signature shows its visible block.
    """
    if pdf.get_y() > pdf.h - 90:
        pdf.add_page()
    block_x = pdf.l_margin + width / 2
    block_w = width / 2
    if doc.on_behalf_of:
        pdf.set_x(block_x)
        pdf.multi_cell(block_w, 6, _latin1(f"a.n. {doc.on_behalf_of}"), align="L", new_x="LMARGIN", new_y="NEXT")
        if doc.by_order_of:  # "a.n. Kepala Dinas / Kepala Bidang … / u.b. / Kepala Seksi …,"
            for line in (doc.by_order_of, "u.b."):
                pdf.set_x(block_x)
                pdf.multi_cell(block_w, 6, _latin1(line), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_x(block_x)
    pdf.multi_cell(block_w, 6, _latin1(f"{doc.signer_title},"), align="L", new_x="LMARGIN", new_y="NEXT")
    qr_y = pdf.get_y() + 1
    pdf.image(io.BytesIO(qr_png(doc.verification_url)), x=block_x, y=qr_y, w=24, h=24, link=doc.verification_url)
    pdf.set_xy(block_x + 26, qr_y + 6)
    pdf.set_font("helvetica", "I", 8)
    pdf.multi_cell(block_w - 26, 4, "Ditandatangani secara elektronik", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(qr_y + 26)
    pdf.set_font("helvetica", "BU", 11)
    pdf.set_x(block_x)
    pdf.multi_cell(block_w, 6, _latin1(doc.signer_name), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", "", 11)
    if doc.signer_nip:
        pdf.set_x(block_x)
        pdf.cell(block_w, 6, f"NIP {doc.signer_nip}", new_x="LMARGIN", new_y="NEXT")
    return _points_box(pdf, x=block_x + 26, y=qr_y + 10, w=block_w - 26, h=14)


def _points_box(pdf: Any, *, x: float, y: float, w: float, h: float) -> SignatureBox:
    """A rectangle of the current page given in mm from the top left, in PDF points from the bottom left."""
    scale = pdf.k  # points per mm
    return SignatureBox(page=pdf.page, x=round(x * scale, 2), y=round((pdf.h - y - h) * scale, 2),
                        width=round(w * scale, 2), height=round(h * scale, 2))


def _addressee_list(pdf: Any, doc: LetterDocument, width: float) -> None:
    """A long list of addressees as a lampiran after the letter, numbered, under the letter's number and date."""
    if len(doc.addressees) <= ADDRESSEES_ON_FIRST_PAGE:
        return
    pdf.add_page()
    pdf.set_font("helvetica", "", 10)
    for line in ("Lampiran", f"Nomor   : {doc.number}", f"Tanggal : {doc.place_and_date}"):
        pdf.cell(width, 5, _latin1(line), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("helvetica", "B", 11)
    pdf.cell(width, 6, "DAFTAR PENERIMA", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", "", 10)
    for index, addressee in enumerate(doc.addressees, start=1):
        pdf.multi_cell(width, 5, _latin1(f"{index}. {addressee}"), new_x="LMARGIN", new_y="NEXT")


def _copies(pdf: Any, doc: LetterDocument, width: float) -> None:
    """The numbered list of copies (tembusan)."""
    if doc.cc:
        pdf.ln(6)
        pdf.cell(width, 6, "Tembusan:", new_x="LMARGIN", new_y="NEXT")
        for index, recipient in enumerate(doc.cc, start=1):
            pdf.multi_cell(width, 6, _latin1(f"{index}. {recipient}"), new_x="LMARGIN", new_y="NEXT")
