"""POST and GET /users: people, their role, org and position; personal data stays in its org."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import Api, assert_error

pytestmark = pytest.mark.usefixtures("province")
NIP = "199901012024011001"


def new_employee(**overrides: Any) -> dict[str, Any]:
    return {"username": "staf.baru", "full_name": "I Putu Baru", "role": "employee", "org": "DISKOMINFOS",
            "position": "KASI-INFRA", "nip": NIP, "email": "staf.baru@baliprov.go.id", "phone": "081234500000",
            **overrides}


@pytest.fixture
def free_position(api: Api) -> str:
    """A seat of DISKOMINFOS that nobody holds yet."""
    body = {"code": "KASI-INFRA", "title": "Kepala Seksi Infrastruktur TIK", "level": "IV",
            "reports_to": "KABID-APTIKA"}
    assert api.post("/orgs/DISKOMINFOS/positions", body, as_user="admin.kominfo").status_code == 201
    return "KASI-INFRA"


def test_the_org_admin_creates_an_employee_holding_a_free_position(api: Api, free_position: str) -> None:
    response = api.post("/users", new_employee(), as_user="admin.kominfo")
    assert response.status_code == 201
    assert response.json_body == {**new_employee(), "extra": {}, "active": True}


def test_a_new_holder_is_shown_on_the_position(api: Api, free_position: str) -> None:
    api.post("/users", new_employee(), as_user="admin.kominfo")
    positions = api.get("/orgs/DISKOMINFOS/positions?limit=100", as_user="admin.kominfo").json_body["items"]
    seat = next(p for p in positions if p["code"] == free_position)
    assert (seat["holder"], seat["holder_name"]) == ("staf.baru", "I Putu Baru")


def test_the_province_wide_admin_creates_a_business_user(api: Api) -> None:
    body = {"username": "cv.sinar", "full_name": "Ni Made Sinar", "role": "public", "email": "sinar@example.com",
            "extra": {"sender_type": "business", "company_name": "CV Sinar Bali"}}
    response = api.post("/users", body, as_user="admin")
    assert response.status_code == 201
    assert response.json_body["extra"] == {"sender_type": "business", "company_name": "CV Sinar Bali"}
    assert response.json_body["org"] is None


def test_creating_a_user_needs_a_token(api: Api) -> None:
    assert_error(api.post("/users", new_employee()), 401, "unauthenticated")


@pytest.mark.parametrize("who", ["operator.kominfo", "kadis.kominfo", "warga"])
def test_only_admins_create_users(api: Api, free_position: str, who: str) -> None:
    assert_error(api.post("/users", new_employee(), as_user=who), 403, "forbidden")


def test_an_org_admin_cannot_create_users_in_another_org(api: Api) -> None:
    body = new_employee(org="BIROUMUM", position="STAF-PERSURATAN")
    assert_error(api.post("/users", body, as_user="admin.kominfo"), 403, "forbidden")


def test_an_org_admin_cannot_create_users_without_an_org(api: Api) -> None:
    body = {"username": "warga.baru", "full_name": "Warga Baru", "role": "public"}
    assert_error(api.post("/users", body, as_user="admin.kominfo"), 403, "forbidden")


def test_usernames_are_unique(api: Api, free_position: str) -> None:
    assert_error(api.post("/users", new_employee(username="staf.kominfo"), as_user="admin.kominfo"), 409,
                 "conflict", field="username")


def test_a_position_has_one_holder_at_a_time(api: Api) -> None:
    response = api.post("/users", new_employee(position="KADIS"), as_user="admin.kominfo")
    assert_error(response, 409, "conflict", field="position")


def test_a_refused_holder_leaves_no_user_behind(api: Api) -> None:
    api.post("/users", new_employee(position="KADIS"), as_user="admin.kominfo")
    usernames = [u["username"] for u in api.get("/users?limit=100", as_user="admin.kominfo").json_body["items"]]
    assert "staf.baru" not in usernames


def test_an_unknown_position_cannot_be_held(api: Api) -> None:
    assert_error(api.post("/users", new_employee(position="NOPE"), as_user="admin.kominfo"), 409, field="position")


def test_a_user_of_an_unknown_org_is_not_found(api: Api) -> None:
    body = new_employee(org="NOPE", position=None, role="operator")
    assert_error(api.post("/users", body, as_user="admin"), 404, "not_found", field="org")


@pytest.mark.parametrize(("overrides", "field"), [
    ({"username": "Staf Baru"}, "username"),
    ({"role": "superuser"}, "role"),
    ({"nip": "123"}, "nip"),
    ({"nip": None}, "nip"),
    ({"position": None}, "position"),
    ({"email": "not-an-email"}, "email"),
    ({"phone": "12345"}, "phone"),
    ({"full_name": ""}, "full_name"),
    ({"password": "secret"}, "password"),
    ({"role": "public"}, "org"),
])
def test_a_bad_user_is_refused_naming_the_field(api: Api, free_position: str, overrides: dict[str, Any],
                                                field: str) -> None:
    assert_error(api.post("/users", new_employee(**overrides), as_user="admin.kominfo"), 400, "validation_error",
                 field=field)


def test_an_org_admin_lists_their_orgs_users(api: Api) -> None:
    response = api.get("/users?limit=100", as_user="admin.kominfo")
    assert response.status_code == 200
    users = response.json_body["items"]
    assert {u["org"] for u in users} == {"DISKOMINFOS"}
    assert "kadis.kominfo" in [u["username"] for u in users]
    assert [u["username"] for u in users] == sorted(u["username"] for u in users)


def test_an_operator_lists_their_orgs_users(api: Api) -> None:
    response = api.get("/users?org=BIROUMUM", as_user="operator.biroumum")
    assert response.status_code == 200
    assert {u["org"] for u in response.json_body["items"]} == {"BIROUMUM"}


def test_the_province_wide_admin_lists_users_without_an_org(api: Api) -> None:
    response = api.get("/users", as_user="admin")
    assert response.status_code == 200
    assert {u["username"] for u in response.json_body["items"]} == {"admin", "inspektur", "warga", "usaha"}


def test_listing_users_needs_a_token(api: Api) -> None:
    assert_error(api.get("/users"), 401, "unauthenticated")


@pytest.mark.parametrize("who", ["staf.kominfo", "kadis.kominfo"])
def test_employees_cannot_list_people(api: Api, who: str) -> None:
    assert_error(api.get("/users", as_user=who), 403, "forbidden")


def test_the_public_cannot_list_people(api: Api) -> None:
    assert_error(api.get("/users", as_user="warga"), 403, "forbidden")


@pytest.mark.parametrize("who", ["admin.kominfo", "operator.kominfo"])
def test_another_orgs_people_are_hidden(api: Api, who: str) -> None:
    response = api.get("/users?org=BIROUMUM", as_user=who)
    assert_error(response, 403, "forbidden")
    assert "karo.umum" not in response.body.decode()


def test_a_bad_page_size_for_users_is_refused_naming_limit(api: Api) -> None:
    assert_error(api.get("/users?limit=abc", as_user="admin.kominfo"), 400, "validation_error", field="limit")
