"""Sections of the naskah dinas khusus: agreements, powers of attorney, minutes, reports, staff studies,
recommendations, certificates of fact, and the place and date above their signature.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from chalicelib.adapters.pdf.fonts import SANS, clean
from chalicelib.adapters.pdf.layouts import blocks as b
from chalicelib.domain.document import LetterDocument, day_and_date

Fields = dict[str, Any]


def tempat_tanggal(pdf: Any, doc: LetterDocument, width: float, f: Fields) -> None:
    """'{city}, {date}' in the right half, above the signature."""
    pdf.ln(3)
    b.keep_with_signature(pdf, 1)
    pdf.set_x(pdf.l_margin + width / 2)
    pdf.multi_cell(width / 2, b.LINE, clean(doc.place_and_date), new_x="LMARGIN", new_y="NEXT")


def _person_rows(pdf: Any, width: float, person: Fields, indent: float = 6) -> None:
    for label, key in (("Nama", "nama"), ("NIP", "nip"), ("Pangkat/Golongan", "pangkat_golongan"),
                       ("Jabatan", "jabatan"), ("Instansi", "instansi"), ("Alamat", "alamat")):
        if person.get(key):
            b.row(pdf, width, label, person[key], label_w=38, indent=indent)
    pdf.ln(2)


def para_pihak(pdf: Any, doc: LetterDocument, width: float, f: Fields) -> None:
    """'Pada hari ini …' and each party, hereinafter PIHAK KESATU, PIHAK KEDUA …"""
    b.paragraph(pdf, width, f"Pada hari ini {day_and_date(doc.signed_on)}, bertempat di {doc.city}, kami yang "
                            "bertanda tangan di bawah ini:")
    pdf.ln(2)
    for i, party in enumerate(f.get("pihak") or []):
        pdf.cell(8, b.LINE, b.number(i))
        pdf.ln(0)
        _person_rows(pdf, width, party, indent=8)
        b.paragraph(pdf, width, f"selanjutnya disebut PIHAK {b.ordinal(i)}.", indent=8)
        pdf.ln(2)


def _other_party(f: Fields) -> tuple[str, Fields] | None:
    """The party that does not sign here: PIHAK KEDUA of an agreement, the receiver of a power of attorney."""
    if f.get("pihak"):
        return "PIHAK KEDUA,", f["pihak"][1]
    return ("Penerima Kuasa,", f["penerima"]) if f.get("penerima") else None


def pihak_lain(pdf: Any, doc: LetterDocument, width: float, f: Fields) -> None:
    """The other party's label in the left column, level with the signatory's (PIHAK KESATU, Pemberi Kuasa)."""
    other = _other_party(f)
    if other is None:
        return
    pdf.ln(4)
    b.keep_with_signature(pdf, 1)
    pdf.cell(width / 2, b.LINE, other[0])
    pdf.cell(width / 2, b.LINE, "PIHAK KESATU," if f.get("pihak") else "Pemberi Kuasa,", new_x="LMARGIN",
             new_y="NEXT")


def nama_pihak_lain(pdf: Any, doc: LetterDocument, width: float, f: Fields) -> None:
    """The other party's name in the left column, level with the signatory's name (it signs on paper)."""
    other = _other_party(f)
    if other is None:
        return
    end = pdf.get_y()
    pdf.set_y(end - (2 if doc.signer_nip else 1) * b.LINE)
    pdf.set_font(SANS, "BU", 11)
    pdf.cell(width / 2, b.LINE, clean(other[1]["nama"]), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(SANS, "", 11)
    if other[1].get("nip"):
        pdf.cell(width / 2, b.LINE, f"NIP {other[1]['nip']}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(end)


def kuasa(pdf: Any, doc: LetterDocument, width: float, f: Fields) -> None:
    """Yang bertanda tangan di bawah ini / Memberi kuasa kepada / Untuk."""
    b.paragraph(pdf, width, "Yang bertanda tangan di bawah ini:")
    _person_rows(pdf, width, f["pemberi"])
    b.paragraph(pdf, width, "Memberi kuasa kepada:")
    _person_rows(pdf, width, f["penerima"])
    b.row(pdf, width, "Untuk", f["untuk"], label_w=20)
    pdf.ln(2)
    b.paragraph(pdf, width, "Demikian surat kuasa ini dibuat untuk dipergunakan sebagaimana mestinya.")


def berita_acara(pdf: Any, doc: LetterDocument, width: float, f: Fields) -> None:
    """'Pada hari ini …', the parties, what happened, the witnesses and the closing."""
    day = day_and_date(date.fromisoformat(f["tanggal"]))
    b.paragraph(pdf, width, f"Pada hari ini {day}, bertempat di {f['tempat']}, yang bertanda tangan di bawah ini:")
    pdf.ln(2)
    rows = [[str(i + 1), p["nama"] + (f"\nNIP {p['nip']}" if p.get("nip") else ""), p.get("jabatan", "-")]
            for i, p in enumerate(f["pihak"])]
    b.table(pdf, ("No", "Nama / NIP", "Jabatan"), rows, (10, 75, 80))
    b.paragraph(pdf, width, "menyatakan sebagai berikut:")
    b.listed(pdf, width, None, f["isi"], marker=b.number)
    if f.get("saksi"):
        pdf.ln(2)
        b.paragraph(pdf, width, "Saksi-saksi:")
        b.listed(pdf, width, None, f["saksi"], marker=b.number)
    pdf.ln(2)
    b.paragraph(pdf, width, "Demikian berita acara ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana "
                            "mestinya.")


def keterangan(pdf: Any, doc: LetterDocument, width: float, f: Fields) -> None:
    """The signatory, then 'dengan ini menerangkan bahwa:' and the person concerned."""
    b.paragraph(pdf, width, "Yang bertanda tangan di bawah ini:")
    signer = {"nama": doc.signer_name, "nip": doc.signer_nip, "jabatan": doc.signer_title}
    _person_rows(pdf, width, signer)
    if f.get("orang"):
        b.paragraph(pdf, width, "dengan ini menerangkan bahwa:")
        _person_rows(pdf, width, f["orang"])


def notula(pdf: Any, doc: LetterDocument, width: float, f: Fields) -> None:
    """The meeting's particulars, then its agenda, discussion and decisions."""
    rows = [("Hari/tanggal", day_and_date(date.fromisoformat(f["tanggal"]))),
            ("Waktu", f"pukul {f['waktu'].replace(':', '.')} WITA"), ("Tempat", f.get("tempat")),
            ("Pimpinan rapat", f["pimpinan"]), ("Notulis", f.get("notulis"))]
    for label, value in rows:
        if value:
            b.row(pdf, width, label, value, label_w=38)
    b.listed(pdf, width, "Peserta", f["peserta"], marker=b.number, label_w=38)
    pdf.ln(3)
    b.lettered_sections(pdf, width, [("Acara", f["acara"]), ("Pembahasan", f["pembahasan"]),
                                     ("Keputusan", f["keputusan"])])


