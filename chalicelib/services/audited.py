"""Audit events of use cases: who (position, acting for whom) did what, from which state to which."""

from __future__ import annotations

from typing import Any

from chalicelib.domain.audit import AuditEvent
from chalicelib.domain.identity import Principal, Role

PUBLIC_ACTOR = "public-sender"
SYSTEM = Principal(username="system", role=Role.ADMIN)  # scheduled and event-driven work, no caller


def actor_fields(principal: Principal | None, data: dict[str, Any] | None = None) -> dict[str, Any]:
    """An event's position, `acting_for` and data: an acting holder (Plt / Plh) acts in the position acted for,
    and the data records how (kind, appointment) and the position the actor holds themself.
    """
    data = dict(data or {})
    if principal is None:
        return {"position": None, "acting_for": None, "data": data}
    if principal.acting is not None:
        data["acting"] = {"kind": principal.acting.kind, "appointment": principal.acting.appointment,
                          "own_position": principal.acting.own_position}
    return {"position": principal.position, "acting_for": principal.acting_for, "data": data}


def audit_event(principal: Principal | None, action: str, at: str, *, from_state: str | None = None,
                to_state: str | None = None, note: str | None = None, data: dict[str, Any] | None = None) -> AuditEvent:
    """An event for a record's trail (the repository sets the record and sequence); None is the public sender."""
    return AuditEvent(record="", seq=0, at=at, actor=principal.username if principal else PUBLIC_ACTOR,
                      action=action, from_state=from_state, to_state=to_state, note=note,
                      **actor_fields(principal, data))
