"""Reactions of the letters area to events (registered on import; app.py imports this module)."""

from __future__ import annotations

from typing import Any

from chalicelib.bootstrap import container
from chalicelib.services.event_handlers import on


@on("approval.overdue")
def escalate_overdue_step(event: dict[str, Any]) -> None:
    """The state machine found a step waiting too long: remind the reviewer and escalate to their superior."""
    data = event.get("data") or {}
    container().letters.handle_overdue(str(event["record_id"]), int(data["round"]), int(data["index"]))


@on("letter.signed")
def archive_signed_pdf(event: dict[str, Any]) -> None:
    """The signed PDF is in the archive bucket: put again (same bytes) if the put after signing failed."""
    container().letters.ensure_pdf(str(event["record_id"]))


@on("letter.signing")
def complete_signing(event: dict[str, Any]) -> None:
    """A signing failed after the signatory's approval: render, sign and send it with the number it holds."""
    container().letters.resume_signing(str(event["record_id"]))


@on("letter.sent")
def deliver_copies(event: dict[str, Any]) -> None:
    """Deliver the copies of a sent letter not delivered yet (all of them for a long list of recipients)."""
    container().letters.fan_out(str(event["record_id"]))
