"""Request and response schemas of the archive, proof and dashboard routes (also the OpenAPI components)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from chalicelib.api.schemas import PLAIN_TEXT, Schema, SignatureKindName
from chalicelib.api.schemas_letters import ChainCheckOut, TimelineEventOut


class ArchiveEntryOut(Schema):
    """An archived record (a signed letter or a registered incoming letter)."""

    record: str = Field(description="letter-{id} or incoming-{id}: the handle of archive routes")
    kind: str = Field(description="letter (surat keluar) or incoming (surat masuk)")
    id: str
    org: str
    date: str = Field(description="signing or registration day (YYYY-MM-DD, WITA)")
    number: str | None
    subject: str
    type: str | None
    classification: str | None
    security: str
    sender: str
    recipients: list[str]
    pages: int | None
    inactive_from: str
    action_due: str = Field(description="when the final retention action (JRA) is due")
    final_action: str = Field(description="musnah | permanen | dinilai_kembali")


class RetentionDueOut(Schema):
    """Records whose final retention action is due on a day (legally held ones are left out)."""

    on: str
    items: list[ArchiveEntryOut]
    next: str | None


class LegalHoldIn(Schema):
    """Set (true) or lift (false) a legal hold; a held record never falls due."""

    hold: bool
    note: Annotated[str, StringConstraints(max_length=1000), PLAIN_TEXT] | None = None


class LegalHoldOut(Schema):
    """The hold as recorded."""

    record: str
    legal_hold: bool
    note: str | None
    action_due: str
    final_action: str


class IncomingBacklogOut(Schema):
    """Incoming letters of the org by state (done ones are not backlog)."""

    registered: int = Field(description="registered, not disposed yet")
    disposed: int
    in_progress: int


class BacklogOut(Schema):
    """What waits now."""

    letters_in_review: int
    letters_waiting_by_level: dict[str, int] = Field(
        description="letters in review by the level (eselon) of the position whose step they wait at")
    submissions_awaiting_verification: int = Field(description="received or resubmitted, waiting for an operator")
    submissions_returned: int = Field(description="returned for completion, waiting for the sender")
    incoming: IncomingBacklogOut
    dispositions_open: int = Field(description="assigned or read, not done")
    dispositions_overdue: int = Field(description="open dispositions whose deadline has passed (counted live)")


class StageTurnaroundOut(Schema):
    """How long one stage took in the period."""

    count: int = Field(description="transitions timed")
    total_seconds: int
    average_seconds: int | None = Field(description="total / count; null when nothing was timed")


class TurnaroundOut(Schema):
    """Turnaround per stage."""

    letter_signing: StageTurnaroundOut = Field(description="a letter's review round submitted → signed")
    review_step: StageTurnaroundOut = Field(description="a review or signing step waiting → decided")
    verification: StageTurnaroundOut = Field(description="a submission received → accepted or rejected")
    first_disposition: StageTurnaroundOut = Field(description="an incoming letter registered → first disposed")
    disposition: StageTurnaroundOut = Field(description="a disposition assigned → done")


class ThroughputOut(Schema):
    """Records that reached a state in the period."""

    letters_drafted: int = Field(description="new drafts")
    letters_signed: int
    submissions_received: int
    submissions_accepted: int
    submissions_returned: int
    submissions_rejected: int
    incoming_registered: int
    dispositions_done: int


class PeriodOut(Schema):
    """Figures of one WITA month ('2026-01') or year ('2026')."""

    period: str
    throughput: ThroughputOut
    turnaround: TurnaroundOut


class DashboardOut(Schema):
    """Figures of an org for its dashboard."""

    org: str
    as_of: str = Field(description="the moment the figures describe (WITA)")
    signed_letters: int
    pdf_pages: int = Field(description="pages of every signed PDF")
    paperless_pages: int = Field(description="pages not printed: each signed PDF's pages × (addressees + cc)")
    letters_in_review: int = Field(description="letters waiting in review (also in backlog)")
    backlog: BacklogOut
    month: PeriodOut = Field(description="the chosen month, this month by default (WITA)")
    year: PeriodOut = Field(description="the chosen month's year (WITA)")
    months: list[PeriodOut] = Field(description="each month of that year, up to this month")


class MonevOrgOut(Schema):
    """One org's line in the province's monitoring and evaluation."""

    org: str
    letters_drafted: int = Field(description="new drafts in the period")
    letters_signed: int = Field(description="letters signed electronically in the period")
    signing_average_seconds: int | None = Field(description="a review round submitted → signed, on average; null "
                                                            "when no letter was signed")
    submissions_answered: int = Field(description="submissions accepted or rejected in the period")
    submissions_answered_on_time: int = Field(description="of those, answered within 14 days of their receipt")
    answered_on_time_percent: int | None = Field(description="on time / answered, rounded; null when none")
    dispositions_open: int = Field(description="assigned or read, not done (now)")
    dispositions_overdue: int = Field(description="open ones past their deadline, as the hourly sweep last found (now)")


class MonevOut(Schema):
    """Every org side by side (orgs with anything counted), by org code."""

    period: str = Field(description="the month (YYYY-MM) or year (YYYY), WITA")
    as_of: str
    orgs: list[MonevOrgOut]


class PublicSignerOut(Schema):
    """Who signed, as the public verification page shows it."""

    title: str | None
    name: str | None
    on_behalf_of: str | None


class EmbeddedSignatureOut(Schema):
    """The certified signature (PAdES) embedded in a letter's PDF, as pyHanko validated it."""

    present: bool
    intact: bool = Field(description="the signed bytes hash to what was signed")
    valid: bool = Field(description="the cryptographic signature checks")
    trusted: bool = Field(description="the certificate chains to a trusted root (BSrE's)")
    unchanged: bool = Field(description="nothing changed in the document since it was signed")
    timestamped: bool = Field(description="a trusted timestamp of the signing time is embedded")
    signer_name: str | None
    certificate_subject: str | None
    certificate_issuer: str | None
    serial: str | None
    signed_at: str | None = Field(description="the timestamp authority's time of signing")




class PublicVerificationOut(Schema):
    """What the QR code opens; `restricted` letters show number, date, org and validity only."""

    code_valid: bool
    number: str
    date: str | None
    signed_at: str
    org: str
    org_name: str | None
    signature_kind: SignatureKindName = Field(
        description="segel: the institution's KMS seal only; tte: also a certified signature of the signer (BSrE)")
    signature_label: str
    valid: bool = Field(description="content hash, PDF hash and KMS seal verify (and a certified signature)")
    restricted: bool
    subject: str | None = None
    signer: PublicSignerOut | None = None
    content_hash: str | None = None
    hash_matches: bool | None = None
    signature_valid: bool | None = None
    pdf_sha256: str | None = None
    pdf_hash_matches: bool | None = None
    certified: EmbeddedSignatureOut | None = None


class FileCheckOut(Schema):
    """Whether a PDF file is the signed original."""

    code_valid: bool
    number: str
    date: str | None
    signed_at: str
    org: str
    org_name: str | None
    signature_kind: SignatureKindName
    signature_label: str
    original: bool
    sha256: str
    certified: EmbeddedSignatureOut | None = None
    message: str


class PdfLinkOut(Schema):
    """A short-lived link to the signed PDF."""

    url: str
    expires_in: int
    sha256: str | None
    pages: int | None


class RecordTimelineOut(Schema):
    """A record's audit events with the verification of their hash chain."""

    incoming_id: str | None = None
    submission_id: str | None = None
    events: list[TimelineEventOut]
    chain: ChainCheckOut
