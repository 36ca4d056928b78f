"""The catalogue of naskah dinas (Permendagri 1/2023 on the tata naskah dinas of regional governments): every type
an office drafts, its group, the lowest level that signs it, whether it prints addressees and free text, its fields
as JSON Schema and the order of its printed sections. Pure data and one validation rule: no AWS here.

Left out, on purpose: a *peraturan* itself (a regulation is enacted by the head of the region after legal
harmonisation and promulgation; an office drafts and signs its *rancangan*, which is listed), *sertifikat / piagam*
(designed certificates issued in series, not correspondence) and *daftar hadir* (a form the attendees fill in; a
notula lists the attendees).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from chalicelib.domain.errors import NotFound, ValidationFailed
from chalicelib.domain.letter_types import fields as f
from chalicelib.domain.org import Level


class LetterType(StrEnum):
    """Kinds of official letters (DESIGN §2; the first eight codes predate the catalogue and never change)."""

    SURAT_DINAS = "surat_dinas"
    NOTA_DINAS = "nota_dinas"
    UNDANGAN = "undangan"
    SURAT_EDARAN = "surat_edaran"
    SURAT_TUGAS = "surat_tugas"
    SURAT_KEPUTUSAN = "surat_keputusan"
    PENGUMUMAN = "pengumuman"
    SURAT_KETERANGAN = "surat_keterangan"
    RANCANGAN_PERATURAN = "rancangan_peraturan"
    INSTRUKSI = "instruksi"
    SOP = "sop"
    MEMO = "memo"
    SURAT_PERINTAH = "surat_perintah"
    SURAT_PENGANTAR = "surat_pengantar"
    PERJANJIAN = "perjanjian"
    SURAT_KUASA = "surat_kuasa"
    BERITA_ACARA = "berita_acara"
    NOTULA = "notula"
    LAPORAN = "laporan"
    TELAAHAN_STAF = "telaahan_staf"
    REKOMENDASI = "rekomendasi"


class Group(StrEnum):
    """The regulation's groups of naskah dinas."""

    ARAHAN = "arahan"
    KORESPONDENSI = "korespondensi"
    KHUSUS = "khusus"


# The types drafted before the catalogue: their `fields` stay optional, so a letter of subject and free text (and
# every client that writes one) keeps working; their layout prints the body where the fields would be.
FREE_TEXT_TYPES = frozenset({LetterType.SURAT_DINAS, LetterType.NOTA_DINAS, LetterType.UNDANGAN,
                             LetterType.SURAT_EDARAN, LetterType.SURAT_TUGAS, LetterType.SURAT_KEPUTUSAN,
                             LetterType.PENGUMUMAN, LetterType.SURAT_KETERANGAN})
# The layout of every letter signed before the catalogue (its signed document has no `fields`): re-rendering an
# archived copy must give the same bytes.
LEGACY_SECTIONS = ("judul", "kepala_surat", "isi", "tanda_tangan", "tembusan")


@dataclass(frozen=True)
class LetterTypeSpec:
    """One type of the catalogue."""

    code: LetterType
    name: str
    group: Group
    min_level: Level
    addressees: bool  # prints the addressees (Yth. / Kepada); the letter is delivered to its recipients either way
    free_text: bool  # the annex has free text: the body is required (optional where `isi` is a section)
    title: str | None  # printed above the number ("KEPUTUSAN" is followed by the signatory's office)
    sections: tuple[str, ...]  # the printed parts in order, below the letterhead
    schema: dict[str, Any]

    @property
    def fields_required(self) -> bool:
        """A type of the catalogue with required fields needs them; the older free-text types may go without."""
        return self.code not in FREE_TEXT_TYPES and bool(self.schema["required"])

    def view(self) -> dict[str, Any]:
        """As the API lists it."""
        return {"code": self.code.value, "name": self.name, "group": self.group.value,
                "min_level": self.min_level.value, "addressees": self.addressees, "free_text": self.free_text,
                "fields_required": self.fields_required, "title": self.title, "sections": list(self.sections),
                "schema": self.schema}


def _spec(code: LetterType, name: str, group: Group, min_level: Level, sections: str, schema: dict[str, Any], *,
          addressees: bool = False, free_text: bool = False, title: str | None = None) -> LetterTypeSpec:
    return LetterTypeSpec(code, name, group, min_level, addressees, free_text,
                          title if title is not None else name.upper(), tuple(sections.split()),
                          f.with_draft(schema, name))


