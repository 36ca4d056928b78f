"""Routes: dev login (local stage) and the caller's profile."""

from __future__ import annotations

from typing import Any

from chalicelib.api import http, schemas
from chalicelib.bootstrap import container

r = http.router("identity")


@r.route("/auth/dev-login", "POST", auth=False, body=schemas.DevLoginIn, response=schemas.TokenOut,
         errors=(400, 401, 404))
def dev_login() -> Any:
    """Get a token for an existing user (local stage only; 404 in every other stage)."""
    data = http.body(schemas.DevLoginIn)
    return container().identity.dev_login(data["username"])


@r.route("/me", response=schemas.UserOut, errors=(401,))
def me() -> Any:
    """The caller: user, role, org and position."""
    return container().identity.me(http.caller_record())
