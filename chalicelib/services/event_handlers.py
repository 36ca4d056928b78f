"""Reactions to domain events delivered by SNS (in AWS: the `on_event` Lambda subscribed to the topic;
locally and in tests: infra/event_pump.py, which reads the same topic through an SQS queue).

A reaction is registered with `@on(Event.APPROVAL_OVERDUE)` (all of them in chalicelib/reactions.py, which only
the events function imports); `dispatch()` runs every reaction of an event's type. Reactions must be idempotent:
SNS delivers at least once.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from aws_lambda_powertools import Logger

from chalicelib.domain.events import Event

logger = Logger(child=True)
Reaction = Callable[[dict[str, Any]], None]
_REACTIONS: dict[Event, list[Reaction]] = {}


def on(event_type: Event) -> Callable[[Reaction], Reaction]:
    """Register a reaction to events of `event_type` (a member of the catalogue; TypeError for anything else)."""
    if not isinstance(event_type, Event):
        raise TypeError(f"not an event of the catalogue: {event_type!r} (chalicelib/domain/events.py)")

    def register(reaction: Reaction) -> Reaction:
        _REACTIONS.setdefault(event_type, []).append(reaction)
        return reaction

    return register


def reactions_to(event_type: str) -> list[Reaction]:
    """The reactions registered for a type (none for a type outside the catalogue)."""
    try:
        return list(_REACTIONS.get(Event(event_type), []))
    except ValueError:
        return []


def registered_types() -> list[Event]:
    """The event types that have at least one reaction."""
    return [event_type for event_type, reactions in _REACTIONS.items() if reactions]


def parse_sns(message: str, attributes: dict[str, Any]) -> dict[str, Any]:
    """An SNS message as an event dict; the `type` attribute wins over the body (the state machine sets only it)."""
    try:
        body = json.loads(message)
    except ValueError:
        body = {"data": message}
    if not isinstance(body, dict):
        body = {"data": body}
    for name in ("type", "org", "record_id"):
        attribute = attributes.get(name)
        if attribute:
            body[name] = attribute.get("Value", attribute.get("StringValue"))
    return body


def dispatch(event: dict[str, Any]) -> int:
    """Run the reactions of one event; returns how many ran. A failing reaction is logged and re-raised."""
    reactions = reactions_to(str(event.get("type")))
    for reaction in reactions:
        logger.info("reacting to event", extra={"event_type": event.get("type"), "reaction": reaction.__name__})
        reaction(event)
    return len(reactions)


def handle_sns_records(lambda_event: dict[str, Any]) -> int:
    """Dispatch every record of an SNS-triggered Lambda event."""
    count = 0
    for record in lambda_event.get("Records", []):
        sns = record["Sns"]
        count += dispatch(parse_sns(sns["Message"], sns.get("MessageAttributes") or {}))
    return count
