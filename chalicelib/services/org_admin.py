"""Use cases of the organisation structure: orgs, units, positions and users (admin API)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chalicelib.adapters.dynamo import Transaction
from chalicelib.adapters.org_repo import OrgRepository
from chalicelib.domain.errors import Conflict, Forbidden, NotFound, ValidationFailed
from chalicelib.domain.identity import (
    Principal,
    Role,
    can_see_org_people,
    require_global_admin,
    require_org_admin,
    require_role,
    require_staff,
    require_staff_or_auditor,
)
from chalicelib.domain.org import (
    Level,
    Org,
    Position,
    Unit,
    User,
    changed_user,
    check_coordinated_by,
    check_number_format,
    check_user_fields,
)
from chalicelib.services.common import commit_create, page_view, view

if TYPE_CHECKING:
    from chalicelib.adapters.cognito import UserDirectory

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

    def __init__(self, org_repo: OrgRepository, directory: UserDirectory | None = None,
                 email_required: bool = False) -> None:
        self.org_repo = org_repo
        self.directory = directory  # the Cognito pool accounts sign in with (None: records only)
        self.email_required = email_required  # Cognito mails the invitation: deployed accounts need an address

    # -- orgs
    def create_org(self, principal: Principal, data: dict[str, Any], idempotency_key: str | None) -> Result:
        """Create an org (province-wide admin only)."""
        require_global_admin(principal)
        check_number_format(data["number_format"])
        if data.get("coordinated_by"):
            check_coordinated_by(data["code"], data["coordinated_by"])
        org = Org(**data)
        tx = Transaction()
        self.org_repo.add_org(org, tx)
        return commit_create(tx, scope=principal.username, idempotency_key=idempotency_key, request=data,
                             response=view(org))

    def list_orgs(self, principal: Principal, limit: int, cursor: str | None) -> dict[str, Any]:
        """Every org, by code: staff address letters to them; the auditor reads them."""
        require_staff_or_auditor(principal)
        return page_view(self.org_repo.list_orgs(limit, cursor))

    def get_org(self, principal: Principal, code: str) -> dict[str, Any]:
        """One org (its letterhead data)."""
        require_staff_or_auditor(principal)
        return view(self.org_repo.get_org(code))

    # -- units
    def create_unit(self, principal: Principal, org: str, data: dict[str, Any],
                    idempotency_key: str | None) -> Result:
        """Create a unit in `org` under an existing parent unit."""
        require_org_admin(principal, org)
        unit = Unit(org=org, **data)
        tx = Transaction()
        self.org_repo.add_unit(unit, tx)
        return commit_create(tx, scope=principal.username, idempotency_key=idempotency_key,
                             request={"org": org, **data}, response=view(unit))

    def list_units(self, principal: Principal, org: str, limit: int, cursor: str | None) -> dict[str, Any]:
        """Units of `org`."""
        require_org_reader(principal, org)
        return page_view(self.org_repo.list_units(org, limit, cursor))

    # -- positions
    def create_position(self, principal: Principal, org: str, data: dict[str, Any],
                        idempotency_key: str | None) -> Result:
        """Create a position reporting to a higher position of the same org."""
        require_org_admin(principal, org)
        position = Position(org=org, **{**data, "level": Level(data["level"])})
        tx = Transaction()
        self.org_repo.add_position(position, tx)
        return commit_create(tx, scope=principal.username, idempotency_key=idempotency_key,
                             request={"org": org, **data}, response=view(position))

    def list_positions(self, principal: Principal, org: str, limit: int, cursor: str | None) -> dict[str, Any]:
        """Positions of `org` with their holders."""
        require_org_reader(principal, org)
        return page_view(self.org_repo.list_positions(org, limit, cursor))

    # -- users
    def create_user(self, principal: Principal, data: dict[str, Any], idempotency_key: str | None) -> Result:
        """Create a user; org admins create users of their org, the province-wide admin any user (and only it
        creates auditors: they read every org).
        """
        role = Role(data["role"])
        check_user_fields(role, data.get("org"), data.get("position"), data.get("nip"))
        if self.email_required and not data.get("email"):
            raise ValidationFailed.field("email", "required: the invitation to sign in is mailed there")
        if role is Role.AUDITOR:
            require_global_admin(principal)
        if data.get("org"):
            require_org_admin(principal, data["org"])
        else:
            require_global_admin(principal)
        user = User(**{**data, "role": role, "extra": data.get("extra") or {}})
        tx = Transaction()
        self.org_repo.add_user(user, tx)
        result = commit_create(tx, scope=principal.username, idempotency_key=idempotency_key, request=data,
                               response=user_view(user))
        # After the record: a failure here leaves no account without a record, and a retry (the same
        # Idempotency-Key, or PATCH) completes the account.
        if self.directory is not None:
            self.directory.provision(user)
        return result

    def update_user(self, principal: Principal, username: str, changes: dict[str, Any]) -> dict[str, Any]:
        """Change a user's name, contact, role or seat, or deactivate / reactivate the account.

        For the admin of the user's org or the province-wide admin; another org's user is "not found", so ids
        reveal nothing. A repeat changes nothing and answers the same; the account in Cognito follows each time.
        """
        require_role(principal, Role.ADMIN)
        for name in ("name", "email", "role", "active"):
            if name in changes and changes[name] is None:
                raise ValidationFailed.field(name, "may not be null")
        user = self.org_repo.get_user(username)
        if not principal.is_global_admin and user.org != principal.org:
            raise NotFound(f"no user {username}")
        if changes.get("role") == Role.AUDITOR.value and user.role is not Role.AUDITOR:
            require_global_admin(principal)
        new = changed_user(user, {"full_name" if k == "name" else k: v for k, v in changes.items()})
        if username == principal.username and (new.role is not user.role or not new.active):
            raise Conflict("you cannot deactivate your own account or change your own role",
                           details={"field": "active" if not new.active else "role"})
        if new != user:
            tx = Transaction()
            self.org_repo.update_user(user, new, tx)
            tx.commit()
        if self.directory is not None:
            self.directory.sync(new)
        return user_view(new)

    def list_users(self, principal: Principal, org: str | None, limit: int, cursor: str | None) -> dict[str, Any]:
        """Users of an org; personal data, so for that org's admins and operators only."""
        org = org or principal.org
        if org is None:
            require_global_admin(principal)
        elif not can_see_org_people(principal, org):
            raise Forbidden("users of an org are listed to its admins and operators", details={"org": org})
        return page_view(self.org_repo.list_users(org, limit, cursor), user_view)
