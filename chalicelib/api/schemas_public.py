"""Request and response schemas of public submissions, tracking and their verification by operators."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import ConfigDict, EmailStr, Field, StringConstraints

from chalicelib.api.schemas import (
    PLAIN_TEXT,
    Code,
    Name,
    Note,
    Phone,
    ProposalCategoryName,
    ProposalOutcomeName,
    Schema,
    SenderTypeName,
    SubmissionDecisionName,
    SubmissionKindName,
    absent,
    any_given,
    given,
    when,
)

Text = Annotated[str, StringConstraints(min_length=1, max_length=10_000), PLAIN_TEXT]
Secret = Annotated[str, StringConstraints(min_length=16, max_length=128)]
FileName = Annotated[str, StringConstraints(min_length=1, max_length=200), PLAIN_TEXT]
IsoDate = Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$")]
Nib = Annotated[str, StringConstraints(pattern=r"^\d{13}$")]


class SubmissionIn(Schema):
    """A letter or proposal from a citizen or a business (no account needed; sent with a public account's token
    it is linked to that account: "Pengajuan saya", `GET /me/submissions`).
    """

    model_config = ConfigDict(json_schema_extra={"allOf": [
        any_given("email", "phone"),
        when("sender_type", ("business",), given("company_name", "nib"), absent("company_name", "nib")),
        when("kind", ("proposal",), given("category"), absent("category", "requested_amount", "event_date")),
    ]})

    sender_type: SenderTypeName
    name: Name
    email: EmailStr | None = None
    phone: Phone | None = None
    company_name: Name | None = Field(None, description="required for a business")
    nib: Nib | None = Field(None, description="business id number (NIB, 13 digits); required for a business")
    org: Code = Field(description="the org it is sent to (GET /public/orgs)")
    kind: SubmissionKindName
    subject: Name
    body: Text
    category: ProposalCategoryName | None = Field(
        None, description="required for a proposal")
    requested_amount: int | None = Field(None, ge=0, le=10**13, description="rupiah, for a proposal")
    event_date: IsoDate | None = Field(None, description="for a proposal")


class ReceiptOut(Schema):
    """The tracking code and the secret (shown once: keep it to attach files and resubmit)."""

    code: str
    secret: str
    status: str
    submitted_at: str
    tracking_url: str


class TimelineEntryOut(Schema):
    """One public step."""

    at: str
    status: str
    label: str
    reason: str | None = Field(description="why it was returned or rejected, or the outcome's note")
    unit: str | None = Field(description="the unit it was forwarded to")


class ReplyRefOut(Schema):
    """The signed reply letter: its number and date (the sender fetches it with the secret or, as owner, the token)."""

    number: str
    date: str | None


class TrackOut(Schema):
    """What anyone with the code sees: no personal data, no internal notes."""

    code: str
    kind: str
    org_name: str
    status: str
    submitted_at: str
    updated_at: str
    timeline: list[TimelineEntryOut]
    reply: ReplyRefOut | None = Field(None, description="the signed reply letter, once sent: "
                                                        "POST /public/submissions/{code}/reply fetches it")


class SecretIn(Schema):
    """The sender's secret."""

    secret: Secret


class AttachmentFileIn(Schema):
    """One more attachment to upload."""

    filename: FileName
    content_type: str = Field(description="application/pdf, image/jpeg, image/png, DOCX or XLSX")
    size: int = Field(ge=1, description="bytes; at most 10 MiB")


class SubmissionAttachmentIn(AttachmentFileIn):
    """One more attachment to upload, with the secret."""

    secret: Secret


class FileOut(Schema):
    """An attachment of a submission, or the scan of a paper letter."""

    id: str
    filename: str
    content_type: str
    status: Literal["pending", "confirmed"]
    size: int | None
    sha256: str | None


class FileUploadOut(Schema):
    """The attachment and its presigned POST (send `fields` and the file to `url`, then confirm)."""

    attachment: FileOut
    upload: dict[str, Any]


class ConfirmedOut(Schema):
    """The checked attachment."""

    attachment: FileOut


class FileLinkOut(Schema):
    """A short-lived download link (GET it within `expires_in` seconds) and what the file is."""

    url: str
    expires_in: int
    id: str
    filename: str = Field(description="the sender's file name (the link saves under it, made safe)")
    content_type: str
    size: int | None
    sha256: str | None


class ResubmitChangesIn(Schema):
    """A returned submission sent back, optionally corrected."""

    note: Note | None = None
    subject: Name | None = None
    body: Text | None = None


class ResubmitIn(ResubmitChangesIn):
    """A returned submission sent back, optionally corrected, with the secret."""

    secret: Secret


class MySubmissionOut(Schema):
    """One of the caller's submissions with its current public status."""

    code: str
    kind: str
    subject: str
    org_name: str
    status: str
    submitted_at: str
    updated_at: str
    reply: ReplyRefOut | None = Field(None, description="the signed reply letter, once sent: "
                                                        "GET /me/submissions/{code}/reply fetches it")


class MySubmissionDetailOut(TrackOut):
    """The owner's view of a submission: the public timeline and reply, the content and the attachments."""

    subject: str
    body: str
    category: str | None
    requested_amount: int | None
    event_date: str | None
    return_reason: str | None = Field(description="why it was returned for completion (while it is)")
    resubmissions: int
    attachments: list[FileOut]


class ResubmittedOut(Schema):
    """The new public status."""

    code: str
    status: str


class PublicOrgOut(Schema):
    """An org a submission can be sent to."""

    code: str
    name: str


class VerifyIn(Schema):
    """An operator's decision; a reason is required to return or reject (the sender reads it)."""

    model_config = ConfigDict(json_schema_extra={"allOf": [when("decision", ("return", "reject"), given("note"))]})

    decision: SubmissionDecisionName
    note: Note | None = Field(None, description="accept: internal note; return / reject: the reason shown to the sender")


class OutcomeIn(Schema):
    """How an accepted proposal ends (the note is shown to the sender)."""

    outcome: ProposalOutcomeName
    note: Note


class SubmissionOut(Schema):
    """A submission as its org's operators see it."""

    id: str
    code: str
    org: str
    state: str
    sender: dict[str, Any]
    kind: str
    category: str | None
    requested_amount: int | None
    event_date: str | None
    subject: str
    body: str
    created_at: str
    updated_at: str
    return_reason: str | None
    decision_note: str | None
    incoming_id: str | None
    agenda_number: str | None
    outcome: str | None
    outcome_note: str | None
    resubmissions: int
    attachments: list[dict[str, Any]]
    version: int
