"""JWT issue and verification: HS256 tokens of the local issuer, RS256 Cognito tokens (JWKS, cached)."""

from __future__ import annotations

import time
from functools import lru_cache
from typing import Any

import jwt

from chalicelib.config import Settings
from chalicelib.domain.errors import Unauthenticated
from chalicelib.domain.identity import Principal, Role

LOCAL_ISSUER = "kantor-virtual-local"
LOCAL_AUDIENCE = "kantor-virtual"
_ROLE_PRIORITY = (Role.ADMIN, Role.AUDITOR, Role.OPERATOR, Role.EMPLOYEE, Role.PUBLIC)


def issue_local_token(settings: Settings, principal: Principal, full_name: str) -> tuple[str, int]:
    """A signed HS256 token for the local and test stages, and its lifetime in seconds."""
    now = int(time.time())
    claims = {
        "iss": LOCAL_ISSUER,
        "aud": LOCAL_AUDIENCE,
        "sub": principal.username,
        "iat": now,
        "exp": now + settings.token_ttl_seconds,
        "name": full_name,
        "role": principal.role.value,
        "org": principal.org or "",
        "position": principal.position or "",
    }
    return jwt.encode(claims, settings.local_jwt_secret, algorithm="HS256"), settings.token_ttl_seconds


@lru_cache(maxsize=4)
def _jwks_client(url: str) -> jwt.PyJWKClient:
    # Keys are cached per container: one fetch per cold start and per unknown key id.
    return jwt.PyJWKClient(url, cache_keys=True, lifespan=3600)


def verify_token(settings: Settings, header_value: str) -> Principal:
    """The caller of a `Bearer` token; Unauthenticated for anything missing, expired, or forged."""
    scheme, _, token = (header_value or "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise Unauthenticated("send 'Authorization: Bearer <token>'")
    try:
        if settings.auth_mode == "local":
            claims = jwt.decode(token, settings.local_jwt_secret, algorithms=["HS256"], audience=LOCAL_AUDIENCE,
                                issuer=LOCAL_ISSUER, options={"require": ["exp", "sub"]})
        else:
            claims = _verify_cognito(settings, token)
    except jwt.PyJWTError as exc:
        raise Unauthenticated(f"invalid token: {exc}") from exc
    return principal_from_claims(claims)


def _verify_cognito(settings: Settings, token: str) -> dict[str, Any]:
    issuer = settings.cognito_issuer
    key = _jwks_client(settings.cognito_jwks_url).get_signing_key_from_jwt(token)
    claims = jwt.decode(token, key.key, algorithms=["RS256"], issuer=issuer,
                        options={"require": ["exp", "token_use"], "verify_aud": False})
    # ID tokens carry the app client in `aud`; access tokens in `client_id`.
    client = claims.get("aud") if claims.get("token_use") == "id" else claims.get("client_id")
    if client != settings.cognito_app_client_id:
        raise jwt.InvalidAudienceError("token is for another app client")
    return claims


def principal_from_claims(claims: dict[str, Any]) -> Principal:
    """Map local or Cognito claims (groups and custom attributes) to a Principal."""
    username = claims.get("cognito:username") or claims.get("username") or claims.get("sub")
    role_value = claims.get("role")
    if not role_value:
        groups = set(claims.get("cognito:groups") or [])
        role_value = next((r.value for r in _ROLE_PRIORITY if r.value in groups), None)
    try:
        role = Role(str(role_value))
    except ValueError as exc:
        raise Unauthenticated("the token names no known role") from exc
    org = claims.get("org", claims.get("custom:org")) or None
    position = claims.get("position", claims.get("custom:position")) or None
    return Principal(username=str(username), role=role, org=org, position=position)

