"""Delivery of sent letters, after the signing committed: the drafter's notification, a copy to each box of the
own org's positions (with its notification), and to each other org's incoming register; and reading one's boxes.

Each copy is its own record that it was delivered, written only if absent: the box entry (after the position's
notification), or another org's incoming letter, whose id is one per (letter, org) (`delivered_copy_id`); a box
entry and a notification are single conditional writes, outside any transaction (half the write units). A
fan-out that stops halfway (a crash, a failed write) is resumed by running it again — on a redelivered
`letter.sent` event or by the next request — and a copy delivered before is skipped: every recipient ends with
exactly one copy. (Letters sent before recorded another org's copy in a `COPY#ORG#…` item too: still honoured.)
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from chalicelib.adapters.sequences import SequenceContention, with_retries
from chalicelib.domain.archive import incoming_entry, letter_entry
from chalicelib.domain.errors import Conflict, NotFound, ValidationFailed
from chalicelib.domain.identity import Principal
from chalicelib.domain.incoming import IncomingLetter, IncomingSource, delivered_copy_id
from chalicelib.domain.letter_records import ALL_DELIVERED, BOXES, CopyExists, LetterRecord, copy_name
from chalicelib.domain.letters import Letter, LetterState, recipient_line
from chalicelib.domain.receipts import UnreadBox
from chalicelib.domain.timefmt import iso, now_wita
from chalicelib.services.common import page_view
from chalicelib.services.letters_common import LetterAccess, acting_row, logger
from chalicelib.services.letters_ports import ArchiveRepo, ClassificationRepo, IncomingRepo, LetterRepo


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


CLAIM = "signing"  # the claim's audit event and `prepared` keep what completing a signing needs under this name


def with_claim(letter_repo: LetterRepo, record: LetterRecord) -> LetterRecord:
    """The record with what its signing claimed (`prepared["signing"]`: signer block, moment, step, who): kept on
    the claim's audit event (a letter claimed before kept it in a `#LETTER#signing` part, read with the letter).
    """
    if CLAIM in record.prepared or not record.letter.number:
        return record
    claim = next((e.data.get(CLAIM) for e in reversed(letter_repo.trail(record.letter.id)) if e.action == CLAIM), None)
    return replace(record, prepared={**record.prepared, CLAIM: claim}) if claim else record


def signed_lines(letter: Letter, prepared: dict[str, Any]) -> dict[str, list[str]]:
    """How the addressees and the cc are named on the signed letter (resolved at submit)."""
    return prepared.get("lines") or {"addressees": [recipient_line(r, {}) for r in letter.addressees],
                                     "cc": [recipient_line(r, {}) for r in letter.cc]}


def _delivered_at(letter: Letter) -> str:
    """When a copy arrived: the signing moment, so that a copy written again is the same item."""
    return letter.signed_at or iso(now_wita())


class Delivery:
    """Where a sent letter goes, and the boxes it shows up in."""

    def __init__(self, access: LetterAccess, incoming_repo: IncomingRepo, classification_repo: ClassificationRepo,
                 archive_repo: ArchiveRepo, in_request_copies: int) -> None:
        self.access = access
        self.letter_repo = access.letter_repo
        self.incoming_repo = incoming_repo
        self.classification_repo = classification_repo
        self.archive_repo = archive_repo
        self.in_request_copies = in_request_copies

    def in_request(self, record: LetterRecord) -> bool:
        """Whether the signing request delivers the copies itself (few), or leaves them to `letter.sent`."""
        return len(copies_of(record.letter, record.prepared)) <= self.in_request_copies

    def deliver_now(self, record: LetterRecord) -> None:
        """The copies of a just-signed letter with few recipients, in the signing request: each position's
        notification once, the box entries in one batch of plain puts (an entry written again is the same item),
        then one transaction per other org. A copy found delivered already (a concurrent fan-out) is skipped.
        """
        letter = record.letter
        copies = copies_of(letter, record.prepared)
        boxes = [copy for copy in copies if copy.box != "org"]
        self._file(record)
        self._tell_drafter(letter)
        for copy in boxes:
            self._notify(letter, copy)
        self.letter_repo.put_box_entries(letter, [(copy.box, copy.target) for copy in boxes], _delivered_at(letter))
        for copy in copies:
            if copy.box == "org":
                try:
                    self._deliver(record, copy)
                except CopyExists:
                    continue
        self._all_delivered(letter)

    def _all_delivered(self, letter: Letter) -> None:
        """Record that every copy arrived, so the `letter.sent` reaction has nothing to do (one small write)."""
        self.letter_repo.mark_delivered(letter.id, ALL_DELIVERED, iso(now_wita()))

    def fan_out(self, letter_id: str) -> dict[str, int]:
        """Deliver every copy of a sent letter not delivered yet; returns how many were delivered and skipped."""
        record = self.letter_repo.get(letter_id)
        letter, prepared = record.letter, record.prepared
        if letter.state is not LetterState.SENT or not letter.number:
            return {"delivered": 0, "skipped": 0}
        done = self.letter_repo.copies(letter.id)
        if ALL_DELIVERED in done:  # a redelivered event: nothing is read or written again
            return {"delivered": 0, "skipped": len(copies_of(letter, prepared))}
        if prepared.get("orgs"):  # another org's register names who signed
            record = with_claim(self.letter_repo, record)
        delivered = skipped = 0
        self._file(record)
        self._tell_drafter(letter)
        for copy in copies_of(letter, prepared):
            if copy.key in done:
                skipped += 1
                continue
            registered = self._registered(letter, copy.target) if copy.box == "org" else None
            if registered is not None:  # its archive entry may be what a stopped fan-out did not write
                self.archive_repo.index_once(incoming_entry(registered, self.classification_repo.table()))
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

    def _file(self, record: LetterRecord) -> None:
        """The sent letter's archive entry, once: a conditional write outside any transaction (half the write
        units), before the record that every copy arrived, so a fan-out that stopped before it writes it again.
        """
        letter, prepared = record.letter, record.prepared
        self.archive_repo.index_once(letter_entry(letter, signed_lines(letter, prepared),
                                                  [*prepared.get("inbox", []), *prepared.get("cc", [])],
                                                  self.classification_repo.table()))

    def _registered(self, letter: Letter, org: str) -> IncomingLetter | None:
        """The letter's copy in another org's register, if it is there already (1 GetItem)."""
        try:
            return self.incoming_repo.get(delivered_copy_id(letter.id, org))
        except NotFound:
            return None

    def _deliver(self, record: LetterRecord, copy: Copy) -> None:
        """One copy: a position's notification (once) then its box entry, the record that it arrived, with one
        conditional write each; another org's copy in one transaction with its agenda number, under the id that
        is one per (letter, org): written once, whoever gets there first.
        """
        letter, prepared = record.letter, record.prepared
        at = _delivered_at(letter)
        if copy.box != "org":
            self._notify(letter, copy)
            self.letter_repo.put_box_entry(letter, copy.box, copy.target, at)
            return
        org = next(o for o in prepared.get("orgs", []) if o["code"] == copy.target)
        signing = prepared.get("signing") or {}
        table = self.classification_repo.table()

        incoming_id = delivered_copy_id(letter.id, org["code"])

        def register() -> IncomingLetter:
            tx = self.access.transaction()
            incoming = self.incoming_repo.register(
                tx, org=org["code"], source=IncomingSource.LETTER, source_ref=letter.id,
                sender_name=prepared["org_name"], sender_org=letter.org, subject=letter.subject,
                actor=signing.get("by") or letter.signatory, actor_position=signing.get("position"),
                letter_number=letter.number, letter_date=at[:10], classification=letter.classification,
                security=letter.security.value, urgency=letter.urgency.value, addressed_to=org.get("head"),
                table=table, incoming_id=incoming_id, file_in_archive=False)
            tx.commit()
            return incoming

        try:
            incoming = with_retries(register)  # the agenda number of the other org is gap-free too
        except SequenceContention:
            raise
        except Conflict as exc:  # its id (or first audit event) was there: registered by another fan-out
            if self._registered(letter, org["code"]) is not None:
                raise CopyExists(f"copy for {org['code']} delivered already") from exc
            raise
        # Filed after the commit, once (half the write units): a fan-out resumed before it finds the copy
        # registered and files it then.
        self.archive_repo.index_once(incoming_entry(incoming, table))

    def _tell_drafter(self, letter: Letter) -> None:
        """The drafter's notification that the letter was signed and sent: once, whichever path gets there."""
        self.access.notify_once(letter.drafter_position, f"{letter.id}#signed", "letter.sent",
                                f"Ditandatangani: {letter.number}", letter, _delivered_at(letter))

    def _notify(self, letter: Letter, copy: Copy) -> None:
        """An addressed or copied position's notification, written before its box entry: a fan-out resumed
        between the two finds it there and does not notify twice. The box's unread count goes up with the
        notification's first write, so once per copy whichever path delivers it.
        """
        if copy.box == "sent":
            return
        if self.access.notify_once(copy.target, f"{letter.id}#{copy.key}", "letter.received", "Surat masuk", letter,
                                   _delivered_at(letter)):
            self.letter_repo.count_unread(letter.org, copy.target, UnreadBox(copy.box))

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
