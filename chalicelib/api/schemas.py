"""Request and response schemas of the org structure and identity routes (also the OpenAPI components)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeAlias

from pydantic import BaseModel, ConfigDict, EmailStr, Field, GetCoreSchemaHandler, GetJsonSchemaHandler, StringConstraints
from pydantic_core import core_schema

from chalicelib.domain import acting, classification, identity, letters, org, retention, signatures, submissions
from chalicelib.domain.org import DEFAULT_NUMBER_FORMAT


class Schema(BaseModel):
    """Base: unknown fields are errors; schemas are built on first use (cold start stays small)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, defer_build=True)


# Control characters (C0 but tab, newline and carriage return; DEL; C1) and the bidirectional marks, embeddings,
# overrides and isolates: invisible, they can make a signed subject read differently from what was signed
# (U+202E reverses the text after it) or break the CSV, logs and PDFs a text ends up in.
CONTROL_CHARACTERS = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_CONTROL_RE = re.compile(f"[{CONTROL_CHARACTERS}]")


@dataclass(frozen=True)
class _PlainText:
    """Marks a free-text input: refuses the control characters above (newlines and tabs stay)."""

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(_plain_text, handler(source))

    def __get_pydantic_json_schema__(self, schema: core_schema.CoreSchema,
                                     handler: GetJsonSchemaHandler) -> dict[str, Any]:
        return {**handler(schema), "pattern": f"^[^{CONTROL_CHARACTERS}]*$"}


def _plain_text(value: str) -> str:
    found = _CONTROL_RE.search(value)
    if found:
        raise ValueError(f"control or bidirectional-override character U+{ord(found.group()):04X} at position "
                         f"{found.start()} is not allowed")
    return value


PLAIN_TEXT = _PlainText()


# Cross-field rules the server enforces, said in JSON Schema too (for the document; pydantic and the domain
# enforce them with a message naming the field).
def given(*names: str) -> dict[str, Any]:
    """Each of `names` is present and not null."""
    return {"required": list(names), "properties": {n: {"not": {"type": "null"}} for n in names}}


def absent(*names: str) -> dict[str, Any]:
    """None of `names` is given (each missing or null)."""
    return {"properties": {n: {"type": "null"} for n in names}}


def when(name: str, values: tuple[str, ...], then: dict[str, Any],
         otherwise: dict[str, Any] | None = None) -> dict[str, Any]:
    """If `name` is one of `values`, `then` applies (else `otherwise`)."""
    rule = {"if": {"required": [name], "properties": {name: {"enum": list(values)}}}, "then": then}
    return {**rule, "else": otherwise} if otherwise else rule


def any_given(*names: str) -> dict[str, Any]:
    """At least one of `names` is given."""
    return {"anyOf": [given(n) for n in names]}
Code = Annotated[str, StringConstraints(pattern=r"^[A-Z0-9][A-Z0-9._-]{0,31}$")]
# A position of the own org (`CODE`) or of another org (`ORG/CODE`).
PositionRef = Annotated[str, StringConstraints(pattern=r"^([A-Z0-9][A-Z0-9._-]{0,31}/)?[A-Z0-9][A-Z0-9._-]{0,31}$")]
ForeignPositionRef = Annotated[str, StringConstraints(pattern=r"^[A-Z0-9][A-Z0-9._-]{0,31}/[A-Z0-9][A-Z0-9._-]{0,31}$")]
Name = Annotated[str, StringConstraints(min_length=1, max_length=200), PLAIN_TEXT]
Username = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]{2,39}$", to_lower=True)]
Phone = Annotated[str, StringConstraints(pattern=r"^(\+62|62|0)8[0-9]{7,12}$")]
Note = Annotated[str, StringConstraints(min_length=1, max_length=2_000), PLAIN_TEXT]


def one_of(enum: type[StrEnum]) -> Any:
    """A `Literal` of an enum's values in its order: the API accepts and documents exactly the domain's list."""
    return Literal[tuple(member.value for member in enum)]


