"""Submissions in DynamoDB: the private record, its public tracking item, and per-contact rate counters.

| who asks | what | key |
|---|---|---|
| the public | track a code (one GetItem, public attributes only) | `TRACK#{code}` / `#TRACK` |
| sender with the secret, or its owner | resubmit, attach, reply (code → record) | `TRACK#{code}` then `SUBMISSION#{id}` |
| a public account | its submissions, newest first | gsi1 of the tracking item `MYSUBS#{owner}`, `{submitted_at}#{code}` |
| operator | one submission | `SUBMISSION#{id}` / `#SUBMISSION` |
| operator | org's queue in one state, oldest first | gsi1 `SUBQ#{org}#{state}`, `{updated_at}#{id}` |
| operator | all of an org's submissions, newest first | gsi2 `SUBQ#{org}`, `{created_at}#{id}` |
| rate limit | submissions per contact per hour | `RATE#{hashed contact}#{hour}` / `#RATE` (TTL) |
"""

from __future__ import annotations

import time
from dataclasses import asdict, replace
from typing import Any

from pynamodb.attributes import (
    JSONAttribute,
    ListAttribute,
    MapAttribute,
    NumberAttribute,
    UnicodeAttribute,
    VersionAttribute,
)

from chalicelib.adapters import dynamo, monitoring_repo
from chalicelib.adapters.audit_repo import AuditRepository
from chalicelib.adapters.dynamo import Gsi1, Gsi2, Item, Page, Transaction, register
from chalicelib.adapters.records import write_transition
from chalicelib.domain.audit import GENESIS, AuditEvent
from chalicelib.domain.errors import NotFound, TooManyRequests
from chalicelib.domain.monitoring import Kind
from chalicelib.domain.submissions import (
    ProposalCategory,
    ProposalOutcome,
    PublicStatus,
    Sender,
    SenderKeys,
    SenderType,
    Submission,
    SubmissionKind,
    SubmissionState,
    TimelineEntry,
)

RATE_WINDOW_SECONDS = 3600
PUBLIC_ATTRIBUTES = ["code", "kind", "org_name", "status", "submitted_at", "updated_at", "timeline", "reply_number",
                     "reply_date"]
OWNED_ATTRIBUTES = ["code", "kind", "subject", "org_name", "status", "submitted_at", "updated_at", "reply_number",
                    "reply_date"]
SENDER_ATTRIBUTES = ["submission_id", "secret_hash", "owner", "reply_number", "reply_pdf_key"]


def submission_key(submission_id: str) -> tuple[str, str]:
    """A submission's private record."""
    return f"SUBMISSION#{submission_id}", "#SUBMISSION"


def track_key(code: str) -> tuple[str, str]:
    """A submission's public tracking item."""
    return f"TRACK#{code}", "#TRACK"


def owner_pk(owner: str) -> str:
    """gsi1 partition of the tracking items of one public account's submissions."""
    return f"MYSUBS#{owner}"


def queue_pk(org: str, state: str | None = None) -> str:
    """gsi1 (one state) or gsi2 (all) partition of an org's submissions."""
    return f"SUBQ#{org}#{state}" if state else f"SUBQ#{org}"


def rate_key(contact: str, now: float) -> tuple[str, str]:
    """The counter of one hashed contact in the current hour."""
    return f"RATE#{contact}#{int(now) // RATE_WINDOW_SECONDS}", "#RATE"


@register
class SubmissionItem(Item):
    """The private record: the sender's data, the content, the state."""

    gsi1pk = UnicodeAttribute()
    gsi1sk = UnicodeAttribute()
    gsi2pk = UnicodeAttribute()
    gsi2sk = UnicodeAttribute()
    by_state = Gsi1()
    by_org = Gsi2()
    id = UnicodeAttribute()
    code = UnicodeAttribute()
    org = UnicodeAttribute()
    org_name = UnicodeAttribute()
    sender = JSONAttribute()
    kind = UnicodeAttribute()
    subject = UnicodeAttribute()
    body = UnicodeAttribute()
    created_at = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    state = UnicodeAttribute()
    category = UnicodeAttribute(null=True)
    requested_amount = NumberAttribute(null=True)
    event_date = UnicodeAttribute(null=True)
    return_reason = UnicodeAttribute(null=True)
    decision_note = UnicodeAttribute(null=True)
    incoming_id = UnicodeAttribute(null=True)
    agenda_number = UnicodeAttribute(null=True)
    owner = UnicodeAttribute(null=True)
    outcome = UnicodeAttribute(null=True)
    outcome_note = UnicodeAttribute(null=True)
    resubmissions = NumberAttribute()
    attachments = JSONAttribute(null=True)
    audit_seq = NumberAttribute()
    audit_head = UnicodeAttribute()
    version = VersionAttribute()