T, A, K, KH = LetterType, Group.ARAHAN, Group.KORESPONDENSI, Group.KHUSUS
II, IV = Level.II, Level.IV
SIGN = "tanda_tangan tembusan"
DECREE = "judul_jabatan tentang rahmat menimbang mengingat memperhatikan memutuskan diktum isi penetapan " + SIGN
CATALOGUE: dict[LetterType, LetterTypeSpec] = {s.code: s for s in (
    _spec(T.RANCANGAN_PERATURAN, "Rancangan Peraturan", A, II,
          "judul_jabatan tentang rahmat menimbang mengingat memutuskan pasal penetapan " + SIGN,
          f.RANCANGAN_PERATURAN, title="RANCANGAN"),
    _spec(T.SURAT_KEPUTUSAN, "Keputusan", A, II, DECREE, f.KEPUTUSAN),
    _spec(T.INSTRUKSI, "Instruksi", A, II, "judul_jabatan tentang isi kepada untuk_diktum penetapan " + SIGN,
          f.INSTRUKSI, addressees=True, free_text=True),
    _spec(T.SURAT_EDARAN, "Surat Edaran", A, II, "yth judul_nomor tentang isi edaran penetapan " + SIGN,
          f.SURAT_EDARAN, addressees=True, free_text=True),
    _spec(T.SOP, "Standar Operasional Prosedur", A, II, "judul_nomor tentang sop penetapan " + SIGN, f.SOP,
          title="STANDAR OPERASIONAL PROSEDUR"),
    _spec(T.NOTA_DINAS, "Nota Dinas", K, IV, "judul kepala_nota isi tanda_tangan", f.NONE, addressees=True,
          free_text=True),
    _spec(T.MEMO, "Memo", K, IV, "judul kepala_nota isi tanda_tangan", f.NONE, addressees=True, free_text=True),
    _spec(T.SURAT_DINAS, "Surat Dinas", K, IV, "kepala_surat isi " + SIGN, f.NONE, addressees=True,
          free_text=True, title=""),
    _spec(T.UNDANGAN, "Surat Undangan", K, IV, "kepala_surat isi acara " + SIGN, f.UNDANGAN, addressees=True,
          free_text=True, title=""),
    _spec(T.SURAT_PERINTAH, "Surat Perintah", A, IV, "judul_nomor dasar perintah untuk tempat_tanggal " + SIGN,
          f.PENUGASAN),
    _spec(T.SURAT_TUGAS, "Surat Tugas", A, IV, "judul_nomor dasar perintah untuk isi tempat_tanggal " + SIGN,
          f.PENUGASAN),
    _spec(T.SURAT_PENGANTAR, "Surat Pengantar", K, IV, "judul_nomor tempat_tanggal yth pengantar " + SIGN,
          f.SURAT_PENGANTAR, addressees=True),
    _spec(T.PERJANJIAN, "Perjanjian", KH, II, "judul_nomor tentang para_pihak isi pasal pihak_lain tanda_tangan nama_pihak_lain",
          f.PERJANJIAN, free_text=True, title="PERJANJIAN KERJA SAMA"),
    _spec(T.SURAT_KUASA, "Surat Kuasa", KH, II, "judul_nomor kuasa tempat_tanggal pihak_lain tanda_tangan nama_pihak_lain",
          f.SURAT_KUASA),
    _spec(T.BERITA_ACARA, "Berita Acara", KH, IV, "judul_nomor tentang berita_acara tempat_tanggal " + SIGN,
          f.BERITA_ACARA),
    _spec(T.SURAT_KETERANGAN, "Surat Keterangan", KH, IV, "judul_nomor keterangan isi tempat_tanggal " + SIGN,
          f.SURAT_KETERANGAN, free_text=True),
    _spec(T.PENGUMUMAN, "Pengumuman", KH, IV, "judul_nomor tentang isi tempat_tanggal tanda_tangan",
          f.NONE, free_text=True),
    _spec(T.NOTULA, "Notula", KH, IV, "judul tentang notula tempat_tanggal tanda_tangan", f.NOTULA),
    _spec(T.LAPORAN, "Laporan", KH, IV, "judul tentang laporan isi tempat_tanggal " + SIGN, f.LAPORAN),
    _spec(T.TELAAHAN_STAF, "Telaahan Staf", KH, IV, "judul kepala_nota telaahan tanda_tangan", f.TELAAHAN_STAF,
          addressees=True),
    _spec(T.REKOMENDASI, "Rekomendasi", KH, II, "judul_nomor tentang rekomendasi tempat_tanggal " + SIGN,
          f.REKOMENDASI),
)}

# Today's signing rule: what the catalogue says (decrees and circulars at eselon II; the rest from IV).
MINIMUM_LEVELS: dict[str, Level] = {code.value: spec.min_level for code, spec in CATALOGUE.items()}


def spec_of(code: str) -> LetterTypeSpec:
    """The catalogue entry of a type; 404 when there is none."""
    try:
        return CATALOGUE[LetterType(code)]
    except ValueError:
        raise NotFound(f"no letter type {code}") from None


def check_fields(letter_type: LetterType, fields: Mapping[str, Any] | None, body: str | None) -> None:
    """400 naming the path (e.g. `fields.pegawai[2].nip`) unless the fields fit the type's schema, and naming
    `body` when the type prints free text and none was given.
    """
    spec = CATALOGUE[letter_type]
    if fields is None and spec.fields_required:
        raise ValidationFailed.field("fields", f"a {spec.name} needs its fields (GET /letter-types/{spec.code})")
    if spec.free_text and not (body or "").strip():
        raise ValidationFailed.field("body", f"a {spec.name} needs its text")
    if (body or "").strip() and "isi" not in spec.sections:
        raise ValidationFailed.field("body", f"a {spec.name} prints no free text: write it in its fields")
    if fields is None:
        return
    errors = sorted(_validator(letter_type).iter_errors(fields), key=lambda e: list(e.absolute_path))
    if errors:
        raise ValidationFailed(f"the fields do not fit a {spec.name}",
                               details=[{"field": field_path(list(e.absolute_path)), "message": e.message}
                                        for e in errors[:20]])


def field_path(path: list[str | int]) -> str:
    """`fields.pegawai[2].nip` for ['pegawai', 2, 'nip']."""
    out = "fields"
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


_VALIDATORS: dict[LetterType, Any] = {}


def _validator(letter_type: LetterType) -> Any:
    """A cached validator with format checks (dates); jsonschema is imported on the first draft only."""
    if letter_type not in _VALIDATORS:
        from jsonschema import Draft202012Validator

        schema = CATALOGUE[letter_type].schema
        _VALIDATORS[letter_type] = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    return _VALIDATORS[letter_type]
