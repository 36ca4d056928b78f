"""The letterhead (kop surat): the org's logo on the left, its lines centred, an optional line in Aksara Bali,
over a double rule.
"""

from __future__ import annotations

import io
from typing import Any

from chalicelib.adapters.pdf.fonts import BALINESE, SANS, clean
from chalicelib.domain.document import LetterDocument

LOGO_SIZE_MM = 22
LOGO_GAP_MM = 3


def draw_letterhead(pdf: Any, doc: LetterDocument, width: float, logo: bytes | None = None) -> None:
    """Government, org, address and contact (and the Balinese line) centred beside the logo, over a double rule."""
    top = pdf.get_y()
    text_x, text_w = pdf.l_margin, width
    if logo:
        pdf.image(io.BytesIO(logo), x=pdf.l_margin, y=top, w=LOGO_SIZE_MM, h=LOGO_SIZE_MM, keep_aspect_ratio=True)
        text_x, text_w = pdf.l_margin + LOGO_SIZE_MM + LOGO_GAP_MM, width - LOGO_SIZE_MM - LOGO_GAP_MM
    lines = doc.letterhead_lines
    pdf.set_font(SANS, "B", 13)
    _centred(pdf, text_x, text_w, 6, lines[0].upper())
    pdf.set_font(SANS, "B", 12)
    _centred(pdf, text_x, text_w, 6, lines[1].upper())
    if doc.balinese_line:
        _balinese(pdf, doc.balinese_line, text_x, text_w)
    pdf.set_font(SANS, "", 9)
    for line in lines[2:]:
        _centred(pdf, text_x, text_w, 4.5, line)
    y = max(pdf.get_y(), top + LOGO_SIZE_MM if logo else 0) + 1.5
    pdf.set_line_width(0.8)
    pdf.line(pdf.l_margin, y, pdf.l_margin + width, y)
    pdf.set_line_width(0.2)
    pdf.line(pdf.l_margin, y + 1.2, pdf.l_margin + width, y + 1.2)
    pdf.set_y(y + 5)


def _centred(pdf: Any, x: float, width: float, height: float, text: str) -> None:
    """One Latin line (wrapped when long) centred in the text column."""
    pdf.set_x(x)
    pdf.multi_cell(width, height, clean(text), align="C", new_x="LMARGIN", new_y="NEXT")


def _balinese(pdf: Any, text: str, x: float, width: float) -> None:
    """The Aksara Bali line, shaped (vowel signs and conjuncts placed by HarfBuzz), with room for the signs
    written below a consonant.
    """
    pdf.set_font(BALINESE, "", 14)
    pdf.set_text_shaping(use_shaping_engine=True, script="bali", language="ban")
    pdf.set_x(x)
    pdf.multi_cell(width, 9, text, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_shaping(use_shaping_engine=False)
    pdf.ln(1.5)