if TYPE_CHECKING:  # to a type checker these are strings; pydantic and OpenAPI see each domain enum's values
    LevelName: TypeAlias = str
    RoleName: TypeAlias = str
    ActingKindName: TypeAlias = str
    LetterTypeName: TypeAlias = str
    SecurityName: TypeAlias = str
    UrgencyName: TypeAlias = str
    LetterStateName: TypeAlias = str
    LetterDecisionName: TypeAlias = str
    StepKindName: TypeAlias = str
    StepStateName: TypeAlias = str
    RecipientKindName: TypeAlias = str
    FinalActionName: TypeAlias = str
    ClassificationSourceName: TypeAlias = str
    SignatureKindName: TypeAlias = str
    SenderTypeName: TypeAlias = str
    SubmissionKindName: TypeAlias = str
    ProposalCategoryName: TypeAlias = str
    SubmissionDecisionName: TypeAlias = str
    ProposalOutcomeName: TypeAlias = str
else:
    LevelName = one_of(org.Level)
    RoleName = one_of(identity.Role)
    ActingKindName = one_of(acting.ActingKind)
    LetterTypeName = one_of(letters.LetterType)
    SecurityName = one_of(letters.Security)
    UrgencyName = one_of(letters.Urgency)
    LetterStateName = one_of(letters.LetterState)
    LetterDecisionName = one_of(letters.Decision)
    StepKindName = one_of(letters.StepKind)
    StepStateName = one_of(letters.StepState)
    RecipientKindName = one_of(letters.RecipientKind)
    FinalActionName = one_of(retention.FinalAction)
    ClassificationSourceName = one_of(classification.Source)
    SignatureKindName = one_of(signatures.SignatureKind)
    SenderTypeName = one_of(submissions.SenderType)
    SubmissionKindName = one_of(submissions.SubmissionKind)
    ProposalCategoryName = one_of(submissions.ProposalCategory)
    SubmissionDecisionName = one_of(submissions.Decision)
    ProposalOutcomeName = one_of(submissions.ProposalOutcome)


class ErrorInfo(Schema):
    """The error object."""

    code: str = Field(description="stable machine-readable code, e.g. validation_error")
    message: str
    details: list[dict[str, Any]] = Field(
        description="always a list: {field, message} for each field concerned, or context objects")
    correlation_id: str | None = Field(description="also in the X-Correlation-Id header and the logs")


class ErrorOut(Schema):
    """Every error response."""

    error: ErrorInfo


class OrgIn(Schema):
    """A new org."""

    code: Code = Field(description="short code used in letter numbers, e.g. DISKOMINFOS")
    name: Name
    address: Name = Field(description="address printed in the letterhead")
    city: Name = Field(description="place written before the date, e.g. Denpasar")
    number_format: Annotated[str, StringConstraints(max_length=120), PLAIN_TEXT] = Field(
        DEFAULT_NUMBER_FORMAT, description="placeholders {classification} {seq} {org_code} {year} {month} "
                                           "{unit_code}; {seq} and {year} are required (numbers unique per year)",
        json_schema_extra={"pattern": r"^(?=[\s\S]*\{seq\})(?=[\s\S]*\{year\})"})
    max_review_steps: int = Field(3, ge=0, le=10)
    email: EmailStr | None = None
    phone: Annotated[str, StringConstraints(max_length=40), PLAIN_TEXT] | None = None
    website: Annotated[str, StringConstraints(max_length=200), PLAIN_TEXT] | None = None
    coordinated_by: ForeignPositionRef | None = Field(
        None, description="ORG/POSITION of another org its head answers to (the Asisten in the Setda of a perangkat "
                          "daerah, the Gubernur of the Setda): letters signed above the org climb through it")


class OrgOut(OrgIn):
    """An org."""


class UnitIn(Schema):
    """A new unit of an org."""

    code: Code
    name: Name
    parent: Code | None = Field(None, description="code of the parent unit in the same org")


