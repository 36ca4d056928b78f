"""What a signed letter shows on paper (tata naskah dinas): the fields the PDF prints, with Indonesian wording."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from chalicelib.domain.timefmt import indonesian_date

TYPE_TITLES = {
    "surat_dinas": None,  # a plain official letter has no title above the number
    "nota_dinas": "NOTA DINAS",
    "undangan": None,
    "surat_edaran": "SURAT EDARAN",
    "surat_tugas": "SURAT TUGAS",
    "surat_keputusan": "KEPUTUSAN",
    "pengumuman": "PENGUMUMAN",
    "surat_keterangan": "SURAT KETERANGAN",
}
SECURITY_LABELS = {
    "biasa": "Biasa",
    "terbatas": "Terbatas",
    "rahasia": "Rahasia",
    "sangat_rahasia": "Sangat Rahasia",
}
_UNITS = ["", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh", "sebelas"]


DAYS_ID = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


def day_and_date(day: date) -> str:
    """'Senin, 14 Desember 2026'."""
    return f"{DAYS_ID[day.weekday()]}, {indonesian_date(day)}"


def terbilang(n: int) -> str:
    """A number in Indonesian words (0..999), as written in 'Lampiran: 2 (dua) berkas'."""
    if n < 0 or n > 999:
        raise ValueError("terbilang supports 0..999")
    if n == 0:
        return "nol"
    if n < 12:
        return _UNITS[n]
    if n < 20:
        return f"{_UNITS[n - 10]} belas"
    if n < 100:
        tens, rest = divmod(n, 10)
        return f"{_UNITS[tens]} puluh" + (f" {_UNITS[rest]}" if rest else "")
    hundreds, rest = divmod(n, 100)
    head = "seratus" if hundreds == 1 else f"{_UNITS[hundreds]} ratus"
    return head + (f" {terbilang(rest)}" if rest else "")


def attachments_line(count: int) -> str:
    """'-' or '1 (satu) berkas'."""
    return "-" if count == 0 else f"{count} ({terbilang(count)}) berkas"


@dataclass(frozen=True)
class LetterDocument:
    """Everything printed on a signed letter."""

    government: str  # e.g. "PEMERINTAH PROVINSI BALI"
    org_name: str
    org_address: str
    city: str
    signed_on: date
    number: str
    letter_type: str
    security: str
    attachments_count: int
    subject: str
    addressees: list[str]
    body: str
    signer_title: str
    signer_name: str
    signer_nip: str | None
    verification_url: str
    verification_code: str
    on_behalf_of: str | None = None  # title of the head when signed "a.n."
    by_order_of: str | None = None  # title of the signatory's superior when signed "u.b." under it
    cc: list[str] = field(default_factory=list)
    org_contact: str | None = None
    letterhead_name: str | None = None  # the org's line of the letterhead when it differs from its name
    balinese_line: str | None = None  # the letterhead's line in Aksara Bali
    logo_sha256: str | None = None  # the letterhead's logo, rendered from the image with this digest
    fields: dict[str, Any] | None = None  # the type's fields; None on letters signed before the catalogue

    @property
    def letterhead_lines(self) -> list[str]:
        """The Latin lines of the letterhead: government, org, address and (when there is one) contact."""
        lines = [self.government, self.letterhead_name or self.org_name, self.org_address]
        return lines + ([self.org_contact] if self.org_contact else [])

    @property
    def place_and_date(self) -> str:
        """'Denpasar, 29 November 2026'."""
        return f"{self.city}, {indonesian_date(self.signed_on)}"

    @property
    def title(self) -> str | None:
        """The title above the number for types that have one."""
        return TYPE_TITLES.get(self.letter_type)

    @property
    def security_label(self) -> str:
        """'Biasa', 'Rahasia', …"""
        return SECURITY_LABELS.get(self.security, self.security)


def printed_fields(*, government: str, org_address: str, signed_on: date, addressees: list[str], cc: list[str],
                   verification_code: str, verification_url: str,
                   letterhead: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """What the paper shows beyond the letter's own fields; part of the signed document, so the signature
    covers every printed line and the PDF can be rendered again byte for byte from the stored document. The org's
    `letterhead` (see `domain.letterhead.Letterhead.printed`) replaces the default lines; its empty ones are left out.
    """
    printed = {"government": government, "org_address": org_address, "signed_on": signed_on.isoformat(),
               "addressees": list(addressees), "cc": list(cc), "verification_code": verification_code,
               "verification_url": verification_url}
    return {**printed, **{key: value for key, value in (letterhead or {}).items() if value is not None}}


def letter_document(signed: Mapping[str, Any]) -> LetterDocument:
    """The printable letter of a signed document (see `domain.letters.signed_document` and `printed_fields`)."""
    printed = signed["printed"]
    signer = signed["signatory"]
    return LetterDocument(
        government=printed["government"], org_name=signed["org_name"], org_address=printed["org_address"],
        city=signed["place"], signed_on=date.fromisoformat(printed["signed_on"]), number=signed["number"],
        letter_type=signed["type"], security=signed["security"], attachments_count=len(signed["attachments"]),
        subject=signed["subject"], addressees=printed["addressees"], body=signed["body"],
        signer_title=signer["title"], signer_name=signer.get("name") or "", signer_nip=signer.get("nip"),
        verification_url=printed["verification_url"], verification_code=printed["verification_code"],
        on_behalf_of=signer.get("on_behalf_of"), by_order_of=signer.get("by_order_of"), cc=printed["cc"],
        org_contact=printed.get("org_contact"), letterhead_name=printed.get("letterhead_name"),
        balinese_line=printed.get("balinese_line"), logo_sha256=(printed.get("logo") or {}).get("sha256"),
        fields=signed.get("fields"),
    )
