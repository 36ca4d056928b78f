"""Letters' DynamoDB items and keys (the layout is described in adapters/letter_repo.py and
docs/letters-data.md).
"""

from __future__ import annotations

import base64
import hashlib
import json
import zlib
from typing import Any

from pynamodb.attributes import (
    Attribute,
    BooleanAttribute,
    NumberAttribute,
    UnicodeAttribute,
    VersionAttribute,
)
from pynamodb.constants import STRING

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


# What a letter keeps beside its head item, each written only when it changes: the content (create, edit), what
# submit prepared for signing (submit, claim), the signed document and its seal (signing).


def letter_part_key(letter_id: str, part: str) -> tuple[str, str]:
    """A part of the letter, read with the head in one Query (`sk` begins with `#LETTER`)."""
    return letter_pk(letter_id), f"#LETTER#{part}"


def fingerprint(data: Any) -> str:
    """A short digest of a part's data: the head records it, so a save writes a part only when it changed and a
    read notices a part from another version than the head's.
    """
    return hashlib.sha256(compact_json(data).encode()).hexdigest()[:12]


def compact_json(value: Any) -> str:
    """JSON without spaces and with sorted keys (what is stored is what is billed)."""
    return json.dumps(value, separators=(",", ":"), sort_keys=True, ensure_ascii=False)


def step_key(letter_id: str, round_no: int, index: int) -> tuple[str, str]:
    """A step of a review round."""
    return letter_pk(letter_id), f"STEP#{round_no:03d}#{index:02d}"


def box_pk(box: str, org: str, position: str) -> str:
    """The partition (gsi1, or gsi2 for review) of one box of one position."""
    return f"BOX#{box}#{org}#{position}"


def box_entry_key(letter_id: str, box: str, position: str) -> tuple[str, str]:
    """A position's entry of a letter in the sent, inbox or cc box."""
    return letter_pk(letter_id), f"BOX#{box}#{position}"


def approval_pk(org: str, position: str) -> str:
    """gsi1 partition of the steps waiting for a position (their queue entry, written by the app)."""
    return f"APPROVAL#{org}#{position}"


# ---------------------------------------------------------------- models


class CompactJSONAttribute(Attribute[Any]):
    """JSON stored as a string without spaces."""

    attr_type = STRING

    def serialize(self, value: Any) -> str:
        """Compact JSON text."""
        return compact_json(value)

    def deserialize(self, value: str) -> Any:
        """The value back."""
        return json.loads(value, strict=False)


class PackedJSONAttribute(CompactJSONAttribute):
    """Compact JSON, stored deflated (`z` + base64) when that is shorter: a write costs per KB of the item, and
    repetitive JSON (a chain of steps, a signed document) shrinks by half or more.
    """

    def serialize(self, value: Any) -> str:
        """The shorter of the JSON text and its deflated form."""
        text = compact_json(value)
        packed = "z" + base64.b64encode(zlib.compress(text.encode(), 9)).decode()
        return packed if len(packed) < len(text.encode()) else text

    def deserialize(self, value: str) -> Any:
        """The value back (JSON text never starts with `z`)."""
        if value.startswith("z"):
            value = zlib.decompress(base64.b64decode(value[1:])).decode()
        return json.loads(value, strict=False)


@register
class LetterItem(Item):
    """A letter's head: what changes at every transition and what its list rows show; gsi1 = drafts box of the
    drafter's position until it is sent (the review backlog is counted in the org's `#NOW` counters, not indexed).
    The rest is in its parts.
    """

    gsi1pk = UnicodeAttribute(null=True)
    gsi1sk = UnicodeAttribute(null=True)
    drafts = Gsi1()
    org = UnicodeAttribute()
    type = UnicodeAttribute()
    subject = UnicodeAttribute()
    security = UnicodeAttribute()
    urgency = UnicodeAttribute()
    drafter = UnicodeAttribute()
    drafter_position = UnicodeAttribute()
    state = UnicodeAttribute()
    created_at = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    round = NumberAttribute(default=0)
    steps = PackedJSONAttribute(null=True)
    on_behalf_of = UnicodeAttribute(null=True)
    by_order_of = UnicodeAttribute(null=True)
    number = UnicodeAttribute(null=True)
    signed_at = UnicodeAttribute(null=True)
    verification_code = UnicodeAttribute(null=True)
    parts = CompactJSONAttribute()  # part name -> fingerprint of its data
    audit_seq = NumberAttribute()
    audit_head = UnicodeAttribute()
    version = VersionAttribute()


@register
class LetterPartItem(Item):
    """A part of a letter: `#LETTER#content`, `#LETTER#prepared`, `#LETTER#signing`, `#LETTER#signed`
    (adapters/letter_parts.py).
    """

    data = PackedJSONAttribute()


@register
class LetterPartitionItem(Item):
    """The head and the parts of a letter read in one Query, each as its own item class."""

    @classmethod
    def from_raw_data(cls, data: dict[str, Any]) -> Any:
        """The head or a part."""
        sk = data.get("sk", {}).get("S", "")
        kind = LetterItem if sk == "#LETTER" else LetterPartItem if sk.startswith("#LETTER#") else None
        return kind.from_raw_data(data) if kind else super().from_raw_data(data)


@register
class StepItem(Item):
    """A step of a round (or a paraf koordinasi): its state and decision; gsi1 approval queue while it waits,
    gsi2 review box. `task_token` is never written now: steps that waited before timers replaced task tokens keep
    theirs (their execution ends by being stopped, as a timer does).
    """

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
