"""Audit events of use cases: who (position, acting for whom) did what, from which state to which."""

from __future__ import annotations

from typing import Any

from chalicelib.domain.audit import AuditEvent
from chalicelib.domain.identity import Principal

PUBLIC_ACTOR = "public-sender"


def audit_event(principal: Principal | None, action: str, at: str, *, from_state: str | None = None,
                to_state: str | None = None, note: str | None = None, data: dict[str, Any] | None = None) -> AuditEvent:
    """An event for a record's trail (the repository sets the record and sequence); None is the public sender."""
    return AuditEvent(record="", seq=0, at=at, actor=principal.username if principal else PUBLIC_ACTOR,
                      position=principal.position if principal else None, action=action, from_state=from_state,
                      to_state=to_state, note=note, data=data or {})
