"""Use cases of the archive: search and export, retention due (JRA), legal holds, the dashboard, and the
timelines of incoming letters and submissions (letters have theirs in services/letters.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import Any, Protocol

from chalicelib.adapters.dynamo import Page, Transaction
from chalicelib.adapters.org_repo import OrgRepository
from chalicelib.domain.archive import (
    ARCHIVE_ROLES,
    SECRET,
    ArchiveEntry,
    ArchiveQuery,
    RecordKind,
    archive_org,
    entry_view,
    may_see,
    parse_day,
    parse_query,
    parse_ref,
    to_csv,
)
from chalicelib.domain.audit import AuditEvent
from chalicelib.domain.errors import NotFound
from chalicelib.domain.identity import Principal, Role, require_role, require_staff_or_auditor
from chalicelib.domain.incoming import IncomingLetter
from chalicelib.domain.submissions import Submission
from chalicelib.domain.timefmt import iso, now_wita
from chalicelib.services.audited import audit_event
from chalicelib.services.incoming import Readership
from chalicelib.services.letters_ports import ArchiveRepo, ClassificationRepo, LetterRepo, Transactions
from chalicelib.services.monitoring import dashboard_figures
from chalicelib.services.trails import chain_view
from chalicelib.services.verification import require_operator_of


class ArchiveIndexRepo(ArchiveRepo, Protocol):
    """The archive index as searched, and its legal holds."""

    def set_hold(self, tx: Transaction, entry: ArchiveEntry, hold: bool, note: str | None) -> None:
        """Set or lift a legal hold, added to `tx`."""
    def search(self, query: ArchiveQuery, limit: int, cursor: str | None) -> Page[ArchiveEntry]:
        """One page of entries matching the query's key."""
    def retention_due(self, org: str, on: date, limit: int, cursor: str | None) -> Page[ArchiveEntry]:
        """Entries whose final action is due on `on` or before."""


class IncomingRepo(Protocol):
    """Incoming letters: read, and saved with an audit event (a legal hold)."""

    def get(self, incoming_id: str) -> IncomingLetter:
        """One incoming letter, or NotFound."""

    def save(self, tx: Transaction, letter: IncomingLetter, event: AuditEvent) -> IncomingLetter:
        """Write the letter and append `event` to its trail, in `tx`."""


class SubmissionReader(Protocol):
    """Public submissions (read only)."""

    def get(self, submission_id: str) -> Submission:
        """One submission, or NotFound."""


class TrailRepo(Protocol):
    """The audit trails of incoming letters and submissions."""

    def incoming_trail(self, incoming_id: str) -> list[AuditEvent]:
        """The events of an incoming letter."""
    def submission_trail(self, submission_id: str) -> list[AuditEvent]:
        """The events of a submission."""