class TimelineMap(MapAttribute):  # type: ignore[type-arg]
    """One public timeline entry."""

    at = UnicodeAttribute()
    status = UnicodeAttribute()
    label = UnicodeAttribute()
    reason = UnicodeAttribute(null=True)
    unit = UnicodeAttribute(null=True)


@register
class TrackItem(Item):
    """The public tracking view, pre-rendered, plus what the sender's secret unlocks (never sent back).

    A submission sent from a public account also carries its owner, its subject and the gsi1 keys of the
    owner's list, so "my submissions" is one Query showing the current status (kept here by every change).
    """

    gsi1pk = UnicodeAttribute(null=True)
    gsi1sk = UnicodeAttribute(null=True)
    by_owner = Gsi1()
    code = UnicodeAttribute()
    kind = UnicodeAttribute()
    org_name = UnicodeAttribute()
    status = UnicodeAttribute()
    submitted_at = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    timeline = ListAttribute(of=TimelineMap)
    reply_number = UnicodeAttribute(null=True)  # of the signed reply letter, once sent
    reply_date = UnicodeAttribute(null=True)
    submission_id = UnicodeAttribute()
    secret_hash = UnicodeAttribute()
    reply_pdf_key = UnicodeAttribute(null=True)  # what the secret unlocks: the reply's signed PDF
    owner = UnicodeAttribute(null=True)  # the public account it was sent from (never in tracking)
    subject = UnicodeAttribute(null=True)  # owned only: for the owner's list


@register
class RateItem(Item):
    """How many submissions one contact made in one hour (expires by TTL)."""

    count = NumberAttribute()
    expires_at = NumberAttribute()


def _entry(entry: TimelineEntry) -> TimelineMap:
    return TimelineMap(at=entry.at, status=entry.status.value, label=entry.label, reason=entry.reason,
                       unit=entry.unit)


def to_submission(item: SubmissionItem) -> Submission:
    """Domain view of a record."""
    sender = dict(item.sender)
    return Submission(
        id=item.id, code=item.code, org=item.org, org_name=item.org_name,
        sender=Sender(**{**sender, "type": SenderType(sender["type"])}), kind=SubmissionKind(item.kind),
        subject=item.subject, body=item.body, created_at=item.created_at, updated_at=item.updated_at,
        state=SubmissionState(item.state), category=ProposalCategory(item.category) if item.category else None,
        requested_amount=int(item.requested_amount) if item.requested_amount is not None else None,
        event_date=item.event_date, return_reason=item.return_reason, decision_note=item.decision_note,
        incoming_id=item.incoming_id, agenda_number=item.agenda_number,
        outcome=ProposalOutcome(item.outcome) if item.outcome else None, outcome_note=item.outcome_note,
        resubmissions=int(item.resubmissions), attachments=item.attachments or [], audit_seq=int(item.audit_seq),
        audit_head=item.audit_head, version=int(item.version or 1), owner=item.owner,
    )


def _item(s: Submission) -> SubmissionItem:
    return SubmissionItem(
        *submission_key(s.id), gsi1pk=queue_pk(s.org, s.state.value), gsi1sk=f"{s.updated_at}#{s.id}",
        gsi2pk=queue_pk(s.org), gsi2sk=f"{s.created_at}#{s.id}", id=s.id, code=s.code, org=s.org,
        org_name=s.org_name, sender={**asdict(s.sender), "type": s.sender.type.value}, kind=s.kind.value,
        subject=s.subject, body=s.body, created_at=s.created_at, updated_at=s.updated_at, state=s.state.value,
        category=s.category.value if s.category else None, requested_amount=s.requested_amount,
        event_date=s.event_date, return_reason=s.return_reason, decision_note=s.decision_note,
        incoming_id=s.incoming_id, agenda_number=s.agenda_number, outcome=s.outcome.value if s.outcome else None,
        outcome_note=s.outcome_note, resubmissions=s.resubmissions, attachments=s.attachments or None,
        audit_seq=s.audit_seq, audit_head=s.audit_head, owner=s.owner,
    )


