"""Submissions (pengajuan) of citizens and businesses: kinds, states, tracking codes, secrets, abuse limits
and the public tracking timeline.

The tracking view is the only thing the public sees; it is built here from explicit fields so nothing
personal or internal can slip into it.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any
from urllib.parse import unquote_plus

from chalicelib.domain.errors import Conflict, Forbidden, NotFound, ValidationFailed
from chalicelib.domain.identity import Principal, Role, require_role

# No look-alikes: 0/O/D, 1/I/L, 2/Z, 5/S, 8/B, U/V are left out; every character reads aloud unambiguously.
CODE_ALPHABET = "34679ACEFGHJKMNPQRTWXY"
CODE_GROUPS = 2
CODE_GROUP_LENGTH = 4
CODE_PREFIX = "KV"
CODE_RE = re.compile(rf"^{CODE_PREFIX}-[{CODE_ALPHABET}]{{{CODE_GROUP_LENGTH}}}-[{CODE_ALPHABET}]{{{CODE_GROUP_LENGTH}}}$")
SUBMISSIONS_PER_CONTACT_PER_HOUR = 5
# Per client address too: a new contact (x+1@…) starts a new contact quota but not a new client one. Generous,
# since a village office or an internet café sends for many people from one address.
SUBMISSIONS_PER_CLIENT_PER_HOUR = 20
MAX_ATTACHMENTS = 10
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024


class SenderType(StrEnum):
    """Who sends: a citizen (masyarakat) or a business (swasta)."""

    CITIZEN = "citizen"
    BUSINESS = "business"


class SubmissionKind(StrEnum):
    """A letter, or a proposal (pengajuan proposal)."""

    LETTER = "letter"
    PROPOSAL = "proposal"


class ProposalCategory(StrEnum):
    """What a proposal asks for."""

    HIBAH = "hibah"  # grant
    SPONSORSHIP = "sponsorship"
    COOPERATION = "cooperation"
    AUDIENCE = "audience"  # audience request (audiensi)
    OTHER = "other"


class SubmissionState(StrEnum):
    """received → (returned ⇄ resubmitted) → accepted | rejected."""

    RECEIVED = "received"
    RETURNED = "returned"
    RESUBMITTED = "resubmitted"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class Decision(StrEnum):
    """An operator's verification decision."""

    ACCEPT = "accept"
    RETURN = "return"
    REJECT = "reject"


class ProposalOutcome(StrEnum):
    """How an accepted proposal ends."""

    GRANTED = "granted"
    DECLINED = "declined"


class PublicStatus(StrEnum):
    """Statuses shown in tracking (the submission's states plus what happens after acceptance)."""

    RECEIVED = "received"
    RETURNED = "returned"
    RESUBMITTED = "resubmitted"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    FORWARDED = "forwarded"
    ANSWERED = "answered"
    GRANTED = "granted"
    DECLINED = "declined"


PUBLIC_LABELS = {
    PublicStatus.RECEIVED: "Pengajuan diterima dan menunggu verifikasi",
    PublicStatus.RETURNED: "Pengajuan dikembalikan untuk dilengkapi",
    PublicStatus.RESUBMITTED: "Pengajuan dilengkapi dan diajukan kembali",
    PublicStatus.ACCEPTED: "Pengajuan diverifikasi dan dicatat sebagai surat masuk",
    PublicStatus.REJECTED: "Pengajuan ditolak",
    PublicStatus.FORWARDED: "Diteruskan untuk ditindaklanjuti",
    PublicStatus.ANSWERED: "Pengajuan telah ditindaklanjuti",
    PublicStatus.GRANTED: "Proposal disetujui",
    PublicStatus.DECLINED: "Proposal tidak dapat disetujui",
}

DECIDABLE = frozenset({SubmissionState.RECEIVED, SubmissionState.RESUBMITTED})
UPLOADABLE = frozenset({SubmissionState.RECEIVED, SubmissionState.RETURNED})


@dataclass(frozen=True)
class Sender:
    """The person or business behind a submission (personal data: never in tracking, events or keys)."""

    type: SenderType
    name: str
    email: str | None
    phone: str | None
    company_name: str | None = None
    nib: str | None = None


