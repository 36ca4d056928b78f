"""The audit trails of incoming letters and submissions, each read from its record's partition."""

from __future__ import annotations

from chalicelib.adapters.audit_repo import AuditRepository
from chalicelib.adapters.incoming_repo import incoming_key
from chalicelib.adapters.submission_repo import submission_key
from chalicelib.domain.audit import AuditEvent


class RecordTrailRepository:
    """Reads the trail of a record named by its kind and id (one Query each)."""

    def __init__(self, audit_repo: AuditRepository) -> None:
        self.audit_repo = audit_repo

    def incoming_trail(self, incoming_id: str) -> list[AuditEvent]:
        """The events of an incoming letter, in order."""
        return self.audit_repo.trail(incoming_key(incoming_id)[0])

    def submission_trail(self, submission_id: str) -> list[AuditEvent]:
        """The events of a public submission, in order."""
        return self.audit_repo.trail(submission_key(submission_id)[0])
