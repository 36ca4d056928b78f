"""A record's timeline: its audit events in order, with the verification of their hash chain."""

from __future__ import annotations

from typing import Any

from chalicelib.adapters.audit_repo import AuditRepository
from chalicelib.domain.audit import verify_chain


def timeline(audit: AuditRepository, record: str, audit_seq: int, audit_head: str) -> dict[str, Any]:
    """Events of `record` (one Query) and whether they still chain up to the head and count the record holds."""
    trail = audit.trail(record)
    check = verify_chain(trail, expected_head=audit_head, expected_count=audit_seq)
    return {"events": [{"seq": e.seq, "at": e.at, "actor": e.actor, "position": e.position,
                        "acting_for": e.acting_for, "action": e.action, "from_state": e.from_state,
                        "to_state": e.to_state, "note": e.note, "data": e.data} for e in trail],
            "chain": check.as_dict()}
