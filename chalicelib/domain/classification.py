"""Archival classification codes (kode klasifikasi) with their retention schedule (JRA).

The built-in table is a realistic subset of the regional-government table (Permendagri on classification codes
and retention schedules): the main groups and the codes agencies use most for their correspondence. The
province-wide admin adapts it without a deployment: a stored entry overrides a built-in one of the same code or
adds a new code, and a code no longer used is retired (kept for the records that carry it, refused for new
drafts). The code is printed in the letter number; the retention years and final action give a record its
due dates when it is signed or registered (dates already given are never recomputed). Pure rules: the caller
passes the effective table in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from chalicelib.domain.errors import Conflict, ValidationFailed
from chalicelib.domain.retention import FinalAction, RetentionRule

CODE_PATTERN = re.compile(r"^\d{3}(\.\d{1,3}){0,3}$")  # as letters accept it: a group and up to 3 sub-levels
MAX_YEARS = 100
MAX_NAME = 200


class Source(StrEnum):
    """Where an entry of the effective table comes from."""

    BUILTIN = "builtin"  # the table shipped with the code, never changed
    CUSTOM = "custom"  # stored by the admin: overrides a built-in code or adds a new one


@dataclass(frozen=True)
class Classification:
    """One code of the table with its retention schedule."""

    code: str
    name: str
    active_years: int
    inactive_years: int
    final: FinalAction
    retired: bool = False
    source: Source = Source.BUILTIN
    version: int | None = None  # of the stored entry; None while the code is only built in
    updated_at: str | None = None
    updated_by: str | None = None

    @property
    def rule(self) -> RetentionRule:
        """The JRA rule of the code."""
        return RetentionRule(self.active_years, self.inactive_years, self.final)


Table = Mapping[str, Classification]


def _c(code: str, name: str, active: int, inactive: int, final: FinalAction) -> Classification:
    return Classification(code, name, active, inactive, final)


_D, _P, _R = FinalAction.MUSNAH, FinalAction.PERMANEN, FinalAction.DINILAI_KEMBALI

BUILTIN: dict[str, Classification] = {c.code: c for c in (
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




def _order(code: str) -> tuple[int, ...]:
    return tuple(int(part) for part in code.split("."))


def effective_table(stored: Iterable[Classification]) -> dict[str, Classification]:
    """The built-in table overridden and extended by the stored entries, in code order (000.1.2 < 000.1.10)."""
    table = {**BUILTIN, **{entry.code: entry for entry in stored}}
    return {code: table[code] for code in sorted(table, key=_order)}


def classification(table: Table, code: str, field: str = "classification") -> Classification:
    """The entry of `code`, retired or not (records keep their code); a 400 naming `field` when unknown."""
    entry = table.get(code)
    if entry is None:
        raise ValidationFailed.field(field, f"{code!r} is not a classification code (see GET /classifications)")
    return entry


def usable_classification(table: Table, code: str, field: str = "classification") -> Classification:
    """The entry of `code` for a new draft or an edit: a retired code is refused, naming `field`."""
    entry = classification(table, code, field)
    if entry.retired:
        raise ValidationFailed.field(field, f"{code!r} is retired and cannot be used for new letters")
    return entry


def retention_rule(table: Table, code: str) -> RetentionRule:
    """The JRA rule of a classification code in `table`."""
    return classification(table, code).rule


def parent_code(code: str) -> str | None:
    """The code one level up ('000.1' for '000.1.2'); None for a group of three digits."""
    parent, dot, _ = code.rpartition(".")
    return parent if dot else None


@dataclass(frozen=True)
class ClassificationChange:
    """What the admin sends for one code (PUT /classifications/{code})."""

    name: str
    active_years: int
    inactive_years: int
    final_action: str
    retired: bool = False
    version: int | None = None  # the version the stored entry was read with; None for a first change


def changed_entry(table: Table, code: str, change: ClassificationChange, *, by: str, at: str) -> Classification:
    """The entry `code` becomes after the admin's `change`, checked against the effective `table`.

    A new code needs a parent in the table that is not retired. Changing a stored entry needs the version it
    was read with (409 when stale); the first change of a built-in code, or a new code, has none.
    """
    if not CODE_PATTERN.fullmatch(code):
        raise ValidationFailed.field("code", "a code like 000.1.2: three digits, then up to three .number levels")
    current = table.get(code)
    if current is None:
        parent = parent_code(code)
        if parent is not None and parent not in table:
            raise ValidationFailed.field("code", f"its parent code {parent} is not in the table; add it first")
        if parent is not None and table[parent].retired:
            raise ValidationFailed.field("code", f"its parent code {parent} is retired: it takes no new codes")
    _check_fields(change)
    stored_version = current.version if current is not None else None
    if change.version != stored_version:
        raise Conflict("the classification was changed meanwhile; reload it and try again",
                       details={"field": "version", "current": stored_version})
    return Classification(
        code=code, name=change.name.strip(), active_years=change.active_years,
        inactive_years=change.inactive_years, final=FinalAction(change.final_action), retired=change.retired,
        source=Source.CUSTOM, version=(stored_version or 0) + 1, updated_at=at, updated_by=by)


def _check_fields(change: ClassificationChange) -> None:
    if not 1 <= len(change.name.strip()) <= MAX_NAME:
        raise ValidationFailed.field("name", f"1 to {MAX_NAME} characters")
    for field in ("active_years", "inactive_years"):
        if not 0 <= getattr(change, field) <= MAX_YEARS:
            raise ValidationFailed.field(field, f"a whole number of years from 0 to {MAX_YEARS}")
    if change.final_action not in {a.value for a in FinalAction}:
        raise ValidationFailed.field("final_action", f"one of {', '.join(a.value for a in FinalAction)}")
