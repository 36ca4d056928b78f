"""Response schemas of read receipts and unread counts."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from chalicelib.api.schemas import Schema


class ReadReceiptOut(Schema):
    """One recipient of a sent letter and when they first opened it (read receipt)."""

    kind: Literal["position", "org"]
    code: str = Field(description="the position (an addressed unit counts as its head) or the other org")
    box: Literal["inbox", "cc", "org"]
    opened_at: str | None = Field(description="first opened: the letter or its PDF by the position's holder, or the "
                                              "other org's incoming letter by its operators or addressee; null: unread")
    opened_by: str | None


class ReadReceiptsOut(Schema):
    """The read receipts of a letter (empty before it is sent)."""

    items: list[ReadReceiptOut]


class UnreadOut(Schema):
    """How many items of each of my boxes I have not opened yet."""

    inbox: int = Field(description="letters addressed to my position")
    cc: int = Field(description="letters copied to my position (tembusan)")
    dispositions: int = Field(description="dispositions to my position not opened yet")
    incoming: int = Field(description="my org's incoming letters not opened yet by its operators or their addressee")
