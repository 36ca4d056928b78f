"""Sections of the naskah dinas arahan: decrees, draft regulations, instructions, circulars, SOPs and the heading
parts they share with other types (title and number, TENTANG, "Ditetapkan di … pada tanggal …").
"""

from __future__ import annotations

from typing import Any

from chalicelib.adapters.pdf.layouts import blocks as b
from chalicelib.domain.document import LetterDocument
from chalicelib.domain.letter_types import CATALOGUE, LetterType
from chalicelib.domain.timefmt import indonesian_date

Fields = dict[str, Any]


def title_of(doc: LetterDocument) -> str:
    """The type's printed title."""
    return CATALOGUE[LetterType(doc.letter_type)].title or ""


def judul(pdf: Any, doc: LetterDocument, width: float, f: Fields) -> None:
    """The title alone (nota dinas, memo, notula, laporan, telaahan staf)."""
    b.centred(pdf, width, title_of(doc), size=12)
    pdf.ln(3)


def judul_nomor(pdf: Any, doc: LetterDocument, width: float, f: Fields) -> None:
    """The title and NOMOR under it."""
    b.centred(pdf, width, title_of(doc), size=12)
    b.centred(pdf, width, f"NOMOR {doc.number}", style="")
    pdf.ln(3)


def judul_jabatan(pdf: Any, doc: LetterDocument, width: float, f: Fields) -> None:
    """KEPUTUSAN / INSTRUKSI {OFFICE}, NOMOR; a draft regulation: RANCANGAN, PERATURAN GUBERNUR …, NOMOR … TAHUN …"""
    office = b.signer_office(doc).upper()
    if doc.letter_type == LetterType.RANCANGAN_PERATURAN:
        b.centred(pdf, width, "RANCANGAN", size=12)
        jenis = str(f.get("jenis", "Peraturan Gubernur")).upper()
        b.centred(pdf, width, f"{jenis} {_region(doc, full=jenis == 'PERATURAN DAERAH')}", size=12)
        b.centred(pdf, width, f"NOMOR ... TAHUN {doc.signed_on.year}", style="")
        b.centred(pdf, width, f"(nomor register usulan {doc.number})", style="", size=9)
    else:
        b.centred(pdf, width, f"{title_of(doc)} {office}", size=12)
        b.centred(pdf, width, f"NOMOR {doc.number}", style="")
    pdf.ln(2)


def _region(doc: LetterDocument, *, full: bool) -> str:
    """'PROVINSI BALI' (full) or 'BALI' from 'PEMERINTAH PROVINSI BALI'."""
    region = doc.government.upper().removeprefix("PEMERINTAH ")
    if full:
        return region
    for prefix in ("PROVINSI ", "KABUPATEN ", "KOTA "):
        region = region.removeprefix(prefix)
    return region


def tentang(pdf: Any, doc: LetterDocument, width: float, f: Fields) -> None:
    """TENTANG and the subject in capitals."""
    b.centred(pdf, width, "TENTANG", style="")
    b.centred(pdf, width, doc.subject.upper())
    pdf.ln(3)


def rahmat(pdf: Any, doc: LetterDocument, width: float, f: Fields) -> None:
    """DENGAN RAHMAT TUHAN YANG MAHA ESA and the office, as a decree opens."""
    b.centred(pdf, width, "DENGAN RAHMAT TUHAN YANG MAHA ESA")
    pdf.ln(1)
    office = b.signer_office(doc).upper()
    regulation = doc.letter_type == LetterType.RANCANGAN_PERATURAN
    b.centred(pdf, width, f"GUBERNUR {_region(doc, full=False)}," if regulation else f"{office},")
    pdf.ln(3)


def _considerations(name: str, label: str) -> Any:
    def draw(pdf: Any, doc: LetterDocument, width: float, f: Fields) -> None:
        if f.get(name):
            b.listed(pdf, width, label, f[name], marker=b.letter if name == "menimbang" else b.number)
            pdf.ln(2)

    draw.__doc__ = f"{label} : the lettered or numbered list."
    return draw


menimbang = _considerations("menimbang", "Menimbang")
mengingat = _considerations("mengingat", "Mengingat")
memperhatikan = _considerations("memperhatikan", "Memperhatikan")


