"""PynamoDB models of the organisation structure (orgs, units, positions, users, acting appointments), their keys
and their conversions to domain objects.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from pynamodb.attributes import BooleanAttribute, JSONAttribute, MapAttribute, NumberAttribute, UnicodeAttribute

from chalicelib.adapters.dynamo import Gsi1, Item, register
from chalicelib.domain.acting import ActingKind, Appointment
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
    coordinated_by = UnicodeAttribute(null=True)


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
    extra: MapAttribute[str, Any] = MapAttribute(null=True)
    inactive = BooleanAttribute(null=True)  # set when deactivated (absent on every active user)


# ---------------------------------------------------------------- conversions


def org_of(item: OrgItem) -> Org:
    """An org from its item."""
    return Org(code=item.code, name=item.name, address=item.address, city=item.city,
               number_format=item.number_format, max_review_steps=int(item.max_review_steps),
               email=item.email, phone=item.phone, website=item.website, coordinated_by=item.coordinated_by)


def unit_of(item: UnitItem) -> Unit:
    """A unit from its item."""
    return Unit(org=item.org, code=item.code, name=item.name, parent=item.parent)


def position_of(item: PositionItem) -> Position:
    """A position from its item."""
    return Position(org=item.org, code=item.code, title=item.title, level=Level(item.level), unit=item.unit,
                    reports_to=item.reports_to, holder=item.holder, holder_name=item.holder_name)


def appointment_of(data: dict[str, Any]) -> Appointment:
    """An appointment from its stored fields."""
    return Appointment(id=data["id"], org=data["org"], position=data["position"], username=data["username"],
                       kind=ActingKind(data["kind"]), start=date.fromisoformat(data["start"]),
                       end=date.fromisoformat(data["end"]), appointed_by=data["appointed_by"],
                       appointed_at=data["appointed_at"], decree=data.get("decree"), ended_at=data.get("ended_at"),
                       ended_by=data.get("ended_by"))


def appointment_data(appointment: Appointment) -> dict[str, Any]:
    """An appointment's stored fields."""
    data = asdict(appointment)
    data.update(kind=appointment.kind.value, start=appointment.start.isoformat(), end=appointment.end.isoformat())
    return data


def appointment_of_item(item: AppointmentItem) -> Appointment:
    """An appointment from its item."""
    return appointment_of({name: getattr(item, name) for name in AppointmentItem.get_attributes()})


@dataclass(frozen=True)
class ActingSchedule:
    """A position with its appointments not ended yet, and the version to write the schedule back under."""

    position: Position
    appointments: list[Appointment]
    version: int


def user_of(item: UserItem) -> User:
    """A user from its item."""
    extra: dict[str, Any] = item.extra.as_dict() if item.extra is not None else {}
    return User(username=item.username, full_name=item.full_name, role=Role(item.role), org=item.org,
                position=item.position, nip=item.nip, email=item.email, phone=item.phone, extra=extra,
                active=not item.inactive)


def same_value(attribute: Any, value: str | None) -> Any:
    """A condition: `attribute` still holds `value` (absent for None)."""
    return attribute.does_not_exist() if value is None else attribute == value
