"""In-memory read receipts and unread counters (as adapters.receipt_repo.ReceiptRepository)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from chalicelib.adapters.dynamo import Transaction
from chalicelib.domain.errors import Conflict
from chalicelib.domain.receipts import ORG_WIDE, UnreadBox
from tests.fakes.transaction import staged


class FakeReceipts:
    """First opens and unread counts, kept when the transaction commits."""

    def __init__(self) -> None:
        self.opened_by: dict[tuple[str, str], dict[str, Any]] = {}
        self.counts: dict[tuple[str, str], Counter[str]] = {}

    def opened(self, record_id: str, recipient: str) -> bool:
        return (record_id, recipient) in self.opened_by

    def record(self, tx: Transaction, record_id: str, recipient: str, *, at: str, by: str,
               position: str | None) -> None:
        key = (record_id, recipient)
        staged(tx).stage(lambda: self.opened_by.__setitem__(key, {"at": at, "by": by, "position": position}),
                         lambda: Conflict("opened before") if key in self.opened_by else None)

    def count_unread(self, tx: Transaction, org: str, holder: str, box: UnreadBox, delta: int) -> None:
        staged(tx).stage(lambda: self.counts.setdefault((org, holder), Counter()).update({box.value: delta}))

    def list(self, record_id: str) -> dict[str, dict[str, Any]]:
        return {recipient: row for (rid, recipient), row in self.opened_by.items() if rid == record_id}

    def unread(self, org: str, position: str | None) -> tuple[dict[str, int], dict[str, int]]:
        mine = dict(self.counts.get((org, position), Counter())) if position else {}
        return mine, dict(self.counts.get((org, ORG_WIDE), Counter()))
