"""Use cases of an org's operators on submissions: the queue, accept / return / reject, a proposal's outcome."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from chalicelib.adapters import sequences
from chalicelib.adapters.dynamo import Transaction
from chalicelib.adapters.files import submission_attachment_key
from chalicelib.adapters.notification_repo import position_recipient
from chalicelib.domain.errors import Conflict, Forbidden, NotFound
from chalicelib.domain.events import submission_event
from chalicelib.domain.identity import Principal, Role, require_role
from chalicelib.domain.incoming import IncomingSource, head_of
from chalicelib.domain.org import Position
from chalicelib.domain.submissions import (
    Decision,
    ProposalOutcome,
    PublicStatus,
    Submission,
    SubmissionState,
    check_decision,
    check_outcome,
    timeline_entry,
)
from chalicelib.domain.timefmt import iso, now_wita
from chalicelib.services.audited import audit_event
from chalicelib.services.common import page_view
from chalicelib.services.intake_ports import (
    ClassificationRepo,
    Events,
    Files,
    IncomingRepo,
    NewTransaction,
    NotificationRepo,
    OrgRepo,
    SubmissionRepo,
)

PUBLIC_STATUS_OF = {
    SubmissionState.ACCEPTED: PublicStatus.ACCEPTED,
    SubmissionState.RETURNED: PublicStatus.RETURNED,
    SubmissionState.REJECTED: PublicStatus.REJECTED,
}


def org_positions(org_repo: OrgRepo, org: str) -> dict[str, Position]:
    """Every position of an org by code (one Query)."""
    return {p.code: p for p in org_repo.list_positions(org, 1000, None).items}


def submission_view(submission: Submission) -> dict[str, Any]:
    """A submission as its org's operators see it (personal data included; no audit internals)."""
    return {
        "id": submission.id, "code": submission.code, "org": submission.org, "state": submission.state.value,
        "sender": {"type": submission.sender.type.value, "name": submission.sender.name,
                   "email": submission.sender.email, "phone": submission.sender.phone,
                   "company_name": submission.sender.company_name, "nib": submission.sender.nib},
        "kind": submission.kind.value, "category": submission.category.value if submission.category else None,
        "requested_amount": submission.requested_amount, "event_date": submission.event_date,
        "subject": submission.subject, "body": submission.body, "created_at": submission.created_at,
        "updated_at": submission.updated_at, "return_reason": submission.return_reason,
        "decision_note": submission.decision_note, "incoming_id": submission.incoming_id,
        "agenda_number": submission.agenda_number,
        "outcome": submission.outcome.value if submission.outcome else None, "outcome_note": submission.outcome_note,
        "resubmissions": submission.resubmissions, "attachments": submission.attachments,
        "version": submission.version,
    }


def require_operator_of(principal: Principal, org: str) -> None:
    """Submissions are handled by the operators of the org they were sent to (403 for any other)."""
    require_role(principal, Role.OPERATOR)
    if principal.org != org:
        raise Forbidden("this submission was sent to another org", details={"org": org})


