"""Schemas of deliveries to external addressees and of a public sender's reply."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from chalicelib.api.schemas import PLAIN_TEXT, Schema


class DeliveryOut(Schema):
    """How a sent letter reached one external addressee or cc."""

    id: str = Field(description="`to-00`, `cc-01`: role and position in the letter's list")
    role: Literal["to", "cc"]
    name: str
    address: str | None
    email: str | None
    channel: Literal["email", "manual"] = Field(description="email: sent automatically with the signed PDF; "
                                                            "manual: an operator sends it by hand or post")
    state: Literal["pending", "sent", "dispatched"]
    reason: str | None = Field(description="why it is sent by hand (no email address, secret letter)")
    sent_at: str | None
    dispatched_at: str | None
    dispatched_by: str | None
    via: str | None
    receipt: str | None
    note: str | None


class DispatchRowOut(DeliveryOut):
    """A delivery in the org's dispatch list, with the letter it carries."""

    letter_id: str
    letter_number: str | None
    subject: str | None = Field(description="the letter's subject; null for a secret letter")


class DeliveriesOut(Schema):
    """Every delivery of a letter to external recipients."""

    letter_id: str
    items: list[DeliveryOut]


class DispatchedIn(Schema):
    """How an operator sent a letter by hand or post."""

    via: Literal["pos", "kurir", "langsung", "email_manual", "faksimile"]
    receipt: Annotated[str, StringConstraints(min_length=1, max_length=100), PLAIN_TEXT] | None = Field(
        None, description="postal receipt (resi) or the name of who received it")
    note: Annotated[str, StringConstraints(min_length=1, max_length=1000), PLAIN_TEXT] | None = None


class ReplyLinkOut(Schema):
    """A short-lived link to the signed reply letter."""

    number: str
    url: str
    expires_in: int
