"""Reply letters: a draft letter created from an incoming letter, addressed to its original sender, and the
incoming letter answered once that reply is signed and sent.

The draft goes through the letters use case (`LetterService.create`), so every rule of drafting applies;
this module only decides who may reply, to whom and with which defaults.
"""

from __future__ import annotations

from typing import Any

from chalicelib.adapters.dynamo import Transaction
from chalicelib.domain.dispositions import DispositionState
from chalicelib.domain.errors import Conflict, Forbidden, NotFound
from chalicelib.domain.identity import Principal, Role, require_role
from chalicelib.domain.incoming import IncomingLetter, IncomingSource
from chalicelib.domain.timefmt import iso, now_wita
from chalicelib.services.audited import SYSTEM, audit_event
from chalicelib.services.incoming import Readership, announce_answer, record_answer
from chalicelib.services.intake_ports import (
    DispositionRepo,
    Events,
    IncomingRepo,
    LetterDrafting,
    LetterReader,
    NewTransaction,
    OrgRepo,
    SubmissionRepo,
)

DEFAULT_CLASSIFICATION = "000.1.2"  # Persuratan (correspondence), when the incoming letter has no code
ANSWER_ATTEMPTS = 3


def reply_subject(subject: str) -> str:
    """The default subject (hal) of a reply."""
    return f"Balasan: {subject}"


class ReplyService:
    """Drafting replies to incoming letters and marking incoming letters answered by them."""

    def __init__(self, incoming_repo: IncomingRepo, disposition_repo: DispositionRepo,
                 submission_repo: SubmissionRepo, letters: LetterDrafting, letter_repo: LetterReader,
                 events: Events, org_repo: OrgRepo, new_tx: NewTransaction = Transaction) -> None:
        self.incoming_repo = incoming_repo
        self.org_repo = org_repo
        self.disposition_repo = disposition_repo
        self.submission_repo = submission_repo
        self.letters = letters
        self.letter_repo = letter_repo
        self.events = events
        self.new_tx = new_tx

    def draft(self, principal: Principal, incoming_id: str, data: dict[str, Any],
              idempotency_key: str | None) -> tuple[int, dict[str, Any]]:
        """A draft reply to the original sender, by the letter's addressee or a position it was disposed to."""
        require_role(principal, Role.EMPLOYEE)
        letter = self.incoming_repo.get(incoming_id)
        if principal.org != letter.org:
            raise Forbidden("this incoming letter belongs to another org", details={"org": letter.org})
        readership = Readership(self.org_repo, principal)
        if not readership.may_read(letter):
            raise NotFound("no such incoming letter")
        if not self._handles(principal, letter, readership.addressee(letter)):
            raise Forbidden("the reply is drafted by the letter's addressee or a position it was disposed to")
        body = {
            "type": data["type"],
            "classification": data.get("classification") or letter.classification or DEFAULT_CLASSIFICATION,
            "subject": data.get("subject") or reply_subject(letter.subject),
            "body": data["body"],
            "addressees": [self._original_sender(letter)],
            "cc": data.get("cc") or [],
            "signatory": data["signatory"],
            "security": data.get("security") or letter.security,  # a reply to a secret letter stays secret
            "urgency": data["urgency"],
            "in_reply_to": letter.id,
        }
        return self.letters.create(principal, body, idempotency_key)

    def _handles(self, principal: Principal, letter: IncomingLetter, addressee: str | None) -> bool:
        """The addressee, or a position holding or having received a (not recalled) disposition of the letter."""
        if principal.position and principal.position == addressee:
            return True
        return any(d.to_position == principal.position and d.state is not DispositionState.RECALLED
                   for d in self.disposition_repo.list_of(letter.id))

    def _original_sender(self, letter: IncomingLetter) -> dict[str, Any]:
        """The addressee of the reply: the sending org, or the outside sender with only what a letter needs."""
        if letter.source is IncomingSource.LETTER and letter.sender_org:
            return {"kind": "org", "code": letter.sender_org}
        if letter.source is IncomingSource.SUBMISSION and letter.source_ref:
            sender = self.submission_repo.get(letter.source_ref).sender
            # Name and email only: the phone number and the business id (NIB) are not printed on a letter.
            return {"kind": "external", "name": sender.company_name or sender.name, "email": sender.email}
        return {"kind": "external", "name": letter.sender_name}

    def answer_with(self, letter_id: str) -> bool:
        """A sent letter that replies to an incoming letter answers it, unless it was answered already.

        True when this call recorded the answer. Safe to repeat (SNS delivers at least once): the
        incoming letter's `answered_at` is checked and written under its version.
        """
        letter = self.letter_repo.get(letter_id).letter
        if not letter.in_reply_to:
            return False
        for attempt in range(ANSWER_ATTEMPTS):
            incoming = self.incoming_repo.get(letter.in_reply_to)
            if incoming.answered_at:
                return False
            at = iso(now_wita())
            tx = self.new_tx()
            self.incoming_repo.save(tx, record_answer(self.submission_repo, tx, incoming, at),
                                    audit_event(SYSTEM, "answered", at,
                                                data={"reply_letter_id": letter.id, "number": letter.number}))
            try:
                tx.commit()
            except Conflict:
                if attempt == ANSWER_ATTEMPTS - 1:
                    raise
                continue  # the incoming letter changed meanwhile (a disposition): read it again
            announce_answer(self.events, incoming)
            return True
        return False
