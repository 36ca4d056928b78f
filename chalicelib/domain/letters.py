"""Official letters (naskah dinas): kinds, states, numbers,
the signed content and who may read a letter. Pure rules: no AWS here.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from chalicelib.domain.errors import Conflict
from chalicelib.domain.identity import Principal, Role
from chalicelib.domain.letter_types import LetterType as LetterType  # the catalogue's codes, named here too
from chalicelib.domain.org import Level, Position, position_ref


class Security(StrEnum):
    """Sifat: who may read."""

    BIASA = "biasa"
    TERBATAS = "terbatas"
    RAHASIA = "rahasia"
    SANGAT_RAHASIA = "sangat_rahasia"

    @property
    def secret(self) -> bool:
        """Secret letters are read only by the drafter, the chain, the signatory and the addressees."""
        return self in (Security.RAHASIA, Security.SANGAT_RAHASIA)


class Urgency(StrEnum):
    """Derajat: drives how long a review step may wait."""

    BIASA = "biasa"
    SEGERA = "segera"
    SANGAT_SEGERA = "sangat_segera"


class LetterState(StrEnum):
    """draft → in_review → signing → signed → sent → archived; revision_requested → draft; rejected is final.

    `signing`: the signatory approved and the letter holds its number; the PDF and the signature follow.
    """

    DRAFT = "draft"
    IN_REVIEW = "in_review"
    REVISION_REQUESTED = "revision_requested"
    SIGNING = "signing"
    SIGNED = "signed"
    SENT = "sent"
    REJECTED = "rejected"
    ARCHIVED = "archived"


TRANSITIONS: dict[LetterState, frozenset[LetterState]] = {
    LetterState.DRAFT: frozenset({LetterState.IN_REVIEW, LetterState.SIGNING}),
    LetterState.IN_REVIEW: frozenset({LetterState.IN_REVIEW, LetterState.REVISION_REQUESTED, LetterState.REJECTED,
                                      LetterState.SIGNING}),
    LetterState.REVISION_REQUESTED: frozenset({LetterState.DRAFT, LetterState.IN_REVIEW, LetterState.SIGNING}),
    LetterState.SIGNING: frozenset({LetterState.SIGNED}),
    LetterState.SIGNED: frozenset({LetterState.SENT}),
    LetterState.SENT: frozenset({LetterState.ARCHIVED}),
    LetterState.REJECTED: frozenset(),
    LetterState.ARCHIVED: frozenset(),
}

EDITABLE = frozenset({LetterState.DRAFT, LetterState.REVISION_REQUESTED})
DELIVERED = frozenset({LetterState.SIGNED, LetterState.SENT, LetterState.ARCHIVED})


def check_transition(current: LetterState, target: LetterState) -> None:
    """Raise Conflict unless the lifecycle allows `current → target`."""
    if target not in TRANSITIONS[current]:
        raise Conflict(f"a letter in state {current.value} cannot become {target.value}",
                       details={"state": current.value})


class Decision(StrEnum):
    """What a reviewer or the signatory decides on a step."""

    APPROVE = "approve"
    REVISE = "revise"
    REJECT = "reject"


class StepKind(StrEnum):
    """A review (paraf) or the signature (the last step)."""

    REVIEW = "review"
    SIGN = "sign"


class StepState(StrEnum):
    """State of one step of the current round."""

    PENDING = "pending"
    CURRENT = "current"
    APPROVED = "approved"
    REVISION_REQUESTED = "revision_requested"
    REJECTED = "rejected"


STEP_STATE_OF = {Decision.APPROVE: StepState.APPROVED, Decision.REVISE: StepState.REVISION_REQUESTED,
                 Decision.REJECT: StepState.REJECTED}


class RecipientKind(StrEnum):
    """Addressees and cc are positions or units of the own org, other orgs, or external parties; or a
    distribution list (its id as `code`), expanded at submit and at signing (domain/distribution_lists.py).
    """

    POSITION = "position"
    UNIT = "unit"
    ORG = "org"
    EXTERNAL = "external"
    LIST = "list"


@dataclass(frozen=True)
class Recipient:
    """An addressee (tujuan) or a cc (tembusan)."""

    kind: RecipientKind
    code: str | None = None
    name: str | None = None
    address: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class Paraf:
    """A paraf koordinasi: a position of another unit or org, named by a step's reviewer, initials before the next step."""

    position: str
    title: str
    state: StepState = StepState.CURRENT
    decision: Decision | None = None
    decided_by: str | None = None
    note: str | None = None
    decided_at: str | None = None


