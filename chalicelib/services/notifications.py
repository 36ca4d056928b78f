"""Use cases: read my notifications; read and change how they reach me outside the app."""

from __future__ import annotations

from typing import Any, Protocol

from chalicelib.adapters.dynamo import Page
from chalicelib.adapters.notification_repo import recipient_of
from chalicelib.domain.identity import Principal, require_staff
from chalicelib.domain.staff_alerts import parse_preferences
from chalicelib.services.staff_alerts import PreferenceStore


class NotificationList(Protocol):
    """In-app notifications by recipient."""

    def list(self, recipient: str, limit: int, cursor: str | None) -> Page[dict[str, str]]:
        """One page of a recipient's notifications, newest first."""


class NotificationService:
    """The caller's in-app notifications and their preferences for e-mail and SMS."""

    def __init__(self, notification_repo: NotificationList, preference_repo: PreferenceStore) -> None:
        self.notification_repo = notification_repo
        self.preference_repo = preference_repo

    def list(self, principal: Principal, limit: int, cursor: str | None) -> dict[str, Any]:
        """Newest first, one page."""
        page = self.notification_repo.list(recipient_of(principal), limit, cursor)
        return {"items": page.items, "next": page.next}

    def preferences(self, principal: Principal) -> dict[str, Any]:
        """My channels per kind, quiet hours and digest (the defaults until I change them; staff only)."""
        require_staff(principal)
        return self.preference_repo.get(principal.username).as_dict()

    def set_preferences(self, principal: Principal, data: dict[str, Any]) -> dict[str, Any]:
        """Replace my preferences (staff only); kinds left out keep their default channels."""
        require_staff(principal)
        prefs = parse_preferences(data)
        self.preference_repo.put(principal.username, prefs)
        return prefs.as_dict()
