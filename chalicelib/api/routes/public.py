"""Routes: the public (no account) — submit, attach, resubmit, track, and the orgs to send to.

A public account's own submissions (the same actions with its token instead of the secret) are in
`my_submissions.py`.

API Gateway throttles these routes per client in the deployment (see README); the app adds a cap
per email address / phone number per hour (429).
"""

from __future__ import annotations

from typing import Any

from chalicelib.api import http, pages, schemas, schemas_public
from chalicelib.bootstrap import container
from chalicelib.domain.errors import NotFound
from chalicelib.domain.submissions import Proof

r = http.router("public")


@r.route("/public/orgs", auth=False, response=schemas.page_of(schemas_public.PublicOrgOut), errors=(400,),
         query=http.LIST_QUERY)
def list_public_orgs() -> Any:
    """Orgs a submission can be sent to."""
    settings = container().settings
    return container().public.list_orgs(*http.paging(settings.page_size_default, settings.page_size_max))


@r.route("/public/submissions", "POST", auth=False, optional_auth=True, body=schemas_public.SubmissionIn,
         response=schemas_public.ReceiptOut, status=201, errors=(400, 403, 422, 429), idempotent_create=True)
def submit() -> Any:
    """Send a letter or proposal; answers the tracking code and the secret (shown once).

    No account is needed. With a public account's bearer token the submission is linked to that account
    (`GET /me/submissions`); an invalid or expired token is 401 and a staff token 403 (nothing is stored).
    """
    owner = http.optional_principal()
    return container().public.submit(http.body(schemas_public.SubmissionIn), http.idempotency_key(), owner,
                                     http.source_ip())


@r.route("/public/track/{code}", auth=False, response=schemas_public.TrackOut, errors=(404,), html_page=True)
def track(code: str) -> Any:
    """Status and public timeline of a tracking code.

    A browser (`Accept: text/html`, what the link in the sender's email or SMS opens) gets it as a page in
    Indonesian.
    """
    if not pages.wants_html(http.request().headers.get("accept")):
        return container().public.track(code)
    try:
        return pages.tracking_page(container().public.track(code))
    except NotFound:
        return pages.not_found_page("track")


@r.route("/public/submissions/{code}/attachments", "POST", auth=False, body=schemas_public.SubmissionAttachmentIn,
         response=schemas_public.FileUploadOut, status=201, errors=(400, 403, 404, 409, 413))
def request_upload(code: str) -> Any:
    """A presigned upload for one more attachment (with the secret)."""
    data = http.body(schemas_public.SubmissionAttachmentIn)
    return container().public.request_upload(code, Proof(secret=data["secret"]), data)


@r.route("/public/submissions/{code}/attachments/{attachment_id}/confirm", "POST", auth=False,
         body=schemas_public.SecretIn, response=schemas_public.ConfirmedOut, errors=(400, 403, 404, 409, 413))
def confirm_upload(code: str, attachment_id: str) -> Any:
    """Check an uploaded attachment (size, type by content, SHA-256) and keep it (with the secret)."""
    secret = http.body(schemas_public.SecretIn)["secret"]
    return container().public.confirm_upload(code, attachment_id, Proof(secret=secret))


@r.route("/public/submissions/{code}/resubmit", "POST", auth=False, body=schemas_public.ResubmitIn,
         response=schemas_public.ResubmittedOut, errors=(400, 403, 404, 409))
def resubmit(code: str) -> Any:
    """Send a returned submission back for verification (with the secret)."""
    data = http.body(schemas_public.ResubmitIn)
    return container().public.resubmit(code, Proof(secret=data["secret"]), data)
