"""Read receipts of sent letters and the unread counts of a person's boxes.

A recipient's first open of a sent letter (`GET /letters/{id}` or its PDF) is written once: a GetItem tells
whether it was opened before, so a later open costs no write; the first one writes the receipt and takes one
off the box's unread count in one transaction. Another org's receipt is written when that org first opens its
incoming letter (services/incoming.py). The counts are counters moved on write: reading them is one BatchGet.
"""

from __future__ import annotations

from typing import Any

from chalicelib.domain.errors import Conflict, Forbidden
from chalicelib.domain.identity import Principal
from chalicelib.domain.letter_records import LetterRecord
from chalicelib.domain.letters import DELIVERED
from chalicelib.domain.receipts import box_of, position_key, recipients, sees_receipts, unread_view
from chalicelib.domain.timefmt import iso, now_wita
from chalicelib.services.letters_common import LetterAccess, letter_view
from chalicelib.services.letters_ports import ReceiptRepo
from chalicelib.services.letters_signing import Signing


class ReadReceipts:
    """Opening letters as their recipient, the receipts their drafter and signatory see, my unread counts."""

    def __init__(self, access: LetterAccess, receipts: ReceiptRepo, signing: Signing) -> None:
        self.access = access
        self.receipts = receipts
        self.signing = signing

    def get(self, principal: Principal, letter_id: str) -> dict[str, Any]:
        """One letter, for its parties; a recipient's first open is their read receipt."""
        record = self.access.readable(principal, letter_id)
        self._opened(principal, record)
        return letter_view(record.letter)

    def pdf_link(self, principal: Principal, letter_id: str) -> dict[str, Any]:
        """A short-lived link to the signed PDF; a recipient's first open is their read receipt."""
        record = self.access.readable(principal, letter_id)
        link = self.signing.pdf_link_of(record.letter)
        self._opened(principal, record)
        return link

    def _opened(self, principal: Principal, record: LetterRecord) -> None:
        letter = record.letter
        box = box_of(record.prepared, principal.position) if principal.org == letter.org else None
        if box is None or letter.state not in DELIVERED or principal.position is None:
            return
        key = position_key(principal.position)
        if self.receipts.opened(letter.id, key):
            return
        tx = self.access.transaction()
        self.receipts.record(tx, letter.id, key, at=iso(now_wita()), by=principal.username, position=principal.position)
        self.receipts.count_unread(tx, letter.org, principal.position, box, -1)
        try:
            tx.commit()
        except Conflict:  # a concurrent first open of the same recipient wrote it
            return

    def list(self, principal: Principal, letter_id: str) -> dict[str, Any]:
        """Every recipient of a sent letter with when they first opened it (its drafter and signatory; 1 Query)."""
        record = self.access.readable(principal, letter_id)
        if not sees_receipts(record.letter, principal):
            raise Forbidden("the read receipts are shown to the letter's drafter and signatory")
        if record.letter.state not in DELIVERED:
            return {"items": []}
        opened = self.receipts.list(record.letter.id)
        items = []
        for r in recipients(record.prepared):
            first = opened.get(r["key"]) or {}
            items.append({"kind": r["kind"], "code": r["code"], "box": r["box"], "opened_at": first.get("at"),
                          "opened_by": first.get("by")})
        return {"items": items}

    def unread(self, principal: Principal) -> dict[str, int]:
        """My unread counts per box (1 BatchGet of counters)."""
        if not principal.org:
            raise Forbidden("unread counts are kept for staff of an org")
        position_counts, org_counts = self.receipts.unread(principal.org, principal.position)
        return unread_view(position_counts, org_counts)
