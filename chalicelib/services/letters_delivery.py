"""Delivery of sent letters: the boxes of the own org's positions, their notifications and the incoming
registers of other orgs; and reading one's boxes.
"""

from __future__ import annotations

from typing import Any

from chalicelib.adapters.classification_repo import ClassificationRepository
from chalicelib.adapters.dynamo import Transaction
from chalicelib.adapters.incoming_repo import IncomingRepository
from chalicelib.adapters.letter_items import BOXES
from chalicelib.domain.errors import ValidationFailed
from chalicelib.domain.identity import Principal
from chalicelib.domain.incoming import IncomingSource
from chalicelib.domain.letters import Letter
from chalicelib.services.common import page_view
from chalicelib.services.letters_common import LetterAccess, acting_row


class Delivery:
    """Where a sent letter goes, and the boxes it shows up in."""

    def __init__(self, access: LetterAccess, incoming: IncomingRepository,
                 classification_repo: ClassificationRepository) -> None:
        self.access = access
        self.repo = access.repo
        self.incoming = incoming
        self.classification_repo = classification_repo

    def add_to(self, tx: Transaction, principal: Principal, sent: Letter, prepared: dict[str, Any], at: str) -> None:
        """Boxes, notifications and other orgs' incoming registers of a sent letter, added to `tx`."""
        letter = sent
        inbox, cc, orgs = prepared.get("inbox", []), prepared.get("cc", []), prepared.get("orgs", [])
        for position in dict.fromkeys([letter.drafter_position, letter.signatory]):
            self.repo.add_box_entry(tx, sent, "sent", position, at)
        for position in inbox:
            self.repo.add_box_entry(tx, sent, "inbox", position, at)
        for position in (p for p in cc if p not in inbox):
            self.repo.add_box_entry(tx, sent, "cc", position, at)
        self.access.notify(tx, letter.org, list(dict.fromkeys([*inbox, *cc])), "letter.received", "Surat masuk", sent)
        self.access.notify(tx, letter.org, [letter.drafter_position], "letter.sent", f"Ditandatangani: {sent.number}",
                           sent)
        table = self.classification_repo.table()
        for org in orgs:
            self.incoming.register(tx, org=org["code"], source=IncomingSource.LETTER, source_ref=letter.id,
                                   sender_name=prepared["org_name"], sender_org=letter.org, subject=letter.subject,
                                   actor=principal.username, actor_position=principal.position,
                                   letter_number=sent.number, letter_date=at[:10],
                                   classification=letter.classification, security=letter.security.value,
                                   urgency=letter.urgency.value, addressed_to=org.get("head"), table=table)

    def list_box(self, principal: Principal, box: str | None, limit: int, cursor: str | None) -> dict[str, Any]:
        """One page of one of my position's boxes (one Query)."""
        org, position = self.access.seated(principal)
        box = box or "inbox"
        if box not in BOXES:
            raise ValidationFailed.field("box", f"one of {', '.join(BOXES)}")
        page = self.repo.list_box(box, org, position, limit, cursor)
        if principal.acting is None:
            return page_view(page, dict)
        return page_view(page, lambda row: acting_row(row, box))
