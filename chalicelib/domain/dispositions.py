"""Dispositions (disposisi): instructions from a leader to positions below them about an incoming letter, and
coordination dispositions (disposisi koordinasi) to peers.

assigned → read → done, or recalled by its sender while still unread; overdue once its deadline passed
while open. Who may dispose to whom follows the `reports_to` tree of positions: an instruction goes down it,
a coordination goes sideways to a peer — a position reporting to the same superior — who answers it but
receives no instruction to pass further down.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from chalicelib.domain.errors import Conflict, Forbidden, ValidationFailed
from chalicelib.domain.identity import Principal
from chalicelib.domain.incoming import IncomingState
from chalicelib.domain.org import Position, chain_up


class Instruction(StrEnum):
    """The usual instructions of a disposition sheet (free text may be added)."""

    TINDAK_LANJUTI = "tindak_lanjuti"
    PELAJARI = "pelajari"
    HADIRI = "hadiri"
    SIAPKAN_JAWABAN = "siapkan_jawaban"
    KOORDINASIKAN = "koordinasikan"
    UNTUK_DIKETAHUI = "untuk_diketahui"
    ARSIPKAN = "arsipkan"


class DispositionState(StrEnum):
    """assigned → read → done; recalled while unread."""

    ASSIGNED = "assigned"
    READ = "read"
    DONE = "done"
    RECALLED = "recalled"


class DispositionKind(StrEnum):
    """An instruction down the hierarchy, or a request for coordination to a peer."""

    INSTRUCTION = "instruction"
    COORDINATION = "coordination"


OPEN = frozenset({DispositionState.ASSIGNED, DispositionState.READ})


@dataclass(frozen=True)
class DueMarker:
    """An open disposition in its org's deadline list, as the overdue sweep reads it."""

    org: str
    deadline: str
    disposition_id: str
    to_position: str


@dataclass(frozen=True)
class Disposition:
    """One instruction to one position about one incoming letter."""

    id: str
    incoming_id: str
    org: str
    parent_id: str | None
    from_position: str
    from_user: str
    to_position: str
    instructions: list[str]
    note: str | None
    deadline: str  # ISO 8601 with offset
    created_at: str
    state: DispositionState = DispositionState.ASSIGNED
    read_at: str | None = None
    done_at: str | None = None
    done_by: str | None = None
    follow_up: str | None = None
    reply_letter_id: str | None = None
    subject: str = ""
    agenda_number: str = ""
    kind: DispositionKind = DispositionKind.INSTRUCTION
    overdue_notified: bool = False  # the overdue sweep notified it (it counts among the org's overdue ones)
    audit_seq: int = 1
    audit_head: str = ""
    version: int = 1

    def is_overdue(self, now: datetime) -> bool:
        """Open after its deadline."""
        return self.state in OPEN and datetime.fromisoformat(self.deadline) < now


def check_targets(caller_position: str, targets: list[str], positions: Mapping[str, Position]) -> None:
    """Every target must be a position strictly below the caller in the `reports_to` tree (403 otherwise)."""
    if len(set(targets)) != len(targets):
        raise ValidationFailed.field("to", "each position once")
    for code in targets:
        if code not in positions:
            raise ValidationFailed.field("to", f"no position {code} in this org")
        above = [p.code for p in chain_up(code, positions)[1:]]
        if caller_position not in above:
            raise Forbidden(f"{code} is not below your position; dispose only down your own hierarchy",
                            details={"field": "to", "position": code})


def check_peers(caller_position: str, targets: list[str], positions: Mapping[str, Position]) -> None:
    """Every target of a coordination must be a peer of the caller: another position reporting to the same
    superior in the org (Sekretaris and Kepala Bidang under the same Kepala Dinas), 403 otherwise.
    """
    if len(set(targets)) != len(targets):
        raise ValidationFailed.field("to", "each position once")
    caller = positions.get(caller_position)
    for code in targets:
        if code not in positions:
            raise ValidationFailed.field("to", f"no position {code} in this org")
        peer = positions[code]
        if caller is None or code == caller.code or peer.reports_to != caller.reports_to:
            raise Forbidden(f"{code} is not a peer of your position; coordinate with positions that report to the "
                            "same superior as you", details={"field": "to", "position": code})


def check_deadline(deadline: datetime, now: datetime) -> None:
    """A deadline lies in the future."""
    if deadline.tzinfo is None:
        raise ValidationFailed.field("deadline", "give a time zone offset, e.g. +08:00")
    if deadline <= now:
        raise ValidationFailed.field("deadline", "must be in the future")


def require_recipient(principal: Principal, disposition: Disposition) -> None:
    """Only the holder of the addressed position acts on a disposition."""
    if principal.org != disposition.org or principal.position != disposition.to_position:
        raise Forbidden("this disposition is addressed to another position")


def require_party(principal: Principal, disposition: Disposition) -> None:
    """A disposition is read by its sender and its recipient."""
    if principal.org != disposition.org or principal.position not in (disposition.to_position,
                                                                      disposition.from_position):
        raise Forbidden("this disposition is between other positions")


def check_done(disposition: Disposition) -> None:
    """Only an open disposition can be completed."""
    if disposition.state not in OPEN:
        raise Conflict(f"a disposition that is {disposition.state.value} cannot be completed",
                       details={"state": disposition.state.value})


def check_recall(principal: Principal, disposition: Disposition) -> None:
    """The sender recalls a disposition only while its recipient has not opened it."""
    if principal.org != disposition.org or principal.position != disposition.from_position:
        raise Forbidden("only the sender of a disposition can recall it")
    if disposition.state is not DispositionState.ASSIGNED:
        raise Conflict(f"a disposition that is {disposition.state.value} cannot be recalled",
                       details={"state": disposition.state.value})


def check_redispose(disposition: Disposition) -> None:
    """A recipient disposes further down while their own instruction is open; a coordination is answered, not
    passed down as the sender's instruction.
    """
    if disposition.kind is DispositionKind.COORDINATION:
        raise Forbidden("a coordination disposition is answered (done), not disposed further down",
                        details={"field": "parent_id"})
    if disposition.state not in OPEN:
        raise Conflict(f"a disposition that is {disposition.state.value} cannot be disposed further",
                       details={"state": disposition.state.value})


def incoming_state_after(current: IncomingState, open_count: int, done_count: int, *,
                         further: bool = False) -> IncomingState:
    """The incoming letter's state from its dispositions.

    disposed while only the first instructions are out; in_progress once a recipient disposed further or
    finished their part; done when none is open and some were done; registered again if all were recalled.
    """
    if open_count > 0:
        worked_on = further or done_count > 0 or current is IncomingState.IN_PROGRESS
        return IncomingState.IN_PROGRESS if worked_on else IncomingState.DISPOSED
    return IncomingState.DONE if done_count > 0 else IncomingState.REGISTERED
