"""Incoming letters (surat masuk): what an org receives — from another org's signed letter (G2G), from an
accepted public submission (G2C/G2B) or on paper registered by an operator — and their lifecycle.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from chalicelib.domain.org import Position


class IncomingSource(StrEnum):
    """Where an incoming letter came from."""

    LETTER = "letter"  # a signed letter of another org
    SUBMISSION = "submission"  # an accepted public submission
    PAPER = "paper"  # registered by hand with a scan


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
    audit_seq: int = 1
    audit_head: str = ""
    version: int = 1


def head_of(positions: Mapping[str, Position]) -> Position | None:
    """The org's head: the highest position that reports to nobody in the org (incoming letters go there)."""
    tops = [p for p in positions.values() if p.reports_to is None]
    return min(tops, key=lambda p: (p.level.rank, p.code), default=None)


def agenda_number(seq: int, org: str, year: int) -> str:
    """Agenda number of the incoming register, per org per year: '0007/SM/DISKOMINFOS/2026'."""
    return f"{seq:04d}/SM/{org}/{year}"
