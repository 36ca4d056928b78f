"""The first admin of a deployed stack: a Cognito account and a user record that agree on the role."""

from __future__ import annotations

import boto3

from chalicelib import bootstrap
from chalicelib.adapters.tokens import principal_from_claims
from chalicelib.domain.identity import Role
from infra.bootstrap_admin import bootstrap_admin

REGION = "ap-southeast-3"


def cognito_claims(cognito: object, pool_id: str, username: str) -> dict[str, object]:
    """What a Cognito ID token of this user would claim (attributes and groups)."""
    user = cognito.admin_get_user(UserPoolId=pool_id, Username=username)  # type: ignore[attr-defined]
    groups = cognito.admin_list_groups_for_user(UserPoolId=pool_id, Username=username)  # type: ignore[attr-defined]
    return {"cognito:username": username, "cognito:groups": [g["GroupName"] for g in groups["Groups"]],
            **{a["Name"]: a["Value"] for a in user["UserAttributes"]}}


def test_the_first_admin_signs_in_with_cognito_as_the_admin_of_the_province(aws: dict[str, str]) -> None:
    cognito = boto3.client("cognito-idp", region_name=REGION)
    pool = aws["COGNITO_USER_POOL_ID"]

    bootstrap_admin(cognito, pool, bootstrap.container(), username="admin", email="admin@baliprov.go.id",
                    full_name="Administrator Provinsi")

    principal = principal_from_claims(cognito_claims(cognito, pool, "admin"))
    assert (principal.role, principal.org) == (Role.ADMIN, None)
    user = bootstrap.container().org_repo.get_user("admin")
    assert (user.role, user.org, user.email) == (Role.ADMIN, None, "admin@baliprov.go.id")


def test_an_org_admin_carries_the_org_in_cognito_and_in_the_record(aws: dict[str, str],
                                                                   province: dict[str, list[str]]) -> None:
    cognito = boto3.client("cognito-idp", region_name=REGION)
    pool = aws["COGNITO_USER_POOL_ID"]

    bootstrap_admin(cognito, pool, bootstrap.container(), username="admin2.kominfo", email="admin2@baliprov.go.id",
                    full_name="Ni Made Ayu Lestari", org="DISKOMINFOS")

    principal = principal_from_claims(cognito_claims(cognito, pool, "admin2.kominfo"))
    assert (principal.role, principal.org) == (Role.ADMIN, "DISKOMINFOS")
    assert bootstrap.container().org_repo.get_user("admin2.kominfo").org == "DISKOMINFOS"


def test_running_the_bootstrap_twice_leaves_one_admin(aws: dict[str, str]) -> None:
    cognito = boto3.client("cognito-idp", region_name=REGION)
    pool = aws["COGNITO_USER_POOL_ID"]
    for _ in range(2):
        bootstrap_admin(cognito, pool, bootstrap.container(), username="admin", email="admin@baliprov.go.id",
                        full_name="Administrator Provinsi")

    assert [u["Username"] for u in cognito.list_users(UserPoolId=pool)["Users"]] == ["admin"]
    assert [g["GroupName"] for g in cognito.admin_list_groups_for_user(UserPoolId=pool, Username="admin")["Groups"]] \
        == ["admin"]
