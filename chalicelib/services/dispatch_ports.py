"""The ports the dispatch of letters to external recipients depends on."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from chalicelib.adapters.dynamo import Page
from chalicelib.adapters.submission_repo import SenderKeys
from chalicelib.domain.identity import Principal
from chalicelib.domain.incoming import IncomingLetter
from chalicelib.domain.letter_records import ExternalDelivery, LetterRecord


class DispatchRepo(Protocol):
    """The deliveries of letters to external recipients; every write conditional."""

    def list(self, letter_id: str) -> list[ExternalDelivery]:
        """Every delivery of a letter."""
    def by_state(self, org: str, state: str, limit: int, cursor: str | None) -> Page[ExternalDelivery]:
        """One page of an org's deliveries by hand in `state`."""
    def add(self, delivery: ExternalDelivery, at: datetime) -> bool:
        """Store a new delivery (by hand: in its org's pending list from `at`); False when it exists already."""
    def mark_sent(self, delivery: ExternalDelivery, at: str, message_id: str) -> None:
        """The email of a delivery went out."""
    def mark_dispatched(self, letter_id: str, delivery_id: str, *, by: str, at: datetime, via: str,
                        receipt: str | None, note: str | None) -> ExternalDelivery:
        """An operator sent a pending delivery by hand or post (Conflict unless pending)."""


class LetterReader(Protocol):
    """Stored letters (read only)."""

    def get(self, letter_id: str) -> LetterRecord:
        """One letter, or NotFound."""


class IncomingReader(Protocol):
    """Incoming letters (read only): the one a reply answers."""

    def get(self, incoming_id: str) -> IncomingLetter:
        """One incoming letter, or NotFound."""


class SubmissionRepo(Protocol):
    """Public submissions: a reply offered to the sender, and the keys that unlock it."""

    def record_reply(self, code: str, number: str, date: str, pdf_key: str) -> None:
        """Offer a signed reply to the submission's sender."""
    def unlock(self, code: str) -> SenderKeys:
        """The keys of a submission, or NotFound."""


class SenderNotifier(Protocol):
    """Email to people outside the government."""

    def email_with_attachment(self, to: str, subject: str, text: str, filename: str, data: bytes,
                              content_type: str = "application/pdf") -> str:
        """Send one email with a file attached; its message id."""


class LetterAccessService(Protocol):
    """The letters use cases this service leans on: who may read a letter, and its archived PDF."""

    def readable(self, principal: Principal, letter_id: str) -> LetterRecord:
        """The letter if the caller may read it (NotFound otherwise)."""
    def ensure_pdf(self, letter_id: str) -> str:
        """Make sure the archive holds the signed PDF."""