@dataclass(frozen=True)
class Step:
    """One step of the chain: a reviewer's paraf or the signature."""

    index: int
    kind: StepKind
    position: str
    title: str
    level: Level
    state: StepState = StepState.PENDING
    escalated_to: str | None = None
    decision: Decision | None = None
    decided_by: str | None = None
    decided_position: str | None = None
    note: str | None = None
    decided_at: str | None = None
    paraf: tuple[Paraf, ...] = ()  # paraf koordinasi asked by this step's reviewer, all before the next step

    def may_decide(self, position: str | None) -> bool:
        """The step's position decides; after an escalation its superior may too."""
        return position is not None and position in (self.position, self.escalated_to)


@dataclass(frozen=True)
class Attachment:
    """A file of a letter: pending until its upload was checked (size, type by content, SHA-256)."""

    id: str
    filename: str
    content_type: str
    state: str = "pending"
    size: int | None = None
    sha256: str | None = None


@dataclass(frozen=True)
class Letter:
    """An official letter of one org, from draft to sent."""

    id: str
    org: str
    type: LetterType
    classification: str
    subject: str
    body: str
    addressees: list[Recipient]
    cc: list[Recipient]
    signatory: str
    security: Security
    urgency: Urgency
    drafter: str
    drafter_position: str
    state: LetterState
    created_at: str
    updated_at: str
    version: int = 1
    round: int = 0
    steps: list[Step] = field(default_factory=list)
    on_behalf_of: str | None = None  # a.n.
    by_order_of: str | None = None  # u.b.
    in_reply_to: str | None = None  # the incoming letter this one answers (drafted with POST /incoming/{id}/reply)
    attachments: list[Attachment] = field(default_factory=list)
    number: str | None = None
    signed_at: str | None = None
    content_hash: str | None = None
    signature: str | None = None
    signing_key_id: str | None = None
    signed_document: dict[str, Any] | None = None
    verification_code: str | None = None
    pdf_key: str | None = None
    pdf_sha256: str | None = None
    pdf_pages: int | None = None
    fields: dict[str, Any] | None = None  # the type's fields (domain/letter_types); None on free-text letters

    def current_step(self) -> Step | None:
        """The step waiting for a decision (in review only)."""
        if self.state is not LetterState.IN_REVIEW:
            return None
        return next((s for s in self.steps if s.state is StepState.CURRENT), None)

    def last_decided_step(self) -> Step | None:
        """The most recent decision of the current round."""
        return next((s for s in reversed(self.steps) if s.decision is not None), None)

    def recipients(self) -> list[Recipient]:
        """Addressees then cc."""
        return [*self.addressees, *self.cc]


# ---------------------------------------------------------------- numbers and the signed content

ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def format_number(fmt: str, *, classification: str, seq: int, org_code: str, year: int, month: int,
                  unit_code: str | None) -> str:
    """The letter number in the org's format, e.g. '000.1.2/17/DISKOMINFOS/2026' ({month} in Roman numerals)."""
    return fmt.format(classification=classification, seq=seq, org_code=org_code, year=year,
                      month=ROMAN_MONTHS[month - 1], unit_code=unit_code or org_code)


def number_sequence(org: str, year: int) -> str:
    """Name of the counter of an org's letter numbers in one year."""
    return f"LETTERNO#{org}#{year}"


def canonical_json(data: Any) -> bytes:
    """Sorted keys, no spaces, UTF-8: the same bytes for the same content everywhere."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str).encode()


def content_hash(document: Mapping[str, Any]) -> str:
    """SHA-256 (hex) of the canonical JSON of the signed document."""
    return hashlib.sha256(canonical_json(document)).hexdigest()


def signed_document(letter: Letter, *, number: str, date: str, place: str, org_name: str,
                    signer_title: str, signer_name: str | None, signer_nip: str | None,
                    signer_acting: str | None = None) -> dict[str, Any]:
    """What the signature covers: every printed field plus the attachments' SHA-256.

    An acting holder's title carries 'Plt.' / 'Plh.' and `acting` says which (absent otherwise, so documents
    signed before acting holders existed keep their hash).
    """
    signatory: dict[str, Any] = {"position": letter.signatory, "title": signer_title, "name": signer_name,
                                 "nip": signer_nip, "on_behalf_of": letter.on_behalf_of,
                                 "by_order_of": letter.by_order_of}
    if signer_acting is not None:
        signatory["acting"] = signer_acting
    return {
        "letter_id": letter.id,
        "org": letter.org,
        "org_name": org_name,
        "number": number,
        "place": place,
        "date": date,
        "type": letter.type.value,
        "classification": letter.classification,
        "security": letter.security.value,
        "urgency": letter.urgency.value,
        "subject": letter.subject,
        "body": letter.body,
        "fields": letter.fields or {},  # the catalogue's layout; documents signed before it have no `fields`
        "addressees": [recipient_view(r) for r in letter.addressees],
        "cc": [recipient_view(r) for r in letter.cc],
        "attachments": [{"filename": a.filename, "sha256": a.sha256} for a in letter.attachments
                        if a.state == "confirmed"],
        "signatory": signatory,
    }


def recipient_line(recipient: Recipient, names: Mapping[str, str]) -> str:
    """How a recipient is printed: the title of a position, the name of a unit or org, an external party's name."""
    if recipient.kind is RecipientKind.EXTERNAL:
        return ", ".join(p for p in (recipient.name, recipient.address) if p)
    return names.get(recipient.code or "", recipient.name or recipient.code or "")


