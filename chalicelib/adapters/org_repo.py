"""PynamoDB models and the repository of the organisation structure (orgs, units, positions, users)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from pynamodb.attributes import BooleanAttribute, JSONAttribute, MapAttribute, NumberAttribute, UnicodeAttribute

from chalicelib.adapters import dynamo
from chalicelib.adapters.dynamo import Gsi1, Item, Page, Transaction, register
from chalicelib.domain.acting import ActingKind, Appointment
from chalicelib.domain.errors import Conflict, NotFound, ValidationFailed
from chalicelib.domain.identity import Role
from chalicelib.domain.org import Level, Org, Position, Unit, User

# ---------------------------------------------------------------- keys (pure)


def org_key(code: str) -> tuple[str, str]:
    """An org's item."""
    return f"ORG#{code}", "#ORG"


def unit_key(org: str, code: str) -> tuple[str, str]:
    """A unit's item, in its org's partition."""
    return f"ORG#{org}", f"UNIT#{code}"


def position_key(org: str, code: str) -> tuple[str, str]:
    """A position's item, in its org's partition."""
    return f"ORG#{org}", f"POS#{code}"


def user_key(username: str) -> tuple[str, str]:
    """A user's item."""
    return f"USER#{username}", "#USER"


def appointment_key(org: str, position: str, appointment_id: str) -> tuple[str, str]:
    """An acting appointment, in its position's own partition (listed by one Query, sorted by start)."""
    return f"ACTING#{org}#{position}", f"APPT#{appointment_id}"


ORGS_INDEX_PK = "ORGS"


def users_index_pk(org: str | None) -> str:
    """gsi1 partition listing the users of an org ('-' for those without one)."""
    return f"USERS#{org or '-'}"


# ---------------------------------------------------------------- models


@register
class OrgItem(Item):
    """An org; listed through gsi1 partition ORGS."""

    gsi1pk = UnicodeAttribute()
    gsi1sk = UnicodeAttribute()
    by_gsi1 = Gsi1()
    code = UnicodeAttribute()
    name = UnicodeAttribute()
    address = UnicodeAttribute()
    city = UnicodeAttribute()
    number_format = UnicodeAttribute()
    max_review_steps = NumberAttribute()
    email = UnicodeAttribute(null=True)
    phone = UnicodeAttribute(null=True)
    website = UnicodeAttribute(null=True)


@register
class UnitItem(Item):
    """A unit of an org."""

    org = UnicodeAttribute()
    code = UnicodeAttribute()
    name = UnicodeAttribute()
    parent = UnicodeAttribute(null=True)


@register
class PositionItem(Item):
    """A position; `holder` is set and cleared by conditional writes (one holder at a time)."""

    org = UnicodeAttribute()
    code = UnicodeAttribute()
    title = UnicodeAttribute()
    level = UnicodeAttribute()
    level_rank = NumberAttribute()
    unit = UnicodeAttribute(null=True)
    reports_to = UnicodeAttribute(null=True)
    holder = UnicodeAttribute(null=True)
    holder_name = UnicodeAttribute(null=True)
    acting = JSONAttribute(null=True)  # the schedule: appointments not ended yet (see domain.acting)
    acting_version = NumberAttribute(null=True)  # bumped by every change of the schedule


@register
class AppointmentItem(Item):
    """An acting appointment (Plt / Plh) as decreed, kept after it ended."""

    org = UnicodeAttribute()
    position = UnicodeAttribute()
    id = UnicodeAttribute()
    username = UnicodeAttribute()
    kind = UnicodeAttribute()
    start = UnicodeAttribute()
    end = UnicodeAttribute()
    decree = UnicodeAttribute(null=True)
    appointed_by = UnicodeAttribute()
    appointed_at = UnicodeAttribute()
    ended_at = UnicodeAttribute(null=True)
    ended_by = UnicodeAttribute(null=True)


@register
class UserItem(Item):
    """A user; listed per org through gsi1."""

    gsi1pk = UnicodeAttribute()
    gsi1sk = UnicodeAttribute()
    by_gsi1 = Gsi1()
    username = UnicodeAttribute()
    full_name = UnicodeAttribute()
    role = UnicodeAttribute()
    org = UnicodeAttribute(null=True)
    position = UnicodeAttribute(null=True)
    nip = UnicodeAttribute(null=True)
    email = UnicodeAttribute(null=True)
    phone = UnicodeAttribute(null=True)
    extra = MapAttribute(null=True)
    inactive = BooleanAttribute(null=True)  # set when deactivated (absent on every active user)


# ---------------------------------------------------------------- conversions


def _org(item: OrgItem) -> Org:
    return Org(code=item.code, name=item.name, address=item.address, city=item.city,
               number_format=item.number_format, max_review_steps=int(item.max_review_steps),
               email=item.email, phone=item.phone, website=item.website)


def _unit(item: UnitItem) -> Unit:
    return Unit(org=item.org, code=item.code, name=item.name, parent=item.parent)


def _position(item: PositionItem) -> Position:
    return Position(org=item.org, code=item.code, title=item.title, level=Level(item.level), unit=item.unit,
                    reports_to=item.reports_to, holder=item.holder, holder_name=item.holder_name)