@dataclass(frozen=True)
class SenderKeys:
    """What stands behind a code for its sender's own actions (never sent back)."""

    submission_id: str
    secret_hash: str
    owner: str | None
    reply_number: str | None
    reply_pdf_key: str | None


@dataclass(frozen=True)
class Submission:
    """A letter or proposal from the public to one org."""

    id: str
    code: str
    org: str
    org_name: str
    sender: Sender
    kind: SubmissionKind
    subject: str
    body: str
    created_at: str
    updated_at: str
    state: SubmissionState = SubmissionState.RECEIVED
    category: ProposalCategory | None = None
    requested_amount: int | None = None
    event_date: str | None = None
    return_reason: str | None = None
    decision_note: str | None = None
    incoming_id: str | None = None
    agenda_number: str | None = None
    outcome: ProposalOutcome | None = None
    outcome_note: str | None = None
    resubmissions: int = 0
    attachments: list[dict[str, Any]] = field(default_factory=list)
    audit_seq: int = 1
    audit_head: str = ""
    version: int = 1
    owner: str | None = None  # the public account it was sent from (None: anonymous, the secret only)


@dataclass(frozen=True)
class Proof:
    """What shows a caller is a submission's sender: the secret, or the public account it is linked to."""

    secret: str | None = None
    owner: str | None = None


@dataclass(frozen=True)
class TimelineEntry:
    """One step of the public timeline."""

    at: str
    status: PublicStatus
    label: str
    reason: str | None = None
    unit: str | None = None


# ---------------------------------------------------------------- codes and secrets


def new_tracking_code() -> str:
    """An unguessable code that reads aloud without ambiguity, e.g. KV-7QAM-92XD (22^8 ≈ 5·10^10)."""
    groups = ("".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUP_LENGTH)) for _ in range(CODE_GROUPS))
    return "-".join((CODE_PREFIX, *groups))


def normalize_code(raw: str) -> str:
    """The canonical form of a code typed or read back by a person (case, spaces and dashes forgiven).

    A code typed with spaces reaches a path still percent-encoded (`KV%207PQC%20QRCX`, or `+` from a form):
    the path parameter is not decoded on its way in, so it is decoded here.
    """
    compact = re.sub(r"[\s-]", "", unquote_plus(raw[:96]).upper())[:32]
    if compact.startswith(CODE_PREFIX):
        compact = compact[len(CODE_PREFIX):]
    return "-".join([CODE_PREFIX] + [compact[i:i + CODE_GROUP_LENGTH]
                                     for i in range(0, len(compact), CODE_GROUP_LENGTH)])


def new_secret() -> str:
    """The sender's secret (shown once, stored only as a hash)."""
    return secrets.token_urlsafe(24)


def hash_secret(secret: str) -> str:
    """SHA-256 of a secret; the secret has 192 random bits, so no salt or stretching is needed."""
    return hashlib.sha256(secret.encode()).hexdigest()


def check_secret(secret: str, stored_hash: str) -> None:
    """Forbidden unless `secret` matches (compared in constant time)."""
    if not hmac.compare_digest(hash_secret(secret), stored_hash):
        raise Forbidden("the secret does not match this tracking code", details={"field": "secret"})


def check_proof(proof: Proof, secret_hash: str, owner: str | None) -> None:
    """The caller is the sender: the owner's account (any other account gets NotFound, as for an unknown code,
    so a code's existence is never revealed), or the secret (Forbidden when it does not match).
    """
    if proof.owner is not None:
        if proof.owner != owner:
            raise NotFound("no submission has this tracking code", details={"field": "code"})
        return
    check_secret(proof.secret or "", secret_hash)


def owner_proof(principal: Principal) -> Proof:
    """The caller's account as proof of ownership (public accounts only: staff get Forbidden)."""
    require_role(principal, Role.PUBLIC)
    return Proof(owner=principal.username)


def contact_keys(email: str | None, phone: str | None) -> list[str]:
    """Hashed, normalised contacts to count submissions by (no personal data in keys)."""
    keys = []
    if email:
        keys.append("email:" + hashlib.sha256(email.strip().lower().encode()).hexdigest())
    if phone:
        keys.append("phone:" + hashlib.sha256(e164(phone).encode()).hexdigest())
    return keys


