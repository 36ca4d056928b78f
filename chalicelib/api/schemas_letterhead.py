"""Request and response schemas of an org's letterhead (kop surat)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from chalicelib.api.schemas import PLAIN_TEXT, Schema
from chalicelib.domain.letterhead import MAX_BALINESE, MAX_LINE

Line = Annotated[str, StringConstraints(min_length=1, max_length=MAX_LINE), PLAIN_TEXT]


class LetterheadIn(Schema):
    """The letterhead's lines; the logo is uploaded separately (PUT /orgs/{org}/letterhead/logo)."""

    government: Line = Field(description="first line, e.g. Pemerintah Provinsi Bali")
    org_name: Line = Field(description="the org's line, printed in capitals")
    address: Line
    contact: Annotated[str, StringConstraints(max_length=MAX_LINE), PLAIN_TEXT] | None = Field(
        None, description="telephone, e-mail, website")
    balinese: Annotated[str, StringConstraints(max_length=MAX_BALINESE), PLAIN_TEXT] | None = Field(
        None, description="a line in Aksara Bali (Unicode block Balinese, U+1B00-U+1B7F, and spaces)")


class LogoOut(Schema):
    """A checked logo image."""

    sha256: str
    content_type: str
    width: int
    height: int


class LetterheadOut(Schema):
    """An org's letterhead: its own (custom) or the default from the org's details."""

    org: str
    government: str
    org_name: str
    address: str
    contact: str | None
    balinese: str | None
    logo: LogoOut | None
    custom: bool = Field(description="false: the default from the org's details (never edited)")
    updated_at: str | None
    updated_by: str | None


class LetterheadPreviewOut(Schema):
    """A sample letter under the letterhead, as the next signed letter prints it."""

    content_type: str
    pages: int
    pdf_base64: str
    logo_base64: str | None = Field(description="the logo image itself (its type: the letterhead's logo)")
