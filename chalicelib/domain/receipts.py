"""Read receipts and unread counts: when each addressee and cc of a sent letter first opened it, and how many
items of each of a person's boxes they have not opened yet.

A letter's recipients are those its signing prepared: positions of the own org (an addressed unit counts as its
head) in the inbox or cc box, and other orgs, whose copy is their incoming letter, opened by the receiving org's
operators or its addressee. Only the first open is kept.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from chalicelib.domain.identity import Principal
from chalicelib.domain.letters import Letter


class UnreadBox(StrEnum):
    """The boxes whose unread items are counted."""

    INBOX = "inbox"  # letters addressed to my position
    CC = "cc"  # letters copied to my position (tembusan)
    DISPOSITIONS = "dispositions"  # dispositions to my position not opened yet
    INCOMING = "incoming"  # my org's incoming letters not opened yet by its operators or their addressee


ORG_WIDE = "*"  # the holder of an org's own counters (its incoming register)


def position_key(code: str) -> str:
    """How a receipt names a position of the sending org."""
    return f"position:{code}"


def org_key(code: str) -> str:
    """How a receipt names another org."""
    return f"org:{code}"


def box_of(prepared: dict[str, Any], position: str | None) -> UnreadBox | None:
    """The box a sent letter reached `position` in (inbox before cc, as the copies are made), else None."""
    if position is None:
        return None
    if position in prepared.get("inbox", []):
        return UnreadBox.INBOX
    return UnreadBox.CC if position in prepared.get("cc", []) else None


def recipients(prepared: dict[str, Any]) -> list[dict[str, str]]:
    """Every recipient of a sent letter once: positions in inbox, then cc, then other orgs."""
    inbox = list(dict.fromkeys(prepared.get("inbox", [])))
    cc = [p for p in dict.fromkeys(prepared.get("cc", [])) if p not in inbox]
    return [*({"kind": "position", "code": p, "box": "inbox", "key": position_key(p)} for p in inbox),
            *({"kind": "position", "code": p, "box": "cc", "key": position_key(p)} for p in cc),
            *({"kind": "org", "code": o["code"], "box": "org", "key": org_key(o["code"])}
              for o in prepared.get("orgs", []))]


def sees_receipts(letter: Letter, principal: Principal) -> bool:
    """The receipts of a letter are shown to its drafter and its signatory."""
    return principal.org == letter.org and principal.position in (letter.drafter_position, letter.signatory)


def unread_view(position_counts: dict[str, int], org_counts: dict[str, int]) -> dict[str, int]:
    """The caller's unread counts per box (never below zero: an open may be counted before its copy arrives)."""
    counts = {box: position_counts.get(box, 0) for box in (UnreadBox.INBOX, UnreadBox.CC, UnreadBox.DISPOSITIONS)}
    counts[UnreadBox.INCOMING] = org_counts.get(UnreadBox.INCOMING, 0)
    return {str(box): max(0, n) for box, n in counts.items()}
