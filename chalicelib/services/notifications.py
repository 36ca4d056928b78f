"""Use case: read my notifications."""

from __future__ import annotations

from typing import Any

from chalicelib.adapters.notification_repo import NotificationRepository, recipient_of
from chalicelib.domain.identity import Principal


class NotificationService:
    """The caller's in-app notifications."""

    def __init__(self, repo: NotificationRepository) -> None:
        self.repo = repo

    def list(self, principal: Principal, limit: int, cursor: str | None) -> dict[str, Any]:
        """Newest first, one page."""
        page = self.repo.list(recipient_of(principal), limit, cursor)
        return {"items": page.items, "next": page.next}