class UnitOut(UnitIn):
    """A unit."""

    org: str


class PositionIn(Schema):
    """A new position (jabatan)."""

    code: Code
    title: Name = Field(description="e.g. Kepala Dinas Komunikasi, Informatika dan Statistika")
    level: LevelName
    unit: Code | None = None
    reports_to: Code | None = Field(None, description="a position of the same org at a higher level")


class PositionOut(PositionIn):
    """A position with its current holder."""

    org: str
    holder: str | None
    holder_name: str | None


class UserIn(Schema):
    """A new user."""

    username: Username
    full_name: Name
    role: RoleName
    org: Code | None = None
    position: Code | None = None
    nip: Annotated[str, StringConstraints(pattern=r"^\d{18}$")] | None = None
    email: EmailStr | None = None
    phone: Phone | None = None
    extra: dict[str, Annotated[str, StringConstraints(max_length=200), PLAIN_TEXT]] | None = Field(
        None, description="e.g. company name and business id number (NIB) of a business user")


class UserOut(Schema):
    """A user."""

    username: str
    full_name: str
    role: RoleName
    org: str | None
    position: Any
    nip: str | None
    email: str | None
    phone: str | None
    extra: dict[str, str]
    active: bool = Field(description="false once deactivated: the account signs in no more and its tokens are "
                                     "refused")


class UserPatchIn(Schema):
    """Changes to a user; only the fields sent change (`position` and `phone` may be null to clear them)."""

    name: Name | None = Field(None, description="the full name")
    email: EmailStr | None = Field(None, description="where Cognito mails invitations and password resets")
    phone: Phone | None = None
    role: RoleName | None = None
    position: Code | None = Field(None, description="a free seat of the user's org; null gives the seat up "
                                                    "(only a deactivated employee holds none)")
    active: bool | None = Field(None, description="false deactivates: disabled in Cognito, signed out "
                                                  "everywhere, every token refused; true reactivates")


class ActingIn(Schema):
    """An acting appointment (Plt / Plh) by decree: who acts for the position, and from when to when (WITA)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, defer_build=True, populate_by_name=True)

    username: Username = Field(description="an employee of the same org who does not hold this position")
    kind: ActingKindName = Field(description="plt fills a vacancy (at most 366 days), plh covers an absence "
                                                    "(at most 31 days)")
    from_: date = Field(alias="from", description="first day, today or later")
    to: date = Field(description="last day (inclusive), on or after 'from'")
    decree: Annotated[str, StringConstraints(min_length=1, max_length=120), PLAIN_TEXT] | None = Field(
        None, description="number of the decree (surat perintah) that appoints")


class AppointmentOut(Schema):
    """An acting appointment and its status today."""

    model_config = ConfigDict(extra="forbid", defer_build=True, populate_by_name=True)

    id: str
    org: str
    position: str
    username: str
    kind: ActingKindName
    from_: str = Field(alias="from")
    to: str
    decree: str | None
    appointed_by: str
    appointed_at: str
    ended_at: str | None
    ended_by: str | None
    status: Literal["scheduled", "active", "expired", "ended"]


class DevLoginIn(Schema):
    """Who to log in as (local stage only)."""

    username: Username


class TokenOut(Schema):
    """A bearer token."""

    token: str
    token_type: Literal["Bearer"]
    expires_in: int
    user: UserOut


class NotificationOut(Schema):
    """An in-app notification."""

    id: str
    type: str = Field(description="event type, e.g. approval.requested")
    title: str
    body: str
    record_type: str
    record_id: str
    at: str = Field(description="ISO 8601 with the WITA offset")


def page_of(item: type[BaseModel]) -> type[BaseModel]:
    """Schema of a page of `item`."""
    return type(f"{item.__name__}Page", (Schema,), {
        "__annotations__": {"items": list[item], "next": str | None},  # type: ignore[valid-type]
        "__doc__": f"A page of {item.__name__}; pass `next` back as ?next= for the following page.",
    })