class ArchiveService:
    """The archive of each org, read within what the caller may see."""

    def __init__(self, archive_repo: ArchiveIndexRepo, letter_repo: LetterRepo, incoming_repo: IncomingRepo,
                 submission_repo: SubmissionReader, trail_repo: TrailRepo,
                 classification_repo: ClassificationRepo, org_repo: OrgRepository,
                 transactions: Transactions = Transaction) -> None:
        self.archive_repo = archive_repo
        self.letter_repo = letter_repo
        self.incoming_repo = incoming_repo
        self.submission_repo = submission_repo
        self.trail_repo = trail_repo
        self.classification_repo = classification_repo
        self.org_repo = org_repo
        self.transaction = transactions

    # ------------------------------------------------------------ search

    def _search(self, principal: Principal, params: Mapping[str, str | None], limit: int,
                cursor: str | None) -> tuple[list[ArchiveEntry], str | None]:
        require_role(principal, *ARCHIVE_ROLES)
        table = self.classification_repo.table() if params.get("classification") else {}  # read only to check a code
        query = parse_query(archive_org(principal, params.get("org")), params, table)
        page = self.archive_repo.search(query, limit, cursor)
        return [e for e in page.items if query.matches(e) and may_see(e, principal)], page.next

    def search(self, principal: Principal, params: Mapping[str, str | None], limit: int,
               cursor: str | None) -> dict[str, Any]:
        """One page of the org's archive, newest first (one Query; filters not served by the key thin the page)."""
        entries, next_cursor = self._search(principal, params, limit, cursor)
        return {"items": [entry_view(e) for e in entries], "next": next_cursor}

    def export(self, principal: Principal, params: Mapping[str, str | None], limit: int,
               cursor: str | None) -> tuple[str, str | None]:
        """The same rows as `search`, as CSV for Excel, and the cursor of the next rows."""
        entries, next_cursor = self._search(principal, params, limit, cursor)
        return to_csv(entries), next_cursor

    # ------------------------------------------------------------ retention

    def retention_due(self, principal: Principal, params: Mapping[str, str | None], limit: int,
                      cursor: str | None) -> dict[str, Any]:
        """Records whose final retention action is due on `on` (default today), earliest first; held ones never."""
        require_role(principal, *ARCHIVE_ROLES)
        org = archive_org(principal, params.get("org"))
        on = parse_day("on", params.get("on"), now_wita().date())
        page = self.archive_repo.retention_due(org, on, limit, cursor)
        return {"on": on.isoformat(), "items": [entry_view(e) for e in page.items if may_see(e, principal)],
                "next": page.next}

    def legal_hold(self, principal: Principal, ref: str, data: dict[str, Any]) -> dict[str, Any]:
        """Set or lift a legal hold (org admins); recorded in the record's audit trail in the same transaction."""
        require_role(principal, Role.ADMIN)
        kind, record_id = parse_ref(ref)
        entry = self.archive_repo.get(kind, record_id)
        if not principal.is_global_admin and entry.org != principal.org:
            raise NotFound("no such archived record")
        hold, note = bool(data["hold"]), (data.get("note") or "").strip() or None
        now = iso(now_wita())
        event = audit_event(principal, "legal_hold_set" if hold else "legal_hold_lifted", now, note=note,
                            data={"previous": entry.legal_hold})
        tx = self.transaction()
        self.archive_repo.set_hold(tx, entry, hold, note)
        if kind is RecordKind.LETTER:
            record = self.letter_repo.get(record_id)
            record = self.letter_repo.record_event(tx, record, replace(event, from_state=record.letter.state.value,
                                                                   to_state=record.letter.state.value))
            self.letter_repo.save(tx, replace(record, letter=replace(record.letter, updated_at=now)))
        else:
            letter = self.incoming_repo.get(record_id)
            self.incoming_repo.save(tx, letter, replace(event, from_state=letter.state.value, to_state=letter.state.value))
        tx.commit()
        return {"record": entry.ref, "legal_hold": hold, "note": note, "action_due": entry.action_due,
                "final_action": entry.final_action}

    # ------------------------------------------------------------ dashboard

    def dashboard(self, principal: Principal, org: str | None, period: str | None = None) -> dict[str, Any]:
        """Dashboard figures of an org: pages not printed, backlog now, throughput and turnaround (2 calls)."""
        require_staff_or_auditor(principal)
        return dashboard_figures(archive_org(principal, org), now_wita(), period)

    # ------------------------------------------------------------ timelines of other records

    def incoming_timeline(self, principal: Principal, incoming_id: str) -> dict[str, Any]:
        """Who did what to an incoming letter, with the verification of its audit chain: those who may read the
        letter (GET /incoming/{id}; others of its org get 404: the trail names its agenda number, who registered
        it and where it was disposed), and the auditor of any org's letter that is not secret.
        """
        letter = self.incoming_repo.get(incoming_id)
        if principal.is_auditor:
            if letter.security in SECRET:
                raise NotFound("no such incoming letter")
        else:
            Readership(self.org_repo, principal).require(letter)
        return {"incoming_id": letter.id,
                **chain_view(self.trail_repo.incoming_trail(letter.id), letter.audit_seq, letter.audit_head)}

    def submission_timeline(self, principal: Principal, submission_id: str) -> dict[str, Any]:
        """Who did what to a submission, with the verification of its audit chain (the org's operators; the
        auditor of any org).
        """
        submission = self.submission_repo.get(submission_id)
        if not principal.is_auditor:
            require_operator_of(principal, submission.org)
        return {"submission_id": submission.id,
                **chain_view(self.trail_repo.submission_trail(submission.id), submission.audit_seq,
                             submission.audit_head)}
