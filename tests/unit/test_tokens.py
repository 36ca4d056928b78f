"""Local HS256 tokens and the mapping of local and Cognito claims to the caller."""

from __future__ import annotations

import time

import jwt
import pytest

from chalicelib.adapters.tokens import (
    LOCAL_AUDIENCE,
    LOCAL_ISSUER,
    issue_local_token,
    principal_from_claims,
    verify_token,
)
from chalicelib.config import Settings
from chalicelib.domain.errors import Unauthenticated
from chalicelib.domain.identity import Principal, Role
from tests.unit.conftest import SECRET

KASI = Principal("kasi.layanan", Role.EMPLOYEE, org="DISKOMINFOS", position="KASI-LAYANAN")


def forge(secret: str = SECRET, **overrides: object) -> str:
    now = int(time.time())
    claims = {"iss": LOCAL_ISSUER, "aud": LOCAL_AUDIENCE, "sub": "kasi.layanan", "iat": now, "exp": now + 60,
              "role": "employee", "org": "DISKOMINFOS", "position": "KASI-LAYANAN", **overrides}
    return jwt.encode({k: v for k, v in claims.items() if v is not None}, secret, algorithm="HS256")


def test_an_issued_token_verifies_back_to_the_same_caller(settings: Settings) -> None:
    token, ttl = issue_local_token(settings, KASI, "I Ketut Arya Wiguna")
    assert ttl == settings.token_ttl_seconds
    assert verify_token(settings, f"Bearer {token}") == KASI


def test_the_province_wide_admin_keeps_no_org_through_a_token(settings: Settings) -> None:
    token, _ = issue_local_token(settings, Principal("admin", Role.ADMIN), "Administrator")
    assert verify_token(settings, f"Bearer {token}") == Principal("admin", Role.ADMIN, org=None, position=None)


def test_the_bearer_scheme_is_case_insensitive(settings: Settings) -> None:
    token, _ = issue_local_token(settings, KASI, "x")
    assert verify_token(settings, f"bearer {token}") == KASI


def test_an_expired_token_is_refused(settings: Settings) -> None:
    with pytest.raises(Unauthenticated):
        verify_token(settings, f"Bearer {forge(exp=int(time.time()) - 10)}")


def test_a_token_signed_with_another_secret_is_refused(settings: Settings) -> None:
    with pytest.raises(Unauthenticated):
        verify_token(settings, f"Bearer {forge(secret='another-secret-that-is-also-long-enough!')}")


def test_a_token_for_another_audience_is_refused(settings: Settings) -> None:
    with pytest.raises(Unauthenticated):
        verify_token(settings, f"Bearer {forge(aud='someone-else')}")


def test_a_token_from_another_issuer_is_refused(settings: Settings) -> None:
    with pytest.raises(Unauthenticated):
        verify_token(settings, f"Bearer {forge(iss='evil')}")


def test_a_token_without_expiry_is_refused(settings: Settings) -> None:
    with pytest.raises(Unauthenticated):
        verify_token(settings, f"Bearer {forge(exp=None)}")


def test_an_unsigned_token_is_refused(settings: Settings) -> None:
    now = int(time.time())
    unsigned = jwt.encode({"iss": LOCAL_ISSUER, "aud": LOCAL_AUDIENCE, "sub": "admin", "exp": now + 60,
                           "role": "admin"}, None, algorithm="none")
    with pytest.raises(Unauthenticated):
        verify_token(settings, f"Bearer {unsigned}")


@pytest.mark.parametrize("header", ["", "Bearer", "Bearer ", "Token abc", "abc.def.ghi"])
def test_a_header_without_a_bearer_token_is_refused(settings: Settings, header: str) -> None:
    with pytest.raises(Unauthenticated):
        verify_token(settings, header)


def test_a_raw_token_without_the_bearer_word_is_refused(settings: Settings) -> None:
    token, _ = issue_local_token(settings, KASI, "x")
    with pytest.raises(Unauthenticated):
        verify_token(settings, token)


def test_a_token_naming_no_known_role_is_refused(settings: Settings) -> None:
    with pytest.raises(Unauthenticated):
        verify_token(settings, f"Bearer {forge(role='superuser')}")


def test_cognito_claims_give_role_from_groups_and_org_and_position_from_custom_attributes() -> None:
    claims = {"sub": "0f1e-uuid", "cognito:username": "kadis.kominfo", "cognito:groups": ["employee"],
              "custom:org": "DISKOMINFOS", "custom:position": "KADIS", "token_use": "id"}
    assert principal_from_claims(claims) == Principal("kadis.kominfo", Role.EMPLOYEE, "DISKOMINFOS", "KADIS")


def test_of_several_cognito_groups_the_most_powerful_role_wins() -> None:
    claims = {"username": "admin.kominfo", "cognito:groups": ["employee", "admin", "operator"],
              "custom:org": "DISKOMINFOS"}
    principal = principal_from_claims(claims)
    assert principal.role is Role.ADMIN
    assert principal.username == "admin.kominfo"
    assert principal.position is None


def test_a_cognito_user_in_no_known_group_is_unauthenticated() -> None:
    with pytest.raises(Unauthenticated):
        principal_from_claims({"cognito:username": "x", "cognito:groups": ["guests"]})


def test_an_empty_custom_org_means_no_org() -> None:
    claims = {"cognito:username": "warga", "cognito:groups": ["public"], "custom:org": ""}
    assert principal_from_claims(claims) == Principal("warga", Role.PUBLIC, None, None)

