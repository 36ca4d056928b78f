"""Use cases of the organisation structure: orgs, units, positions and users (admin API)."""

from __future__ import annotations

from typing import Any

from chalicelib.adapters.dynamo import Transaction
from chalicelib.adapters.org_repo import OrgRepository
from chalicelib.domain.errors import Forbidden
from chalicelib.domain.identity import (
    Principal,
    Role,
    can_see_org_people,
    require_global_admin,
    require_org_admin,
    require_staff,
    require_staff_or_auditor,
)
from chalicelib.domain.org import Level, Org, Position, Unit, User, check_number_format, check_user_fields
from chalicelib.services.common import commit_create, page_view, view

Result = tuple[int, dict[str, Any]]


def require_org_reader(principal: Principal, org: str) -> None:
    """The structure of an org is read by its own staff, the province-wide admin and the auditor."""
    if principal.is_auditor:
        return
    require_staff(principal)
    if not principal.is_global_admin and principal.org != org:
        raise Forbidden("you may only read your own org", details={"org": org})


def user_view(user: User) -> dict[str, Any]:
    """A user as the API shows it."""
    data = view(user)
    data["extra"] = dict(user.extra)
    return data


class OrgAdminService:
    """Admin use cases; every method checks the caller's role and org scope first."""

    def __init__(self, repo: OrgRepository) -> None:
        self.repo = repo

    # -- orgs
    def create_org(self, principal: Principal, data: dict[str, Any], idempotency_key: str | None) -> Result:
        """Create an org (province-wide admin only)."""
        require_global_admin(principal)
        check_number_format(data["number_format"])
        org = Org(**data)
        tx = Transaction()
        self.repo.add_org(org, tx)
        return commit_create(tx, scope=principal.username, idempotency_key=idempotency_key, request=data,
                             response=view(org))

    def list_orgs(self, principal: Principal, limit: int, cursor: str | None) -> dict[str, Any]:
        """Every org, by code: staff address letters to them; the auditor reads them."""
        require_staff_or_auditor(principal)
        return page_view(self.repo.list_orgs(limit, cursor))

    def get_org(self, principal: Principal, code: str) -> dict[str, Any]:
        """One org (its letterhead data)."""
        require_staff_or_auditor(principal)
        return view(self.repo.get_org(code))

    # -- units
    def create_unit(self, principal: Principal, org: str, data: dict[str, Any],
                    idempotency_key: str | None) -> Result:
        """Create a unit in `org` under an existing parent unit."""
        require_org_admin(principal, org)
        unit = Unit(org=org, **data)
        tx = Transaction()
        self.repo.add_unit(unit, tx)
        return commit_create(tx, scope=principal.username, idempotency_key=idempotency_key,
                             request={"org": org, **data}, response=view(unit))

    def list_units(self, principal: Principal, org: str, limit: int, cursor: str | None) -> dict[str, Any]:
        """Units of `org`."""
        require_org_reader(principal, org)
        return page_view(self.repo.list_units(org, limit, cursor))

    # -- positions
    def create_position(self, principal: Principal, org: str, data: dict[str, Any],
                        idempotency_key: str | None) -> Result:
        """Create a position reporting to a higher position of the same org."""
        require_org_admin(principal, org)
        position = Position(org=org, **{**data, "level": Level(data["level"])})
        tx = Transaction()
        self.repo.add_position(position, tx)
        return commit_create(tx, scope=principal.username, idempotency_key=idempotency_key,
                             request={"org": org, **data}, response=view(position))

    def list_positions(self, principal: Principal, org: str, limit: int, cursor: str | None) -> dict[str, Any]:
        """Positions of `org` with their holders."""
        require_org_reader(principal, org)
        return page_view(self.repo.list_positions(org, limit, cursor))

    # -- users
    def create_user(self, principal: Principal, data: dict[str, Any], idempotency_key: str | None) -> Result:
        """Create a user; org admins create users of their org, the province-wide admin any user (and only it
        creates auditors: they read every org).
        """
        role = Role(data["role"])
        check_user_fields(role, data.get("org"), data.get("position"), data.get("nip"))
        if role is Role.AUDITOR:
            require_global_admin(principal)
        if data.get("org"):
            require_org_admin(principal, data["org"])
        else:
            require_global_admin(principal)
        user = User(**{**data, "role": role, "extra": data.get("extra") or {}})
        tx = Transaction()
        self.repo.add_user(user, tx)
        return commit_create(tx, scope=principal.username, idempotency_key=idempotency_key, request=data,
                             response=user_view(user))

    def list_users(self, principal: Principal, org: str | None, limit: int, cursor: str | None) -> dict[str, Any]:
        """Users of an org; personal data, so for that org's admins and operators only."""
        org = org or principal.org
        if org is None:
            require_global_admin(principal)
        elif not can_see_org_people(principal, org):
            raise Forbidden("users of an org are listed to its admins and operators", details={"org": org})
        return page_view(self.repo.list_users(org, limit, cursor), user_view)
