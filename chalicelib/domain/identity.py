"""Who is calling, and the role and org-scope rules every service applies."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from chalicelib.domain.errors import Forbidden


class Role(StrEnum):
    """Roles of DESIGN §3; `admin` without an org is the province-wide admin.

    `auditor` (the province inspectorate, Inspektorat) reads every org's archive, dashboard and audit trails and
    changes nothing: it is not staff, so every write path stays closed to it.
    """

    ADMIN = "admin"
    AUDITOR = "auditor"
    OPERATOR = "operator"
    EMPLOYEE = "employee"
    PUBLIC = "public"


STAFF_ROLES = frozenset({Role.ADMIN, Role.OPERATOR, Role.EMPLOYEE})


@dataclass(frozen=True)
class Acting:
    """An acting appointment (Plt / Plh) the caller exercises in this request."""

    kind: str  # "plt" or "plh"
    appointment: str
    own_position: str | None  # the position the caller holds themself


@dataclass(frozen=True)
class Principal:
    """The authenticated caller as carried by the token.

    When acting (header `X-Acting-For`), `position` is the position acted for and `acting` says how.
    """

    username: str
    role: Role
    org: str | None = None
    position: str | None = None
    acting: Acting | None = None

    @property
    def is_global_admin(self) -> bool:
        """A province-wide admin: role admin with no org."""
        return self.role is Role.ADMIN and self.org is None

    @property
    def is_auditor(self) -> bool:
        """The read-only auditor of the whole province."""
        return self.role is Role.AUDITOR

    @property
    def reads_every_org(self) -> bool:
        """The province-wide admin and the auditor name the org whose archive, dashboard or structure they read."""
        return self.is_global_admin or self.is_auditor

    @property
    def acting_for(self) -> str | None:
        """The position the caller acts for in this request (None when acting as themself)."""
        return self.position if self.acting is not None else None

    @property
    def is_staff(self) -> bool:
        """An employee, operator or admin (not a member of the public)."""
        return self.role in STAFF_ROLES


def require_role(principal: Principal, *roles: Role) -> None:
    """Raise Forbidden unless the caller has one of `roles`."""
    if principal.role not in roles:
        allowed = ", ".join(r.value for r in roles)
        raise Forbidden(f"this action needs the role {allowed}", details={"role": principal.role.value})


def require_staff(principal: Principal) -> None:
    """Raise Forbidden for members of the public."""
    if not principal.is_staff:
        raise Forbidden("this action is for government staff", details={"role": principal.role.value})


def require_staff_or_auditor(principal: Principal) -> None:
    """Raise Forbidden unless the caller is government staff or the auditor (for reads only)."""
    if not principal.is_auditor:
        require_staff(principal)


def require_global_admin(principal: Principal) -> None:
    """Raise Forbidden unless the caller is the province-wide admin."""
    if not principal.is_global_admin:
        raise Forbidden("this action needs the province-wide admin")


def require_org_admin(principal: Principal, org: str) -> None:
    """Raise Forbidden unless the caller administers `org` (or the whole province)."""
    require_role(principal, Role.ADMIN)
    if not principal.is_global_admin and principal.org != org:
        raise Forbidden("you administer another org", details={"org": org})


def can_see_org_people(principal: Principal, org: str) -> bool:
    """Personal data of an org's users is for its admins and operators, and the global admin."""
    if principal.is_global_admin:
        return True
    return principal.role in (Role.ADMIN, Role.OPERATOR) and principal.org == org
