"""The archive: what is kept of every signed letter and registered incoming letter (an archive entry), how it is
found (words, number, classification, type, date range), who may see it, when its retention action is due, and
the CSV export. Pure rules: no AWS here.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from chalicelib.domain.classification import Table, classification, retention_rule
from chalicelib.domain.errors import Forbidden, ValidationFailed
from chalicelib.domain.identity import Principal, Role
from chalicelib.domain.incoming import IncomingLetter
from chalicelib.domain.letters import Letter, LetterType, Security, reader_positions
from chalicelib.domain.retention import retention_dates

MAX_WORDS = 24  # search words kept on a record's archive entry: its size is paid in the table and each index
MAX_QUERY_LENGTH = 200
UNCLASSIFIED_RETENTION = "000.1.2"  # Persuratan: the JRA rule of an incoming letter registered without a code
SECRET = frozenset({Security.RAHASIA.value, Security.SANGAT_RAHASIA.value})
STOPWORDS = frozenset("""
    dan yang di ke dari untuk dengan pada dalam atas oleh ini itu atau serta bagi tentang kepada sebagai
    tahun nomor surat hal yth the and for
""".split())
_SPLIT = re.compile(r"[^0-9a-z]+")


class RecordKind(StrEnum):
    """What an archive entry keeps."""

    LETTER = "letter"  # a signed letter of the org (surat keluar)
    INCOMING = "incoming"  # a registered incoming letter (surat masuk)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def words(text: str) -> list[str]:
    """Search words of a text: lower case, accents removed, at least 3 characters, no stopwords, in order."""
    found = [w for w in _SPLIT.split(_fold(text)) if len(w) >= 3 and w not in STOPWORDS]
    return list(dict.fromkeys(w[:64] for w in found))


def number_token(number: str) -> str:
    """A letter or agenda number as one search token ('no:000.1.2/17/diskominfos/2026')."""
    return "no:" + re.sub(r"\s+", "", _fold(number))[:120]


def looks_like_number(text: str) -> bool:
    """A query with a '/' is a letter number, searched whole."""
    return "/" in text


def record_words(numbers: Iterable[str | None], texts: Iterable[str | None]) -> list[str]:
    """The tokens a record is found by: its numbers whole, then the words of subject, sender and addressees."""
    tokens = [number_token(n) for n in numbers if n]
    for text in texts:
        tokens.extend(words(text or ""))
    return list(dict.fromkeys(tokens))[:MAX_WORDS]


@dataclass(frozen=True)
class ArchiveEntry:
    """One archived record as search, export and retention show it."""

    kind: RecordKind
    id: str
    org: str
    date: str  # YYYY-MM-DD (signing or registration day, WITA)
    at: str  # the moment (ISO 8601, WITA): orders entries of the same day
    number: str | None
    subject: str
    type: str | None  # letter type; None for incoming letters
    classification: str | None
    security: str
    sender: str
    recipients: list[str]
    inactive_from: str
    action_due: str
    final_action: str
    pages: int | None = None
    readers: list[str] = field(default_factory=list)  # positions that may see a secret record
    words: list[str] = field(default_factory=list)
    legal_hold: bool = False
    hold_note: str | None = None

    @property
    def ref(self) -> str:
        """The public handle of the entry in archive routes: 'letter-{id}' or 'incoming-{id}'."""
        return f"{self.kind.value}-{self.id}"

    @property
    def secret(self) -> bool:
        """Rahasia and sangat rahasia records are seen only by their parties."""
        return self.security in SECRET


def incoming_entry(letter: IncomingLetter, table: Table) -> ArchiveEntry:
    """The archive entry of a registered incoming letter: found by both numbers, subject and sender. A secret one
    is seen only by the position it is addressed to, as the letter itself (domain.incoming.may_read): not by the
    operator who registered it, who registers a sealed letter as a paper register does and gets 404 on the letter
    — the archive must not be a side door to what the register redacts; and readers are positions, so the seat
    would pass it on to its next holder. Its retention dates follow the rule its code has in the classification
    `table` now (a later change of the table does not move them).
    """
    day = letter.received_at[:10]
    rule = retention_rule(table, letter.classification or UNCLASSIFIED_RETENTION)
    dates = retention_dates(date.fromisoformat(day), rule)
    return ArchiveEntry(
        kind=RecordKind.INCOMING, id=letter.id, org=letter.org, date=day, at=letter.received_at,
        number=letter.letter_number or letter.agenda_number, subject=letter.subject, type=None,
        classification=letter.classification, security=letter.security, sender=letter.sender_name,
        recipients=[letter.addressed_to] if letter.addressed_to else [],
        readers=[letter.addressed_to] if letter.addressed_to and letter.security in SECRET else [],
        words=record_words([letter.letter_number, letter.agenda_number], [letter.subject, letter.sender_name]),
        inactive_from=dates.inactive_from.isoformat(), action_due=dates.action_due.isoformat(),
        final_action=dates.final_action.value)


def letter_entry(letter: Letter, lines: Mapping[str, list[str]], delivered_to: Iterable[str],
                 table: Table) -> ArchiveEntry:
    """The archive entry of a sent letter: found by its number, subject and the names it is addressed and copied
    to; a secret one is seen only by the positions it reached. Its retention dates run from the day it is dated
    (its number's claim) by the rule its code has in `table` now (a code retired since it was drafted included).
    """
    printed = (letter.signed_document or {}).get("printed") or {}
    day = date.fromisoformat(printed.get("signed_on") or (letter.signed_at or letter.updated_at)[:10])
    dates = retention_dates(day, retention_rule(table, letter.classification))
    names = [*lines["addressees"], *lines["cc"]]
    return ArchiveEntry(
        kind=RecordKind.LETTER, id=letter.id, org=letter.org, date=day.isoformat(),
        at=letter.signed_at or letter.updated_at, number=letter.number, subject=letter.subject,
        type=letter.type.value, classification=letter.classification, security=letter.security.value,
        sender=(letter.signed_document or {}).get("org_name", letter.org), recipients=names, pages=letter.pdf_pages,
        readers=reader_positions(letter, delivered_to) if letter.security.secret else [],
        words=record_words([letter.number], [letter.subject, *names]), inactive_from=dates.inactive_from.isoformat(),
        action_due=dates.action_due.isoformat(), final_action=dates.final_action.value)


def parse_ref(ref: str) -> tuple[RecordKind, str]:
    """'letter-{id}' → (letter, id); a 404-worthy ref is reported as a bad field."""
    kind, _, record_id = ref.partition("-")
    if kind not in {k.value for k in RecordKind} or not re.fullmatch(r"[0-9a-f]{32}", record_id):
        raise ValidationFailed.field("record", "an archive reference like letter-{id} or incoming-{id}")
    return RecordKind(kind), record_id


def entry_view(entry: ArchiveEntry) -> dict[str, Any]:
    """An entry as the API shows it (the search words and readers stay inside)."""
    return {"record": entry.ref, "kind": entry.kind.value, "id": entry.id, "org": entry.org, "date": entry.date,
            "number": entry.number, "subject": entry.subject, "type": entry.type,
            "classification": entry.classification, "security": entry.security, "sender": entry.sender,
            "recipients": entry.recipients, "pages": entry.pages, "inactive_from": entry.inactive_from,
            "action_due": entry.action_due, "final_action": entry.final_action}


# ---------------------------------------------------------------- who sees what

ARCHIVE_ROLES = (Role.ADMIN, Role.OPERATOR, Role.AUDITOR)  # the auditor only reads (legal holds are admins')


def archive_org(principal: Principal, requested: str | None) -> str:
    """The org whose archive the caller reads: their own; the province-wide admin and the auditor name one
    (the auditor's own org when it has one and names none).
    """
    if principal.reads_every_org:
        if not requested and principal.is_auditor and principal.org:
            return principal.org
        if not requested:
            raise ValidationFailed.field("org", "name the org whose archive to read (?org=)")
        return requested
    if requested and requested != principal.org:
        raise Forbidden("you read the archive of your own org", details={"org": requested})
    if not principal.org:
        raise ValidationFailed.field("org", "you belong to no org")
    return principal.org


def may_see(entry: ArchiveEntry, principal: Principal) -> bool:
    """Org staff of the archive see its plain records; a secret one only its parties (never another org).
    The province-wide admin and the auditor see the plain records of every org, and no secret one they are
    not party to.
    """
    if entry.org != principal.org and not principal.reads_every_org:
        return False
    if not entry.secret:
        return True
    # Position codes are per org: a reader of another org's secret record is never the caller.
    return entry.org == principal.org and principal.position is not None and principal.position in entry.readers


# ---------------------------------------------------------------- queries


@dataclass(frozen=True)
class ArchiveQuery:
    """A search of one org's archive; the dates are served by keys, the words, `classification`, `type` and
    `kind` filter the entries read (so a page may hold fewer items than its limit).
    """

    org: str
    tokens: tuple[str, ...] = ()
    classification: str | None = None
    type: str | None = None
    kind: RecordKind | None = None
    date_from: str | None = None
    date_to: str | None = None

    @property
    def filtered(self) -> bool:
        """Whether some filter is not served by the key (then more entries are read than returned)."""
        return bool(self.tokens or self.classification or self.type or self.kind)

    def matches(self, entry: ArchiveEntry) -> bool:
        """The filters not served by the key."""
        if any(t not in entry.words for t in self.tokens):
            return False
        if self.classification and entry.classification != self.classification:
            return False
        if self.type and entry.type != self.type:
            return False
        return self.kind is None or entry.kind is self.kind


def _date(name: str, value: str | None) -> str | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise ValidationFailed.field(name, "a date like 2026-11-29") from exc


def parse_query(org: str, params: Mapping[str, str | None], table: Table) -> ArchiveQuery:
    """Validate the query-string filters of GET /archive, naming the bad field (a retired code is still found)."""
    q = (params.get("q") or "").strip()
    tokens: tuple[str, ...] = ()
    if q:
        if len(q) > MAX_QUERY_LENGTH:
            raise ValidationFailed.field("q", f"at most {MAX_QUERY_LENGTH} characters")
        tokens = (number_token(q),) if looks_like_number(q) else tuple(words(q))
        if not tokens:
            raise ValidationFailed.field("q", "give a number or a word of at least 3 letters")
    code = params.get("classification") or None
    if code:
        classification(table, code)
    letter_type = params.get("type") or None
    if letter_type and letter_type not in {t.value for t in LetterType}:
        raise ValidationFailed.field("type", f"one of {', '.join(t.value for t in LetterType)}")
    kind = params.get("kind") or None
    if kind and kind not in {k.value for k in RecordKind}:
        raise ValidationFailed.field("kind", "letter or incoming")
    date_from, date_to = _date("from", params.get("from")), _date("to", params.get("to"))
    if date_from and date_to and date_from > date_to:
        raise ValidationFailed.field("to", "must not be before from")
    return ArchiveQuery(org=org, tokens=tokens, classification=code, type=letter_type,
                        kind=RecordKind(kind) if kind else None, date_from=date_from, date_to=date_to)


def parse_day(name: str, value: str | None, default: date) -> date:
    """A date parameter (e.g. retention-due `on`), today when absent."""
    parsed = _date(name, value)
    return date.fromisoformat(parsed) if parsed else default


# ---------------------------------------------------------------- export and figures

CSV_HEADER = ("Rekaman", "Jenis Arsip", "Nomor", "Tanggal", "Hal", "Jenis Naskah", "Kode Klasifikasi", "Sifat",
              "Pengirim", "Tujuan", "Jumlah Halaman", "Inaktif Mulai", "Jadwal Tindakan Akhir", "Tindakan Akhir")
KIND_LABELS = {RecordKind.LETTER: "Surat Keluar", RecordKind.INCOMING: "Surat Masuk"}


def to_csv(entries: Iterable[ArchiveEntry]) -> str:
    """The rows as CSV for Excel: UTF-8 with a byte-order mark, a header row in Indonesian."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for e in entries:
        writer.writerow([e.ref, KIND_LABELS[e.kind], e.number or "", e.date, e.subject, e.type or "",
                         e.classification or "", e.security, e.sender, "; ".join(e.recipients),
                         "" if e.pages is None else e.pages, e.inactive_from, e.action_due, e.final_action])
    return "\ufeff" + buffer.getvalue()


def paperless_pages(pages: int, addressees: int, cc: int) -> int:
    """Pages not printed by signing electronically: every page once for each addressee and cc."""
    return pages * (addressees + cc)
