"""What the letters use cases read and write besides the letter itself: the stored letter with its audit head
and what signing needs, an org's structure, the state of a review step, and the copies of a sent letter.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from chalicelib.domain.errors import Conflict
from chalicelib.domain.letters import Letter
from chalicelib.domain.org import Org, Position

BOXES = ("drafts", "review", "sent", "inbox", "cc")
WAITING = "waiting"  # a step's state while it is in its holder's approval queue
CLOSED = ("closed", "withdrawn")  # a step's states once its round ended before its decision: it waits no more
ALL_DELIVERED = "ALL"  # the copy name recorded once every copy and the search words are there


class CopyExists(Conflict):
    """A copy of a sent letter reached its target before (a redelivered or resumed fan-out)."""


@dataclass(frozen=True)
class OrgStructure:
    """An org with its positions and unit codes, read in one Query."""

    org: Org
    positions: dict[str, Position]
    units: set[str]
    unit_names: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class LetterRecord:
    """A stored letter with its audit head and what was prepared at submit for signing."""

    letter: Letter
    audit_seq: int
    audit_head: str
    prepared: dict[str, Any] = field(default_factory=dict)
    # How the repository found the letter's separately stored parts (opaque; a save rewrites only what changed).
    stored_parts: dict[str, str] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class ReviewStep:
    """A step of a review round (or a paraf koordinasi) as stored: whether it waits in its holder's approval
    queue (`state` `waiting`, entered by the app before its timer starts), and its decision.
    """

    letter_id: str
    org: str
    round: int
    index: int
    requested_at: str
    state: str | None = None  # None (not reached yet), waiting, decided, closed or withdrawn
    waiting_since: str | None = None
    escalated_to: str | None = None
    decision: str | None = None
    note: str | None = None

    @property
    def waiting(self) -> bool:
        """In its holder's approval queue, undecided: a decision may be recorded on it."""
        return self.state == WAITING and not self.decision

    @property
    def closed(self) -> bool:
        """Its round ended before its decision (revised, rejected, withdrawn): it never waits again."""
        return self.state in CLOSED

    @property
    def started(self) -> str:
        """When the step began to wait (its queue entry; the round's start before that)."""
        return self.waiting_since or self.requested_at


@dataclass(frozen=True)
class Verification:
    """What the public learns from a signed letter's verification code, and what it needs to check the seal."""

    code: str
    letter_id: str
    org: str
    number: str
    signed_at: str
    security: str
    document: dict[str, Any]
    content_hash: str
    signature: str
    signing_key_id: str
    pdf_sha256: str


@dataclass(frozen=True)
class ExternalDelivery:
    """How a signed letter reaches one external addressee or cc: by email (automatic) or by hand/post (an
    operator records it).
    """

    letter_id: str
    id: str  # to-00, cc-01 ...
    org: str
    role: str  # to | cc
    name: str
    channel: str  # email | manual
    state: str  # pending | sent | dispatched
    letter_number: str | None = None
    subject: str | None = None  # left out for a secret letter
    address: str | None = None
    email: str | None = None
    reason: str | None = None  # why it is manual
    attempts: int = 0
    sent_at: str | None = None
    message_id: str | None = None
    dispatched_at: str | None = None
    dispatched_by: str | None = None
    via: str | None = None
    receipt: str | None = None
    note: str | None = None
    version: int = 1  # the stored version it was read at (a new one is stored at 1)


_EXECUTION_NAME = re.compile(r"[A-Za-z0-9_.-]+")


def execution_name(letter_id: str, round_no: int, index: int, paraf: str | None = None) -> str:
    """The state machine execution of one wait: step `index` of a review round, or the paraf koordinasi of
    `paraf` asked on it (starting it twice is harmless: a name is used once). Execution names are at most 80
    letters, digits, `-`, `_` or `.`; a paraf of another org (`ORG/CODE`) or one too long is named by its hash.
    """
    name = f"letter-{letter_id}-r{round_no}-s{index}"
    if paraf is None:
        return name
    branch = paraf.replace("/", ".")
    if not _EXECUTION_NAME.fullmatch(branch) or len(name) + 3 + len(branch) > 80:
        branch = hashlib.sha256(paraf.encode()).hexdigest()[:16]
    return f"{name}-p-{branch}"


def copy_name(box: str, target: str) -> str:
    """How the record of one delivered copy is named: a box of a position, or another org (`box` "org")."""
    return f"ORG#{target}" if box == "org" else f"BOX#{box}#{target}"
