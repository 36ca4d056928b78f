"""Use cases of the public: submit, attach files, resubmit, track, the list of target orgs, and for a public
account its own submissions ("Pengajuan saya").

A sender proves a submission is theirs with its secret or, when it was sent with a public account's token,
with that account (`Proof`); another account gets 404 as for an unknown code.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from typing import Any

from chalicelib.adapters.dynamo import Transaction
from chalicelib.adapters.files import check_declared_type, submission_attachment_key
from chalicelib.domain.errors import Forbidden, NotFound, PayloadTooLarge, ValidationFailed
from chalicelib.domain.events import Event
from chalicelib.domain.identity import Principal, Role, require_role
from chalicelib.domain.submissions import (
    MAX_ATTACHMENT_BYTES,
    SUBMISSIONS_PER_CLIENT_PER_HOUR,
    SUBMISSIONS_PER_CONTACT_PER_HOUR,
    Proof,
    ProposalCategory,
    PublicStatus,
    Sender,
    SenderType,
    Submission,
    SubmissionKind,
    SubmissionState,
    check_new,
    check_proof,
    check_resubmit,
    check_upload,
    client_key,
    contact_keys,
    hash_secret,
    new_secret,
    new_tracking_code,
    normalize_code,
    owner_proof,
    timeline_entry,
)
from chalicelib.domain.timefmt import iso, now_wita
from chalicelib.services.audited import audit_event
from chalicelib.services.common import commit_create
from chalicelib.services.intake_ports import Events, Files, NewTransaction, OrgRepo, SubmissionRepo

Result = tuple[int, dict[str, Any]]


def tracking_link(base_url: str, code: str) -> str:
    """Where a sender follows a submission."""
    return f"{base_url}/public/track/{code}"


class PublicService:
    """What a citizen or business does, with or without an account; the secret or the account unlocks changes."""

    def __init__(self, submission_repo: SubmissionRepo, org_repo: OrgRepo, files: Files, events: Events,
                 base_url: str, new_tx: NewTransaction = Transaction) -> None:
        self.submission_repo = submission_repo
        self.org_repo = org_repo
        self.files = files
        self.events = events
        self.base_url = base_url
        self.new_tx = new_tx

    def list_orgs(self, limit: int, cursor: str | None) -> dict[str, Any]:
        """Orgs a submission can be sent to (code and name only)."""
        page = self.org_repo.list_orgs(limit, cursor)
        return {"items": [{"code": o.code, "name": o.name} for o in page.items], "next": page.next}

    def submit(self, data: dict[str, Any], idempotency_key: str | None, owner: Principal | None = None,
               source_ip: str | None = None) -> Result:
        """A new submission: a tracking code and a secret, counted against the contact's and the client's hourly caps.

        With `owner` (the caller's verified token) it is linked to that public account; staff cannot own one.
        """
        if owner is not None and owner.role is not Role.PUBLIC:
            raise Forbidden("staff accounts do not send public submissions: send it without the token",
                            details={"role": owner.role.value})
        check_new(data)
        try:
            org = self.org_repo.get_org(data["org"])
        except NotFound as exc:
            raise ValidationFailed.field("org", "no such org") from exc
        now = iso(now_wita())
        sender = Sender(type=SenderType(data["sender_type"]), name=data["name"], email=data.get("email"),
                        phone=data.get("phone"), company_name=data.get("company_name"), nib=data.get("nib"))
        submission = Submission(
            id=uuid.uuid4().hex, code=new_tracking_code(), org=org.code, org_name=org.name, sender=sender,
            kind=SubmissionKind(data["kind"]), subject=data["subject"], body=data["body"], created_at=now,
            updated_at=now, category=ProposalCategory(data["category"]) if data.get("category") else None,
            requested_amount=data.get("requested_amount"), event_date=data.get("event_date"),
            owner=owner.username if owner else None,
        )
        secret = new_secret()
        contacts = contact_keys(sender.email, sender.phone)
        tx = self.new_tx()
        self.submission_repo.count_contacts(tx, contacts, SUBMISSIONS_PER_CONTACT_PER_HOUR)
        if source_ip:
            self.submission_repo.count_contacts(tx, [client_key(source_ip)], SUBMISSIONS_PER_CLIENT_PER_HOUR,
                                                of="one address")
        self.submission_repo.add(tx, submission, hash_secret(secret), timeline_entry(now, PublicStatus.RECEIVED),
                                 audit_event(None, "submitted", now, to_state=SubmissionState.RECEIVED.value))
        response = self._receipt(submission.code, None, now)
        status, stored = commit_create(tx, scope=f"public:{contacts[0]}", idempotency_key=idempotency_key,
                                       request=data, response=response)
        if stored["code"] != submission.code:
            # A retry of a request already done: the secret is kept only as a hash, so the retry gets a new one.
            return status, self._reissue(stored)
        self.events.publish(Event.SUBMISSION_RECEIVED, org.code, submission.id,
                            {"code": submission.code, "status": PublicStatus.RECEIVED.value})
        return status, {**response, "secret": secret}

    def _receipt(self, code: str, secret: str | None, submitted_at: str) -> dict[str, Any]:
        return {"code": code, "secret": secret, "status": PublicStatus.RECEIVED.value, "submitted_at": submitted_at,
                "tracking_url": tracking_link(self.base_url, code)}

    def _reissue(self, stored: dict[str, Any]) -> dict[str, Any]:
        secret = new_secret()
        self.submission_repo.reissue_secret(stored["code"], hash_secret(secret))
        return {**stored, "secret": secret}

    def track(self, code: str) -> dict[str, Any]:
        """The public status and timeline of a code (one GetItem, known or not)."""
        return self.submission_repo.track(normalize_code(code))

    def list_mine(self, principal: Principal, limit: int, cursor: str | None) -> dict[str, Any]:
        """A public account's submissions, newest first, with their current status and reply (one Query)."""
        require_role(principal, Role.PUBLIC)
        page = self.submission_repo.list_owned(principal.username, limit, cursor)
        return {"items": page.items, "next": page.next}

    def mine(self, principal: Principal, code: str) -> dict[str, Any]:
        """The owner's view of one submission: the public timeline and reply with its content and attachments."""
        proof = owner_proof(principal)
        keys, view = self.submission_repo.sender_view(normalize_code(code))
        check_proof(proof, keys.secret_hash, keys.owner)
        s = self.submission_repo.get(keys.submission_id)
        return {**view, "subject": s.subject, "body": s.body, "category": s.category.value if s.category else None,
                "requested_amount": s.requested_amount, "event_date": s.event_date, "return_reason": s.return_reason,
                "resubmissions": s.resubmissions, "attachments": [_public_attachment(a) for a in s.attachments]}

    def _unlock(self, code: str, proof: Proof) -> Submission:
        keys = self.submission_repo.unlock(normalize_code(code))
        check_proof(proof, keys.secret_hash, keys.owner)
        return self.submission_repo.get(keys.submission_id)

    def request_upload(self, code: str, proof: Proof, data: dict[str, Any]) -> Result:
        """A presigned upload for one more attachment (declared type and size within the limits)."""
        submission = self._unlock(code, proof)
        check_upload(submission)
        check_declared_type(data["content_type"])
        if data["size"] > MAX_ATTACHMENT_BYTES:
            raise PayloadTooLarge(f"an attachment has at most {MAX_ATTACHMENT_BYTES} bytes",
                                  details={"field": "size", "max_bytes": MAX_ATTACHMENT_BYTES})
        attachment = {"id": uuid.uuid4().hex, "filename": data["filename"], "content_type": data["content_type"],
                      "status": "pending", "size": None, "sha256": None}
        now = iso(now_wita())
        tx = self.new_tx()
        requested = replace(submission, attachments=[*submission.attachments, attachment], updated_at=now)
        self.submission_repo.save(tx, requested, audit_event(_actor(proof), "attachment_requested", now,
                                                             data={"attachment_id": attachment["id"]}))
        tx.commit()
        upload = self.files.presign_upload(submission_attachment_key(submission.id, attachment["id"]),
                                           data["content_type"], MAX_ATTACHMENT_BYTES)
        return 201, {"attachment": _public_attachment(attachment), "upload": upload}

    def confirm_upload(self, code: str, attachment_id: str, proof: Proof) -> dict[str, Any]:
        """Check an uploaded attachment (size, type by content, SHA-256) and keep it."""
        submission = self._unlock(code, proof)
        check_upload(submission, adding=False)
        attachment = next((a for a in submission.attachments if a["id"] == attachment_id), None)
        if attachment is None:
            raise NotFound("no such attachment on this submission", details={"field": "attachment_id"})
        stored = self.files.inspect(submission_attachment_key(submission.id, attachment_id),
                                    attachment["content_type"], MAX_ATTACHMENT_BYTES)
        confirmed = {**attachment, "status": "confirmed", "size": stored.size, "sha256": stored.sha256}
        now = iso(now_wita())
        tx = self.new_tx()
        kept = replace(submission, updated_at=now, attachments=[confirmed if a["id"] == attachment_id else a
                                                                for a in submission.attachments])
        self.submission_repo.save(tx, kept, audit_event(_actor(proof), "attachment_confirmed", now,
                                                        data={"attachment_id": attachment_id, "sha256": stored.sha256}))
        tx.commit()
        return {"attachment": _public_attachment(confirmed)}

    def resubmit(self, code: str, proof: Proof, data: dict[str, Any]) -> dict[str, Any]:
        """Send a returned submission back for verification, optionally with a corrected subject or body."""
        submission = self._unlock(code, proof)
        state = check_resubmit(submission.state)
        now = iso(now_wita())
        changed = replace(submission, state=state, updated_at=now, resubmissions=submission.resubmissions + 1,
                          subject=data.get("subject") or submission.subject, body=data.get("body") or submission.body)
        tx = self.new_tx()
        self.submission_repo.save(tx, changed, audit_event(_actor(proof), "resubmitted", now,
                                                           from_state=submission.state.value, to_state=state.value,
                                                           note=data.get("note")))
        self.submission_repo.add_to_timeline(tx, submission.code, timeline_entry(now, PublicStatus.RESUBMITTED),
                                             subject=changed.subject if submission.owner else None)
        tx.commit()
        self.events.publish(Event.SUBMISSION_RESUBMITTED, submission.org, submission.id,
                            {"code": submission.code, "status": PublicStatus.RESUBMITTED.value})
        return {"code": submission.code, "status": PublicStatus.RESUBMITTED.value}


def _actor(proof: Proof) -> Principal | None:
    # The owner's account in the audit trail; None is the anonymous sender with the secret.
    return Principal(username=proof.owner, role=Role.PUBLIC) if proof.owner else None


def _public_attachment(attachment: dict[str, Any]) -> dict[str, Any]:
    return {k: attachment[k] for k in ("id", "filename", "content_type", "status", "size", "sha256")}
