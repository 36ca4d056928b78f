"""An org's letterhead (kop surat): its Latin lines, an optional line in Aksara Bali (Pergub Bali 80/2018 puts
the Balinese script beside the Latin one) and a logo image, checked by its bytes.

A letter prints the letterhead in force when it is signed; the signed document keeps the printed lines and the
logo's digest, so a later change never alters a signed letter.
"""

from __future__ import annotations

import struct
import unicodedata
from dataclasses import dataclass, replace
from typing import Any

from chalicelib.domain.errors import PayloadTooLarge, ValidationFailed
from chalicelib.domain.org import Org

MAX_LINE = 160
MAX_BALINESE = 120
LOGO_MAX_BYTES = 1_000_000
LOGO_MIN_PX = 32
LOGO_MAX_PX = 4000
LOGO_MAX_RATIO = 4  # a logo is roughly square: neither side more than four times the other
PNG = "image/png"
JPEG = "image/jpeg"
_BALINESE_BLOCK = range(0x1B00, 0x1B80)
_JPEG_FRAMES = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


@dataclass(frozen=True)
class Logo:
    """A checked logo image: its digest (which names it in storage), type and size in pixels."""

    sha256: str
    content_type: str
    width: int
    height: int


@dataclass(frozen=True)
class Letterhead:
    """What an org's letterhead prints. `org_name` is the org's line (e.g. with the unit above it)."""

    org: str
    government: str
    org_name: str
    address: str
    contact: str | None = None
    balinese: str | None = None
    logo: Logo | None = None
    updated_at: str | None = None
    updated_by: str | None = None

    def printed(self) -> dict[str, Any]:
        """The letterhead's part of a signed document's printed fields (see `domain.document.printed_fields`)."""
        logo = {"sha256": self.logo.sha256, "content_type": self.logo.content_type} if self.logo else None
        return {"government": self.government, "letterhead_name": self.org_name, "org_address": self.address,
                "org_contact": self.contact, "balinese_line": self.balinese, "logo": logo}


def org_contact(org: Org) -> str | None:
    """The contact line an org's details give: phone, e-mail and website."""
    parts = [f"Telepon {org.phone}" if org.phone else "", f"Pos-el {org.email}" if org.email else "",
             f"Laman {org.website}" if org.website else ""]
    return ", ".join(p for p in parts if p) or None


def default_letterhead(org: Org, government: str) -> Letterhead:
    """The letterhead of an org that has not set its own: the deployment's government and the org's details."""
    return Letterhead(org=org.code, government=government, org_name=org.name, address=org.address,
                      contact=org_contact(org))


def edited(current: Letterhead, fields: dict[str, Any], *, at: str, by: str) -> Letterhead:
    """The letterhead with the edited lines (checked); the logo stays."""
    government = _latin_line("government", fields["government"], required=True)
    org_name = _latin_line("org_name", fields["org_name"], required=True)
    address = _latin_line("address", fields["address"], required=True)
    contact = _latin_line("contact", fields.get("contact"), required=False)
    balinese = check_balinese(fields.get("balinese"))
    return replace(current, government=government or "", org_name=org_name or "", address=address or "",
                   contact=contact, balinese=balinese, updated_at=at, updated_by=by)


def _latin_line(field: str, value: str | None, *, required: bool) -> str | None:
    """One Latin line: trimmed, printable, not too long; empty is None unless required."""
    text = " ".join((value or "").split())
    if not text:
        if required:
            raise ValidationFailed.field(field, "required")
        return None
    if len(text) > MAX_LINE:
        raise ValidationFailed.field(field, f"at most {MAX_LINE} characters")
    if any(unicodedata.category(ch).startswith("C") for ch in text):
        raise ValidationFailed.field(field, "control characters are not allowed")
    if any(ord(ch) in _BALINESE_BLOCK for ch in text):
        raise ValidationFailed.field(field, "Aksara Bali belongs in the Balinese line")
    return text


def check_balinese(value: str | None) -> str | None:
    """The Aksara Bali line: Balinese script (U+1B00-U+1B7F) and spaces only, NFC, at most MAX_BALINESE."""
    text = unicodedata.normalize("NFC", " ".join((value or "").split()))
    if not text:
        return None
    if len(text) > MAX_BALINESE:
        raise ValidationFailed.field("balinese", f"at most {MAX_BALINESE} characters")
    if not any(ord(ch) in _BALINESE_BLOCK for ch in text) or any(
            ch != " " and ord(ch) not in _BALINESE_BLOCK for ch in text):
        raise ValidationFailed.field("balinese", "only Aksara Bali (Unicode block Balinese) and spaces")
    return text


def check_logo(data: bytes, sha256: str) -> Logo:
    """A PNG or JPEG by its bytes, at most LOGO_MAX_BYTES, of sane pixel dimensions; anything else is refused."""
    if len(data) > LOGO_MAX_BYTES:
        raise PayloadTooLarge(f"the logo is larger than {LOGO_MAX_BYTES} bytes", details={"field": "body"})
    size = _png_size(data) if data.startswith(b"\x89PNG\r\n\x1a\n") else None
    content_type = PNG
    if data.startswith(b"\xff\xd8\xff"):
        size, content_type = _jpeg_size(data), JPEG
    if size is None:
        raise ValidationFailed.field("body", "the logo must be a PNG or JPEG image")
    width, height = size
    if not (LOGO_MIN_PX <= width <= LOGO_MAX_PX and LOGO_MIN_PX <= height <= LOGO_MAX_PX):
        raise ValidationFailed.field("body", f"the logo must be {LOGO_MIN_PX} to {LOGO_MAX_PX} pixels on each side")
    if max(width, height) > LOGO_MAX_RATIO * min(width, height):
        raise ValidationFailed.field("body", f"the logo's sides may differ at most {LOGO_MAX_RATIO} times")
    return Logo(sha256=sha256, content_type=content_type, width=width, height=height)


def _png_size(data: bytes) -> tuple[int, int] | None:
    """Width and height from a PNG's IHDR chunk."""
    if len(data) < 24 or data[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    """Width and height from a JPEG's start-of-frame marker."""
    at = 2
    while at + 9 < len(data):
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        length = struct.unpack(">H", data[at + 2:at + 4])[0]
        if marker in _JPEG_FRAMES:
            height, width = struct.unpack(">HH", data[at + 5:at + 9])
            return int(width), int(height)
        at += 2 + length
    return None
