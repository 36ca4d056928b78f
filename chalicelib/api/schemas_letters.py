"""Request and response schemas of the letters and approvals routes (also the OpenAPI components)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import ConfigDict, EmailStr, Field, StringConstraints, model_validator

from chalicelib.api.schemas import (
    PLAIN_TEXT,
    ActingKindName,
    ClassificationSourceName,
    Code,
    FinalActionName,
    LetterDecisionName,
    LetterStateName,
    LetterTypeName,
    Name,
    Note,
    PositionRef,
    RecipientKindName,
    Schema,
    SecurityName,
    StepKindName,
    StepStateName,
    UrgencyName,
    given,
    when,
)
from chalicelib.api.schemas_chains import ParafOut
from chalicelib.api.schemas_letter_types import FIELDS_IN, LetterFields

ClassificationCode = Annotated[str, StringConstraints(pattern=r"^\d{3}(\.\d{1,3}){0,3}$")]
Subject = Annotated[str, StringConstraints(min_length=1, max_length=300), PLAIN_TEXT]
Body = Annotated[str, StringConstraints(min_length=1, max_length=20000), PLAIN_TEXT]
MAX_RECIPIENTS = 500  # addressees + cc together; signing writes a constant number of items, the copies fan out


class RecipientIn(Schema):
    """An addressee or cc: a position or unit of your org (`code`), another org (`code`), an external party, or a
    distribution list (`code` = its id, GET /distribution-lists; its members replace it when the letter is
    submitted and again when it is signed).
    """

    model_config = ConfigDict(json_schema_extra={"allOf": [when("kind", ("external",), given("name"), given("code"))]})

    kind: RecipientKindName
    code: Code | None = None
    name: Name | None = Field(None, description="required for an external party")
    address: Annotated[str, StringConstraints(max_length=300), PLAIN_TEXT] | None = None
    email: EmailStr | None = None

    @model_validator(mode="after")
    def _needs(self) -> RecipientIn:
        if self.kind == "external" and not self.name:
            raise ValueError("an external party needs a name")
        if self.kind != "external" and not self.code:
            raise ValueError(f"a {self.kind} needs a code")
        return self


class RecipientOut(Schema):
    """A stored recipient."""

    kind: str
    code: str | None = None
    name: str | None = None
    address: str | None = None
    email: str | None = None


def _check_count(addressees: list[Any] | None, cc: list[Any] | None) -> None:
    if len(addressees or []) + len(cc or []) > MAX_RECIPIENTS:
        raise ValueError(f"at most {MAX_RECIPIENTS} addressees and cc together")


class LetterIn(Schema):
    """A new draft."""

    type: LetterTypeName
    classification: ClassificationCode = Field(description="a code of GET /classifications, e.g. 000.1.2")
    subject: Subject = Field(description="hal")
    body: Body | None = Field(None, description="the free text; required where the type has it (GET /letter-types)")
    fields: LetterFields | None = Field(None, description=FIELDS_IN)
    addressees: list[RecipientIn] = Field(min_length=1, max_length=MAX_RECIPIENTS)
    cc: list[RecipientIn] = Field(default_factory=list, max_length=MAX_RECIPIENTS, description="tembusan")
    signatory: PositionRef = Field(description="position that signs: yours or one of your superiors, in your org "
                                               "(CODE) or in an office above it (ORG/CODE, e.g. SETDA/SEKDA)")
    security: SecurityName = "biasa"
    urgency: UrgencyName = "biasa"

    @model_validator(mode="after")
    def _count(self) -> LetterIn:
        _check_count(self.addressees, self.cc)
        return self


class LetterPatch(Schema):
    """Changes to a draft, with the version it was read at (a stale version gets 409)."""

    version: int = Field(ge=1)
    type: LetterTypeName | None = None
    classification: ClassificationCode | None = None
    subject: Subject | None = None
    body: Body | None = None
    fields: LetterFields | None = Field(None, description="replaces the fields; " + FIELDS_IN)
    addressees: list[RecipientIn] | None = Field(None, min_length=1, max_length=MAX_RECIPIENTS)
    cc: list[RecipientIn] | None = Field(None, max_length=MAX_RECIPIENTS)
    signatory: PositionRef | None = None
    security: SecurityName | None = None
    urgency: UrgencyName | None = None

    @model_validator(mode="after")
    def _count(self) -> LetterPatch:
        _check_count(self.addressees, self.cc)
        return self


class StepOut(Schema):
    """A step of the chain and its state."""

    index: int
    kind: StepKindName
    position: str
    title: str
    level: str
    state: StepStateName
    escalated_to: str | None
    decision: str | None
    decided_by: str | None
    note: str | None
    decided_at: str | None
    paraf: list[ParafOut] = Field(default_factory=list, description="paraf koordinasi asked by its reviewer")


class AttachmentOut(Schema):
    """An attachment; `sha256` once the upload was checked."""

    id: str
    filename: str
    content_type: str
    state: Literal["pending", "confirmed"]
    size: int | None
    sha256: str | None


class SignerOut(Schema):
    """The signature block of a signed letter, as signed."""

    position: str
    title: str = Field(description="as printed, e.g. 'Plh. Kepala Dinas …' when an acting holder signed")
    name: str | None
    nip: str | None
    acting: ActingKindName | None = Field(None, description="set when an acting holder (Plt / Plh) signed")


class SignedPdfOut(Schema):
    """The signed PDF as its signature covers it."""

    sha256: str
    pages: int | None


class LetterOut(Schema):
    """A letter with its chain."""

    id: str
    org: str
    type: str
    classification: str
    subject: str
    body: str
    fields: dict[str, Any] | None = Field(None, description="the type's fields; null on a free-text letter")
    addressees: list[RecipientOut]
    cc: list[RecipientOut]
    signatory: str
    on_behalf_of: str | None = Field(description="a.n. — the head the signatory signs for")
    by_order_of: str | None = Field(description="u.b. — the signatory's superior when not the head")
    security: str
    urgency: str
    drafter: str
    drafter_position: str
    state: LetterStateName
    version: int = Field(description="send it back with PATCH")
    round: int = Field(description="review round; a resubmission starts a new one from the first step")
    in_reply_to: str | None = Field(None, description="the incoming letter this letter replies to")
    chain: list[StepOut]
    attachments: list[AttachmentOut]
    number: str | None
    signed_at: str | None
    content_hash: str | None
    signature: str | None = Field(description="base64 ECDSA P-256 signature of content_hash (KMS)")
    signed_by: SignerOut | None = Field(None, description="who signed, once signed")
    verification_code: str | None = Field(description="once signed: the code of the QR link "
                                                      "GET /public/verify/{code}")
    pdf: SignedPdfOut | None = Field(description="once signed: the signed PDF's SHA-256 and page count "
                                                 "(GET /letters/{id}/pdf for a link)")
    created_at: str
    updated_at: str


class DecisionIn(Schema):
    """A decision on the step waiting for you."""

    model_config = ConfigDict(json_schema_extra={"allOf": [when("decision", ("revise", "reject"), given("note"))]})

    decision: LetterDecisionName
    note: Note | None = Field(None, description="required for revise and reject")
    passphrase: str | None = Field(
        None, min_length=1, max_length=128, json_schema_extra={"format": "password", "writeOnly": True},
        description="the signatory's TTE passphrase, when their approval signs with a certified signature "
                    "(BSrE); used once for that signature, never stored or logged")
    coordinators: list[PositionRef] = Field(default_factory=list, max_length=5, description=(
        "approving a review step: positions (CODE, or ORG/CODE of another org) asked for paraf koordinasi, "
        "each in its own queue at once; all must initial before the next step"))


class DecisionOut(Schema):
    """What the decision did."""

    letter_id: str
    round: int
    step: int
    decision: str
    state: str
    number: str | None
    delivered: bool = Field(description="false: recorded, but the workflow did not take it yet — send it again")


class LetterSummaryOut(Schema):
    """A row of a box."""

    id: str
    box: str
    subject: str | None = Field(description="null when redacted")
    type: str
    state: str
    number: str | None
    security: str
    urgency: str
    at: str
    redacted: bool = Field(False, description="a secret letter listed to an acting holder (Plt / Plh) who may not "
                                              "read it: its subject is left out")


class ApprovalOut(Schema):
    """A step waiting for your decision."""

    letter_id: str
    org: str = Field(description="the letter's org (another org's for a step above it or a paraf koordinasi)")
    round: int
    index: int
    kind: str = Field(description="review, sign, or paraf (a paraf koordinasi)")
    position: str
    escalated_to: str | None
    subject: str
    type: str
    security: str
    urgency: str
    drafter_position: str
    waiting_since: str | None
    overdue: bool


class TimelineEventOut(Schema):
    """One audit event."""

    seq: int
    at: str
    actor: str
    position: str | None = Field(description="the position the actor acted in (the one acted for, when acting)")
    actor_position: str | None = Field(description="the position the actor holds themself")
    acting_for: str | None = Field(description="the position acted for by an acting holder (Plt / Plh), else null")
    acting_kind: ActingKindName | None = Field(description="how the actor acted for it")
    action: str
    from_state: str | None
    to_state: str | None
    note: str | None
    data: dict[str, Any]


class ChainCheckOut(Schema):
    """Verification of the hash chain of the audit trail."""

    valid: bool
    events: int
    first_broken_seq: int | None
    reason: str | None


class TimelineOut(Schema):
    """A letter's history."""

    letter_id: str
    events: list[TimelineEventOut]
    chain: ChainCheckOut


