"""Delivery of sent letters, after the signing committed: a copy to each box of the own org's positions (with
its notification), and to each other org's incoming register; and reading one's boxes.

Each copy is one small transaction holding the record that it was delivered (the box entry itself, or a
`COPY#ORG#…` item for another org), written only if absent. A fan-out that stops halfway (a crash, a failed
write) is resumed by running it again — on a redelivered `letter.sent` event or by the next request — and a
copy delivered before is skipped: every recipient ends with exactly one copy.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from chalicelib.adapters.dynamo import Transaction
from chalicelib.adapters.sequences import with_retries
from chalicelib.domain.errors import ValidationFailed
from chalicelib.domain.identity import Principal
from chalicelib.domain.incoming import IncomingSource
from chalicelib.domain.letter_records import ALL_DELIVERED, BOXES, CopyExists, LetterRecord, copy_name
from chalicelib.domain.letters import Letter, LetterState
from chalicelib.domain.timefmt import iso, now_wita
from chalicelib.services.common import page_view
from chalicelib.services.letters_common import LetterAccess, acting_row, logger
from chalicelib.services.letters_ports import ClassificationRepo, IncomingRepo


@dataclass(frozen=True)
class Copy:
    """One copy of a sent letter: to a box of a position of the own org, or to another org."""

    box: str  # sent | inbox | cc | org
    target: str  # a position code, or an org code for box "org"

    @property
    def key(self) -> str:
        """How the record that this copy was delivered names it (see `LetterRepo.copies`)."""
        return copy_name(self.box, self.target)


def copies_of(letter: Letter, prepared: dict[str, Any]) -> list[Copy]:
    """Every copy a sent letter makes: sent box of drafter and signatory, inbox, cc (not twice), other orgs."""
    inbox, cc = prepared.get("inbox", []), prepared.get("cc", [])
    return [*(Copy("sent", p) for p in dict.fromkeys([letter.drafter_position, letter.signatory])),
            *(Copy("inbox", p) for p in inbox), *(Copy("cc", p) for p in cc if p not in inbox),
            *(Copy("org", o["code"]) for o in prepared.get("orgs", []))]


class Delivery:
    """Where a sent letter goes, and the boxes it shows up in."""

    def __init__(self, access: LetterAccess, incoming_repo: IncomingRepo, classification_repo: ClassificationRepo,
                 in_request_copies: int) -> None:
        self.access = access
        self.letter_repo = access.letter_repo
        self.incoming_repo = incoming_repo
        self.classification_repo = classification_repo
        self.in_request_copies = in_request_copies

    def in_request(self, record: LetterRecord) -> bool:
        """Whether the signing request delivers the copies itself (few), or leaves them to `letter.sent`."""
        return len(copies_of(record.letter, record.prepared)) <= self.in_request_copies

    def deliver_now(self, record: LetterRecord) -> None:
        """The copies of a just-signed letter with few recipients, in the signing request: the boxes in one
        transaction, then one transaction per other org. A copy found delivered
        already (a retried request) sends it down the one-by-one path of `fan_out`, which skips what is there.
        """
        letter = record.letter
        copies = copies_of(letter, record.prepared)
        tx = self.access.transaction()
        for copy in copies:
            if copy.box != "org":
                self._add_box_copy(tx, letter, copy)
        try:
            tx.commit()
        except CopyExists:
            self.fan_out(letter.id)
            return
        for copy in copies:
            if copy.box == "org":
                try:
                    self._deliver(record, copy)
                except CopyExists:
                    continue
        self._all_delivered(letter)

    def _all_delivered(self, letter: Letter) -> None:
        """Record that every copy arrived, so the `letter.sent` reaction has nothing to do (one small write)."""
        tx = self.access.transaction()
        self.letter_repo.add_copy(tx, letter.id, ALL_DELIVERED, None, iso(now_wita()))
        try:
            tx.commit()
        except CopyExists:
            return

    def fan_out(self, letter_id: str) -> dict[str, int]:
        """Deliver every copy of a sent letter not delivered yet; returns how many were delivered and skipped."""
        record = self.letter_repo.get(letter_id)
        letter, prepared = record.letter, record.prepared
        if letter.state is not LetterState.SENT or not letter.number:
            return {"delivered": 0, "skipped": 0}
        done = self.letter_repo.copies(letter.id)
        if ALL_DELIVERED in done:  # a redelivered event: nothing is read or written again
            return {"delivered": 0, "skipped": len(copies_of(letter, prepared))}
        delivered = skipped = 0
        for copy in copies_of(letter, prepared):
            if copy.key in done:
                skipped += 1
                continue
            try:
                self._deliver(record, copy)
                delivered += 1
            except CopyExists:  # a concurrent fan-out of the same letter got there first
                skipped += 1
        self._all_delivered(letter)
        logger.info("letter fanned out", extra={"letter_id": letter.id, "delivered": delivered, "skipped": skipped})
        return {"delivered": delivered, "skipped": skipped}


    def _deliver(self, record: LetterRecord, copy: Copy) -> None:
        """One copy in one transaction with its record (and, for another org, its agenda number)."""
        letter, prepared = record.letter, record.prepared
        at = letter.signed_at or iso(now_wita())
        if copy.box != "org":
            tx = self.access.transaction()
            self._add_box_copy(tx, letter, copy)
            tx.commit()
            return
        org = next(o for o in prepared.get("orgs", []) if o["code"] == copy.target)
        signing = prepared.get("signing") or {}
        table = self.classification_repo.table()

        def register() -> None:
            tx = self.access.transaction()
            incoming = self.incoming_repo.register(
                tx, org=org["code"], source=IncomingSource.LETTER, source_ref=letter.id,
                sender_name=prepared["org_name"], sender_org=letter.org, subject=letter.subject,
                actor=signing.get("by") or letter.signatory, actor_position=signing.get("position"),
                letter_number=letter.number, letter_date=at[:10], classification=letter.classification,
                security=letter.security.value, urgency=letter.urgency.value, addressed_to=org.get("head"),
                table=table)
            self.letter_repo.add_copy(tx, letter.id, copy.key, incoming.id, at)
            tx.commit()

        with_retries(register)  # the agenda number of the other org is gap-free too

    def _add_box_copy(self, tx: Transaction, letter: Letter, copy: Copy) -> None:
        self.letter_repo.add_box_entry(tx, letter, copy.box, copy.target, letter.signed_at or iso(now_wita()))
        if copy.box != "sent":
            self.access.notify(tx, letter.org, [copy.target], "letter.received", "Surat masuk", letter)

    def list_box(self, principal: Principal, box: str | None, limit: int, cursor: str | None) -> dict[str, Any]:
        """One page of one of my position's boxes (one Query)."""
        org, position = self.access.seated(principal)
        box = box or "inbox"
        if box not in BOXES:
            raise ValidationFailed.field("box", f"one of {', '.join(BOXES)}")
        page = self.letter_repo.list_box(box, org, position, limit, cursor)
        if principal.acting is None:
            return page_view(page, dict)
        return page_view(page, lambda row: acting_row(row, box))
