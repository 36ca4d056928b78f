"""Routes: in-app notifications."""

from __future__ import annotations

from typing import Any

from chalicelib.api import http, schemas
from chalicelib.bootstrap import container

r = http.router("notifications")


@r.route("/notifications", response=schemas.page_of(schemas.NotificationOut), errors=(400, 401),
         query=http.LIST_QUERY)
def list_notifications() -> Any:
    """My notifications (for my position, or for me when I hold none), newest first."""
    settings = container().settings
    return container().notifications.list(http.principal(), *http.paging(settings.page_size_default,
                                                                          settings.page_size_max))
