"""Request and response schemas of the incoming register, its documents, dispositions and reply letters."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AwareDatetime, Field, StringConstraints

from chalicelib.api.schemas import PLAIN_TEXT, Code, LetterTypeName, Name, Note, Schema, SecurityName, UrgencyName
from chalicelib.api.schemas_letters import MAX_RECIPIENTS, Body, ClassificationCode, RecipientIn, Subject
from chalicelib.api.schemas_public import FileName, IsoDate
from chalicelib.domain.dispositions import Instruction


class PaperLetterIn(Schema):
    """A paper letter registered by an operator; its scan is uploaded with the returned link."""

    sender_name: Name
    sender_org: Name | None = None
    subject: Name
    letter_number: Annotated[str, StringConstraints(min_length=1, max_length=100), PLAIN_TEXT] | None = None
    letter_date: IsoDate | None = None
    classification: Annotated[str, StringConstraints(pattern=r"^\d{3}(\.\d+)*$")] | None = None
    security: SecurityName = "biasa"
    urgency: UrgencyName = "biasa"
    scan_filename: FileName
    scan_content_type: str = Field(description="application/pdf, image/jpeg or image/png")


class ForwardedFromOut(Schema):
    """The letter of another org this copy was forwarded from (diteruskan dari)."""

    org: str
    incoming_id: str
    agenda_number: str
    by: str
    note: str | None


class ForwardedToOut(Schema):
    """Where the letter was forwarded (diteruskan ke): another org's register or a unit of the own org."""

    kind: Literal["org", "unit"]
    code: str
    name: str
    incoming_id: str | None = Field(description="the copy in the other org's register (kind org)")
    agenda_number: str | None = Field(description="the copy's agenda number in the other org (kind org)")
    position: str = Field(description="who received it: the other org's head, or the unit's head")
    at: str
    by: str
    note: str | None


class IncomingOut(Schema):
    """An incoming letter."""

    id: str
    org: str
    agenda_number: str
    received_at: str
    source: str
    source_ref: str | None
    sender_name: str | None
    sender_org: str | None
    letter_number: str | None
    letter_date: str | None
    subject: str | None
    classification: str | None
    security: str
    urgency: str
    addressed_to: str | None
    state: str
    attachments: list[dict[str, Any]]
    tracking_code: str | None
    open_dispositions: int
    done_dispositions: int
    answered_at: str | None = Field(description="first answered: its dispositions all done, or a reply letter sent")
    forwarded_from: ForwardedFromOut | None = Field(description="set on a copy forwarded by another org")
    forwarded_to: list[ForwardedToOut] = Field(description="where this letter was forwarded, in order")
    opened_at: str | None = Field(description="first opened by the org's operators or the addressee (read receipt)")
    opened_by: str | None
    redacted: bool = Field(description="true: a secret letter the caller may not read — subject, sender, number, "
                                       "classification and attachments are left out")
    version: int


class ForwardIn(Schema):
    """Forward (teruskan) an incoming letter to another org's register or to a unit of the own org."""

    kind: Literal["org", "unit"] = Field(description="org: another org's incoming register; unit: a unit of yours")
    code: Code = Field(description="the org's or the unit's code")
    note: Note | None = Field(None, description="why it is forwarded (catatan)")


class ScanIn(Schema):
    """A new scan of a paper letter, in place of one refused or never uploaded."""

    filename: FileName
    content_type: str = Field(description="application/pdf, image/jpeg or image/png (DOCX and XLSX also accepted)")


class DocumentOut(Schema):
    """A document of an incoming letter."""

    id: str = Field(description="stable: the file's id, or `letter-pdf` for the sending letter's signed PDF")
    kind: Literal["scan", "attachment", "letter_pdf"]
    filename: str
    content_type: str
    status: Literal["pending", "confirmed"] = Field(description="only confirmed documents are downloaded")
    size: int | None
    sha256: str | None


class DocumentsOut(Schema):
    """Every document of an incoming letter: a paper letter's scans, a submission's attachments, or the
    sending letter's signed PDF and attachments (G2G).
    """

    items: list[DocumentOut]


class DocumentLinkOut(DocumentOut):
    """A short-lived download link of a document."""

    url: str
    expires_in: int


class RegisteredOut(IncomingOut):
    """A registered paper letter and the presigned upload of its scan."""

    scan_upload: dict[str, Any]


class DisposeIn(Schema):
    """Instructions to positions below the caller, or a coordination request to peers."""

    to: list[Code] = Field(min_length=1, max_length=20, description="position codes below the caller (instruction) "
                                                                    "or peers of the caller (coordination)")
    kind: Literal["instruction", "coordination"] = Field(
        "instruction", description="instruction: down the hierarchy; coordination (disposisi koordinasi): to peers — "
                                   "positions reporting to the same superior — who answer it and cannot dispose it "
                                   "further down")
    instructions: list[Instruction] = Field(min_length=1)
    note: Note | None = Field(None, description="free text added to the instructions")
    deadline: AwareDatetime = Field(description="ISO 8601 with offset, in the future")
    parent_id: str | None = Field(None, description="the disposition the caller received, to dispose further down")


class DispositionOut(Schema):
    """A disposition."""

    id: str
    incoming_id: str
    org: str
    parent_id: str | None
    from_position: str
    from_user: str
    to_position: str
    instructions: list[str]
    note: str | None
    deadline: str
    created_at: str
    state: str
    read_at: str | None
    done_at: str | None
    done_by: str | None
    follow_up: str | None
    reply_letter_id: str | None
    subject: str
    agenda_number: str
    kind: Literal["instruction", "coordination"]
    version: int


class IncomingDetailOut(IncomingOut):
    """An incoming letter with its dispositions."""

    dispositions: list[DispositionOut]


class DispositionsOut(Schema):
    """The dispositions just made."""

    items: list[DispositionOut]


class DoneIn(Schema):
    """The follow-up of a disposition."""

    follow_up: Note
    reply_letter_id: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{1,64}$")] | None = Field(
        None, description="the reply letter drafted from this incoming letter (letters area)")


class ReplyIn(Schema):
    """A reply letter drafted from an incoming letter; it is addressed to the original sender."""

    type: LetterTypeName = "surat_dinas"
    classification: ClassificationCode | None = Field(
        None, description="default: the incoming letter's code, else 000.1.2 (Persuratan)")
    subject: Subject | None = Field(None, description='default: "Balasan: <subject of the incoming letter>"')
    body: Body
    cc: list[RecipientIn] = Field(default_factory=list, max_length=MAX_RECIPIENTS - 1, description="tembusan")
    signatory: Code = Field(description="position that signs: yours or one of your superiors")
    security: SecurityName | None = Field(None, description="default: the incoming letter's security")
    urgency: UrgencyName = "biasa"
