"""Who am I, and dev login for the local stage."""

from __future__ import annotations

from typing import Any

from chalicelib.adapters import tokens
from chalicelib.adapters.org_repo import OrgRepository
from chalicelib.config import Settings
from chalicelib.domain.errors import NotFound
from chalicelib.domain.identity import Principal
from chalicelib.services.common import view
from chalicelib.services.org_admin import user_view


class IdentityService:
    """Tokens and profiles."""

    def __init__(self, settings: Settings, repo: OrgRepository) -> None:
        self.settings = settings
        self.repo = repo

    def dev_login(self, username: str) -> dict[str, Any]:
        """A token for an existing user; exists only in the local and test stages (404 elsewhere)."""
        if not self.settings.dev_login_enabled:
            raise NotFound("dev login exists only in the local stage")
        user = self.repo.get_user(username)
        principal = Principal(username=user.username, role=user.role, org=user.org, position=user.position)
        token, ttl = tokens.issue_local_token(self.settings, principal, user.full_name)
        return {"token": token, "token_type": "Bearer", "expires_in": ttl, "user": user_view(user)}

    def me(self, principal: Principal) -> dict[str, Any]:
        """The caller's user record with their position (two reads at most)."""
        user = self.repo.get_user(principal.username)
        result = user_view(user)
        result["position"] = None
        if user.org and user.position:
            try:
                result["position"] = view(self.repo.get_position(user.org, user.position))
            except NotFound:
                result["position"] = None
        return result