def memutuskan(pdf: Any, doc: LetterDocument, width: float, f: Fields) -> None:
    """MEMUTUSKAN: and `Menetapkan : …` (a draft regulation: its own name)."""
    b.centred(pdf, width, "MEMUTUSKAN:")
    pdf.ln(1)
    what = f.get("menetapkan") or f"{str(f.get('jenis', 'PERATURAN')).upper()} TENTANG {doc.subject.upper()}."
    b.row(pdf, width, "Menetapkan", what)
    pdf.ln(2)


def diktum(pdf: Any, doc: LetterDocument, width: float, f: Fields) -> None:
    """KESATU : …, KEDUA : …"""
    for i, text in enumerate(f.get("diktum") or []):
        b.row(pdf, width, b.ordinal(i), text)
        pdf.ln(1)


def pasal(pdf: Any, doc: LetterDocument, width: float, f: Fields) -> None:
    """Pasal 1, Pasal 2 … centred, each with its (optional) heading and text."""
    for i, item in enumerate(f.get("pasal") or []):
        text, heading = (item, None) if isinstance(item, str) else (item.get("isi", ""), item.get("judul"))
        b.centred(pdf, width, f"Pasal {i + 1}", style="")
        if heading:
            b.centred(pdf, width, heading, style="")
        b.paragraph(pdf, width, text)
        pdf.ln(2)


def penetapan(pdf: Any, doc: LetterDocument, width: float, f: Fields) -> None:
    """'Ditetapkan di {city}' / 'pada tanggal {date}' in the right half, above the signature."""
    pdf.ln(2)
    b.keep_with_signature(pdf, 2)
    half = width / 2
    for label, value in (("Ditetapkan di", doc.city), ("pada tanggal", indonesian_date(doc.signed_on))):
        pdf.set_x(pdf.l_margin + half)
        pdf.cell(30, b.LINE, label)
        pdf.cell(4, b.LINE, ":")
        pdf.multi_cell(half - 34, b.LINE, value, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def kepada(pdf: Any, doc: LetterDocument, width: float, f: Fields) -> None:
    """`Kepada : 1. …` the addressees of an instruction."""
    b.listed(pdf, width, "Kepada", doc.addressees, marker=b.number)
    pdf.ln(2)


def untuk_diktum(pdf: Any, doc: LetterDocument, width: float, f: Fields) -> None:
    """`Untuk :` then KESATU : …, KEDUA : … of an instruction."""
    pdf.cell(b.LABEL_W, b.LINE, "Untuk")
    pdf.cell(4, b.LINE, ":", new_x="LMARGIN", new_y="NEXT")
    for i, text in enumerate(f.get("untuk") or []):
        b.row(pdf, width, b.ordinal(i), text)
    pdf.ln(2)


def edaran(pdf: Any, doc: LetterDocument, width: float, f: Fields) -> None:
    """The numbered parts of a circular that has them."""
    b.lettered_sections(pdf, width, [("Latar Belakang", f.get("latar_belakang")),
                                     ("Maksud dan Tujuan", f.get("maksud_tujuan")),
                                     ("Ruang Lingkup", f.get("ruang_lingkup")), ("Dasar", f.get("dasar")),
                                     ("Isi Edaran", f.get("isi"))])


def sop(pdf: Any, doc: LetterDocument, width: float, f: Fields) -> None:
    """The identity of the SOP, its lists and the table of its steps."""
    b.row(pdf, width, "Nama SOP", doc.subject, label_w=45)
    b.row(pdf, width, "Tanggal efektif", indonesian_date(doc.signed_on), label_w=45)
    b.row(pdf, width, "Disahkan oleh", b.signer_office(doc), label_w=45)
    pdf.ln(2)
    b.lettered_sections(pdf, width, [("Dasar Hukum", f.get("dasar_hukum")),
                                     ("Kualifikasi Pelaksana", f.get("kualifikasi_pelaksana")),
                                     ("Keterkaitan", f.get("keterkaitan")),
                                     ("Peralatan/Perlengkapan", f.get("peralatan")),
                                     ("Peringatan", f.get("peringatan")),
                                     ("Pencatatan dan Pendataan", f.get("pencatatan"))])
    steps = [[str(i + 1), s["kegiatan"], s["pelaksana"], s.get("waktu", "-"), s.get("output", "-")]
             for i, s in enumerate(f.get("langkah") or [])]
    if steps:
        b.table(pdf, ("No", "Kegiatan", "Pelaksana", "Waktu", "Output"), steps, (8, 62, 35, 25, 35))