class AttachmentIn(Schema):
    """A file to attach (the name is kept as metadata, never in a storage key)."""

    filename: Annotated[str, StringConstraints(min_length=1, max_length=200), PLAIN_TEXT]
    content_type: Literal["application/pdf",
                          "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          "image/jpeg", "image/png"]


class UploadOut(Schema):
    """A presigned POST: send `fields` and then the file as multipart form data to `url`."""

    url: str
    fields: dict[str, str]
    expires_in: int
    max_bytes: int


class AttachmentUploadOut(Schema):
    """A pending attachment and where to upload it; confirm it afterwards."""

    attachment: AttachmentOut
    upload: UploadOut
    letter_version: int


class DownloadOut(Schema):
    """A short-lived download link."""

    url: str
    expires_in: int


class VerificationOut(Schema):
    """The signature check of a signed letter."""

    letter_id: str
    number: str | None
    signed_at: str | None
    content_hash: str
    hash_matches: bool
    signature_valid: bool
    valid: bool
    document: dict[str, Any]


Years = Annotated[int, Field(strict=True, ge=0, le=100)]


class ClassificationOut(Schema):
    """A classification code with its retention (JRA): built in, or set by the province-wide admin."""

    code: str
    name: str
    active_years: int
    inactive_years: int
    final: FinalActionName
    retired: bool = Field(description="a retired code is refused for new drafts and edits; records keep it")
    source: ClassificationSourceName = Field(description="custom: changed or added by the admin")
    version: int | None = Field(None, description="of a custom entry: send it back to change the entry")
    updated_at: str | None = None
    updated_by: str | None = None


class ClassificationIn(Schema):
    """A code's name and retention as the admin sets them; `version` is the one read (none for a first change)."""

    name: Name
    active_years: Years = Field(description="years in the active archive (0 to 100)")
    inactive_years: Years = Field(description="years in the inactive archive afterwards (0 to 100)")
    final_action: FinalActionName = Field(description="what happens when the inactive years end")
    retired: bool = Field(False, description="retire the code: no new drafts or edits with it, no new child codes")
    version: int | None = Field(None, ge=1, description="the version read; omit when the code has none yet")
