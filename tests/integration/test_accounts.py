"""Accounts in one place: POST /users and PATCH /users/{username} keep the Cognito pool (moto's) and the user
record in step, and a deactivated account's token is refused on its next request.
"""

from __future__ import annotations

from typing import Any

import boto3
import pytest

from tests.conftest import Api, assert_error

pytestmark = pytest.mark.usefixtures("province")
REGION = "ap-southeast-3"
NIP = "199901012024011001"


@pytest.fixture
def pool(aws: dict[str, str]) -> Any:
    """Reads of the stage's user pool: `pool.account(username)` is what Cognito holds for that user."""

    class Pool:
        cognito = boto3.client("cognito-idp", region_name=REGION)
        pool_id = aws["COGNITO_USER_POOL_ID"]

        def account(self, username: str) -> dict[str, Any]:
            user = self.cognito.admin_get_user(UserPoolId=self.pool_id, Username=username)
            groups = self.cognito.admin_list_groups_for_user(UserPoolId=self.pool_id, Username=username)
            return {"enabled": user["Enabled"], "status": user["UserStatus"],
                    "groups": sorted(g["GroupName"] for g in groups["Groups"]),
                    **{a["Name"]: a["Value"] for a in user["UserAttributes"] if a["Name"] != "sub"}}

    return Pool()


@pytest.fixture
def employee(api: Api) -> dict[str, Any]:
    """A new employee of DISKOMINFOS in a new seat, created through the API."""
    seat = {"code": "KASI-INFRA", "title": "Kepala Seksi Infrastruktur TIK", "level": "IV",
            "reports_to": "KABID-APTIKA"}
    assert api.post("/orgs/DISKOMINFOS/positions", seat, as_user="admin.kominfo").status_code == 201
    body = {"username": "staf.baru", "full_name": "I Putu Baru", "role": "employee", "org": "DISKOMINFOS",
            "position": "KASI-INFRA", "nip": NIP, "email": "staf.baru@baliprov.go.id", "phone": "081234500000"}
    response = api.post("/users", body, as_user="admin.kominfo")
    assert response.status_code == 201, response.body
    return response.json_body


def seat_holder(api: Api, code: str) -> str | None:
    positions = api.get("/orgs/DISKOMINFOS/positions?limit=100", as_user="admin.kominfo").json_body["items"]
    return next(p["holder"] for p in positions if p["code"] == code)


def test_a_created_user_has_a_cognito_account_with_the_roles_group_and_the_attributes_tokens_carry(
        pool: Any, employee: dict[str, Any]) -> None:
    account = pool.account("staf.baru")
    assert account["groups"] == ["employee"]
    assert (account["custom:org"], account["custom:position"]) == ("DISKOMINFOS", "KASI-INFRA")
    assert (account["email"], account["name"]) == ("staf.baru@baliprov.go.id", "I Putu Baru")
    assert account["status"] == "FORCE_CHANGE_PASSWORD"  # invited: signs in with the mailed temporary password
    assert employee["active"] is True


def test_an_org_admin_changes_role_seat_and_contact_in_the_record_and_in_cognito(
        api: Api, pool: Any, employee: dict[str, Any]) -> None:
    changes = {"name": "I Putu Baru Wijaya", "email": "putu.wijaya@baliprov.go.id", "phone": None,
               "role": "operator", "position": "OPERATOR-KOMINFO"}
    api.post("/users", {"username": "op.lama", "full_name": "Op Lama", "role": "operator", "org": "DISKOMINFOS",
                        "email": "op@baliprov.go.id"}, as_user="admin.kominfo")
    assert seat_holder(api, "OPERATOR-KOMINFO") == "operator.kominfo"
    # The seat is held: first the old holder gives it up.
    assert_error(api.patch("/users/staf.baru", changes, as_user="admin.kominfo"), 409, "conflict", field="position")
    assert api.patch("/users/operator.kominfo", {"position": None}, as_user="admin.kominfo").status_code == 200

    response = api.patch("/users/staf.baru", changes, as_user="admin.kominfo")

    assert response.status_code == 200, response.body
    assert response.json_body == {**employee, "full_name": "I Putu Baru Wijaya", "email": "putu.wijaya@baliprov.go.id",
                                  "phone": None, "role": "operator", "position": "OPERATOR-KOMINFO"}
    assert (seat_holder(api, "KASI-INFRA"), seat_holder(api, "OPERATOR-KOMINFO")) == (None, "staf.baru")
    account = pool.account("staf.baru")
    assert account["groups"] == ["operator"]
    assert (account["custom:position"], account["email"], account["name"]) == (
        "OPERATOR-KOMINFO", "putu.wijaya@baliprov.go.id", "I Putu Baru Wijaya")
    # The new role counts on the next request, with the token issued before the change.
    assert api.get("/submissions", as_user="staf.baru").status_code == 200


