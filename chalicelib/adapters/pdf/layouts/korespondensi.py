"""Sections of the naskah dinas korespondensi and penugasan: the heading of a letter and of a nota dinas, the
table of an invitation, the list of a covering letter, and the Dasar / Kepada / Untuk of an assignment.
"""

from __future__ import annotations

from typing import Any

from chalicelib.adapters.pdf.body import draw_addressees, draw_heading
from chalicelib.adapters.pdf.layouts import blocks as b
from chalicelib.domain.document import LetterDocument, attachments_line, day_and_date
from chalicelib.domain.letter_types import LetterType
from chalicelib.domain.timefmt import indonesian_date

Fields = dict[str, Any]


def kepala_surat(pdf: Any, doc: LetterDocument, width: float, f: Fields) -> None:
    """Place and date, Nomor / Sifat / Lampiran / Hal, Yth. and the addressees (a surat dinas, an invitation)."""
    draw_heading(pdf, doc, width, title=False)


def yth(pdf: Any, doc: LetterDocument, width: float, f: Fields) -> None:
    """`Yth.` and the addressees, as a circular or a covering letter opens."""
    draw_addressees(pdf, doc, width)


def kepala_nota(pdf: Any, doc: LetterDocument, width: float, f: Fields) -> None:
    """Yth. / Dari / Tembusan / Tanggal / Nomor / Sifat / Lampiran / Hal and a rule under them."""
    b.row(pdf, width, "Yth.", "; ".join(doc.addressees) or "-", label_w=25)
    b.row(pdf, width, "Dari", doc.signer_title, label_w=25)
    if doc.cc:
        b.row(pdf, width, "Tembusan", "; ".join(doc.cc), label_w=25)
    for label, value in (("Tanggal", indonesian_date(doc.signed_on)), ("Nomor", doc.number),
                         ("Sifat", doc.security_label), ("Lampiran", attachments_line(doc.attachments_count)),
                         ("Hal", doc.subject)):
        b.row(pdf, width, label, value, label_w=25)
    pdf.ln(1)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + width, pdf.get_y())
    pdf.ln(4)


def acara(pdf: Any, doc: LetterDocument, width: float, f: Fields) -> None:
    """The invitation's hari/tanggal, waktu, tempat and acara, then its closing."""
    if not f.get("hari_tanggal"):
        return
    from datetime import date

    waktu = f["waktu"]
    end = "selesai" if waktu["selesai"] == "selesai" else waktu["selesai"].replace(":", ".")
    rows = [("hari/tanggal", day_and_date(date.fromisoformat(f["hari_tanggal"]))),
            ("waktu", f"pukul {waktu['mulai'].replace(':', '.')} WITA s.d. {end}"),
            ("tempat", f["tempat"]), ("acara", f["acara"])]
    rows += [("catatan", f["catatan"])] if f.get("catatan") else []
    rows += [("narahubung", f["narahubung"])] if f.get("narahubung") else []
    for label, value in rows:
        b.row(pdf, width, label, value, label_w=30, indent=12)
    pdf.ln(3)
    b.paragraph(pdf, width, "Demikian disampaikan, atas perhatian dan kehadiran Bapak/Ibu diucapkan terima kasih.")
    pdf.ln(4)


def pengantar(pdf: Any, doc: LetterDocument, width: float, f: Fields) -> None:
    """The table of what is sent and the receipt box ('Diterima tanggal …')."""
    rows = [[str(i + 1), d["naskah"], d["banyaknya"], d.get("keterangan", "")] for i, d in
            enumerate(f.get("daftar") or [])]
    b.table(pdf, ("No", "Naskah Dinas yang Dikirimkan", "Banyaknya", "Keterangan"), rows, (10, 75, 30, 45))
    pdf.ln(4)
    b.keep_with_signature(pdf, 1)
    top = pdf.get_y()  # the receipt in the left half, level with the sender's signature in the right half
    for line in ("Diterima tanggal ...................", "Penerima,", "", "", "", "(..............................)"):
        pdf.cell(width / 2, b.LINE, line, new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(top)


def dasar(pdf: Any, doc: LetterDocument, width: float, f: Fields) -> None:
    """`Dasar : 1. …`"""
    if f.get("dasar"):
        b.listed(pdf, width, "Dasar", f["dasar"], marker=b.number, label_w=20)
        pdf.ln(3)


def perintah(pdf: Any, doc: LetterDocument, width: float, f: Fields) -> None:
    """MEMERINTAHKAN / MENUGASKAN, `Kepada :` and the table of the people assigned."""
    people = f.get("pegawai") or []
    if not people:
        return
    word = "MEMERINTAHKAN:" if doc.letter_type == LetterType.SURAT_PERINTAH else "MENUGASKAN:"
    b.centred(pdf, width, word)
    pdf.ln(1)
    pdf.cell(20, b.LINE, "Kepada")
    pdf.cell(4, b.LINE, ":", new_x="LMARGIN", new_y="NEXT")
    rows = [[str(i + 1), p["nama"] + (f"\nNIP {p['nip']}" if p.get("nip") else ""),
             p.get("pangkat_golongan", "-"), p.get("jabatan", "-")] for i, p in enumerate(people)]
    b.table(pdf, ("No", "Nama / NIP", "Pangkat/Golongan", "Jabatan"), rows, (10, 60, 40, 55))
    pdf.ln(1)


def untuk(pdf: Any, doc: LetterDocument, width: float, f: Fields) -> None:
    """`Untuk : 1. …` and the period (and place) of the assignment."""
    items = list(f.get("untuk") or [])
    period = f.get("periode")
    if period:
        when = b.on_date(period["mulai"]) if period["mulai"] == period["selesai"] else (
            f"{b.on_date(period['mulai'])} s.d. {b.on_date(period['selesai'])}")
        items.append(f"Dilaksanakan pada tanggal {when}" + (f" di {f['tempat']}." if f.get("tempat") else "."))
    if items:
        b.listed(pdf, width, "Untuk", items, marker=b.number, label_w=20)
        pdf.ln(3)