def public_view(item: TrackItem) -> dict[str, Any]:
    """The tracking answer: only these fields, each listed here."""
    return {
        "code": item.code, "kind": item.kind, "org_name": item.org_name, "status": item.status,
        "submitted_at": item.submitted_at, "updated_at": item.updated_at,
        "timeline": [{"at": e.at, "status": e.status, "label": e.label, "reason": e.reason, "unit": e.unit}
                     for e in item.timeline],
        "reply": {"number": item.reply_number, "date": item.reply_date} if item.reply_number else None,
    }


def owned_view(item: TrackItem) -> dict[str, Any]:
    """A row of the owner's list."""
    return {"code": item.code, "kind": item.kind, "subject": item.subject, "org_name": item.org_name,
            "status": item.status, "submitted_at": item.submitted_at, "updated_at": item.updated_at,
            "reply": {"number": item.reply_number, "date": item.reply_date} if item.reply_number else None}


def _sender_keys(item: TrackItem) -> SenderKeys:
    return SenderKeys(submission_id=item.submission_id, secret_hash=item.secret_hash, owner=item.owner,
                      reply_number=item.reply_number, reply_pdf_key=item.reply_pdf_key)


class SubmissionRepository:
    """Records, tracking items and counters; every change goes through the caller's transaction."""

    def __init__(self, audit: AuditRepository) -> None:
        self.audit = audit

    def add(self, tx: Transaction, submission: Submission, secret_hash: str, first: TimelineEntry,
            event: AuditEvent) -> Submission:
        """A new record, its tracking item (the code must be new) and its first audit event."""
        sealed = write_transition(self.audit, tx, _item(submission),
                                  replace(event, record=submission_key(submission.id)[0]), prev_seq=0,
                                  prev_head=GENESIS, version=None)
        track = TrackItem(*track_key(submission.code), code=submission.code, kind=submission.kind.value,
                          org_name=submission.org_name, status=first.status.value, submitted_at=submission.created_at,
                          updated_at=first.at, timeline=[_entry(first)], submission_id=submission.id,
                          secret_hash=secret_hash)
        if submission.owner:
            track.owner, track.subject = submission.owner, submission.subject
            track.gsi1pk, track.gsi1sk = owner_pk(submission.owner), f"{submission.created_at}#{submission.code}"
        tx.put(track, condition=TrackItem.pk.does_not_exist())
        monitoring_repo.count_transition(tx, Kind.SUBMISSION, submission.org, None, event.to_state, event.at)
        return replace(submission, audit_head=sealed.hash)

    def save(self, tx: Transaction, submission: Submission, event: AuditEvent) -> Submission:
        """Write `submission` (read at its version) with its next audit event."""
        sealed = write_transition(self.audit, tx, _item(submission),
                                  replace(event, record=submission_key(submission.id)[0]),
                                  prev_seq=submission.audit_seq, prev_head=submission.audit_head,
                                  version=submission.version)
        monitoring_repo.count_transition(tx, Kind.SUBMISSION, submission.org, event.from_state, event.to_state,
                                         event.at, started=submission.created_at)
        return replace(submission, audit_seq=sealed.seq, audit_head=sealed.hash, version=submission.version + 1)

    def add_to_timeline(self, tx: Transaction, code: str, entry: TimelineEntry, status: PublicStatus | None = None,
                        *, subject: str | None = None) -> None:
        """Append `entry` to the public timeline (and set the public status) in `tx`; `subject`: the owner's
        list shows a corrected subject.
        """
        status = status or entry.status
        actions = [TrackItem.timeline.set(TrackItem.timeline.append([_entry(entry)])),
                   TrackItem.status.set(status.value), TrackItem.updated_at.set(entry.at)]
        if subject is not None:
            actions.append(TrackItem.subject.set(subject))
        tx.update(TrackItem(*track_key(code)), actions=actions, condition=TrackItem.pk.exists())

    def count_contacts(self, tx: Transaction, contacts: list[str], cap: int,
                       of: str = "one email address or phone number") -> None:
        """Count one submission for each contact this hour; the transaction fails with 429 at the cap."""
        now = time.time()
        for contact in contacts:
            tx.update(RateItem(*rate_key(contact, now)),
                      actions=[RateItem.count.add(1),
                               RateItem.expires_at.set(int(now) // RATE_WINDOW_SECONDS * RATE_WINDOW_SECONDS
                                                       + 2 * RATE_WINDOW_SECONDS)],
                      condition=RateItem.count.does_not_exist() | (RateItem.count < cap),
                      on_condition_failed=lambda: TooManyRequests(
                          f"at most {cap} submissions per hour from {of}",
                          details={"retry_after_seconds": RATE_WINDOW_SECONDS - int(now) % RATE_WINDOW_SECONDS}))

    def track(self, code: str) -> dict[str, Any]:
        """The public view of a code: one GetItem reading only public attributes; NotFound otherwise."""
        return public_view(_track_item(code, PUBLIC_ATTRIBUTES))

    def reissue_secret(self, code: str, secret_hash: str) -> None:
        """Replace the secret of an existing code (a retried submit gets a fresh secret; only its hash is kept)."""
        if not dynamo.applied(lambda: TrackItem(*track_key(code)).update(
                actions=[TrackItem.secret_hash.set(secret_hash)], condition=TrackItem.pk.exists())):
            raise NotFound("no submission has this tracking code", details={"field": "code"})

    def record_reply(self, code: str, number: str, date: str, pdf_key: str) -> None:
        """The signed reply letter the sender may fetch with the secret (the latest reply wins; safe to repeat)."""
        TrackItem(*track_key(code)).update(
            actions=[TrackItem.reply_number.set(number), TrackItem.reply_date.set(date),
                     TrackItem.reply_pdf_key.set(pdf_key)],
            condition=TrackItem.pk.exists())

    def unlock(self, code: str) -> SenderKeys:
        """What stands behind a code for the sender's own actions (one GetItem)."""
        return _sender_keys(_track_item(code, SENDER_ATTRIBUTES))

    def sender_view(self, code: str) -> tuple[SenderKeys, dict[str, Any]]:
        """What stands behind a code and its public view (one GetItem)."""
        item = _track_item(code, None)
        return _sender_keys(item), public_view(item)

    def list_owned(self, owner: str, limit: int, cursor: str | None) -> Page[dict[str, Any]]:
        """A public account's submissions, newest first, with their current public status (one Query)."""
        return dynamo.query_page(TrackItem.by_owner.query, "gsi1pk", owner_pk(owner), limit=limit, cursor=cursor,
                                 convert=owned_view, scan_index_forward=False, attributes_to_get=OWNED_ATTRIBUTES)

    def get(self, submission_id: str) -> Submission:
        """One record or NotFound."""
        try:
            return to_submission(SubmissionItem.get(*submission_key(submission_id)))
        except SubmissionItem.DoesNotExist as exc:
            raise NotFound("no such submission") from exc

    def list(self, org: str, state: str | None, limit: int, cursor: str | None) -> Page[Submission]:
        """An org's queue in one state (oldest first, as work is done), or all its submissions newest first."""
        if state:
            return dynamo.query_page(SubmissionItem.by_state.query, "gsi1pk", queue_pk(org, state), limit=limit,
                                     cursor=cursor, convert=to_submission)
        return dynamo.query_page(SubmissionItem.by_org.query, "gsi2pk", queue_pk(org), limit=limit, cursor=cursor,
                                 convert=to_submission, scan_index_forward=False)

    def claim_notice(self, key: str) -> bool:
        """True the first time `key` is claimed (a message to a sender goes out once per event)."""
        return dynamo.applied(lambda: NoticeItem(
            f"NOTICE#{key}", "#NOTICE", expires_at=int(time.time()) + 7 * 24 * 3600).save(
            condition=NoticeItem.pk.does_not_exist()))


def _track_item(code: str, attributes: list[str] | None) -> TrackItem:
    try:
        return TrackItem.get(*track_key(code), attributes_to_get=attributes)
    except TrackItem.DoesNotExist as exc:
        raise NotFound("no submission has this tracking code", details={"field": "code"}) from exc


@register
class NoticeItem(Item):
    """A message to a sender that was sent (kept a week)."""

    expires_at = NumberAttribute()