def client_key(source_ip: str) -> str:
    """The hashed address of the client that sends (no personal data in keys)."""
    return "client:" + hashlib.sha256(source_ip.strip().encode()).hexdigest()


def e164(phone: str) -> str:
    """An Indonesian mobile number in E.164 (+62…)."""
    digits = re.sub(r"\D", "", phone)
    if digits.startswith("0"):
        digits = "62" + digits[1:]
    return "+" + digits


# ---------------------------------------------------------------- rules


def check_new(data: dict[str, Any]) -> None:
    """What a new submission needs beyond its schema: a contact, business ids, proposal fields."""
    if not data.get("email") and not data.get("phone"):
        raise ValidationFailed.field("email", "give an email address or a phone number (or both)")
    if data["sender_type"] == SenderType.BUSINESS:
        for name in ("company_name", "nib"):
            if not data.get(name):
                raise ValidationFailed.field(name, "required for a business")
    elif data.get("company_name") or data.get("nib"):
        raise ValidationFailed.field("sender_type", "company name and NIB are for a business")
    if data["kind"] == SubmissionKind.PROPOSAL:
        if not data.get("category"):
            raise ValidationFailed.field("category", "required for a proposal")
    elif data.get("category") or data.get("requested_amount") is not None or data.get("event_date"):
        raise ValidationFailed.field("kind", "category, requested amount and event date are for a proposal")


def check_decision(state: SubmissionState, decision: Decision, note: str | None) -> SubmissionState:
    """The state a verification decision leads to; return and reject need a reason."""
    if state not in DECIDABLE:
        raise Conflict(f"a submission that is {state.value} cannot be verified", details={"state": state.value})
    if decision in (Decision.RETURN, Decision.REJECT) and not (note and note.strip()):
        raise ValidationFailed.field("note", f"a reason is required to {decision.value}")
    return {Decision.ACCEPT: SubmissionState.ACCEPTED, Decision.RETURN: SubmissionState.RETURNED,
            Decision.REJECT: SubmissionState.REJECTED}[decision]


def check_resubmit(state: SubmissionState) -> SubmissionState:
    """Only a returned submission can be resubmitted."""
    if state is not SubmissionState.RETURNED:
        raise Conflict(f"only a returned submission can be resubmitted (this one is {state.value})",
                       details={"state": state.value})
    return SubmissionState.RESUBMITTED


def check_outcome(submission: Submission) -> None:
    """Only an accepted proposal gets an outcome, once."""
    if submission.kind is not SubmissionKind.PROPOSAL:
        raise Conflict("only a proposal has an outcome", details={"kind": submission.kind.value})
    if submission.state is not SubmissionState.ACCEPTED:
        raise Conflict("accept the proposal before deciding its outcome", details={"state": submission.state.value})
    if submission.outcome is not None:
        raise Conflict(f"the outcome was already decided: {submission.outcome.value}",
                       details={"outcome": submission.outcome.value})


def check_upload(submission: Submission, *, adding: bool = True) -> None:
    """Attachments are added (and confirmed) while the sender may still change the submission, up to the limit."""
    if submission.state not in UPLOADABLE:
        raise Conflict(f"attachments cannot be added to a submission that is {submission.state.value}",
                       details={"state": submission.state.value})
    if adding and len(submission.attachments) >= MAX_ATTACHMENTS:
        raise Conflict(f"a submission has at most {MAX_ATTACHMENTS} attachments", details={"field": "attachments"})


def timeline_entry(at: str, status: PublicStatus, *, reason: str | None = None,
                   unit: str | None = None) -> TimelineEntry:
    """A public timeline entry; `reason` is only for what the sender must read (return, reject, outcome)."""
    return TimelineEntry(at=at, status=status, label=PUBLIC_LABELS[status], reason=reason, unit=unit)


def public_message(code: str, status: PublicStatus, link: str, reason: str | None = None) -> str:
    """The short text sent to the sender by email or SMS at each step."""
    text = f"Kantor Virtual: pengajuan {code} - {PUBLIC_LABELS[status]}."
    if reason:
        text += f" Keterangan: {reason[:160]}"
    return f"{text} Lacak: {link}"
