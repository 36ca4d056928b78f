"""Who am I, and dev login for the local stage."""

from __future__ import annotations

from typing import Any

from chalicelib.adapters import tokens
from chalicelib.adapters.org_repo import OrgRepository
from chalicelib.config import Settings
from chalicelib.domain.errors import NotFound, Unauthenticated
from chalicelib.domain.identity import Principal
from chalicelib.domain.org import User
from chalicelib.services.common import view
from chalicelib.services.org_admin import user_view

DEACTIVATED = "this account is deactivated; ask the admin of your org to reactivate it"


class IdentityService:
    """Tokens and profiles."""

    def __init__(self, settings: Settings, org_repo: OrgRepository) -> None:
        self.settings = settings
        self.org_repo = org_repo

    def dev_login(self, username: str) -> dict[str, Any]:
        """A token for an existing user; exists only in the local and test stages (404 elsewhere)."""
        if not self.settings.dev_login_enabled:
            raise NotFound("dev login exists only in the local stage")
        user = self.org_repo.get_user(username)
        if not user.active:
            raise Unauthenticated(DEACTIVATED)
        principal = Principal(username=user.username, role=user.role, org=user.org, position=user.position)
        token, ttl = tokens.issue_local_token(self.settings, principal, user.full_name)
        return {"token": token, "token_type": "Bearer", "expires_in": ttl, "user": user_view(user)}

    def caller(self, claimed: Principal) -> tuple[Principal, User]:
        """The caller as their record says now (one GetItem): a deactivated account is refused on its next
        request, and a change of role or seat counts at once, not when the token is renewed.
        """
        try:
            user = self.org_repo.get_user(claimed.username, consistent=True)
        except NotFound as exc:
            raise Unauthenticated("this token names no account") from exc
        if not user.active:
            raise Unauthenticated(DEACTIVATED)
        return Principal(username=user.username, role=user.role, org=user.org, position=user.position), user

    def me(self, user: User) -> dict[str, Any]:
        """The caller's user record (read with the token) with their position (one more read)."""
        result = user_view(user)
        result["position"] = None
        if user.org and user.position:
            try:
                result["position"] = view(self.org_repo.get_position(user.org, user.position))
            except NotFound:
                result["position"] = None
        return result