class VerificationService:
    """The operator's side of submissions."""

    def __init__(self, submission_repo: SubmissionRepo, incoming_repo: IncomingRepo, org_repo: OrgRepo,
                 notification_repo: NotificationRepo, events: Events, files: Files,
                 classification_repo: ClassificationRepo, new_tx: NewTransaction = Transaction) -> None:
        self.submission_repo = submission_repo
        self.incoming_repo = incoming_repo
        self.org_repo = org_repo
        self.notification_repo = notification_repo
        self.events = events
        self.files = files
        self.classification_repo = classification_repo
        self.new_tx = new_tx

    def list(self, principal: Principal, state: str | None, limit: int, cursor: str | None) -> dict[str, Any]:
        """The caller's org's submissions in one state (the queue), or all of them."""
        require_role(principal, Role.OPERATOR)
        return page_view(self.submission_repo.list(str(principal.org), state, limit, cursor), submission_view)

    def get(self, principal: Principal, submission_id: str) -> dict[str, Any]:
        """One submission of the caller's org."""
        submission = self.submission_repo.get(submission_id)
        require_operator_of(principal, submission.org)
        return submission_view(submission)

    def download_attachment(self, principal: Principal, submission_id: str, attachment_id: str) -> dict[str, Any]:
        """A short-lived link to a confirmed attachment of a submission of the caller's org (1 read)."""
        submission = self.submission_repo.get(submission_id)
        require_operator_of(principal, submission.org)
        attachment = next((a for a in submission.attachments if a["id"] == attachment_id), None)
        if attachment is None:
            raise NotFound("no such attachment on this submission", details={"field": "attachment_id"})
        if attachment["status"] != "confirmed":
            raise Conflict("the sender has not uploaded and confirmed this attachment yet",
                           details={"field": "attachment_id", "status": attachment["status"]})
        link = self.files.presign_download(submission_attachment_key(submission.id, attachment_id),
                                           attachment["filename"], attachment["content_type"])
        return {**link, **{k: attachment.get(k) for k in ("id", "filename", "content_type", "size", "sha256")}}

    def verify(self, principal: Principal, submission_id: str, data: dict[str, Any]) -> dict[str, Any]:
        """Accept (registers an incoming letter), return for completion or reject, with a note."""
        decision = Decision(data["decision"])
        if decision is Decision.ACCEPT:
            return sequences.with_retries(lambda: self._verify(principal, submission_id, decision, data))
        return self._verify(principal, submission_id, decision, data)

    def _verify(self, principal: Principal, submission_id: str, decision: Decision,
                data: dict[str, Any]) -> dict[str, Any]:
        submission = self.submission_repo.get(submission_id)
        require_operator_of(principal, submission.org)
        note = data.get("note")
        state = check_decision(submission.state, decision, note)
        now = iso(now_wita())
        tx = self.new_tx()
        changed = replace(submission, state=state, updated_at=now)
        public_reason = None
        if decision is Decision.ACCEPT:
            head = head_of(org_positions(self.org_repo, submission.org))
            if head is None:
                raise Conflict(f"{submission.org} has no head position to receive letters")
            sender = submission.sender
            letter = self.incoming_repo.register(
                tx, org=submission.org, source=IncomingSource.SUBMISSION, source_ref=submission.id,
                sender_name=sender.company_name or sender.name, sender_org=None, subject=submission.subject,
                actor=principal.username, actor_position=principal.position, addressed_to=head.code,
                attachments=[a for a in submission.attachments if a["status"] == "confirmed"],
                tracking_code=submission.code, table=self.classification_repo.table())
            changed = replace(changed, decision_note=note, incoming_id=letter.id, agenda_number=letter.agenda_number)
            self.notification_repo.add(tx, [position_recipient(submission.org, head.code)], type="incoming.registered",
                                       title=f"Surat masuk {letter.agenda_number}", body=submission.subject,
                                       record_type="incoming", record_id=letter.id)
        elif decision is Decision.RETURN:
            changed = replace(changed, return_reason=note)
            public_reason = note
        else:
            changed = replace(changed, decision_note=note)
            public_reason = note
        changed = self.submission_repo.save(tx, changed, audit_event(
            principal, decision.value, now, from_state=submission.state.value, to_state=state.value, note=note))
        self.submission_repo.add_to_timeline(tx, submission.code, timeline_entry(now, PUBLIC_STATUS_OF[state],
                                                                                 reason=public_reason))
        tx.commit()
        self.events.publish(submission_event(state), submission.org, submission.id,
                            {"code": submission.code, "status": PUBLIC_STATUS_OF[state].value,
                             "incoming_id": changed.incoming_id})
        return submission_view(changed)

    def decide_outcome(self, principal: Principal, submission_id: str, data: dict[str, Any]) -> dict[str, Any]:
        """Record that an accepted proposal was granted or declined, with a note the sender reads."""
        submission = self.submission_repo.get(submission_id)
        require_operator_of(principal, submission.org)
        check_outcome(submission)
        outcome = ProposalOutcome(data["outcome"])
        now = iso(now_wita())
        status = PublicStatus(outcome.value)
        tx = self.new_tx()
        decided = replace(submission, outcome=outcome, outcome_note=data["note"], updated_at=now)
        changed = self.submission_repo.save(tx, decided, audit_event(principal, outcome.value, now, note=data["note"]))
        self.submission_repo.add_to_timeline(tx, submission.code, timeline_entry(now, status, reason=data["note"]))
        tx.commit()
        self.events.publish(submission_event(outcome), submission.org, submission.id,
                            {"code": submission.code, "status": status.value})
        return submission_view(changed)
