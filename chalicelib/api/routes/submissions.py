"""Routes: operators' verification of submissions."""

from __future__ import annotations

from typing import Any

from chalicelib.api import http, schemas, schemas_public
from chalicelib.bootstrap import container
from chalicelib.domain.errors import ValidationFailed
from chalicelib.domain.submissions import SubmissionState

r = http.router("operator")


@r.route("/submissions", response=schemas.page_of(schemas_public.SubmissionOut), errors=(400, 401, 403),
         query={"status": http.Param.enum("only submissions in this status (default: all)", SubmissionState),
                **http.LIST_QUERY})
def list_submissions() -> Any:
    """My org's submissions in one status (the verification queue, oldest first), or all newest first."""
    status = http.query_param("status")
    if status is not None and status not in set(SubmissionState):
        raise ValidationFailed.field("status", f"one of {', '.join(SubmissionState)}")
    settings = container().settings
    return container().verification.list(http.principal(), status,
                                         *http.paging(settings.page_size_default, settings.page_size_max))


@r.route("/submissions/{submission_id}", response=schemas_public.SubmissionOut, errors=(401, 403, 404))
def get_submission(submission_id: str) -> Any:
    """One submission of my org."""
    return container().verification.get(http.principal(), submission_id)


@r.route("/submissions/{submission_id}/attachments/{attachment_id}", response=schemas_public.FileLinkOut,
         errors=(401, 403, 404, 409))
def download_submission_attachment(submission_id: str, attachment_id: str) -> Any:
    """A short-lived download link of a confirmed attachment of a submission to my org (409 while unconfirmed)."""
    return container().verification.download_attachment(http.principal(), submission_id, attachment_id)


@r.route("/submissions/{submission_id}/verify", "POST", body=schemas_public.VerifyIn,
         response=schemas_public.SubmissionOut, errors=(400, 401, 403, 404, 409))
def verify_submission(submission_id: str) -> Any:
    """Accept (registers an incoming letter), return for completion, or reject."""
    return container().verification.verify(http.principal(), submission_id, http.body(schemas_public.VerifyIn))


@r.route("/submissions/{submission_id}/outcome", "POST", body=schemas_public.OutcomeIn,
         response=schemas_public.SubmissionOut, errors=(400, 401, 403, 404, 409))
def decide_outcome(submission_id: str) -> Any:
    """Record that an accepted proposal was granted or declined."""
    return container().verification.decide_outcome(http.principal(), submission_id,
                                                   http.body(schemas_public.OutcomeIn))
