"""Routes: in-app notifications, and how they reach me outside the app."""

from __future__ import annotations

from typing import Any

from chalicelib.api import http, schemas
from chalicelib.api import schemas_notifications as s
from chalicelib.bootstrap import container

r = http.router("notifications")


@r.route("/notifications", response=schemas.page_of(schemas.NotificationOut), errors=(400, 401),
         query=http.LIST_QUERY)
def list_notifications() -> Any:
    """My notifications (for my position, or for me when I hold none), newest first."""
    settings = container().settings
    return container().notifications.list(http.principal(), *http.paging(settings.page_size_default,
                                                                          settings.page_size_max))


@r.route("/me/notification-preferences", response=s.NotificationPreferencesOut, errors=(401, 403))
def get_notification_preferences() -> Any:
    """My e-mail and SMS choices per kind of notification, quiet hours and daily digest (staff)."""
    return container().notifications.preferences(http.principal())


@r.route("/me/notification-preferences", "PUT", body=s.NotificationPreferencesIn,
         response=s.NotificationPreferencesOut, errors=(400, 401, 403))
def put_notification_preferences() -> Any:
    """Replace my notification preferences (staff)."""
    data = http.body(s.NotificationPreferencesIn)
    data["channels"] = {k: v for k, v in data["channels"].items() if v is not None}
    return container().notifications.set_preferences(http.principal(), data)
