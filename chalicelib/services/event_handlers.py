"""Reactions to domain events delivered by SNS (in AWS: the `on_event` Lambda subscribed to the topic;
locally and in tests: infra/event_pump.py, which reads the same topic through an SQS queue).

A use case registers a reaction with `@on("approval.overdue")`; `dispatch()` runs every reaction of
an event's type. Reactions must be idempotent: SNS delivers at least once.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from typing import Any

from aws_lambda_powertools import Logger

logger = Logger(child=True)
Reaction = Callable[[dict[str, Any]], None]
_REACTIONS: dict[str, list[Reaction]] = {}
# Modules whose `@on(...)` reactions are loaded on the first event, not when the API (or its authorizer)
# starts: only the events function needs them.
REACTION_MODULES = (
    "chalicelib.services.letter_reactions",
    "chalicelib.services.replies",
    "chalicelib.services.sender_notices",
    "chalicelib.services.dispatch",
)
_loaded = False


def load_reactions() -> None:
    """Import the modules that register reactions (once)."""
    global _loaded
    if not _loaded:
        for name in REACTION_MODULES:
            importlib.import_module(name)
        _loaded = True


def on(event_type: str) -> Callable[[Reaction], Reaction]:
    """Register a reaction to events of `event_type`."""

    def register(reaction: Reaction) -> Reaction:
        _REACTIONS.setdefault(event_type, []).append(reaction)
        return reaction

    return register


def reactions_to(event_type: str) -> list[Reaction]:
    """The reactions registered for a type."""
    return list(_REACTIONS.get(event_type, []))


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
    load_reactions()
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
