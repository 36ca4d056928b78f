"""Use case: the 07:00 WITA digest to leaders (echelon I-III) of what waits for them, by e-mail (or SMS when
they have no e-mail address). Reads orgs and positions by Query, each leader seat's lists by Query; no Scan.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Protocol, TypeVar

from chalicelib.adapters.dynamo import Page
from chalicelib.domain.org import Org, Position
from chalicelib.domain.staff_alerts import LEADER_LEVELS, Channel, Contact, Digest, digest_message, in_quiet_hours
from chalicelib.domain.timefmt import indonesian_date, iso, now_wita
from chalicelib.services.staff_alerts import AlertQueue, PreferenceStore, StaffChannel, StaffDirectory

PAGE = 100
T = TypeVar("T")


class OrgDirectory(Protocol):
    """Orgs and their positions, one page per Query."""

    def list_orgs(self, limit: int, cursor: str | None) -> Page[Org]:
        """One page of orgs."""
    def list_positions(self, org: str, limit: int, cursor: str | None) -> Page[Position]:
        """One page of an org's positions."""


class WorkQueues(Protocol):
    """What waits for a seat."""

    def waiting_for(self, org: str, position: str, now: str) -> Digest:
        """Pending approvals, unread and overdue dispositions of a seat."""


class StaffDigestService:
    """The morning digest, sent once per person and day."""

    def __init__(self, org_repo: OrgDirectory, work_repo: WorkQueues, staff_repo: StaffDirectory,
                 preference_repo: PreferenceStore, alert_repo: AlertQueue, channels: Mapping[Channel, StaffChannel],
                 public_base_url: str) -> None:
        self.org_repo = org_repo
        self.work_repo = work_repo
        self.staff_repo = staff_repo
        self.preference_repo = preference_repo
        self.alert_repo = alert_repo
        self.channels = channels
        self.public_base_url = public_base_url

    def send_all(self, now: datetime | None = None) -> dict[str, int]:
        """Send today's digest to every leader who wants it and has something waiting; counts."""
        moment = now or now_wita()
        sent = seats = 0
        for position in self._leader_seats():
            seats += 1
            sent += self._send_for(position, moment)
        return {"seats": seats, "sent": sent}

    def _leader_seats(self) -> list[Position]:
        seats: list[Position] = []
        for org in _all(lambda cursor: self.org_repo.list_orgs(PAGE, cursor)):
            seats += [p for p in self._positions(org.code) if p.level.value in LEADER_LEVELS]
        return seats

    def _positions(self, org: str) -> list[Position]:
        return _all(lambda cursor: self.org_repo.list_positions(org, PAGE, cursor))

    def _send_for(self, position: Position, moment: datetime) -> int:
        people = self.staff_repo.people_of(position.org, position.code, moment.date())
        prefs = self.preference_repo.get_many([p.username for p in people]) if people else {}
        wanting = [p for p in people if prefs[p.username].digest and not in_quiet_hours(prefs[p.username], moment)]
        if not wanting:
            return 0
        digest = self.work_repo.waiting_for(position.org, position.code, iso(moment))
        if digest.empty:
            return 0
        return sum(self._send_to(person, digest, moment) for person in wanting)

    def _send_to(self, person: Contact, digest: Digest, moment: datetime) -> int:
        reachable = [(c, a) for c, a in self.channels.items() if a.address(person)]
        if not reachable:
            return 0
        channel, adapter = reachable[0]  # e-mail first (Channel order); another channel only without one
        key = f"digest#{moment.date().isoformat()}#{person.username}"
        if not self.alert_repo.claim(key):
            return 0
        message = digest_message(person.full_name, digest, indonesian_date(moment), self.public_base_url)
        try:
            adapter.send(adapter.address(person) or "", message)
        except Exception:
            self.alert_repo.unclaim(key)  # Lambda's retry of the schedule sends it
            raise
        return 1


def _all(page_of: Callable[[str | None], Page[T]]) -> list[T]:
    """Every item of a paged list (one Query per page)."""
    items: list[T] = []
    cursor: str | None = None
    while True:
        page = page_of(cursor)
        items += page.items
        if not page.next:
            return items
        cursor = page.next
