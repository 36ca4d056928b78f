"""The layouts of the catalogue: every section a type names is drawn, and a letter signed before the catalogue
keeps its layout byte for byte."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from chalicelib.adapters.pdf import render_letter
from chalicelib.adapters.pdf.layouts import SECTIONS
from chalicelib.domain.letter_types import CATALOGUE, LEGACY_SECTIONS
from tests.letter_type_samples import SAMPLES
from tests.unit.test_letter_pdf import _document, _text

SIGNED = datetime(2026, 11, 29, 10, 0)


def test_every_section_of_every_type_has_a_drawing():
    named = {name for spec in CATALOGUE.values() for name in spec.sections} | set(LEGACY_SECTIONS)
    assert named - {"tanda_tangan"} <= set(SECTIONS)


def test_a_document_signed_before_the_catalogue_renders_as_it_always_did():
    legacy = _document(letter_type="surat_keputusan")  # no fields: the one layout letters had
    text = _text(render_letter(legacy, SIGNED))
    assert text.index("KEPUTUSAN") < text.index("Nomor : 005/12/DISKOMINFOS/2026") < text.index("Dengan hormat")
    assert "MEMUTUSKAN" not in text and "Ditetapkan di" not in text
    assert render_letter(legacy, SIGNED) == render_letter(legacy, SIGNED)


@pytest.mark.parametrize("code", ["surat_keputusan", "undangan", "surat_tugas"])
def test_a_catalogue_letter_prints_its_fields_in_the_types_order(code):
    sample = SAMPLES[code]
    doc = replace(_document(), letter_type=code, subject=sample["subject"], body=sample.get("body", ""),
                  fields=sample["fields"])
    text = _text(render_letter(doc, SIGNED))
    expected = {"surat_keputusan": ["KEPUTUSAN KEPALA DINAS", "NOMOR 005/12", "TENTANG", "Menimbang", "Mengingat",
                                    "MEMUTUSKAN:", "Menetapkan", "KESATU", "KEDUA", "KETIGA", "Ditetapkan di"],
                "undangan": ["Hal : Undangan", "Yth.", "hari/tanggal : Senin, 14 Desember 2026",
                             "waktu : pukul 09.00 WITA s.d. selesai", "tempat", "acara", "Tembusan"],
                "surat_tugas": ["SURAT TUGAS", "Dasar", "MENUGASKAN:", "Kepada", "198503102010011002", "Untuk",
                                "14 Desember 2026 s.d. 16 Desember 2026"]}[code]
    positions = [text.index(part) for part in expected]
    assert positions == sorted(positions), text
