"""Routes: official letters, their attachments and the approval queue."""

from __future__ import annotations

from typing import Any

from chalicelib.adapters.letter_items import BOXES
from chalicelib.api import http
from chalicelib.api import schemas_archive as s_archive
from chalicelib.api import schemas_letters as s
from chalicelib.api import schemas_receipts as s_receipts
from chalicelib.api.schemas import page_of
from chalicelib.bootstrap import container

r = http.router("letters")
LIST_QUERY = http.LIST_QUERY


def _paging() -> tuple[int, str | None]:
    settings = container().settings
    return http.paging(settings.page_size_default, settings.page_size_max)


@r.route("/letters", "POST", body=s.LetterIn, response=s.LetterOut, status=201, errors=(400, 401, 403, 422),
         idempotent_create=True)
def create_letter() -> Any:
    """Draft a letter (employees holding a position)."""
    return container().letters.create(http.principal(), http.body(s.LetterIn), http.idempotency_key())


@r.route("/letters", response=page_of(s.LetterSummaryOut), errors=(400, 401, 403), acting=True,
         query={**LIST_QUERY, "box": http.Param.enum("one of my boxes (default inbox)", BOXES)})
def list_letters() -> Any:
    """One of my position's boxes, newest first."""
    return container().letters.list_box(http.principal(), http.query_param("box"), *_paging())


@r.route("/letters/{letter_id}", response=s.LetterOut, errors=(401, 403, 404), acting=True)
def get_letter(letter_id: str) -> Any:
    """One letter with its chain (parties only; others get 404)."""
    return container().letters.get(http.principal(), letter_id)


@r.route("/letters/{letter_id}", "PATCH", body=s.LetterPatch, response=s.LetterOut, errors=(400, 401, 403, 404, 409))
def update_letter(letter_id: str) -> Any:
    """Edit my draft (send the version you read; a stale one gets 409)."""
    return container().letters.update(http.principal(), letter_id, http.body(s.LetterPatch))


@r.route("/letters/{letter_id}/submit", "POST", response=s.LetterOut, errors=(400, 401, 403, 404, 409, 503))
def submit_letter(letter_id: str) -> Any:
    """Send my draft up the review chain (a resubmission starts again from the first step)."""
    return container().letters.submit(http.principal(), letter_id)


@r.route("/letters/{letter_id}/withdraw", "POST", response=s.LetterOut, errors=(401, 403, 404, 409))
def withdraw_letter(letter_id: str) -> Any:
    """Take my submitted draft back before the first decision (it leaves the reviewer's queue; a repeat is harmless)."""
    return container().letters.withdraw(http.principal(), letter_id)


@r.route("/letters/{letter_id}/decision", "POST", body=s.DecisionIn, response=s.DecisionOut,
         errors=(400, 401, 403, 404, 409, 503), acting=True)
def decide_letter(letter_id: str) -> Any:
    """Approve, return for revision or reject the step waiting for me; the signatory's approval signs."""
    return container().letters.decide(http.principal(), letter_id, http.body(s.DecisionIn))


@r.route("/letters/{letter_id}/timeline", response=s.TimelineOut, errors=(401, 403, 404), acting=True)
def letter_timeline(letter_id: str) -> Any:
    """Who did what and when, with the verification of the audit chain."""
    return container().letters.timeline(http.principal(), letter_id)


@r.route("/letters/{letter_id}/verification", response=s.VerificationOut, errors=(401, 403, 404, 409),
         acting=True)
def verify_letter(letter_id: str) -> Any:
    """Check the electronic signature of a signed letter."""
    return container().letters.verify(http.principal(), letter_id)


@r.route("/letters/{letter_id}/pdf", response=s_archive.PdfLinkOut, errors=(401, 403, 404, 409), acting=True)
def letter_pdf(letter_id: str) -> Any:
    """A short-lived link to the signed PDF (those who may read the letter; others get 404)."""
    return container().letters.pdf_link(http.principal(), letter_id)


@r.route("/letters/{letter_id}/receipts", response=s_receipts.ReadReceiptsOut, errors=(401, 403, 404), acting=True)
def letter_receipts(letter_id: str) -> Any:
    """When each addressee and cc first opened the sent letter (its drafter and signatory)."""
    return container().letters.receipts.list(http.principal(), letter_id)


@r.route("/me/unread", response=s_receipts.UnreadOut, errors=(401, 403), acting=True)
def my_unread() -> Any:
    """My unread counts per box, from counters kept on write (one read)."""
    return container().letters.receipts.unread(http.principal())


@r.route("/letters/{letter_id}/attachments", "POST", body=s.AttachmentIn, response=s.AttachmentUploadOut, status=201,
         errors=(400, 401, 403, 404, 409))
def add_attachment(letter_id: str) -> Any:
    """A presigned upload for a new attachment of my draft."""
    return container().letters.add_attachment(http.principal(), letter_id, http.body(s.AttachmentIn))


@r.route("/letters/{letter_id}/attachments/{attachment_id}/confirm", "POST", response=s.AttachmentOut,
         errors=(400, 401, 403, 404, 409, 413))
def confirm_attachment(letter_id: str, attachment_id: str) -> Any:
    """Check an uploaded attachment (size, type by content) and record its SHA-256."""
    return container().letters.confirm_attachment(http.principal(), letter_id, attachment_id)


@r.route("/letters/{letter_id}/attachments/{attachment_id}", response=s.DownloadOut, errors=(401, 403, 404),
         acting=True)
def download_attachment(letter_id: str, attachment_id: str) -> Any:
    """A short-lived download link of an attachment."""
    return container().letters.download_attachment(http.principal(), letter_id, attachment_id)


@r.route("/approvals", response=page_of(s.ApprovalOut), errors=(400, 401, 403), query=LIST_QUERY, acting=True)
def list_approvals() -> Any:
    """Steps waiting for my decision, oldest first."""
    return container().letters.approvals(http.principal(), *_paging())
