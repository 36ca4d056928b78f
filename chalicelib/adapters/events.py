"""Domain events on SNS, with message attributes subscribers can filter on (type, org, record id).

Core state never depends on delivery: events are published after the transaction that made the
change has committed; a failed publish is logged and counted, never turned into a failed request.
"""

from __future__ import annotations

import json
from typing import Any

from aws_lambda_powertools import Logger

from chalicelib.adapters import aws
from chalicelib.domain.timefmt import iso, now_wita

logger = Logger(child=True)


class EventPublisher:
    """Publishes `{"type", "org", "record_id", "at", "data"}` to the events topic."""

    def __init__(self, topic_arn: str, region: str) -> None:
        self.topic_arn = topic_arn
        self.region = region

    def publish(self, event_type: str, org: str | None, record_id: str, data: dict[str, Any]) -> bool:
        """Publish one event; False (and a log line) when SNS refused it."""
        message = {"type": event_type, "org": org, "record_id": record_id, "at": iso(now_wita()), "data": data}
        attributes = {
            "type": {"DataType": "String", "StringValue": event_type},
            "record_id": {"DataType": "String", "StringValue": record_id},
        }
        if org:
            attributes["org"] = {"DataType": "String", "StringValue": org}
        try:
            aws.client("sns", self.region).publish(TopicArn=self.topic_arn, Message=json.dumps(message, default=str),
                                                    MessageAttributes=attributes)
        except Exception:  # noqa: BLE001 - delivery is best effort by design (see module docstring)
            logger.exception("event not published", extra={"event_type": event_type, "record_id": record_id})
            return False
        return True
