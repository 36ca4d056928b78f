"""The fields of each type as JSON Schema (draft 2020-12): the parts of a naskah dinas that the annex of
Permendagri 1/2023 prints beyond the subject (hal) and the free text (body).

Names are the Indonesian words of the annex in snake case, so a form, the API and the printed label agree.
"""

from __future__ import annotations

from typing import Any

DRAFT = "https://json-schema.org/draft/2020-12/schema"
Schema = dict[str, Any]

# The characters api/schemas.py refuses in every free text (control, bidirectional overrides and isolates): a signed
# field must read as it was signed (a unit test keeps the two lists equal).
CONTROL_CHARACTERS = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
DATE: Schema = {"type": "string", "format": "date", "description": "YYYY-MM-DD"}
TIME: Schema = {"type": "string", "pattern": r"^([01]\d|2[0-3])[:.][0-5]\d$", "description": "HH:MM (WITA)"}
NIP: Schema = {"type": "string", "pattern": r"^\d{18}$", "description": "NIP: 18 digits"}


def text(max_length: int = 2000, title: str | None = None) -> Schema:
    """A non-empty line or paragraph of at most `max_length` characters."""
    schema: Schema = {"type": "string", "minLength": 1, "maxLength": max_length,
                      "pattern": f"^[^{CONTROL_CHARACTERS}]*$"}
    return {**schema, "title": title} if title else schema


def items(schema: Schema, title: str, min_items: int = 1, max_items: int = 50) -> Schema:
    """A list, printed numbered (or lettered) under `title`."""
    return {"type": "array", "title": title, "items": schema, "minItems": min_items, "maxItems": max_items}


def obj(required: dict[str, Schema], optional: dict[str, Schema] | None = None, title: str | None = None) -> Schema:
    """An object with exactly these properties, the first group required."""
    schema: Schema = {"type": "object", "properties": {**required, **(optional or {})}, "required": list(required),
                      "additionalProperties": False}
    return {**schema, "title": title} if title else schema


def person(title: str, *, address: bool = False) -> Schema:
    """A person as the annex lists them: nama, NIP, pangkat/golongan, jabatan (NIP and rank only for civil
    servants: contract staff and outsiders have none).
    """
    optional = {"nip": NIP, "pangkat_golongan": text(100, "Pangkat/Golongan"), "jabatan": text(300, "Jabatan")}
    if address:
        optional["alamat"] = text(300, "Alamat")
    return obj({"nama": text(200, "Nama")}, optional, title=title)


def period(title: str = "Waktu pelaksanaan") -> Schema:
    """From a day to a day."""
    return obj({"mulai": {**DATE, "title": "Mulai"}, "selesai": {**DATE, "title": "Selesai"}}, title=title)


DASAR = items(text(1000), "Dasar", max_items=20)
MENIMBANG = items(text(2000), "Menimbang", max_items=20)
MENGINGAT = items(text(1000), "Mengingat", max_items=40)
UNTUK = items(text(2000), "Untuk", max_items=20)

UNDANGAN = obj({
    "hari_tanggal": {**DATE, "title": "Hari/tanggal"},
    "waktu": obj({"mulai": {**TIME, "title": "Mulai"},
                  "selesai": {"title": "Selesai", "anyOf": [TIME, {"const": "selesai"}]}}, title="Waktu"),
    "tempat": text(300, "Tempat"),
    "acara": text(1000, "Acara"),
}, {"catatan": text(1000, "Catatan"), "narahubung": text(200, "Narahubung")})

PENUGASAN = obj({
    "dasar": DASAR,
    "pegawai": items(person("Pegawai"), "Kepada", max_items=200),
    "untuk": UNTUK,
    "periode": period(),
}, {"tempat": text(300, "Tempat")})

KEPUTUSAN = obj({
    "menimbang": MENIMBANG,
    "mengingat": MENGINGAT,
    "menetapkan": text(1000, "Menetapkan"),
    "diktum": items(text(4000), "Diktum", max_items=30),
}, {"memperhatikan": items(text(1000), "Memperhatikan", max_items=20)})

RANCANGAN_PERATURAN = obj({
    "jenis": {"title": "Jenis peraturan", "enum": ["Peraturan Gubernur", "Peraturan Daerah", "Peraturan Bupati",
                                                  "Peraturan Wali Kota"]},
    "menimbang": MENIMBANG,
    "mengingat": MENGINGAT,
    "pasal": items(text(6000), "Pasal", max_items=200),
})

INSTRUKSI = obj({"untuk": items(text(4000), "Untuk", max_items=30)})

