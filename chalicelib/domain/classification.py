"""Archival classification codes (kode klasifikasi) with their retention schedule (JRA).

A realistic subset of the regional-government table (Permendagri on classification codes and retention
schedules): the main groups and the codes agencies use most for their correspondence. The code is
printed in the letter number; the retention years and final disposition are used by the archive.
"""

from __future__ import annotations

from dataclasses import dataclass

from chalicelib.domain.errors import ValidationFailed
from chalicelib.domain.retention import FinalAction, RetentionRule


@dataclass(frozen=True)
class Classification:
    """One code of the table with its retention schedule."""

    code: str
    name: str
    active_years: int
    inactive_years: int
    final: FinalAction


def _c(code: str, name: str, active: int, inactive: int, final: FinalAction) -> Classification:
    return Classification(code, name, active, inactive, final)


_D, _P, _R = FinalAction.MUSNAH, FinalAction.PERMANEN, FinalAction.DINILAI_KEMBALI

CLASSIFICATIONS: dict[str, Classification] = {c.code: c for c in (
    _c("000", "Umum", 2, 3, _R),
    _c("000.1", "Ketatausahaan dan Kerumahtanggaan", 2, 3, _D),
    _c("000.1.1", "Telekomunikasi", 2, 1, _D),
    _c("000.1.2", "Persuratan", 2, 3, _D),
    _c("000.1.3", "Perjalanan Dinas", 2, 3, _D),
    _c("000.2", "Perlengkapan", 3, 5, _D),
    _c("000.3", "Pengadaan Barang dan Jasa", 5, 5, _D),
    _c("000.4", "Kearsipan", 3, 7, _P),
    _c("000.5", "Perencanaan Pembangunan", 2, 5, _P),
    _c("000.7", "Organisasi dan Tata Laksana", 2, 5, _P),
    _c("000.8", "Hukum dan Peraturan Perundang-undangan", 5, 5, _P),
    _c("000.9", "Hubungan Masyarakat dan Protokol", 2, 3, _R),
    _c("005", "Undangan", 1, 1, _D),
    _c("100", "Pemerintahan", 2, 5, _R),
    _c("100.1", "Otonomi Daerah", 3, 5, _P),
    _c("200", "Politik", 2, 5, _R),
    _c("300", "Ketenteraman, Ketertiban Umum dan Perlindungan Masyarakat", 2, 5, _R),
    _c("400", "Kesejahteraan Rakyat", 2, 5, _R),
    _c("400.3", "Pendidikan", 2, 5, _R),
    _c("400.7", "Kesehatan", 2, 5, _R),
    _c("500", "Perekonomian", 2, 5, _R),
    _c("500.12", "Komunikasi dan Informatika", 2, 5, _R),
    _c("600", "Pekerjaan Umum dan Penataan Ruang", 3, 5, _R),
    _c("700", "Pengawasan", 3, 7, _P),
    _c("800", "Kepegawaian", 2, 3, _R),
    _c("800.1", "Pengadaan dan Pengangkatan Pegawai", 5, 5, _P),
    _c("800.2", "Pendidikan dan Pelatihan Pegawai", 2, 3, _D),
    _c("800.3", "Cuti Pegawai", 1, 1, _D),
    _c("900", "Keuangan", 2, 5, _R),
    _c("900.1", "Anggaran Pendapatan dan Belanja Daerah", 5, 5, _P),
    _c("900.2", "Pelaksanaan Anggaran", 5, 5, _D),
    _c("900.3", "Pertanggungjawaban Keuangan", 5, 5, _D),
)}


def classification(code: str, field: str = "classification") -> Classification:
    """The entry of `code`; a 400 naming `field` when the code is not in the table."""
    entry = CLASSIFICATIONS.get(code)
    if entry is None:
        raise ValidationFailed.field(field, f"{code!r} is not a classification code (see GET /classifications)")
    return entry


def retention_rule(code: str) -> RetentionRule:
    """The JRA rule of a classification code (the table above is the retention table)."""
    entry = classification(code)
    return RetentionRule(entry.active_years, entry.inactive_years, entry.final)