def laporan(pdf: Any, doc: LetterDocument, width: float, f: Fields) -> None:
    """A. Pendahuluan, B. Kegiatan yang Dilaksanakan, C. Hasil yang Dicapai, D. Simpulan, E. Saran."""
    b.lettered_sections(pdf, width, [("Pendahuluan", f.get("pendahuluan")),
                                     ("Kegiatan yang Dilaksanakan", f.get("kegiatan")),
                                     ("Hasil yang Dicapai", f.get("hasil")), ("Simpulan", f.get("simpulan")),
                                     ("Saran", f.get("saran"))])


def telaahan(pdf: Any, doc: LetterDocument, width: float, f: Fields) -> None:
    """A. Persoalan … F. Saran, as a staff study is set out."""
    b.lettered_sections(pdf, width, [("Persoalan", f.get("persoalan")), ("Praanggapan", f.get("praanggapan")),
                                     ("Fakta yang Mempengaruhi", f.get("fakta")), ("Analisis", f.get("analisis")),
                                     ("Simpulan", f.get("simpulan")), ("Saran", f.get("saran"))])


def rekomendasi(pdf: Any, doc: LetterDocument, width: float, f: Fields) -> None:
    """Dasar, 'memberikan rekomendasi kepada:', the recipient and Untuk."""
    if f.get("dasar"):
        b.listed(pdf, width, "Dasar", f["dasar"], marker=b.number, label_w=20)
        pdf.ln(2)
    b.paragraph(pdf, width, f"{b.signer_office(doc)} memberikan rekomendasi kepada:")
    _person_rows(pdf, width, f["kepada"])
    b.row(pdf, width, "Untuk", f["untuk"], label_w=20)
    pdf.ln(2)
    b.paragraph(pdf, width, "Demikian rekomendasi ini dibuat untuk dipergunakan sebagaimana mestinya.")
