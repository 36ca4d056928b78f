"""The repository of the organisation structure (orgs, units, positions, users, acting appointments); its
items and keys are in org_items.
"""

from __future__ import annotations

from typing import Any

from chalicelib.adapters import dynamo
from chalicelib.adapters.dynamo import Page, Transaction
from chalicelib.adapters.org_items import (
    ORGS_INDEX_PK,
    ActingSchedule,
    AppointmentItem,
    OrgItem,
    PositionItem,
    UnitItem,
    UserItem,
    appointment_data,
    appointment_key,
    appointment_of,
    appointment_of_item,
    org_key,
    org_of,
    position_key,
    position_of,
    same_value,
    unit_key,
    unit_of,
    user_key,
    user_of,
    users_index_pk,
)
from chalicelib.domain.acting import Appointment
from chalicelib.domain.errors import Conflict, NotFound, ValidationFailed
from chalicelib.domain.identity import Role
from chalicelib.domain.org import Org, Position, Unit, User

__all__ = ["ActingSchedule", "OrgRepository"]




class OrgRepository:
    """Reads and writes of the org structure; each list is one Query, each create one transaction."""

    # -- orgs
    def add_org(self, org: Org, tx: Transaction) -> None:
        """Create `org`; its code must be new."""
        pk, sk = org_key(org.code)
        item = OrgItem(pk, sk, gsi1pk=ORGS_INDEX_PK, gsi1sk=org.code, code=org.code, name=org.name,
                       address=org.address, city=org.city, number_format=org.number_format,
                       max_review_steps=org.max_review_steps, email=org.email, phone=org.phone,
                       website=org.website, coordinated_by=org.coordinated_by)
        tx.put(item, condition=OrgItem.pk.does_not_exist(),
               on_condition_failed=lambda: Conflict(f"org {org.code} already exists", details={"field": "code"}))
        if org.coordinated_by:
            other, code = org.coordinated_by.split("/")
            tx.check(PositionItem, *position_key(other, code), condition=PositionItem.pk.exists(),
                     on_condition_failed=lambda: ValidationFailed.field("coordinated_by",
                                                                       f"no position {org.coordinated_by}"))

    def get_org(self, code: str) -> Org:
        """One org or NotFound."""
        try:
            return org_of(OrgItem.get(*org_key(code)))
        except OrgItem.DoesNotExist as exc:
            raise NotFound(f"no org {code}") from exc

    def list_orgs(self, limit: int, cursor: str | None) -> Page[Org]:
        """Orgs by code."""
        return dynamo.query_page(OrgItem.by_gsi1.query, "gsi1pk", ORGS_INDEX_PK, limit=limit, cursor=cursor,
                                 convert=org_of)

    def require_org(self, code: str, tx: Transaction, field: str = "org") -> None:
        """The transaction fails with 404 unless org `code` exists."""
        tx.check(OrgItem, *org_key(code), condition=OrgItem.pk.exists(),
                 on_condition_failed=lambda: NotFound(f"no org {code}", details={"field": field}))

    # -- units
    def add_unit(self, unit: Unit, tx: Transaction) -> None:
        """Create `unit` in an existing org under an existing parent."""
        self.require_org(unit.org, tx)
        if unit.parent:
            tx.check(UnitItem, *unit_key(unit.org, unit.parent), condition=UnitItem.pk.exists(),
                     on_condition_failed=lambda: ValidationFailed.field("parent", "no such unit in this org"))
        item = UnitItem(*unit_key(unit.org, unit.code), org=unit.org, code=unit.code, name=unit.name,
                        parent=unit.parent)
        tx.put(item, condition=UnitItem.pk.does_not_exist(),
               on_condition_failed=lambda: Conflict(f"unit {unit.code} already exists in {unit.org}",
                                                    details={"field": "code"}))

    def list_units(self, org: str, limit: int, cursor: str | None) -> Page[Unit]:
        """Units of an org by code."""
        return dynamo.query_page(UnitItem.query, "pk", f"ORG#{org}", limit=limit, cursor=cursor, convert=unit_of,
                                 range_prefix="UNIT#", range_key_condition=UnitItem.sk.startswith("UNIT#"))

    # -- positions
    def add_position(self, position: Position, tx: Transaction) -> None:
        """Create `position`; its unit must exist and its superior sit higher in the same org."""
        self.require_org(position.org, tx)
        if position.unit:
            tx.check(UnitItem, *unit_key(position.org, position.unit), condition=UnitItem.pk.exists(),
                     on_condition_failed=lambda: ValidationFailed.field("unit", "no such unit in this org"))
        if position.reports_to:
            tx.check(
                PositionItem, *position_key(position.org, position.reports_to),
                condition=PositionItem.pk.exists() & (PositionItem.level_rank < position.level.rank),
                on_condition_failed=lambda: ValidationFailed.field(
                    "reports_to", f"must be a position of {position.org} at a higher level than {position.level.value}"),
            )
        item = PositionItem(*position_key(position.org, position.code), org=position.org, code=position.code,
                            title=position.title, level=position.level.value, level_rank=position.level.rank,
                            unit=position.unit, reports_to=position.reports_to)
        tx.put(item, condition=PositionItem.pk.does_not_exist(),
               on_condition_failed=lambda: Conflict(f"position {position.code} already exists in {position.org}",
                                                    details={"field": "code"}))

    def get_position(self, org: str, code: str) -> Position:
        """One position or NotFound."""
        try:
            return position_of(PositionItem.get(*position_key(org, code)))
        except PositionItem.DoesNotExist as exc:
            raise NotFound(f"no position {code} in {org}") from exc

    def list_positions(self, org: str, limit: int, cursor: str | None) -> Page[Position]:
        """Positions of an org by code, with their holders."""
        return dynamo.query_page(PositionItem.query, "pk", f"ORG#{org}", limit=limit, cursor=cursor,
                                 convert=position_of, range_prefix="POS#",
                                 range_key_condition=PositionItem.sk.startswith("POS#"))

    # -- users
    def add_user(self, user: User, tx: Transaction) -> None:
        """Create `user`; a position it holds must be free (one holder at a time)."""
        if user.org:
            self.require_org(user.org, tx)
        if user.position and user.org:
            position = PositionItem(*position_key(user.org, user.position))
            tx.update(
                position,
                actions=[PositionItem.holder.set(user.username), PositionItem.holder_name.set(user.full_name)],
                condition=PositionItem.pk.exists() & PositionItem.holder.does_not_exist(),
                on_condition_failed=lambda: Conflict(
                    f"position {user.position} does not exist in {user.org} or already has a holder",
                    details={"field": "position"}),
            )
        item = UserItem(*user_key(user.username), gsi1pk=users_index_pk(user.org), gsi1sk=user.username,
                        username=user.username, full_name=user.full_name, role=user.role.value, org=user.org,
                        position=user.position, nip=user.nip, email=user.email, phone=user.phone,
                        extra=dict(user.extra) or None)
        tx.put(item, condition=UserItem.pk.does_not_exist(),
               on_condition_failed=lambda: Conflict(f"user {user.username} already exists",
                                                    details={"field": "username"}))

    def update_user(self, old: User, new: User, tx: Transaction) -> None:
        """Write the changes from `old` to `new`, as read: a concurrent change of role, seat or state is a 409.

        A new seat must exist and be free; the old one is given up in the same transaction.
        """
        username = new.username
        changed = Conflict(f"user {username} was changed meanwhile; read it again")
        if new.position != old.position and new.org:
            if old.position:
                tx.update(PositionItem(*position_key(new.org, old.position)),
                          actions=[PositionItem.holder.remove(), PositionItem.holder_name.remove()],
                          condition=PositionItem.holder == username, on_condition_failed=lambda: changed)
            if new.position:
                tx.update(PositionItem(*position_key(new.org, new.position)),
                          actions=[PositionItem.holder.set(username), PositionItem.holder_name.set(new.full_name)],
                          condition=PositionItem.pk.exists() & PositionItem.holder.does_not_exist(),
                          on_condition_failed=lambda: Conflict(
                              f"position {new.position} does not exist in {new.org} or already has a holder",
                              details={"field": "position"}))
        elif new.position and new.org and new.full_name != old.full_name:
            tx.update(PositionItem(*position_key(new.org, new.position)),
                      actions=[PositionItem.holder_name.set(new.full_name)], condition=PositionItem.holder == username,
                      on_condition_failed=lambda: changed)
        actions = [UserItem.full_name.set(new.full_name), UserItem.role.set(new.role.value)]
        for name in ("position", "email", "phone"):
            value, attribute = getattr(new, name), getattr(UserItem, name)
            actions.append(attribute.set(value) if value is not None else attribute.remove())
        actions.append(UserItem.inactive.remove() if new.active else UserItem.inactive.set(True))
        as_read = (UserItem.role == old.role.value) & same_value(UserItem.position, old.position) & (
            UserItem.inactive.does_not_exist() if old.active else UserItem.inactive.exists())
        tx.update(UserItem(*user_key(username)), actions=actions, condition=as_read,
                  on_condition_failed=lambda: changed)

    def get_user(self, username: str, *, consistent: bool = False) -> User:
        """One user or NotFound (`consistent`: a change made an instant ago counts)."""
        try:
            return user_of(UserItem.get(*user_key(username), consistent_read=consistent))
        except UserItem.DoesNotExist as exc:
            raise NotFound(f"no user {username}") from exc

    def list_users(self, org: str | None, limit: int, cursor: str | None) -> Page[User]:
        """Users of an org (or without one) by username."""
        return dynamo.query_page(UserItem.by_gsi1.query, "gsi1pk", users_index_pk(org), limit=limit,
                                 cursor=cursor, convert=user_of)

    # -- acting holders (Plt / Plh)
    def acting_schedule(self, org: str, code: str) -> ActingSchedule:
        """A position with its current and future appointments: one consistent GetItem; NotFound if unknown."""
        try:
            item = PositionItem.get(*position_key(org, code), consistent_read=True)
        except PositionItem.DoesNotExist as exc:
            raise NotFound(f"no position {code} in {org}", details={"position": code}) from exc
        return ActingSchedule(position_of(item), [appointment_of(a) for a in item.acting or []],
                              int(item.acting_version or 0))

    def _write_schedule(self, tx: Transaction, schedule: ActingSchedule, appointments: list[Appointment],
                        extra: Any = None) -> None:
        """Store the schedule if nobody changed it since it was read (else 409: read it again)."""
        position = schedule.position
        version = PositionItem.acting_version
        unchanged = version.does_not_exist() if schedule.version == 0 else version == schedule.version
        condition = PositionItem.pk.exists() & unchanged
        if extra is not None:
            condition = condition & extra
        tx.update(PositionItem(*position_key(position.org, position.code)),
                  actions=[PositionItem.acting.set([appointment_data(a) for a in appointments]),
                           version.set(schedule.version + 1)],
                  condition=condition,
                  on_condition_failed=lambda: Conflict(
                      f"the acting holders of {position.code} changed meanwhile; try again",
                      details={"position": position.code}))

    def add_appointment(self, tx: Transaction, schedule: ActingSchedule, appointment: Appointment,
                        keep: list[Appointment]) -> None:
        """Store a checked appointment: the user must be an employee of the org, not the position's holder."""
        org, username = appointment.org, appointment.username
        tx.check(UserItem, *user_key(username),
                 condition=(UserItem.org == org) & (UserItem.role == Role.EMPLOYEE.value),
                 on_condition_failed=lambda: ValidationFailed.field("username", f"no employee {username} in {org}"))
        not_holder = PositionItem.holder.does_not_exist() | (PositionItem.holder != username)
        self._write_schedule(tx, schedule, [*keep, appointment], extra=not_holder)
        item = AppointmentItem(*appointment_key(org, appointment.position, appointment.id),
                               **appointment_data(appointment))
        tx.put(item, condition=AppointmentItem.pk.does_not_exist())

    def end_appointment(self, tx: Transaction, schedule: ActingSchedule, ended: Appointment,
                        keep: list[Appointment]) -> None:
        """Record that an appointment ended early and take it off the schedule."""
        self._write_schedule(tx, schedule, keep)
        tx.update(AppointmentItem(*appointment_key(ended.org, ended.position, ended.id)),
                  actions=[AppointmentItem.ended_at.set(ended.ended_at), AppointmentItem.ended_by.set(ended.ended_by)],
                  condition=AppointmentItem.pk.exists() & AppointmentItem.ended_at.does_not_exist(),
                  on_condition_failed=lambda: Conflict(f"appointment {ended.id} already ended"))

    def list_appointments(self, org: str, code: str, limit: int, cursor: str | None) -> Page[Appointment]:
        """Every appointment of a position, by start date: one Query."""
        pk = appointment_key(org, code, "")[0]
        return dynamo.query_page(AppointmentItem.query, "pk", pk, limit=limit, cursor=cursor,
                                 convert=appointment_of_item, range_prefix="APPT#")
