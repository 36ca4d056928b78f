"""Telling a submission's sender, by email and SMS, what happened, with the tracking link.

Events carry no personal data: the reaction reads the contact from the record. SNS delivers at least
once, so each (submission, event, time) is sent once: a marker item is put under a condition first.
"""

from __future__ import annotations

from typing import Any

from chalicelib.domain.submissions import PublicStatus, e164, public_message
from chalicelib.services.intake_ports import SenderMessages, SubmissionRepo
from chalicelib.services.public import tracking_link


class SenderNoticeService:
    """Sends the sender of a submission one short message per public step."""

    def __init__(self, submission_repo: SubmissionRepo, notifier: SenderMessages, base_url: str) -> None:
        self.submission_repo = submission_repo
        self.notifier = notifier
        self.base_url = base_url

    def notify(self, event: dict[str, Any]) -> None:
        """Email and/or SMS the sender about `event` (once per event)."""
        status = PublicStatus(event["data"]["status"])
        if not self.submission_repo.claim_notice(f"{event['record_id']}#{event['type']}#{event['at']}"):
            return
        submission = self.submission_repo.get(event["record_id"])
        reason = {PublicStatus.RETURNED: submission.return_reason, PublicStatus.REJECTED: submission.decision_note,
                  PublicStatus.GRANTED: submission.outcome_note,
                  PublicStatus.DECLINED: submission.outcome_note}.get(status)
        text = public_message(submission.code, status, tracking_link(self.base_url, submission.code), reason)
        if submission.sender.email:
            self.notifier.email(submission.sender.email, f"[Kantor Virtual] Pengajuan {submission.code}", text)
        if submission.sender.phone:
            self.notifier.sms(e164(submission.sender.phone), text)
