"""One layout per letter type (the annex of Permendagri 1/2023): the type's sections of the catalogue, drawn in
order under the letterhead. A letter signed before the catalogue (no `fields` in its signed document) keeps the
one layout all letters had, so its archived PDF renders again byte for byte.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from chalicelib.adapters.pdf.body import draw_addressee_list, draw_body, draw_copies, draw_heading
from chalicelib.adapters.pdf.fonts import SANS
from chalicelib.adapters.pdf.layouts import arahan, khusus, korespondensi
from chalicelib.adapters.pdf.signature import draw_signature
from chalicelib.domain.document import LetterDocument
from chalicelib.domain.letter_types import CATALOGUE, LEGACY_SECTIONS, LetterType
from chalicelib.domain.signatures import SignatureBox

Draw = Callable[[Any, LetterDocument, float, dict[str, Any]], None]
SECTIONS: dict[str, Draw] = {
    **{name: getattr(arahan, name) for name in ("judul", "judul_nomor", "judul_jabatan", "tentang", "rahmat",
                                                "menimbang", "mengingat", "memperhatikan", "memutuskan", "diktum",
                                                "pasal", "penetapan", "kepada", "untuk_diktum", "edaran", "sop")},
    **{name: getattr(korespondensi, name) for name in ("kepala_surat", "yth", "kepala_nota", "acara", "pengantar",
                                                       "dasar", "perintah", "untuk")},
    **{name: getattr(khusus, name) for name in ("tempat_tanggal", "para_pihak", "pihak_lain", "nama_pihak_lain", "kuasa",
                                                "berita_acara", "keterangan", "notula", "laporan", "telaahan",
                                                "rekomendasi")},
    "isi": lambda pdf, doc, width, f: draw_body(pdf, doc, width),
    "tembusan": lambda pdf, doc, width, f: draw_copies(pdf, doc, width),
}
LEGACY: dict[str, Draw] = {"judul": lambda pdf, doc, width, f: None,  # the legacy heading prints the title
                           "kepala_surat": lambda pdf, doc, width, f: draw_heading(pdf, doc, width)}


def sections_of(doc: LetterDocument) -> tuple[str, ...]:
    """The sections a signed document prints, in order."""
    return LEGACY_SECTIONS if doc.fields is None else CATALOGUE[LetterType(doc.letter_type)].sections


def draw_letter(pdf: Any, doc: LetterDocument, width: float) -> SignatureBox | None:
    """Every section of the letter's layout below the letterhead; the box of the signature's visible block."""
    box = None
    overrides = LEGACY if doc.fields is None else {}
    if doc.fields is not None:
        pdf.set_font(SANS, "", 11)  # the letterhead ends in a smaller size; the legacy heading sets its own
    for name in sections_of(doc):
        if name == "tanda_tangan":
            box = draw_signature(pdf, doc, width)
        else:
            overrides.get(name, SECTIONS[name])(pdf, doc, width, doc.fields or {})
    draw_addressee_list(pdf, doc, width)
    return box
