"""What waits for a seat, read for the morning digest from the letters' and dispositions' own lists."""

from __future__ import annotations

from typing import Any

from chalicelib.adapters.disposition_repo import DispositionRepository
from chalicelib.adapters.letter_repo import LetterRepository
from chalicelib.domain.dispositions import Disposition, DispositionState
from chalicelib.domain.staff_alerts import Digest, WorkItem

LISTED = 50  # per list: the digest prints counts up to here and the first lines


def _approval(step: dict[str, Any]) -> WorkItem:
    return WorkItem(title=step["subject"] or "(surat rahasia)", record_type="letter", record_id=step["letter_id"],
                    overdue=step["overdue"])


def _disposition(disposition: Disposition, overdue: bool = False) -> WorkItem:
    return WorkItem(title=f"{disposition.agenda_number} {disposition.subject}".strip(), record_type="disposition",
                    record_id=disposition.id, overdue=overdue)


class StaffWorkRepository:
    """Three Queries per seat: steps waiting for it, dispositions to it (newest), its overdue dispositions."""

    def __init__(self, letter_repo: LetterRepository, disposition_repo: DispositionRepository) -> None:
        self.letter_repo = letter_repo
        self.disposition_repo = disposition_repo

    def waiting_for(self, org: str, position: str, now: str) -> Digest:
        """Pending approvals, unread dispositions and overdue dispositions of a seat."""
        steps = self.letter_repo.list_approvals(org, position, LISTED, None).items
        recent = self.disposition_repo.list_to(org, position, LISTED, None).items
        late = self.disposition_repo.list_overdue(org, position, now, LISTED, None).items
        return Digest(approvals=[_approval(s) for s in steps],
                      unread=[_disposition(d) for d in recent if d.state is DispositionState.ASSIGNED],
                      overdue=[_disposition(d, overdue=True) for d in late])
