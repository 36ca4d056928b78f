"""Routes: incoming letters (surat masuk) and dispositions (disposisi)."""

from __future__ import annotations

from typing import Any

from chalicelib.api import http, schemas, schemas_incoming, schemas_letters, schemas_public
from chalicelib.bootstrap import container
from chalicelib.domain.errors import ValidationFailed
from chalicelib.domain.incoming import IncomingState

r = http.router("incoming")
LIST_QUERY = http.LIST_QUERY


def _paging() -> tuple[int, str | None]:
    settings = container().settings
    return http.paging(settings.page_size_default, settings.page_size_max)


@r.route("/incoming", acting=True, response=schemas.page_of(schemas_incoming.IncomingOut), errors=(400, 401, 403),
         query={"state": http.Param.enum("only letters in this state (default: all)", IncomingState), **LIST_QUERY})
def list_incoming() -> Any:
    """My org's incoming letters, newest first."""
    state = http.query_param("state")
    if state is not None and state not in set(IncomingState):
        raise ValidationFailed.field("state", f"one of {', '.join(IncomingState)}")
    return container().incoming.list(http.principal(), state, *_paging())


@r.route("/incoming", "POST", body=schemas_incoming.PaperLetterIn, response=schemas_incoming.RegisteredOut, status=201,
         errors=(400, 401, 403, 409, 422), idempotent_create=True)
def register_paper_letter() -> Any:
    """Register a paper letter (operator); upload its scan with the returned link."""
    return container().incoming.register_paper(http.principal(), http.body(schemas_incoming.PaperLetterIn),
                                               http.idempotency_key())


@r.route("/incoming/{incoming_id}", acting=True, response=schemas_incoming.IncomingDetailOut, errors=(401, 403, 404))
def get_incoming(incoming_id: str) -> Any:
    """One incoming letter of my org with its dispositions."""
    return container().incoming.get(http.principal(), incoming_id)


@r.route("/incoming/{incoming_id}/forward", "POST", acting=True, body=schemas_incoming.ForwardIn,
         response=schemas_incoming.IncomingOut, status=201, errors=(400, 401, 403, 404, 409, 422),
         idempotent_create=True)
def forward_incoming(incoming_id: str) -> Any:
    """Forward (teruskan) a letter to another org's register or a unit of my org, once per target."""
    return container().incoming.forwarding.forward(http.principal(), incoming_id, http.body(schemas_incoming.ForwardIn),
                                                   http.idempotency_key())


@r.route("/incoming/{incoming_id}/attachments/{attachment_id}/confirm", "POST",
         response=schemas_public.ConfirmedOut, errors=(400, 401, 403, 404, 413))
def confirm_scan(incoming_id: str, attachment_id: str) -> Any:
    """Check an uploaded scan of a paper letter (size, type by content) and record its SHA-256 (operator)."""
    return container().incoming.confirm_scan(http.principal(), incoming_id, attachment_id)


@r.route("/incoming/{incoming_id}/attachments", "POST", body=schemas_incoming.ScanIn,
         response=schemas_public.FileUploadOut, status=201, errors=(400, 401, 403, 404, 409, 422), idempotent_create=True)
def replace_scan(incoming_id: str) -> Any:
    """A new upload link for a paper letter's scan while it is registered (operator); confirm it afterwards."""
    return container().incoming.replace_scan(http.principal(), incoming_id, http.body(schemas_incoming.ScanIn),
                                             http.idempotency_key())


@r.route("/incoming/{incoming_id}/documents", acting=True, response=schemas_incoming.DocumentsOut, errors=(401, 403, 404))
def list_documents(incoming_id: str) -> Any:
    """The documents of an incoming letter I may read: scans, attachments, the sending letter's signed PDF."""
    return container().incoming.documents(http.principal(), incoming_id)


@r.route("/incoming/{incoming_id}/documents/{document_id}", acting=True, response=schemas_incoming.DocumentLinkOut,
         errors=(401, 403, 404, 409))
def download_document(incoming_id: str, document_id: str) -> Any:
    """A short-lived download link of a confirmed document of an incoming letter I may read."""
    return container().incoming.download(http.principal(), incoming_id, document_id)


@r.route("/incoming/{incoming_id}/reply", "POST", body=schemas_incoming.ReplyIn, response=schemas_letters.LetterOut,
         status=201, errors=(400, 401, 403, 404, 409, 422), idempotent_create=True)
def draft_reply(incoming_id: str) -> Any:
    """Draft a reply letter to the original sender (the addressee, or a position the letter was disposed to)."""
    return container().replies.draft(http.principal(), incoming_id, http.body(schemas_incoming.ReplyIn),
                                     http.idempotency_key())


@r.route("/incoming/{incoming_id}/dispositions", "POST", acting=True, body=schemas_incoming.DisposeIn,
         response=schemas_incoming.DispositionsOut, status=201, errors=(400, 401, 403, 404, 409, 422),
         idempotent_create=True)
def dispose(incoming_id: str) -> Any:
    """Dispose the letter to positions below me (as its addressee, or further down with parent_id)."""
    return container().dispositions.dispose(http.principal(), incoming_id, http.body(schemas_incoming.DisposeIn),
                                            http.idempotency_key())


@r.route("/dispositions", acting=True, response=schemas.page_of(schemas_incoming.DispositionOut), errors=(400, 401, 403),
         query={"overdue": http.Param.boolean("true: only my open dispositions past their deadline"), **LIST_QUERY})
def list_dispositions() -> Any:
    """Dispositions to my position, newest first (one Query)."""
    overdue = http.query_param("overdue", "false")
    if overdue not in ("true", "false"):
        raise ValidationFailed.field("overdue", "true or false")
    return container().dispositions.list_mine(http.principal(), overdue == "true", *_paging())


@r.route("/dispositions/{disposition_id}", acting=True, response=schemas_incoming.DispositionOut, errors=(401, 403, 404))
def open_disposition(disposition_id: str) -> Any:
    """One disposition; when its recipient opens it, it is marked read."""
    return container().dispositions.open(http.principal(), disposition_id)


@r.route("/dispositions/{disposition_id}/done", "POST", acting=True, body=schemas_incoming.DoneIn,
         response=schemas_incoming.DispositionOut, errors=(400, 401, 403, 404, 409))
def complete_disposition(disposition_id: str) -> Any:
    """Finish my disposition with a follow-up note (and the reply letter, if any)."""
    return container().dispositions.complete(http.principal(), disposition_id, http.body(schemas_incoming.DoneIn))


@r.route("/dispositions/{disposition_id}/recall", "POST", acting=True, response=schemas_incoming.DispositionOut,
         errors=(401, 403, 404, 409))
def recall_disposition(disposition_id: str) -> Any:
    """Take back a disposition I sent, while it is unread."""
    return container().dispositions.recall(http.principal(), disposition_id)
