"""Read receipts and unread counters in DynamoDB.

| who asks | what | key |
|---|---|---|
| a recipient opening a letter | opened before? (1 GetItem; a write the first time) | `RECEIPT#{record id}` / `{recipient}` |
| drafter / signatory | every first open of a letter (1 Query) | `RECEIPT#{record id}` |
| anyone | my unread counts (1 BatchGet) | `UNREAD#{org}#{position}` / `#UNREAD`; the org's own: `MONEV#PROVINCE` / `NOW#{org}` |

The counters move by `ADD` inside the transactions that fill a box (a box copy, a disposition, a registration)
and the first opens that empty it, so reading them never counts items. The org's own count sits on the item of
its gauges (monitoring_repo.py), which a registration moves anyway: one write for both.
"""

from __future__ import annotations

from typing import Any

from pynamodb.attributes import NumberAttribute, UnicodeAttribute

from chalicelib.adapters import monitoring_repo
from chalicelib.adapters.dynamo import Item, Transaction, register
from chalicelib.domain.errors import Conflict
from chalicelib.domain.receipts import ORG_WIDE, UnreadBox


class AlreadyOpened(Conflict):
    """The recipient opened the record before (a concurrent first open won)."""


def receipt_key(record_id: str, recipient: str) -> tuple[str, str]:
    """The receipt of one recipient of a record."""
    return f"RECEIPT#{record_id}", recipient


def unread_key(org: str, holder: str) -> tuple[str, str]:
    """The unread counters of a position (or `*`: the org's own)."""
    return f"UNREAD#{org}#{holder}", "#UNREAD"


@register
class ReceiptItem(Item):
    """When a recipient first opened a record, and who."""

    at = UnicodeAttribute()
    by = UnicodeAttribute()
    position = UnicodeAttribute(null=True)


@register
class UnreadItem(Item):
    """Unread counts of one position's boxes."""

    inbox = NumberAttribute(null=True)
    cc = NumberAttribute(null=True)
    dispositions = NumberAttribute(null=True)
    incoming = NumberAttribute(null=True)
    incoming_unread = NumberAttribute(null=True)  # the org's register count, read from its gauges item (NOW#{org})


def count_unread(tx: Transaction, org: str, holder: str, box: UnreadBox, delta: int) -> None:
    """ADD `delta` to a box's unread count in `tx` (the org's own: on its gauges item)."""
    if holder == ORG_WIDE:
        monitoring_repo.count_org_unread(tx, org, box, delta)
    else:
        tx.add_counts(UnreadItem(*unread_key(org, holder)), {box.value: delta})


def count_unread_now(org: str, holder: str, box: UnreadBox, delta: int) -> None:
    """ADD `delta` to a box's unread count with one UpdateItem, outside any transaction."""
    UnreadItem(*unread_key(org, holder)).update(actions=[getattr(UnreadItem, box.value).add(delta)])


class ReceiptRepository:
    """First opens of letters and the unread counters."""

    def opened(self, record_id: str, recipient: str) -> bool:
        """Whether `recipient` opened the record before (1 GetItem)."""
        try:
            ReceiptItem.get(*receipt_key(record_id, recipient))
        except ReceiptItem.DoesNotExist:
            return False
        return True

    def record(self, tx: Transaction, record_id: str, recipient: str, *, at: str, by: str,
               position: str | None) -> None:
        """The first open of `recipient`, in `tx` (once: a second one cancels `tx` with AlreadyOpened)."""
        tx.put(ReceiptItem(*receipt_key(record_id, recipient), at=at, by=by, position=position),
               condition=ReceiptItem.pk.does_not_exist(),
               on_condition_failed=lambda: AlreadyOpened("opened before"))

    def count_unread(self, tx: Transaction, org: str, holder: str, box: UnreadBox, delta: int) -> None:
        """ADD `delta` to a box's unread count in `tx`."""
        count_unread(tx, org, holder, box, delta)

    def list(self, record_id: str) -> dict[str, dict[str, Any]]:
        """Every first open of a record by recipient (1 Query)."""
        return {item.sk: {"at": item.at, "by": item.by, "position": item.position}
                for item in ReceiptItem.query(f"RECEIPT#{record_id}")}

    def unread(self, org: str, position: str | None) -> tuple[dict[str, int], dict[str, int]]:
        """The unread counts of a position and of its org (1 BatchGet)."""
        keys = [monitoring_repo.now_key(org)] + ([unread_key(org, position)] if position else [])
        found = {(item.pk, item.sk): item.attribute_values for item in UnreadItem.batch_get(keys)}

        def counts(key: tuple[str, str], names: dict[str, str]) -> dict[str, int]:
            values = found.get(key)
            return {box: int(values.get(name) or 0) for box, name in names.items()} if values is not None else {}

        mine = counts(unread_key(org, position), {b.value: b.value for b in UnreadBox}) if position else {}
        return mine, counts(monitoring_repo.now_key(org), monitoring_repo.UNREAD_OF_ORG)