def test_a_deactivated_users_token_is_refused_on_its_next_request_and_reactivation_restores_it(
        api: Api, pool: Any, employee: dict[str, Any]) -> None:
    assert api.get("/me", as_user="staf.baru").status_code == 200

    response = api.patch("/users/staf.baru", {"active": False}, as_user="admin.kominfo")

    assert response.status_code == 200 and response.json_body["active"] is False
    error = assert_error(api.get("/me", as_user="staf.baru"), 401, "unauthenticated")
    assert "deactivated" in error["message"]
    assert_error(api.post("/auth/dev-login", {"username": "staf.baru"}), 401, "unauthenticated")
    assert pool.account("staf.baru")["enabled"] is False
    rows = api.get("/users?limit=100", as_user="admin.kominfo").json_body["items"]
    assert next(u for u in rows if u["username"] == "staf.baru")["active"] is False
    again = api.patch("/users/staf.baru", {"active": False}, as_user="admin.kominfo")
    assert (again.status_code, again.json_body) == (200, response.json_body)

    assert api.patch("/users/staf.baru", {"active": True}, as_user="admin.kominfo").status_code == 200
    assert api.get("/me", as_user="staf.baru").status_code == 200
    assert pool.account("staf.baru")["enabled"] is True


def test_a_deactivated_employee_gives_up_the_seat_to_a_successor(api: Api, employee: dict[str, Any]) -> None:
    assert_error(api.patch("/users/staf.baru", {"position": None}, as_user="admin.kominfo"), 400, field="position")
    assert api.patch("/users/staf.baru", {"active": False, "position": None}, as_user="admin.kominfo").status_code \
        == 200
    successor = {"username": "staf.pengganti", "full_name": "Ni Luh Pengganti", "role": "employee",
                 "org": "DISKOMINFOS", "position": "KASI-INFRA", "nip": NIP, "email": "pengganti@baliprov.go.id"}
    assert api.post("/users", successor, as_user="admin.kominfo").status_code == 201
    assert seat_holder(api, "KASI-INFRA") == "staf.pengganti"


def test_a_record_older_than_provisioning_gets_its_account_on_its_first_change(api: Api, pool: Any) -> None:
    # The seeded province is restored into DynamoDB only: its users have no Cognito account yet.
    assert api.patch("/users/kasi.layanan", {"phone": "081299900000"}, as_user="admin.kominfo").status_code == 200
    account = pool.account("kasi.layanan")
    assert (account["groups"], account["custom:position"]) == (["employee"], "KASI-LAYANAN")


@pytest.mark.parametrize(("who", "username", "status"), [
    ("admin.kominfo", "karo.umum", 404),  # another org's user: not found, not forbidden
    ("admin.kominfo", "warga", 404),  # no org: the province-wide admin's
    ("admin.kominfo", "nobody.here", 404),
    ("operator.kominfo", "staf.kominfo", 403),
    ("kadis.kominfo", "staf.kominfo", 403),
    ("warga", "staf.kominfo", 403),
    (None, "staf.kominfo", 401),
])
def test_only_the_admin_of_the_users_org_changes_it(api: Api, who: str | None, username: str, status: int) -> None:
    assert_error(api.patch(f"/users/{username}", {"phone": "081299900000"}, as_user=who), status)


def test_the_province_wide_admin_changes_any_orgs_user(api: Api) -> None:
    response = api.patch("/users/karo.umum", {"phone": "081299900001"}, as_user="admin")
    assert (response.status_code, response.json_body["phone"]) == (200, "081299900001")


@pytest.mark.parametrize(("body", "field"), [
    ({}, "body"),
    ({"role": None}, "role"),
    ({"active": None}, "active"),
    ({"email": "bukan-email"}, "email"),
    ({"phone": "12345"}, "phone"),
    ({"role": "superuser"}, "role"),
    ({"role": "public"}, "org"),
    ({"nip": "199901012024011001"}, "nip"),
    ({"position": "bukan kode"}, "position"),
])
def test_a_bad_change_is_refused_naming_the_field(api: Api, body: dict[str, Any], field: str) -> None:
    assert_error(api.patch("/users/staf.kominfo", body, as_user="admin.kominfo"), 400, "validation_error",
                 field=field)


def test_an_admin_cannot_lock_themself_out(api: Api) -> None:
    assert_error(api.patch("/users/admin.kominfo", {"active": False}, as_user="admin.kominfo"), 409, field="active")
    assert_error(api.patch("/users/admin.kominfo", {"role": "operator"}, as_user="admin.kominfo"), 409, field="role")


def test_only_the_province_wide_admin_makes_an_auditor(api: Api) -> None:
    assert_error(api.patch("/users/operator.kominfo", {"role": "auditor"}, as_user="admin.kominfo"), 403)