SURAT_EDARAN = obj({}, {
    "latar_belakang": text(4000, "Latar belakang"),
    "maksud_tujuan": text(2000, "Maksud dan tujuan"),
    "ruang_lingkup": text(2000, "Ruang lingkup"),
    "dasar": DASAR,
    "isi": items(text(4000), "Isi edaran", max_items=30),
})

SOP = obj({
    "dasar_hukum": items(text(1000), "Dasar hukum", max_items=30),
    "kualifikasi_pelaksana": items(text(500), "Kualifikasi pelaksana", max_items=20),
    "langkah": items(obj({"kegiatan": text(1000, "Kegiatan"), "pelaksana": text(200, "Pelaksana")},
                         {"waktu": text(100, "Waktu"), "output": text(300, "Output")}, title="Langkah"),
                     "Prosedur", max_items=60),
}, {
    "keterkaitan": items(text(500), "Keterkaitan", max_items=20),
    "peralatan": items(text(500), "Peralatan/perlengkapan", max_items=30),
    "peringatan": items(text(1000), "Peringatan", max_items=20),
    "pencatatan": items(text(500), "Pencatatan dan pendataan", max_items=20),
})

SURAT_PENGANTAR = obj({
    "daftar": items(obj({"naskah": text(500, "Naskah dinas yang dikirimkan"), "banyaknya": text(100, "Banyaknya")},
                        {"keterangan": text(300, "Keterangan")}, title="Naskah"), "Naskah dinas", max_items=50),
})

PERJANJIAN = obj({
    "pihak": items(obj({"nama": text(200, "Nama"), "jabatan": text(300, "Jabatan")},
                       {"instansi": text(300, "Instansi"), "alamat": text(300, "Alamat")}, title="Pihak"),
                   "Para pihak", min_items=2, max_items=4),
    "pasal": items(obj({"isi": text(6000, "Isi")}, {"judul": text(200, "Judul")}, title="Pasal"), "Pasal",
                   max_items=60),
})

SURAT_KUASA = obj({"pemberi": person("Pemberi kuasa", address=True),
                   "penerima": person("Penerima kuasa", address=True),
                   "untuk": text(4000, "Untuk")})

BERITA_ACARA = obj({
    "tanggal": {**DATE, "title": "Tanggal"},
    "tempat": text(300, "Tempat"),
    "pihak": items(person("Pihak"), "Para pihak", max_items=10),
    "isi": items(text(4000), "Isi berita acara", max_items=40),
}, {"saksi": items(text(300), "Saksi", max_items=10)})

NOTULA = obj({
    "tanggal": {**DATE, "title": "Hari/tanggal"},
    "waktu": {**TIME, "title": "Waktu rapat"},
    "pimpinan": text(200, "Pimpinan rapat"),
    "peserta": items(text(300), "Peserta", max_items=200),
    "acara": items(text(500), "Acara", max_items=20),
    "pembahasan": items(text(4000), "Pembahasan", max_items=60),
    "keputusan": items(text(2000), "Keputusan", max_items=40),
}, {"tempat": text(300, "Tempat"), "notulis": text(200, "Notulis")})

LAPORAN = obj({
    "pendahuluan": text(6000, "Pendahuluan"),
    "kegiatan": items(text(4000), "Kegiatan yang dilaksanakan", max_items=40),
    "hasil": items(text(4000), "Hasil yang dicapai", max_items=40),
    "simpulan": text(4000, "Simpulan"),
}, {"saran": items(text(2000), "Saran", max_items=20)})

TELAAHAN_STAF = obj({
    "persoalan": text(2000, "Persoalan"),
    "praanggapan": items(text(2000), "Praanggapan", max_items=20),
    "fakta": items(text(2000), "Fakta yang mempengaruhi", max_items=30),
    "analisis": text(8000, "Analisis"),
    "simpulan": text(4000, "Simpulan"),
    "saran": text(4000, "Saran"),
})

REKOMENDASI = obj({
    "dasar": DASAR,
    "kepada": obj({"nama": text(300, "Nama")}, {"jabatan": text(300, "Jabatan/instansi"),
                                               "alamat": text(300, "Alamat")}, title="Diberikan kepada"),
    "untuk": text(4000, "Untuk"),
})

SURAT_KETERANGAN = obj({}, {"orang": person("Yang diterangkan", address=True)})

NONE = obj({})


def with_draft(schema: Schema, title: str) -> Schema:
    """The schema as published: the dialect and the type's name."""
    return {"$schema": DRAFT, "title": title, **schema}
