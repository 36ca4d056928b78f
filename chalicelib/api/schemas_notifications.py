"""Schemas of a person's notification preferences (e-mail and SMS outside the app)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from chalicelib.api.schemas import Schema

ChannelName = Literal["email", "sms"]
WholeHour = Annotated[str, StringConstraints(pattern=r"^([01]\d|2[0-3]):00$")]


class ChannelsByKind(Schema):
    """Channels per kind of notification (an empty list: in the app only)."""

    approval: list[ChannelName] = Field(description="approval requested, reminded or escalated to my position")
    disposition: list[ChannelName] = Field(description="a disposition to my position, or overdue")
    incoming: list[ChannelName] = Field(description="an incoming letter registered for my position")
    letter: list[ChannelName] = Field(description="my letter signed and sent, or a letter received")


class ChannelsByKindIn(Schema):
    """Channels per kind; a kind left out keeps its default (e-mail)."""

    approval: list[ChannelName] | None = None
    disposition: list[ChannelName] | None = None
    incoming: list[ChannelName] | None = None
    letter: list[ChannelName] | None = None


class QuietHours(Schema):
    """Whole hours in WITA when nothing is sent (messages wait until the end); equal start and end: none."""

    start: WholeHour = Field(description="e.g. 21:00")
    end: WholeHour = Field(description="e.g. 06:00 (the next morning when before start)")


class NotificationPreferencesOut(Schema):
    """How my notifications reach me outside the app (contact from my user record)."""

    channels: ChannelsByKind
    quiet_hours: QuietHours
    digest: bool = Field(description="the 07:00 WITA e-mail of what waits for me (leaders of echelon I-III)")


class NotificationPreferencesIn(Schema):
    """New preferences (they replace the old ones)."""

    channels: ChannelsByKindIn = Field(default_factory=ChannelsByKindIn)
    quiet_hours: QuietHours = Field(default_factory=lambda: QuietHours(start="21:00", end="06:00"))
    digest: bool = True
