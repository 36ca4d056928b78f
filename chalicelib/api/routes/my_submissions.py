"""Routes: "Pengajuan saya" — a public account's own submissions, and what the secret allows, with the token.

A submission is linked to an account when it is sent to `POST /public/submissions` with that account's token.
Staff get 403; another account's code (or an anonymous one) is 404, as for an unknown code.
"""

from __future__ import annotations

from typing import Any

from chalicelib.api import http, schemas, schemas_public
from chalicelib.api import schemas_dispatch as sd
from chalicelib.bootstrap import container
from chalicelib.domain.submissions import owner_proof

r = http.router("public")


@r.route("/me/submissions", response=schemas.page_of(schemas_public.MySubmissionOut), errors=(400, 403),
         query=http.LIST_QUERY)
def list_my_submissions() -> Any:
    """My submissions, newest first, with their current status and reply (public accounts)."""
    settings = container().settings
    return container().public.list_mine(http.principal(),
                                        *http.paging(settings.page_size_default, settings.page_size_max))


@r.route("/me/submissions/{code}", response=schemas_public.MySubmissionDetailOut, errors=(403, 404))
def get_my_submission(code: str) -> Any:
    """One of my submissions: its timeline and reply, content, attachments and why it was returned."""
    return container().public.mine(http.principal(), code)


@r.route("/me/submissions/{code}/attachments", "POST", body=schemas_public.AttachmentFileIn,
         response=schemas_public.FileUploadOut, status=201, errors=(400, 403, 404, 409, 413))
def request_my_upload(code: str) -> Any:
    """A presigned upload for one more attachment to my submission."""
    data = http.body(schemas_public.AttachmentFileIn)
    return container().public.request_upload(code, owner_proof(http.principal()), data)


@r.route("/me/submissions/{code}/attachments/{attachment_id}/confirm", "POST",
         response=schemas_public.ConfirmedOut, errors=(403, 404, 409, 413))
def confirm_my_upload(code: str, attachment_id: str) -> Any:
    """Check an uploaded attachment of my submission (size, type by content, SHA-256) and keep it."""
    return container().public.confirm_upload(code, attachment_id, owner_proof(http.principal()))


@r.route("/me/submissions/{code}/resubmit", "POST", body=schemas_public.ResubmitChangesIn,
         response=schemas_public.ResubmittedOut, errors=(400, 403, 404, 409))
def resubmit_mine(code: str) -> Any:
    """Send my returned submission back for verification, optionally corrected."""
    data = http.body(schemas_public.ResubmitChangesIn)
    return container().public.resubmit(code, owner_proof(http.principal()), data)


@r.route("/me/submissions/{code}/reply", response=sd.ReplyLinkOut, errors=(403, 404, 409))
def my_reply_letter(code: str) -> Any:
    """The signed reply letter to my submission: a short-lived link to its PDF."""
    return container().dispatch.reply_link(code, owner_proof(http.principal()))
