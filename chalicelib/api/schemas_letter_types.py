"""Request and response schemas of the letter-type catalogue (also the OpenAPI components)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from chalicelib.api.schemas import LetterTypeName, Schema

# A letter's fields are checked against its type's JSON Schema by the service (400 naming the path, e.g.
# `fields.pegawai[2].nip`); here only their shape as an object.
LetterFields = dict[str, Any]
FIELDS_IN = ("the type's fields, checked against its JSON Schema (GET /letter-types/{code}); required for the "
             "types with `fields_required`")


class LetterTypeOut(Schema):
    """A type of naskah dinas (Permendagri 1/2023): its fields as JSON Schema and its printed layout."""

    code: LetterTypeName
    name: str = Field(description="Indonesian name, e.g. Surat Undangan")
    group: str = Field(description="arahan, korespondensi or khusus")
    min_level: str = Field(description="the lowest eselon that signs it (I highest … IV, staff)")
    addressees: bool = Field(description="the PDF prints the addressees (Yth. / Kepada)")
    free_text: bool = Field(description="the type has free text: `body` is required")
    fields_required: bool = Field(description="a new letter of this type needs `fields` (the older free-text types "
                                              "may go without)")
    title: str | None = Field(description="printed above the number; empty when the type prints none")
    sections: list[str] = Field(description="the printed parts in order below the letterhead")
    schema_: dict[str, Any] = Field(alias="schema", description="the fields as JSON Schema (draft 2020-12)")


class LetterTypeListOut(Schema):
    """The whole catalogue."""

    items: list[LetterTypeOut]
