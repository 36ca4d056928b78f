"""What the system does when a domain event arrives: every reaction, registered in one place.

Only the events function (`on_event` in app.py) imports this module, on its first event, so the API and its
authorizer never load it. Each reaction reads what it needs from the container and calls one use case; each is
idempotent, because SNS delivers at least once.
"""

from __future__ import annotations

from typing import Any

from chalicelib.bootstrap import container
from chalicelib.domain.errors import NotFound
from chalicelib.domain.events import Event
from chalicelib.services.event_handlers import handle_sns_records, on

# The public steps of a submission its sender is told about, by email and SMS.
SENDER_NOTICES = (Event.SUBMISSION_RECEIVED, Event.SUBMISSION_RETURNED, Event.SUBMISSION_ACCEPTED,
                  Event.SUBMISSION_REJECTED, Event.SUBMISSION_GRANTED, Event.SUBMISSION_DECLINED,
                  Event.SUBMISSION_ANSWERED)


def handle(lambda_event: dict[str, Any]) -> int:
    """Run the reactions of every SNS record of a Lambda event; returns how many ran."""
    return handle_sns_records(lambda_event)


@on(Event.APPROVAL_OVERDUE)
def escalate_overdue_step(event: dict[str, Any]) -> None:
    """A wait's timer announced a step (or a paraf koordinasi) overdue: remind the reviewer and escalate to their
    superior, deliver a decision recorded meanwhile, or stop the timer of a step that waits no more.
    """
    data = event.get("data") or {}
    container().letters.handle_overdue(str(event["record_id"]), int(data["round"]), int(data["index"]),
                                       data.get("position") if data.get("kind") == "paraf" else None)


@on(Event.LETTER_SIGNED)
def archive_signed_pdf(event: dict[str, Any]) -> None:
    """The signed PDF is in the archive bucket: put again (same bytes) if the put after signing failed."""
    container().letters.ensure_pdf(str(event["record_id"]))


@on(Event.LETTER_SIGNING)
def complete_signing(event: dict[str, Any]) -> None:
    """A signing failed after the signatory's approval: render, sign and send it with the number it holds."""
    container().letters.resume_signing(str(event["record_id"]))


@on(Event.LETTER_SENT)
def deliver_copies(event: dict[str, Any]) -> None:
    """Deliver the copies of a sent letter not delivered yet (all of them for a long list of recipients)."""
    container().letters.fan_out(str(event["record_id"]))


@on(Event.LETTER_SENT)
def answer_incoming(event: dict[str, Any]) -> None:
    """A reply letter was signed and sent: the incoming letter it answers is answered."""
    container().replies.answer_with(str(event["record_id"]))


@on(Event.LETTER_SENT)
def deliver_to_external_recipients(event: dict[str, Any]) -> None:
    """A letter was signed and sent: email it to its external addressees, record those sent by hand."""
    try:
        container().dispatch.deliver(str(event["record_id"]))
    except NotFound:
        return  # not a letter any more (never happens to a sent one); nothing to deliver


def notify_sender(event: dict[str, Any]) -> None:
    """Tell a submission's sender, by email and SMS, what happened to it (once per event)."""
    container().sender_notices.notify(event)


for _event in SENDER_NOTICES:
    on(_event)(notify_sender)
