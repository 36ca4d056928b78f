"""The building blocks of every layout: centred headings, label-colon-value rows, numbered and lettered lists under a
label, numbered sections and tables, in the spacing of the annex of Permendagri 1/2023.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from chalicelib.adapters.pdf.fonts import SANS, clean
from chalicelib.domain.document import LetterDocument
from chalicelib.domain.timefmt import indonesian_date

LINE = 6
LABEL_W = 32
ORDINALS = ("KESATU", "KEDUA", "KETIGA", "KEEMPAT", "KELIMA", "KEENAM", "KETUJUH", "KEDELAPAN", "KESEMBILAN",
            "KESEPULUH")


def letter(i: int) -> str:
    """a., b., … z., aa., …"""
    return ("" if i < 26 else chr(ord("a") + i // 26 - 1)) + chr(ord("a") + i % 26) + "."


def number(i: int) -> str:
    """1., 2., …"""
    return f"{i + 1}."


def ordinal(i: int) -> str:
    """KESATU … KESEPULUH, then KESEBELAS and on as 'KE-11'."""
    return ORDINALS[i] if i < len(ORDINALS) else ("KESEBELAS" if i == 10 else f"KE-{i + 1}")


def centred(pdf: Any, width: float, text: str, style: str = "B", size: float = 11) -> None:
    """A centred line (wrapped when long)."""
    pdf.set_font(SANS, style, size)
    pdf.multi_cell(width, LINE, clean(text), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(SANS, "", 11)


def paragraph(pdf: Any, width: float, text: str, indent: float = 0) -> None:
    """Justified paragraphs, one per line of `text`."""
    for part in (p.strip() for p in text.split("\n")):
        if part:
            pdf.set_x(pdf.l_margin + indent)
            pdf.multi_cell(width - indent, LINE, clean(part), align="J", new_x="LMARGIN", new_y="NEXT")


def row(pdf: Any, width: float, label: str, value: str, label_w: float = LABEL_W, indent: float = 0) -> None:
    """`label : value`, the value wrapped in its column."""
    pdf.set_x(pdf.l_margin + indent)
    pdf.cell(label_w, LINE, clean(label))
    pdf.cell(4, LINE, ":")
    pdf.multi_cell(width - indent - label_w - 4, LINE, clean(value), new_x="LMARGIN", new_y="NEXT")


def listed(pdf: Any, width: float, label: str | None, items: Sequence[str], marker: Any = letter,
           label_w: float = LABEL_W, marker_w: float = 7, colon: bool = True) -> None:
    """A list under a label in the label column (`Menimbang : a. …`), or indented under the previous line."""
    for i, item in enumerate(items):
        pdf.set_x(pdf.l_margin)
        if label is not None:
            pdf.cell(label_w, LINE, clean(label) if i == 0 else "")
            pdf.cell(4, LINE, ":" if i == 0 and colon else "")
        else:
            pdf.set_x(pdf.l_margin + 4)
        taken = (label_w + 4) if label is not None else 4
        pdf.cell(marker_w, LINE, marker(i))
        pdf.multi_cell(width - taken - marker_w, LINE, clean(item), align="J", new_x="LMARGIN", new_y="NEXT")


def section(pdf: Any, width: float, heading: str, body: str | Sequence[str] | None) -> None:
    """A lettered section of a report (`A. Persoalan`) with a paragraph or a numbered list under it."""
    if not body:
        return
    pdf.set_font(SANS, "B", 11)
    pdf.multi_cell(width, LINE, clean(heading), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(SANS, "", 11)
    if isinstance(body, str):
        paragraph(pdf, width, body, indent=6)
    else:
        listed(pdf, width, None, list(body), marker=number)
    pdf.ln(2)


def lettered_sections(pdf: Any, width: float, parts: Sequence[tuple[str, str | Sequence[str] | None]]) -> None:
    """Sections A., B., … of those parts that have content."""
    present = [(title, body) for title, body in parts if body]
    for i, (title, body) in enumerate(present):
        section(pdf, width, f"{chr(ord('A') + i)}. {title}", body)


def table(pdf: Any, headings: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float],
          size: float = 10) -> None:
    """A bordered table with its headings repeated on each page."""
    pdf.set_font(SANS, "", size)
    with pdf.table(col_widths=tuple(widths), line_height=5, first_row_as_headings=True, text_align="LEFT",
                   headings_style=_headings_style()) as grid:
        for cells in [list(headings), *[list(r) for r in rows]]:
            line = grid.row()
            for cell in cells:
                line.cell(clean(cell))
    pdf.set_font(SANS, "", 11)
    pdf.ln(2)


def _headings_style() -> Any:
    from fpdf.fonts import FontFace

    return FontFace(emphasis="BOLD")


def on_date(value: str | None) -> str:
    """'14 Desember 2026' for '2026-12-14'."""
    return indonesian_date(date.fromisoformat(value)) if value else ""


def signer_office(doc: LetterDocument) -> str:
    """The office a decree or instruction is of: the head it is signed for, else the signatory's (no Plt./Plh.)."""
    office = doc.on_behalf_of or doc.signer_title
    for prefix in ("Plt. ", "Plh. "):
        office = office.removeprefix(prefix)
    return office


SIGNATURE_SPACE = 90  # mm the signature block needs (see signature.draw_signature)


def keep_with_signature(pdf: Any, lines: int) -> None:
    """Start a new page when `lines` lines and the signature below them do not fit: the place and date of a
    signature are never left alone at the foot of a page.
    """
    if pdf.get_y() + lines * LINE > pdf.h - SIGNATURE_SPACE:
        pdf.add_page()
