"""Helpers shared by use cases: committing a create with its Idempotency-Key, and plain views."""

from __future__ import annotations

import dataclasses
import time
from typing import Any

from chalicelib.adapters.dynamo import IdempotentReplay, Page, Transaction

IDEMPOTENCY_TTL_SECONDS = 24 * 3600


def view(entity: Any) -> dict[str, Any]:
    """A dataclass as the JSON object the API returns."""
    return dataclasses.asdict(entity)


def page_view(page: Page[Any], convert: Any = view) -> dict[str, Any]:
    """A page as `{"items": [...], "next": cursor}`."""
    return {"items": [convert(item) for item in page.items], "next": page.next}


def commit_create(tx: Transaction, *, scope: str, idempotency_key: str | None, request: Any,
                  response: dict[str, Any], status_code: int = 201) -> tuple[int, dict[str, Any]]:
    """Commit a create; with an Idempotency-Key a repeat returns the first response instead of failing."""
    if idempotency_key:
        tx.remember_outcome(scope, idempotency_key, request, status_code, response,
                            expires_at=int(time.time()) + IDEMPOTENCY_TTL_SECONDS)
    try:
        tx.commit()
    except IdempotentReplay as replay:
        return replay.status_code, replay.response
    return status_code, response
