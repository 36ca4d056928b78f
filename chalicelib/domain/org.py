"""Organisation structure: orgs, units, positions (jabatan), users, and the rules that bind them."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum

from chalicelib.domain.errors import ValidationFailed
from chalicelib.domain.identity import Role

CODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9._-]{0,31}$")
USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{2,39}$")
NIP_RE = re.compile(r"^\d{18}$")
DEFAULT_NUMBER_FORMAT = "{classification}/{seq}/{org_code}/{year}"
NUMBER_FORMAT_FIELDS = frozenset({"classification", "seq", "org_code", "year", "month", "unit_code"})


class Level(StrEnum):
    """Echelon (eselon) of a position; `rank` 1 is the highest."""

    I = "I"  # noqa: E741 - the echelon is called I
    II = "II"
    III = "III"
    IV = "IV"
    STAFF = "staff"

    @property
    def rank(self) -> int:
        """1 for eselon I … 5 for staff."""
        return _RANKS[self]

    def is_above(self, other: Level) -> bool:
        """True when this level is strictly higher than `other`."""
        return self.rank < other.rank


_RANKS = {Level.I: 1, Level.II: 2, Level.III: 3, Level.IV: 4, Level.STAFF: 5}


@dataclass(frozen=True)
class Org:
    """An agency (instansi / perangkat daerah)."""

    code: str
    name: str
    address: str
    city: str
    number_format: str = DEFAULT_NUMBER_FORMAT
    max_review_steps: int = 3
    email: str | None = None
    phone: str | None = None
    website: str | None = None
    # The position of another org its head answers to, as `ORG/POSITION`: a perangkat daerah's Asisten in the
    # Setda, the Setda's Sekda to the Gubernur. Chains of letters signed above the org climb through it.
    coordinated_by: str | None = None


@dataclass(frozen=True)
class Unit:
    """A node of an org's tree (bidang / bagian / seksi)."""

    org: str
    code: str
    name: str
    parent: str | None = None

    def __post_init__(self) -> None:
        if self.parent is not None and self.parent == self.code:
            raise ValidationFailed.field("parent", "a unit cannot be its own parent")


@dataclass(frozen=True)
class Position:
    """A seat (jabatan) with a level and the position it reports to; one holder at a time."""

    org: str
    code: str
    title: str
    level: Level
    unit: str | None = None
    reports_to: str | None = None
    holder: str | None = None
    holder_name: str | None = None

    def __post_init__(self) -> None:
        if self.reports_to is not None and self.reports_to == self.code:
            raise ValidationFailed.field("reports_to", "a position cannot report to itself")


@dataclass(frozen=True)
class User:
    """A person with a role; employees hold a position of their org."""

    username: str
    full_name: str
    role: Role
    org: str | None = None
    position: str | None = None
    nip: str | None = None
    email: str | None = None
    phone: str | None = None
    extra: Mapping[str, str] = field(default_factory=dict)
    active: bool = True  # a deactivated account keeps its record and history but is refused on every request


def check_code(field_name: str, value: str) -> str:
    """Codes are short upper-case identifiers (used in numbers and keys)."""
    if not CODE_RE.match(value):
        raise ValidationFailed.field(field_name, "use 1-32 characters A-Z, 0-9, '.', '_' or '-', starting with a letter or digit")
    return value


def check_number_format(fmt: str) -> str:
    """A number format uses only known `{placeholders}` and must contain `{seq}` and `{year}`."""
    names = set(re.findall(r"{(\w+)}", fmt))
    unknown = names - NUMBER_FORMAT_FIELDS
    if unknown:
        raise ValidationFailed.field("number_format", f"unknown placeholder(s): {', '.join(sorted(unknown))}")
    if not {"seq", "year"} <= names:
        raise ValidationFailed.field("number_format", "must contain {seq} and {year}, so numbers are unique per year")
    return fmt


def split_ref(ref: str, home_org: str) -> tuple[str, str]:
    """(org, position code) of a position reference: `CODE` in `home_org`, `ORG/CODE` in another org."""
    org, sep, code = ref.rpartition("/")
    return (org, code) if sep else (home_org, code)


