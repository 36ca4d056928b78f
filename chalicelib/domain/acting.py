"""Acting holders (Plt / Plh): a user appointed by a dated decree to act for a position.

*Plh.* (pelaksana harian) stands in while the holder is away, for a short time; *Plt.* (pelaksana tugas)
fills a vacant seat. While an appointment is active the appointee reviews and signs in the name of the
position, and the signature block reads "Plh. <title>" above the appointee's own name and NIP.

A position keeps its schedule: the appointments that have not ended yet (current and future). New
appointments are checked against it, and it is written back under a version condition, so two admins
appointing at once cannot both succeed with overlapping dates.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from chalicelib.domain.errors import Conflict, Forbidden, ValidationFailed

MAX_DAYS = {"plh": 31, "plt": 366}  # a Plh covers an absence; a Plt a vacancy, renewed by a new decree
MAX_SCHEDULED = 12  # current and future appointments of one position (keeps the schedule item small)


class ActingKind(StrEnum):
    """Plt fills a vacancy, Plh covers an absence."""

    PLT = "plt"
    PLH = "plh"

    @property
    def prefix(self) -> str:
        """What is printed before the position's title: 'Plt.' or 'Plh.'."""
        return "Plt." if self is ActingKind.PLT else "Plh."


@dataclass(frozen=True)
class Appointment:
    """One decree: `username` acts for `position` from `start` to `end` (inclusive, dates in WITA)."""

    id: str
    org: str
    position: str
    username: str
    kind: ActingKind
    start: date
    end: date
    appointed_by: str
    appointed_at: str
    decree: str | None = None
    ended_at: str | None = None
    ended_by: str | None = None

    def active_on(self, day: date) -> bool:
        """In force on `day`: within its dates and not ended early."""
        return self.ended_at is None and self.start <= day <= self.end

    def overlaps(self, other: Appointment) -> bool:
        """The two date ranges share at least one day."""
        return self.start <= other.end and other.start <= self.end

    def status(self, today: date) -> str:
        """'ended' (early), 'active', 'scheduled' or 'expired'."""
        if self.ended_at is not None:
            return "ended"
        if self.start > today:
            return "scheduled"
        return "active" if today <= self.end else "expired"


def new_appointment_id(start: date) -> str:
    """Sortable by start date, unguessable after it: e.g. '20260301-5f3a9c1e'."""
    return f"{start:%Y%m%d}-{secrets.token_hex(4)}"


def acting_title(kind: ActingKind | str, title: str) -> str:
    """The signer's title of an acting holder: 'Plh. Kepala Dinas …'."""
    return f"{ActingKind(kind).prefix} {title}"


def pending(schedule: list[Appointment], today: date) -> list[Appointment]:
    """Appointments of a schedule that still matter: not ended early and not over before `today`."""
    return [a for a in schedule if a.ended_at is None and a.end >= today]


def check_new(appointment: Appointment, schedule: list[Appointment], *, holder: str | None, today: date) -> None:
    """A new appointment's rules: dates, length by kind, not the holder, no overlap with the schedule."""
    if appointment.end < appointment.start:
        raise ValidationFailed.field("to", "must be on or after 'from'")
    if appointment.start < today:
        raise ValidationFailed.field("from", f"must be today ({today.isoformat()}) or later; "
                                             "a decree entered late takes effect from today")
    days = (appointment.end - appointment.start).days + 1
    limit = MAX_DAYS[appointment.kind.value]
    if days > limit:
        raise ValidationFailed.field("to", f"a {appointment.kind.value} appointment lasts at most {limit} days "
                                           f"(this one {days})")
    if holder is not None and appointment.username == holder:
        raise ValidationFailed.field("username", f"{holder} holds {appointment.position}; "
                                                 "appoint someone else to act for it")
    current = pending(schedule, today)
    clash = next((a for a in current if a.overlaps(appointment)), None)
    if clash is not None:
        raise Conflict(f"{appointment.position} already has an acting holder from {clash.start.isoformat()} "
                       f"to {clash.end.isoformat()}", details={"field": "from", "appointment": clash.id})
    if len(current) >= MAX_SCHEDULED:
        raise Conflict(f"{appointment.position} already has {MAX_SCHEDULED} current or future appointments")


def end_early(appointment: Appointment, *, by: str, at: str) -> Appointment:
    """The appointment ended (or cancelled, if it had not started) by an admin."""
    if appointment.ended_at is not None:
        raise Conflict(f"appointment {appointment.id} already ended", details={"appointment": appointment.id})
    return replace(appointment, ended_at=at, ended_by=by)


def active_for(schedule: list[Appointment], position: str, username: str, today: date) -> Appointment:
    """The caller's appointment in force today for `position`; Forbidden naming the position otherwise."""
    found = next((a for a in schedule if a.username == username and a.active_on(today)), None)
    if found is None:
        raise Forbidden(f"you have no acting appointment (Plt/Plh) for position {position} in force today",
                        details={"field": "X-Acting-For", "position": position, "date": today.isoformat()})
    return found
