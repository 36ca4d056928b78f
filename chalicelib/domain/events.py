"""The catalogue of domain events: every type published to the events topic or reacted to.

Publishers and reactions name an event by a member of `Event`, never by a string, so a misspelt type fails at
import instead of never firing. Notification types (what a person sees in their notification list) are a
separate vocabulary and are not listed here.
"""

from __future__ import annotations

from enum import StrEnum, unique


@unique  # two members with one value would alias silently
class Event(StrEnum):
    """A domain event's type, as carried in the SNS `type` attribute."""

    # letters and their approval chain
    LETTER_DRAFTED = "letter.drafted"
    LETTER_SUBMITTED = "letter.submitted"
    LETTER_APPROVED = "letter.approved"
    LETTER_REVISION_REQUESTED = "letter.revision_requested"
    LETTER_REJECTED = "letter.rejected"
    LETTER_REMINDED = "letter.reminded"
    LETTER_ESCALATED = "letter.escalated"
    LETTER_SIGNING = "letter.signing"
    LETTER_SIGNED = "letter.signed"
    LETTER_SENT = "letter.sent"
    APPROVAL_REQUESTED = "approval.requested"
    APPROVAL_OVERDUE = "approval.overdue"  # published by the state machine (infra/statemachine/approval.asl.json)
    # public submissions
    SUBMISSION_RECEIVED = "submission.received"
    SUBMISSION_RESUBMITTED = "submission.resubmitted"
    SUBMISSION_RETURNED = "submission.returned"
    SUBMISSION_ACCEPTED = "submission.accepted"
    SUBMISSION_REJECTED = "submission.rejected"
    SUBMISSION_GRANTED = "submission.granted"
    SUBMISSION_DECLINED = "submission.declined"
    SUBMISSION_ANSWERED = "submission.answered"
    # incoming letters and dispositions
    INCOMING_REGISTERED = "incoming.registered"
    DISPOSITION_ASSIGNED = "disposition.assigned"
    DISPOSITION_DONE = "disposition.done"
    DISPOSITION_RECALLED = "disposition.recalled"
    DISPOSITION_OVERDUE = "disposition.overdue"


def submission_event(status: str) -> Event:
    """The event of a submission reaching `status` (a state or a proposal outcome); ValueError if none."""
    return Event(f"submission.{status}")


def letter_event(action: str) -> Event:
    """The event of a letter's review `action` (approved, revision_requested, rejected); ValueError if none."""
    return Event(f"letter.{action}")