org_of, position_of = _org, _position  # public: adapters/letter_repo.py reads an org's partition in one Query


def _appointment(data: dict[str, Any]) -> Appointment:
    return Appointment(id=data["id"], org=data["org"], position=data["position"], username=data["username"],
                       kind=ActingKind(data["kind"]), start=date.fromisoformat(data["start"]),
                       end=date.fromisoformat(data["end"]), appointed_by=data["appointed_by"],
                       appointed_at=data["appointed_at"], decree=data.get("decree"), ended_at=data.get("ended_at"),
                       ended_by=data.get("ended_by"))


def _appointment_data(appointment: Appointment) -> dict[str, Any]:
    data = asdict(appointment)
    data.update(kind=appointment.kind.value, start=appointment.start.isoformat(), end=appointment.end.isoformat())
    return data


def _appointment_of_item(item: AppointmentItem) -> Appointment:
    return _appointment({name: getattr(item, name) for name in AppointmentItem.get_attributes()})


@dataclass(frozen=True)
class ActingSchedule:
    """A position with its appointments not ended yet, and the version to write the schedule back under."""

    position: Position
    appointments: list[Appointment]
    version: int


def _user(item: UserItem) -> User:
    extra: dict[str, Any] = item.extra.as_dict() if item.extra is not None else {}
    return User(username=item.username, full_name=item.full_name, role=Role(item.role), org=item.org,
                position=item.position, nip=item.nip, email=item.email, phone=item.phone, extra=extra,
                active=not item.inactive)


def _same(attribute: Any, value: str | None) -> Any:
    """A condition: `attribute` still holds `value` (absent for None)."""
    return attribute.does_not_exist() if value is None else attribute == value


# ---------------------------------------------------------------- repository


class OrgRepository:
    """Reads and writes of the org structure; each list is one Query, each create one transaction."""

    # -- orgs
    def add_org(self, org: Org, tx: Transaction) -> None:
        """Create `org`; its code must be new."""
        pk, sk = org_key(org.code)
        item = OrgItem(pk, sk, gsi1pk=ORGS_INDEX_PK, gsi1sk=org.code, code=org.code, name=org.name,
                       address=org.address, city=org.city, number_format=org.number_format,
                       max_review_steps=org.max_review_steps, email=org.email, phone=org.phone,
                       website=org.website)
        tx.put(item, condition=OrgItem.pk.does_not_exist(),
               on_condition_failed=lambda: Conflict(f"org {org.code} already exists", details={"field": "code"}))

    def get_org(self, code: str) -> Org:
        """One org or NotFound."""
        try:
            return _org(OrgItem.get(*org_key(code)))
        except OrgItem.DoesNotExist as exc:
            raise NotFound(f"no org {code}") from exc

    def list_orgs(self, limit: int, cursor: str | None) -> Page[Org]:
        """Orgs by code."""
        return dynamo.query_page(OrgItem.by_gsi1.query, "gsi1pk", ORGS_INDEX_PK, limit=limit, cursor=cursor,
                                 convert=_org)

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
        return dynamo.query_page(UnitItem.query, "pk", f"ORG#{org}", limit=limit, cursor=cursor, convert=_unit,
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
            return _position(PositionItem.get(*position_key(org, code)))
        except PositionItem.DoesNotExist as exc:
            raise NotFound(f"no position {code} in {org}") from exc

    def list_positions(self, org: str, limit: int, cursor: str | None) -> Page[Position]:
        """Positions of an org by code, with their holders."""
        return dynamo.query_page(PositionItem.query, "pk", f"ORG#{org}", limit=limit, cursor=cursor,
                                 convert=_position, range_prefix="POS#",
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
        as_read = (UserItem.role == old.role.value) & _same(UserItem.position, old.position) & (
            UserItem.inactive.does_not_exist() if old.active else UserItem.inactive.exists())
        tx.update(UserItem(*user_key(username)), actions=actions, condition=as_read,
                  on_condition_failed=lambda: changed)

    def get_user(self, username: str, *, consistent: bool = False) -> User:
        """One user or NotFound (`consistent`: a change made an instant ago counts)."""
        try:
            return _user(UserItem.get(*user_key(username), consistent_read=consistent))
        except UserItem.DoesNotExist as exc:
            raise NotFound(f"no user {username}") from exc

    def list_users(self, org: str | None, limit: int, cursor: str | None) -> Page[User]:
        """Users of an org (or without one) by username."""
        return dynamo.query_page(UserItem.by_gsi1.query, "gsi1pk", users_index_pk(org), limit=limit,
                                 cursor=cursor, convert=_user)

    # -- acting holders (Plt / Plh)
    def acting_schedule(self, org: str, code: str) -> ActingSchedule:
        """A position with its current and future appointments: one consistent GetItem; NotFound if unknown."""
        try:
            item = PositionItem.get(*position_key(org, code), consistent_read=True)
        except PositionItem.DoesNotExist as exc:
            raise NotFound(f"no position {code} in {org}", details={"position": code}) from exc
        return ActingSchedule(_position(item), [_appointment(a) for a in item.acting or []],
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
                  actions=[PositionItem.acting.set([_appointment_data(a) for a in appointments]),
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
                               **_appointment_data(appointment))
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
                                 convert=_appointment_of_item, range_prefix="APPT#")
