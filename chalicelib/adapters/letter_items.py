"""Letters' DynamoDB items and keys (the layout is described in adapters/letter_repo.py and
docs/letters-data.md).
"""

from __future__ import annotations

from typing import Any

from pynamodb.attributes import BooleanAttribute, JSONAttribute, NumberAttribute, UnicodeAttribute, VersionAttribute

from chalicelib.adapters.dynamo import Gsi1, Gsi2, Item, register
from chalicelib.adapters.org_items import OrgItem, PositionItem, UnitItem
from chalicelib.domain.letter_records import BOXES, execution_name

__all__ = ["BOXES", "execution_name"]

# ---------------------------------------------------------------- keys (pure)


def letter_pk(letter_id: str) -> str:
    """The partition of a letter and everything that belongs to it."""
    return f"LETTER#{letter_id}"


def letter_key(letter_id: str) -> tuple[str, str]:
    """The letter item."""
    return letter_pk(letter_id), "#LETTER"


def step_key(letter_id: str, round_no: int, index: int) -> tuple[str, str]:
    """A step of a review round."""
    return letter_pk(letter_id), f"STEP#{round_no:03d}#{index:02d}"


def box_pk(box: str, org: str, position: str) -> str:
    """The partition (gsi1, or gsi2 for review) of one box of one position."""
    return f"BOX#{box}#{org}#{position}"


def box_entry_key(letter_id: str, box: str, position: str) -> tuple[str, str]:
    """A position's entry of a letter in the sent, inbox or cc box."""
    return letter_pk(letter_id), f"BOX#{box}#{position}"


def in_review_pk(org: str) -> str:
    """gsi2 partition of an org's letters in review (the review backlog; the dashboard counts it in #NOW)."""
    return f"INREVIEW#{org}"


def approval_pk(org: str, position: str) -> str:
    """gsi1 partition of the steps waiting for a position (written by the state machine)."""
    return f"APPROVAL#{org}#{position}"


# ---------------------------------------------------------------- models


@register
class LetterItem(Item):
    """A letter; gsi1 = drafts box of the drafter's position until it is sent; gsi2 = the org's review backlog."""

    gsi1pk = UnicodeAttribute(null=True)
    gsi1sk = UnicodeAttribute(null=True)
    gsi2pk = UnicodeAttribute(null=True)
    gsi2sk = UnicodeAttribute(null=True)
    drafts = Gsi1()
    in_review = Gsi2()
    id = UnicodeAttribute()
    org = UnicodeAttribute()
    type = UnicodeAttribute()
    classification = UnicodeAttribute()
    subject = UnicodeAttribute()
    body = UnicodeAttribute()
    fields = JSONAttribute(null=True)
    addressees = JSONAttribute()
    cc = JSONAttribute()
    signatory = UnicodeAttribute()
    security = UnicodeAttribute()
    urgency = UnicodeAttribute()
    drafter = UnicodeAttribute()
    drafter_position = UnicodeAttribute()
    state = UnicodeAttribute()
    created_at = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    round = NumberAttribute(default=0)
    steps = JSONAttribute(null=True)
    on_behalf_of = UnicodeAttribute(null=True)
    by_order_of = UnicodeAttribute(null=True)
    in_reply_to = UnicodeAttribute(null=True)
    attachments = JSONAttribute(null=True)
    number = UnicodeAttribute(null=True)
    signed_at = UnicodeAttribute(null=True)
    content_hash = UnicodeAttribute(null=True)
    signature = UnicodeAttribute(null=True)
    signing_key_id = UnicodeAttribute(null=True)
    signed_document = JSONAttribute(null=True)
    verification_code = UnicodeAttribute(null=True)
    pdf_key = UnicodeAttribute(null=True)
    pdf_sha256 = UnicodeAttribute(null=True)
    pdf_pages = NumberAttribute(null=True)
    prepared = JSONAttribute(null=True)
    audit_seq = NumberAttribute()
    audit_head = UnicodeAttribute()
    version = VersionAttribute()


@register
class StepItem(Item):
    """A step of a round: its decision, the state machine's task token; gsi1 approval queue, gsi2 review box."""

    gsi1pk = UnicodeAttribute(null=True)
    gsi1sk = UnicodeAttribute(null=True)
    gsi2pk = UnicodeAttribute()
    gsi2sk = UnicodeAttribute()
    queue = Gsi1()
    review_box = Gsi2()
    letter_id = UnicodeAttribute()
    org = UnicodeAttribute()
    round = NumberAttribute()
    index = NumberAttribute()
    kind = UnicodeAttribute()
    position = UnicodeAttribute()
    subject = UnicodeAttribute()
    type = UnicodeAttribute()
    security = UnicodeAttribute()
    urgency = UnicodeAttribute()
    drafter_position = UnicodeAttribute()
    requested_at = UnicodeAttribute()
    task_token = UnicodeAttribute(null=True)
    step_state = UnicodeAttribute(null=True)
    waiting_since = UnicodeAttribute(null=True)
    overdue = BooleanAttribute(null=True)
    escalated_to = UnicodeAttribute(null=True)
    decision = UnicodeAttribute(null=True)
    decided_by = UnicodeAttribute(null=True)
    decided_position = UnicodeAttribute(null=True)
    note = UnicodeAttribute(null=True)
    decided_at = UnicodeAttribute(null=True)


@register
class BoxEntryItem(Item):
    """A letter in a position's sent, inbox or cc box (gsi1), with what the list shows."""

    gsi1pk = UnicodeAttribute()
    gsi1sk = UnicodeAttribute()
    by_box = Gsi1()
    letter_id = UnicodeAttribute()
    org = UnicodeAttribute()
    box = UnicodeAttribute()
    subject = UnicodeAttribute()
    type = UnicodeAttribute()
    number = UnicodeAttribute(null=True)
    security = UnicodeAttribute()
    urgency = UnicodeAttribute()
    at = UnicodeAttribute()


@register
class OrgPartitionItem(Item):
    """An org's partition (`ORG#{code}`: the org, its units and positions) read in one Query: each item comes
    back as the org repository's own item class, told apart by its sort key.
    """

    @classmethod
    def from_raw_data(cls, data: dict[str, Any]) -> Any:
        """The org, unit or position item that `data` is (anything else in the partition as a plain item)."""
        sk = data.get("sk", {}).get("S", "")
        kind = OrgItem if sk == "#ORG" else PositionItem if sk.startswith("POS#") else (
            UnitItem if sk.startswith("UNIT#") else None)
        return kind.from_raw_data(data) if kind else super().from_raw_data(data)


def copy_key(letter_id: str, target: str) -> tuple[str, str]:
    """The record that a sent letter's copy reached one target (e.g. `ORG#BIROUMUM`), written once."""
    return letter_pk(letter_id), f"COPY#{target}"


@register
class CopyItem(Item):
    """A copy of a sent letter delivered to one target, with what it created there (e.g. the incoming letter)."""

    ref = UnicodeAttribute(null=True)
    at = UnicodeAttribute()
