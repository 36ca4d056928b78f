"""Incoming letters (surat masuk): what an org receives — from another org's signed letter (G2G), from an
accepted public submission (G2C/G2B) or on paper registered by an operator — and their lifecycle.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from chalicelib.domain.errors import Conflict, ValidationFailed
from chalicelib.domain.identity import Principal, Role
from chalicelib.domain.letters import Security
from chalicelib.domain.org import Position


class IncomingSource(StrEnum):
    """Where an incoming letter came from."""

    LETTER = "letter"  # a signed letter of another org
    SUBMISSION = "submission"  # an accepted public submission
    PAPER = "paper"  # registered by hand with a scan
    FORWARDED = "forwarded"  # forwarded (diteruskan) by another org; `source_ref` is that org's incoming letter


class IncomingState(StrEnum):
    """registered → disposed → in_progress → done."""

    REGISTERED = "registered"
    DISPOSED = "disposed"
    IN_PROGRESS = "in_progress"
    DONE = "done"


@dataclass(frozen=True)
class IncomingLetter:
    """An incoming letter of one org, with its agenda number."""

    id: str
    org: str
    agenda_number: str
    received_at: str
    source: IncomingSource
    source_ref: str | None
    sender_name: str
    sender_org: str | None
    letter_number: str | None
    letter_date: str | None
    subject: str
    classification: str | None
    security: str
    urgency: str
    addressed_to: str | None  # position code; usually the head of the org
    state: IncomingState = IncomingState.REGISTERED
    attachments: list[dict[str, Any]] = field(default_factory=list)
    tracking_code: str | None = None  # of the public submission it came from: its tracking follows the letter
    open_dispositions: int = 0
    done_dispositions: int = 0
    readers: list[str] = field(default_factory=list)  # positions it was disposed to (the chain below the addressee)
    answered_at: str | None = None  # first answer: its dispositions all done, or a reply letter sent
    forwarded_from: dict[str, Any] | None = None  # the org's letter it was forwarded from (diteruskan dari)
    forwarded_to: list[dict[str, Any]] = field(default_factory=list)  # where it was forwarded (diteruskan ke)
    opened_at: str | None = None  # first opened by the org's operators or its addressee (its read receipt)
    opened_by: str | None = None
    audit_seq: int = 1
    audit_head: str = ""
    version: int = 1


def head_of(positions: Mapping[str, Position]) -> Position | None:
    """The org's head: the highest position that reports to nobody in the org (incoming letters go there)."""
    tops = [p for p in positions.values() if p.reports_to is None]
    return min(tops, key=lambda p: (p.level.rank, p.code), default=None)


def delivered_copy_id(letter_id: str, org: str) -> str:
    """The id of the incoming letter a sent letter becomes in another org's register: one per (letter, org), so
    that registering it again (a redelivered or resumed fan-out) finds it there instead of making a second copy.
    """
    return hashlib.sha256(f"{letter_id}#{org}".encode()).hexdigest()[:32]


def agenda_number(seq: int, org: str, year: int) -> str:
    """Agenda number of the incoming register, per org per year: '0007/SM/DISKOMINFOS/2026'."""
    return f"{seq:04d}/SM/{org}/{year}"


REDACTED = ("subject", "sender_name", "sender_org", "letter_number", "letter_date", "classification", "attachments",
            "source_ref", "tracking_code", "forwarded_from")


def may_read(letter: IncomingLetter, principal: Principal, addressee: str | None) -> bool:
    """Who reads an incoming letter, by its security (sifat).

    `biasa`: the org's staff. Otherwise only its `addressee` (`addressed_to`, or the head of the org for a
    letter registered without one) and the positions it was disposed to — which includes everyone up their
    disposition chain, since each sender of a disposition is the addressee or received one — and, for
    `terbatas` only, the org's operators. Nobody of another org.
    """
    if principal.org != letter.org:
        return False
    security = Security(letter.security)
    if security is Security.BIASA:
        return True
    if principal.position and (principal.position == addressee or principal.position in letter.readers):
        return True
    return security is Security.TERBATAS and principal.role is Role.OPERATOR


def with_readers(letter: IncomingLetter, positions: list[str]) -> list[str]:
    """The letter's readers after disposing it to `positions` (sorted, each once)."""
    return sorted({*letter.readers, *positions})


class ForwardKind(StrEnum):
    """Where an incoming letter is forwarded (diteruskan): another org's register, or a unit of the own org."""

    ORG = "org"
    UNIT = "unit"


def may_forward(letter: IncomingLetter, principal: Principal, addressee: str | None) -> bool:
    """Who forwards an incoming letter: the org's operators (who keep the register) and the positions that may
    dispose it today — its addressee and the positions it was disposed to. The caller must also read it.
    """
    if principal.org != letter.org:
        return False
    if principal.role is Role.OPERATOR:
        return True
    return principal.position is not None and (principal.position == addressee or principal.position in letter.readers)


def check_forward(letter: IncomingLetter, kind: ForwardKind, code: str) -> None:
    """A letter goes to another org (not its own) or a unit, once per target (a second time is 409)."""
    if kind is ForwardKind.ORG and code == letter.org:
        raise ValidationFailed.field("code", "forward to another org; use kind unit for a unit of your org")
    for done in letter.forwarded_to:
        if done["kind"] == kind.value and done["code"] == code:
            raise Conflict(f"this letter was forwarded to {code} already",
                           details={"kind": kind.value, "code": code, "incoming_id": done.get("incoming_id")})


def forwarded_from(letter: IncomingLetter, by: str, note: str | None) -> dict[str, Any]:
    """How the copy in another org names the letter it was forwarded from."""
    return {"org": letter.org, "incoming_id": letter.id, "agenda_number": letter.agenda_number, "by": by,
            "note": note}


def opens_for_the_org(letter: IncomingLetter, principal: Principal, addressee: str | None) -> bool:
    """Whether the caller opening the letter is the org receiving it — an operator or its addressee — the first time
    (the sending org's read receipt, and one unread letter fewer in the register).
    """
    if letter.opened_at is not None or principal.org != letter.org:
        return False
    return principal.role is Role.OPERATOR or (principal.position is not None and principal.position == addressee)
