"""The letterhead (kop surat): the org's logo on the left, its lines centred, an optional line in Aksara Bali,
over a double rule.
"""

from __future__ import annotations

import io
from typing import Any

from chalicelib.adapters.pdf.fonts import BALINESE, SANS, clean
from chalicelib.domain.document import LetterDocument

LOGO_SIZE_MM = 22


def draw_letterhead(pdf: Any, doc: LetterDocument, width: float, logo: bytes | None = None) -> None:
    """Government, org, address and contact (and the Balinese line) centred, the logo beside them."""
    top = pdf.get_y()
    if logo:
        pdf.image(io.BytesIO(logo), x=pdf.l_margin, y=top, h=LOGO_SIZE_MM, keep_aspect_ratio=True,
                  w=LOGO_SIZE_MM)
    lines = doc.letterhead_lines
    pdf.set_font(SANS, "B", 13)
    pdf.cell(width, 6, clean(lines[0].upper()), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(SANS, "B", 12)
    pdf.multi_cell(width, 6, clean(lines[1].upper()), align="C", new_x="LMARGIN", new_y="NEXT")
    if doc.balinese_line:
        _balinese(pdf, doc.balinese_line, width)
    pdf.set_font(SANS, "", 9)
    for line in lines[2:]:
        pdf.multi_cell(width, 4.5, clean(line), align="C", new_x="LMARGIN", new_y="NEXT")
    y = max(pdf.get_y(), top + LOGO_SIZE_MM if logo else 0) + 1.5
    pdf.set_line_width(0.8)
    pdf.line(pdf.l_margin, y, pdf.l_margin + width, y)
    pdf.set_line_width(0.2)
    pdf.line(pdf.l_margin, y + 1.2, pdf.l_margin + width, y + 1.2)
    pdf.set_y(y + 5)


def _balinese(pdf: Any, text: str, width: float) -> None:
    """The Aksara Bali line, shaped (vowel signs and conjuncts placed by HarfBuzz)."""
    pdf.set_font(BALINESE, "", 14)
    pdf.set_text_shaping(use_shaping_engine=True, script="bali", language="ban")
    pdf.multi_cell(width, 9, text, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_shaping(use_shaping_engine=False)
