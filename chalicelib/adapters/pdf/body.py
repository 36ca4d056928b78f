"""The letter's text: heading (title, place and date, number, addressees), body paragraphs, copies (tembusan)
and a long list of addressees as a lampiran.
"""

from __future__ import annotations

from typing import Any

from chalicelib.adapters.pdf.fonts import SANS, clean
from chalicelib.domain.document import LetterDocument, attachments_line

ADDRESSEES_ON_FIRST_PAGE = 8  # more are printed as a lampiran (daftar penerima) after the letter


def draw_heading(pdf: Any, doc: LetterDocument, width: float, title: bool = True) -> None:
    """Title (unless `title` is false), place and date, number, security, attachments, subject and the addressees."""
    pdf.set_font(SANS, "", 11)
    if title and doc.title:
        pdf.set_font(SANS, "B", 12)
        pdf.cell(width, 6, clean(doc.title), align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(SANS, "", 11)
    pdf.cell(width, 6, clean(doc.place_and_date), align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    for label, value in (("Nomor", doc.number), ("Sifat", doc.security_label),
                         ("Lampiran", attachments_line(doc.attachments_count)), ("Hal", doc.subject)):
        pdf.cell(25, 6, label)
        pdf.cell(4, 6, ":")
        pdf.multi_cell(width - 29, 6, clean(value), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    draw_addressees(pdf, doc, width)


def draw_addressees(pdf: Any, doc: LetterDocument, width: float) -> None:
    """'Yth.', the addressees (or where their list is) and 'di {city}'."""
    pdf.cell(width, 6, "Yth.", new_x="LMARGIN", new_y="NEXT")
    if len(doc.addressees) > ADDRESSEES_ON_FIRST_PAGE:
        pdf.multi_cell(width, 6, f"Daftar terlampir ({len(doc.addressees)} penerima)", new_x="LMARGIN",
                       new_y="NEXT")
    else:
        for addressee in doc.addressees:
            pdf.multi_cell(width, 6, clean(addressee), new_x="LMARGIN", new_y="NEXT")
    pdf.cell(width, 6, clean(f"di {doc.city}"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)


def draw_body(pdf: Any, doc: LetterDocument, width: float) -> None:
    """The body, one justified paragraph per line of text."""
    for paragraph in doc.body.split("\n"):
        if paragraph.strip():
            pdf.multi_cell(width, 6, clean(paragraph.strip()), align="J", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
    pdf.ln(4)


def draw_copies(pdf: Any, doc: LetterDocument, width: float) -> None:
    """The numbered list of copies (tembusan)."""
    if doc.cc:
        pdf.ln(6)
        pdf.cell(width, 6, "Tembusan:", new_x="LMARGIN", new_y="NEXT")
        for index, recipient in enumerate(doc.cc, start=1):
            pdf.multi_cell(width, 6, clean(f"{index}. {recipient}"), new_x="LMARGIN", new_y="NEXT")


def draw_addressee_list(pdf: Any, doc: LetterDocument, width: float) -> None:
    """A long list of addressees as a lampiran after the letter, numbered, under the letter's number and date."""
    if len(doc.addressees) <= ADDRESSEES_ON_FIRST_PAGE:
        return
    pdf.add_page()
    pdf.set_font(SANS, "", 10)
    for line in ("Lampiran", f"Nomor   : {doc.number}", f"Tanggal : {doc.place_and_date}"):
        pdf.cell(width, 5, clean(line), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font(SANS, "B", 11)
    pdf.cell(width, 6, "DAFTAR PENERIMA", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(SANS, "", 10)
    for index, addressee in enumerate(doc.addressees, start=1):
        pdf.multi_cell(width, 5, clean(f"{index}. {addressee}"), new_x="LMARGIN", new_y="NEXT")
