"""The fonts a letter prints with, shipped in the package (chalicelib/fonts): a Unicode Latin face for every
Indonesian name and word, and Noto Sans Balinese for the Aksara Bali line of a letterhead.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

FONTS_DIR = Path(__file__).resolve().parents[2] / "fonts"
SANS = "sans"
BALINESE = "balinese"
_FACES = {
    (SANS, ""): "DejaVuSans-Latin.ttf",
    (SANS, "B"): "DejaVuSans-Bold-Latin.ttf",
    (SANS, "I"): "DejaVuSans-Oblique-Latin.ttf",
    (BALINESE, ""): "NotoSansBalinese-Regular.ttf",
}
# Typographic characters the shipped Latin subset prints as their plain forms, as the letters always did.
_REPLACEMENTS = {"\u2013": "-", "\u2014": "-", "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                 "\u2026": "...", "\u00a0": " "}


def register_fonts(pdf: Any) -> None:
    """Make the shipped faces known to an FPDF document under the names SANS and BALINESE."""
    for (family, style), file in _FACES.items():
        pdf.add_font(family, style, str(FONTS_DIR / file))


def clean(text: str) -> str:
    """Text as printed: typographic quotes and dashes in their plain forms, compatibility characters folded."""
    text = "".join(_REPLACEMENTS.get(ch, ch) for ch in text)
    return unicodedata.normalize("NFKC", text)