def position_ref(org: str, code: str, home_org: str) -> str:
    """How a position is named from `home_org`: its code at home, `ORG/CODE` elsewhere."""
    return code if org == home_org else f"{org}/{code}"


def canonical_ref(ref: str, home_org: str) -> str:
    """`ref` spelled the one way: `HOME/CODE` becomes `CODE`."""
    return position_ref(*split_ref(ref, home_org), home_org)


def check_coordinated_by(org: str, ref: str) -> tuple[str, str]:
    """An org is coordinated by a position of another org, named `ORG/POSITION`; returns (org, position)."""
    other, sep, code = ref.partition("/")
    if not sep or not CODE_RE.match(other) or not CODE_RE.match(code):
        raise ValidationFailed.field("coordinated_by", "name a position of another org as ORG/POSITION")
    if other == org:
        raise ValidationFailed.field("coordinated_by", "must be a position of another org")
    return other, code


def check_reports_to(level: Level, superior: Position | None, org: str) -> None:
    """A superior must exist in the same org and sit at a strictly higher level (so no cycle can form)."""
    if superior is None:
        raise ValidationFailed.field("reports_to", "no such position in this org")
    if superior.org != org:
        raise ValidationFailed.field("reports_to", "must be a position of the same org")
    if not superior.level.is_above(level):
        raise ValidationFailed.field(
            "reports_to", f"must be at a higher level than {level.value} (it is {superior.level.value})"
        )


def check_user_fields(role: Role, org: str | None, position: str | None, nip: str | None,
                      active: bool = True) -> None:
    """Which fields each role needs: employees hold a position and have a NIP; the public has no org.

    A deactivated employee may hold no position: the seat of someone who left is given to their successor.
    """
    if role is Role.PUBLIC:
        if org or position:
            raise ValidationFailed.field("org", "members of the public belong to no org")
        return
    if role is Role.AUDITOR and position:
        # An auditor reads; holding a seat would make them a party to its secret letters and an addressee
        # who cannot act on what is sent to it.
        raise ValidationFailed.field("position", "an auditor holds no position")
    if role in (Role.EMPLOYEE, Role.OPERATOR) and not org:
        raise ValidationFailed.field("org", f"required for role {role.value}")
    if position and not org:
        raise ValidationFailed.field("org", "required when a position is given")
    if role is Role.EMPLOYEE and not position and active:
        raise ValidationFailed.field("position", "an employee holds a position")
    if role is Role.EMPLOYEE and not nip:
        raise ValidationFailed.field("nip", "required for employees (18 digits)")
    if nip is not None and not NIP_RE.match(nip):
        raise ValidationFailed.field("nip", "a NIP has 18 digits")


USER_CHANGES = frozenset({"full_name", "email", "phone", "role", "position", "active"})


def changed_user(user: User, changes: Mapping[str, object]) -> User:
    """`user` with `changes` applied and checked as a whole (the fields of its role, a seat for an employee)."""
    unknown = set(changes) - USER_CHANGES
    if unknown:
        raise ValidationFailed.field(sorted(unknown)[0], "cannot be changed")
    if not changes:
        raise ValidationFailed.field("body", "name at least one field to change")
    new = replace(user, **{**changes, "role": Role(changes.get("role", user.role))})  # type: ignore[arg-type]
    check_user_fields(new.role, new.org, new.position, new.nip, new.active)
    return new


def chain_up(start: str, positions: Mapping[str, Position], stop_at: str | None = None) -> list[Position]:
    """Positions from `start` up `reports_to` (inclusive), stopping at `stop_at`; guards against cycles."""
    chain: list[Position] = []
    seen: set[str] = set()
    code: str | None = start
    while code is not None:
        if code in seen:
            raise ValidationFailed.field("reports_to", f"cycle through position {code}")
        seen.add(code)
        position = positions.get(code)
        if position is None:
            break
        chain.append(position)
        if code == stop_at:
            break
        code = position.reports_to
    return chain
