"""The audit trail: one event per transition, each carrying the hash of the one before (a chain per record).

Editing or deleting any stored event breaks the chain from that event on; `verify_chain` names the
first event that does not verify.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from typing import Any

GENESIS = "0" * 64


@dataclass(frozen=True)
class AuditEvent:
    """Who (position, acting for whom) did what to which record, when, with which note."""

    record: str  # e.g. "LETTER#01J…", "SUBMISSION#…", "INCOMING#…"
    seq: int
    at: str
    actor: str
    action: str
    position: str | None = None
    acting_for: str | None = None
    from_state: str | None = None
    to_state: str | None = None
    note: str | None = None
    data: dict[str, Any] = field(default_factory=dict)
    prev_hash: str = GENESIS
    hash: str = ""


def _canonical(event: AuditEvent) -> bytes:
    body = {k: v for k, v in event.__dict__.items() if k != "hash"}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str).encode()


def seal(event: AuditEvent, prev_hash: str) -> AuditEvent:
    """The event linked to its predecessor and hashed."""
    linked = replace(event, prev_hash=prev_hash, hash="")
    return replace(linked, hash=hashlib.sha256(_canonical(linked)).hexdigest())


@dataclass(frozen=True)
class ChainCheck:
    """Result of verifying a record's trail."""

    valid: bool
    events: int
    first_broken_seq: int | None = None
    reason: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """JSON view for timelines."""
        return {"valid": self.valid, "events": self.events, "first_broken_seq": self.first_broken_seq,
                "reason": self.reason}


def verify_chain(events: list[AuditEvent], expected_head: str | None = None,
                 expected_count: int | None = None) -> ChainCheck:
    """Recompute every hash in order; the record's own head hash and count catch deletions at the end."""
    prev = GENESIS
    for position, event in enumerate(events, start=1):
        if event.seq != position:
            return ChainCheck(False, len(events), position, f"event {position} is missing")
        if event.prev_hash != prev:
            return ChainCheck(False, len(events), event.seq, "does not link to the event before it")
        if seal(event, prev).hash != event.hash:
            return ChainCheck(False, len(events), event.seq, "its content was changed after it was written")
        prev = event.hash
    if expected_count is not None and expected_count > len(events):
        return ChainCheck(False, len(events), len(events) + 1, f"event {len(events) + 1} is missing")
    if expected_head is not None and expected_head != prev:
        return ChainCheck(False, len(events), len(events), "the last event is not the one the record points to")
    return ChainCheck(True, len(events))
