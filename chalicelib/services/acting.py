"""Use cases of acting holders (Plt / Plh): appoint, list, end early, and act for a position in a request."""

from __future__ import annotations

from dataclasses import asdict, replace
from datetime import date
from typing import Any

from chalicelib.adapters import dynamo
from chalicelib.adapters.dynamo import Transaction
from chalicelib.adapters.org_repo import OrgRepository
from chalicelib.domain.acting import (
    ActingKind,
    Appointment,
    active_for,
    check_new,
    end_early,
    new_appointment_id,
    pending,
)
from chalicelib.domain.errors import Conflict, Forbidden, NotFound
from chalicelib.domain.identity import Acting, Principal, require_org_admin
from chalicelib.domain.timefmt import WITA, iso, now_wita
from chalicelib.services.common import commit_create, page_view
from chalicelib.services.org_admin import require_org_reader

Result = tuple[int, dict[str, Any]]


def today_wita() -> date:
    """Today's date in Bali: appointments run by the WITA calendar."""
    return now_wita().astimezone(WITA).date()


def appointment_view(appointment: Appointment, today: date | None = None) -> dict[str, Any]:
    """An appointment as the API shows it ('from' / 'to' as in the decree, and its status today)."""
    data = asdict(appointment)
    start, end = data.pop("start"), data.pop("end")
    data.update({"kind": appointment.kind.value, "from": start.isoformat(), "to": end.isoformat(),
                 "status": appointment.status(today or today_wita())})
    return data


class ActingService:
    """Appointments are made and ended by the org's admin; the appointee acts with `X-Acting-For`."""

    def __init__(self, org_repo: OrgRepository) -> None:
        self.org_repo = org_repo

    def appoint(self, principal: Principal, org: str, code: str, data: dict[str, Any],
                idempotency_key: str | None) -> Result:
        """Appoint a Plt / Plh for a position: one GetItem of its schedule, one transaction."""
        require_org_admin(principal, org)
        schedule = self.org_repo.acting_schedule(org, code)
        today = today_wita()
        start, end = data["from_"], data["to"]
        appointment = Appointment(id=new_appointment_id(start), org=org, position=code, username=data["username"],
                                  kind=ActingKind(data["kind"]), start=start, end=end, decree=data.get("decree"),
                                  appointed_by=principal.username, appointed_at=iso(now_wita()))
        request = {"org": org, "position": code, **{k: str(v) if isinstance(v, date) else v for k, v in data.items()}}
        try:
            check_new(appointment, schedule.appointments, holder=schedule.position.holder, today=today)
        except Conflict:
            # A retry of an appointment that was made overlaps it: answer as the first time (only on this path,
            # so a first request stays at two calls).
            replay = dynamo.find_replay(principal.username, idempotency_key, request) if idempotency_key else None
            if replay is not None:
                return replay.status_code, replay.response
            raise
        tx = Transaction()
        self.org_repo.add_appointment(tx, schedule, appointment, keep=pending(schedule.appointments, today))
        return commit_create(tx, scope=principal.username, idempotency_key=idempotency_key, request=request,
                             response=appointment_view(appointment, today))

    def list(self, principal: Principal, org: str, code: str, limit: int, cursor: str | None) -> dict[str, Any]:
        """A position's appointments by start date (its org's staff): one Query."""
        require_org_reader(principal, org)
        today = today_wita()
        return page_view(self.org_repo.list_appointments(org, code, limit, cursor),
                         lambda a: appointment_view(a, today))

    def end(self, principal: Principal, org: str, code: str, appointment_id: str) -> dict[str, Any]:
        """End an appointment before its last day (or cancel one not started): it no longer holds from now."""
        require_org_admin(principal, org)
        schedule = self.org_repo.acting_schedule(org, code)
        today = today_wita()
        found = next((a for a in schedule.appointments if a.id == appointment_id), None)
        if found is None or found not in pending(schedule.appointments, today):
            raise NotFound(f"no current or future appointment {appointment_id} for {code}",
                           details={"appointment": appointment_id})
        ended = end_early(found, by=principal.username, at=iso(now_wita()))
        tx = Transaction()
        self.org_repo.end_appointment(tx, schedule, ended,
                                      keep=[a for a in pending(schedule.appointments, today) if a.id != found.id])
        tx.commit()
        return appointment_view(ended, today)

    def act_for(self, principal: Principal, code: str) -> Principal:
        """The caller acting for position `code` of their org, if an appointment is in force today (one GetItem)."""
        if not principal.is_staff or not principal.org:
            raise Forbidden("only staff of an org act for one of its positions", details={"position": code})
        try:
            schedule = self.org_repo.acting_schedule(principal.org, code)
        except NotFound as exc:
            raise Forbidden(f"there is no position {code} in {principal.org} to act for",
                            details={"field": "X-Acting-For", "position": code}) from exc
        appointment = active_for(schedule.appointments, code, principal.username, today_wita())
        return replace(principal, position=code,
                       acting=Acting(kind=appointment.kind.value, appointment=appointment.id,
                                     own_position=principal.position))