def reader_positions(letter: Letter, delivered_to: Iterable[str]) -> list[str]:
    """Positions that may read a letter: drafter, chain, signatory and the positions it was delivered to."""
    return sorted({letter.drafter_position, letter.signatory, *chain_positions(letter), *delivered_to})


def recipient_view(recipient: Recipient) -> dict[str, Any]:
    """A recipient as stored and shown (empty fields left out)."""
    return {k: v for k, v in {"kind": recipient.kind.value, "code": recipient.code, "name": recipient.name,
                              "address": recipient.address, "email": recipient.email}.items() if v is not None}


# ---------------------------------------------------------------- who may read


def chain_positions(letter: Letter) -> set[str]:
    """Positions of the current round, with escalations and paraf koordinasi."""
    return {p for s in letter.steps for p in (s.position, s.escalated_to, *(c.position for c in s.paraf)) if p}


def is_author_side(letter: Letter, position: str | None) -> bool:
    """Drafter, reviewers and signatory."""
    return position is not None and (position in (letter.drafter_position, letter.signatory)
                                     or position in chain_positions(letter))


def is_addressed(letter: Letter, position: str | None, unit: str | None) -> bool:
    """An addressee or cc (position or unit of the own org) of a letter that was sent."""
    if letter.state not in DELIVERED:
        return False
    for r in letter.recipients():
        if r.kind is RecipientKind.POSITION and r.code == position:
            return True
        if r.kind is RecipientKind.UNIT and unit is not None and r.code == unit:
            return True
    return False


def addresses_units(letter: Letter) -> bool:
    """Whether deciding readership needs the caller's unit."""
    return letter.state in DELIVERED and any(r.kind is RecipientKind.UNIT for r in letter.recipients())


def can_read(letter: Letter, principal: Principal, unit: str | None) -> bool:
    """Parties read a letter; the org's admins and operators too unless it is secret; of another org, only its chain.
    An acting holder reads as the position acted for, except a secret letter outside its chain.
    """
    seat = position_ref(principal.org, principal.position, letter.org) if principal.org and principal.position else None
    own = principal.org == letter.org
    if not own and not is_author_side(letter, seat):
        return False
    if principal.acting is not None and letter.security.secret:
        return acting_may_read_secret(letter, principal, seat)
    if is_author_side(letter, seat) or (own and is_addressed(letter, principal.position, unit)):
        return True
    return principal.role in (Role.ADMIN, Role.OPERATOR) and not letter.security.secret


def acting_may_read_secret(letter: Letter, principal: Principal, seat: str | None) -> bool:
    """An acting holder (Plt / Plh) reads a secret letter only inside the appointment: while its step waits for the
    seat (to decide or sign it), or once they decided it themself — never a letter the seat handled before the
    appointment, and never as its addressee.
    """
    current = letter.current_step()
    if letter.state is LetterState.IN_REVIEW and current is not None and current.may_decide(seat):
        return True
    return any(s.decided_by == principal.username for s in letter.steps)


AUDITABLE = frozenset({LetterState.SIGNED, LetterState.SENT, LetterState.ARCHIVED})


def auditor_may_read(letter: Letter, principal: Principal) -> bool:
    """The auditor reads the trail of a signed, sent or archived letter of any org that is not secret."""
    return principal.is_auditor and letter.state in AUDITABLE and not letter.security.secret


def inbox_positions(recipients: Iterable[Recipient], positions: Mapping[str, Position]) -> list[str]:
    """Positions of the own org a letter is delivered to: a position itself, a unit's head (its highest position)."""
    result: list[str] = []
    for r in recipients:
        if r.kind is RecipientKind.POSITION and r.code:
            result.append(r.code)
        elif r.kind is RecipientKind.UNIT:
            members = sorted((p for p in positions.values() if p.unit == r.code), key=lambda p: (p.level.rank, p.code))
            if members:
                result.append(members[0].code)
    return list(dict.fromkeys(result))
