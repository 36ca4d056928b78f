"""A record's timeline: its audit events in order, with the verification of their hash chain."""

from __future__ import annotations

from typing import Any

from chalicelib.domain.audit import AuditEvent, verify_chain


def chain_view(trail: list[AuditEvent], audit_seq: int, audit_head: str) -> dict[str, Any]:
    """A record's events and whether they still chain up to the head and count the record holds."""
    check = verify_chain(trail, expected_head=audit_head, expected_count=audit_seq)
    return {"events": [event_view(e) for e in trail], "chain": check.as_dict()}


def event_view(event: AuditEvent) -> dict[str, Any]:
    """An event as timelines show it: for an acting holder both their own position and the one acted for."""
    acting = event.data.get("acting") if event.acting_for else None
    return {"seq": event.seq, "at": event.at, "actor": event.actor, "position": event.position,
            "actor_position": acting.get("own_position") if acting else event.position,
            "acting_for": event.acting_for, "acting_kind": acting.get("kind") if acting else None,
            "action": event.action, "from_state": event.from_state, "to_state": event.to_state,
            "note": event.note, "data": event.data}
