"""Routes: deliveries of sent letters to external addressees, and a public sender's reply letter."""

from __future__ import annotations

from typing import Any

from chalicelib.api import http, schemas, schemas_public
from chalicelib.api import schemas_dispatch as s
from chalicelib.bootstrap import container
from chalicelib.domain.errors import ValidationFailed
from chalicelib.domain.submissions import Proof

letters = http.router("letters")
public = http.router("public")


DISPATCH_STATES = ("pending", "dispatched")


@letters.route("/deliveries", response=schemas.page_of(s.DispatchRowOut), errors=(400, 401, 403),
               query={"state": http.Param.enum("pending (default, oldest first) or dispatched (newest first)",
                                               DISPATCH_STATES), **http.LIST_QUERY})
def list_org_deliveries() -> Any:
    """My org's signed letters to send by hand or post, or those sent so (operators)."""
    state = http.query_param("state") or "pending"
    if state not in DISPATCH_STATES:
        raise ValidationFailed.field("state", "pending or dispatched")
    settings = container().settings
    return container().dispatch.org_list(http.principal(), state,
                                         *http.paging(settings.page_size_default, settings.page_size_max))


@letters.route("/letters/{letter_id}/deliveries", response=s.DeliveriesOut, errors=(403, 404), acting=True)
def list_deliveries(letter_id: str) -> Any:
    """How a sent letter reached its external addressees: emailed with the PDF, or to send by hand (readers)."""
    return container().dispatch.list(http.principal(), letter_id)


@letters.route("/letters/{letter_id}/deliveries/{delivery_id}/dispatched", "POST", body=s.DispatchedIn,
               response=s.DeliveryOut, errors=(400, 403, 404, 409))
def mark_dispatched(letter_id: str, delivery_id: str) -> Any:
    """Record that a letter went out by hand or post to an external recipient (operators of the letter's org)."""
    return container().dispatch.mark_dispatched(http.principal(), letter_id, delivery_id,
                                                http.body(s.DispatchedIn))


@public.route("/public/submissions/{code}/reply", "POST", auth=False, body=schemas_public.SecretIn,
              response=s.ReplyLinkOut, errors=(400, 403, 404, 409))
def reply_letter(code: str) -> Any:
    """The signed reply letter to my submission (with the secret): a short-lived link to its PDF."""
    return container().dispatch.reply_link(code, Proof(secret=http.body(schemas_public.SecretIn)["secret"]))
