"""In-memory submissions: records, tracking items, rate counters and sent-message markers."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from chalicelib.adapters.dynamo import Page, Transaction
from chalicelib.domain.audit import AuditEvent
from chalicelib.domain.errors import DomainError, NotFound, TooManyRequests
from chalicelib.domain.submissions import PublicStatus, SenderKeys, Submission, TimelineEntry
from tests.fakes_intake.store import Store, page, staged, write_transition

KIND = "submission"


@dataclass
class Track:
    """A tracking item: the public view plus what the secret unlocks."""

    code: str
    kind: str
    org_name: str
    status: str
    submitted_at: str
    updated_at: str
    submission_id: str
    secret_hash: str
    timeline: list[dict[str, Any]] = field(default_factory=list)
    owner: str | None = None
    subject: str | None = None
    reply_number: str | None = None
    reply_date: str | None = None
    reply_pdf_key: str | None = None

    def public(self) -> dict[str, Any]:
        """The tracking answer, as the DynamoDB adapter renders it."""
        return {"code": self.code, "kind": self.kind, "org_name": self.org_name, "status": self.status,
                "submitted_at": self.submitted_at, "updated_at": self.updated_at,
                "timeline": [dict(e) for e in self.timeline], "reply": self._reply()}

    def owned(self) -> dict[str, Any]:
        """A row of the owner's list."""
        return {"code": self.code, "kind": self.kind, "subject": self.subject, "org_name": self.org_name,
                "status": self.status, "submitted_at": self.submitted_at, "updated_at": self.updated_at,
                "reply": self._reply()}

    def keys(self) -> SenderKeys:
        """What the code unlocks."""
        return SenderKeys(submission_id=self.submission_id, secret_hash=self.secret_hash, owner=self.owner,
                          reply_number=self.reply_number, reply_pdf_key=self.reply_pdf_key)

    def _reply(self) -> dict[str, Any] | None:
        return {"number": self.reply_number, "date": self.reply_date} if self.reply_number else None


def _entry(entry: TimelineEntry) -> dict[str, Any]:
    return {"at": entry.at, "status": entry.status.value, "label": entry.label, "reason": entry.reason,
            "unit": entry.unit}


class FakeSubmissionRepo:
    """Same methods, conditions and errors as adapters.submission_repo.SubmissionRepository."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.tracks: dict[str, Track] = {}
        self.rates: dict[str, int] = {}
        self.notices: set[str] = set()

    def add(self, tx: Transaction, submission: Submission, secret_hash: str, first: TimelineEntry,
            event: AuditEvent) -> Submission:
        """A new record, its tracking item (the code must be new) and its first audit event."""
        sealed = write_transition(tx, KIND, submission, event, new=True)
        track = Track(code=submission.code, kind=submission.kind.value, org_name=submission.org_name,
                      status=first.status.value, submitted_at=submission.created_at, updated_at=first.at,
                      submission_id=submission.id, secret_hash=secret_hash, timeline=[_entry(first)],
                      owner=submission.owner, subject=submission.subject if submission.owner else None)

        def check() -> DomainError | None:
            return DomainError("tracking code taken") if submission.code in self.tracks else None

        staged(tx).stage(lambda: self.tracks.__setitem__(submission.code, track), check)
        return replace(submission, audit_head=str(sealed.hash))

    def save(self, tx: Transaction, submission: Submission, event: AuditEvent) -> Submission:
        """Write `submission` (read at its version) with its next audit event."""
        sealed = write_transition(tx, KIND, submission, event, new=False)
        return replace(submission, audit_seq=sealed.seq, audit_head=str(sealed.hash), version=submission.version + 1)

    def add_to_timeline(self, tx: Transaction, code: str, entry: TimelineEntry, status: PublicStatus | None = None,
                        *, subject: str | None = None) -> None:
        """Append `entry` to the public timeline and set the public status (the code must exist)."""
        def write() -> None:
            track = self.tracks[code]
            track.timeline.append(_entry(entry))
            track.status, track.updated_at = (status or entry.status).value, entry.at
            if subject is not None:
                track.subject = subject

        staged(tx).stage(write, lambda: None if code in self.tracks else DomainError("no such tracking item"))

    def count_contacts(self, tx: Transaction, contacts: list[str], cap: int,
                       of: str = "one email address or phone number") -> None:
        """Count one submission per contact; at the cap the commit fails with 429."""
        for contact in contacts:
            def check(contact: str = contact) -> DomainError | None:
                if self.rates.get(contact, 0) >= cap:
                    return TooManyRequests(f"at most {cap} submissions per hour from {of}")
                return None

            def write(contact: str = contact) -> None:
                self.rates[contact] = self.rates.get(contact, 0) + 1

            staged(tx).stage(write, check)

    def reissue_secret(self, code: str, secret_hash: str) -> None:
        """Replace the secret of an existing code."""
        self._track(code).secret_hash = secret_hash

    def track(self, code: str) -> dict[str, Any]:
        """The public view of a code."""
        return self._track(code).public()

    def record_reply(self, code: str, number: str, date: str, pdf_key: str) -> None:
        """The signed reply letter of a code."""
        track = self._track(code)
        track.reply_number, track.reply_date, track.reply_pdf_key = number, date, pdf_key

    def unlock(self, code: str) -> SenderKeys:
        """What stands behind a code."""
        return self._track(code).keys()

    def sender_view(self, code: str) -> tuple[SenderKeys, dict[str, Any]]:
        """What stands behind a code and its public view."""
        track = self._track(code)
        return track.keys(), track.public()

    def list_owned(self, owner: str, limit: int, cursor: str | None) -> Page[dict[str, Any]]:
        """A public account's submissions, newest first."""
        mine = sorted((t for t in self.tracks.values() if t.owner == owner),
                      key=lambda t: (t.submitted_at, t.code), reverse=True)
        return page([t.owned() for t in mine], limit, cursor)

    def get(self, submission_id: str) -> Submission:
        """One record or NotFound."""
        record = self.store.records.get((KIND, submission_id))
        if record is None:
            raise NotFound("no such submission")
        return record  # type: ignore[no-any-return]

    def list(self, org: str, state: str | None, limit: int, cursor: str | None) -> Page[Submission]:
        """One state oldest first (by last change), or all newest first."""
        subs = [r for (kind, _), r in self.store.records.items() if kind == KIND and r.org == org]
        if state:
            rows = sorted((s for s in subs if s.state.value == state), key=lambda s: (s.updated_at, s.id))
        else:
            rows = sorted(subs, key=lambda s: (s.created_at, s.id), reverse=True)
        return page(rows, limit, cursor)

    def claim_notice(self, key: str) -> bool:
        """True the first time `key` is claimed."""
        if key in self.notices:
            return False
        self.notices.add(key)
        return True

    def _track(self, code: str) -> Track:
        if code not in self.tracks:
            raise NotFound("no submission has this tracking code", details={"field": "code"})
        return self.tracks[code]
