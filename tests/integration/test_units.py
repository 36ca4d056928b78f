"""POST and GET /orgs/{org}/units: the tree of bidang, bagian and seksi inside an org."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import Api, assert_error

pytestmark = pytest.mark.usefixtures("province")
UNITS = "/orgs/DISKOMINFOS/units"


def new_unit(**overrides: Any) -> dict[str, Any]:
    return {"code": "STATISTIK", "name": "Bidang Statistik", "parent": "DISKOMINFOS", **overrides}


def test_the_org_admin_adds_a_unit_under_an_existing_parent(api: Api) -> None:
    response = api.post(UNITS, new_unit(), as_user="admin.kominfo")
    assert response.status_code == 201
    assert response.json_body == {"org": "DISKOMINFOS", **new_unit()}


def test_the_province_wide_admin_adds_units_to_any_org(api: Api) -> None:
    response = api.post("/orgs/BIROUMUM/units", new_unit(parent=None), as_user="admin")
    assert response.status_code == 201
    assert response.json_body["org"] == "BIROUMUM"


def test_adding_a_unit_needs_a_token(api: Api) -> None:
    assert_error(api.post(UNITS, new_unit()), 401, "unauthenticated")


@pytest.mark.parametrize("who", ["operator.kominfo", "kadis.kominfo", "warga"])
def test_only_admins_add_units(api: Api, who: str) -> None:
    assert_error(api.post(UNITS, new_unit(), as_user=who), 403, "forbidden")


def test_an_org_admin_cannot_add_units_to_another_org(api: Api) -> None:
    assert_error(api.post("/orgs/BIROUMUM/units", new_unit(parent="BIROUMUM"), as_user="admin.kominfo"), 403,
                 "forbidden")
    codes = [u["code"] for u in api.get("/orgs/BIROUMUM/units", as_user="admin").json_body["items"]]
    assert "STATISTIK" not in codes


def test_unit_codes_are_unique_within_an_org(api: Api) -> None:
    assert_error(api.post(UNITS, new_unit(code="APTIKA"), as_user="admin.kominfo"), 409, "conflict", field="code")


def test_the_same_unit_code_may_be_used_in_another_org(api: Api) -> None:
    response = api.post("/orgs/BIROUMUM/units", new_unit(code="APTIKA", parent=None), as_user="admin")
    assert response.status_code == 201


def test_a_unit_under_an_unknown_parent_is_refused(api: Api) -> None:
    assert_error(api.post(UNITS, new_unit(parent="NOPE"), as_user="admin.kominfo"), 400, "validation_error",
                 field="parent")


def test_a_parent_from_another_org_is_not_a_parent(api: Api) -> None:
    assert_error(api.post(UNITS, new_unit(parent="PERSURATAN"), as_user="admin.kominfo"), 400, field="parent")


def test_a_unit_of_an_unknown_org_is_not_found(api: Api) -> None:
    assert_error(api.post("/orgs/NOPE/units", new_unit(parent=None), as_user="admin"), 404, "not_found", field="org")


@pytest.mark.parametrize(("body", "field"), [
    (new_unit(code="statistik"), "code"),
    (new_unit(name=""), "name"),
    (new_unit(parent="a b"), "parent"),
    ({"name": "Bidang Statistik"}, "code"),
])
def test_a_bad_unit_is_refused_naming_the_field(api: Api, body: dict[str, Any], field: str) -> None:
    assert_error(api.post(UNITS, body, as_user="admin.kominfo"), 400, "validation_error", field=field)


def test_an_orgs_staff_list_its_units_by_code(api: Api) -> None:
    response = api.get(UNITS, as_user="staf.kominfo")
    assert response.status_code == 200
    assert [u["code"] for u in response.json_body["items"]] == ["APTIKA", "DISKOMINFOS", "LAYANAN", "SEKRETARIAT"]
    assert response.json_body["items"][0] == {"org": "DISKOMINFOS", "code": "APTIKA",
                                              "name": "Bidang Aplikasi Informatika", "parent": "DISKOMINFOS"}


def test_listing_units_needs_a_token(api: Api) -> None:
    assert_error(api.get(UNITS), 401, "unauthenticated")


def test_the_public_cannot_list_units(api: Api) -> None:
    assert_error(api.get(UNITS, as_user="warga"), 403, "forbidden")


def test_staff_cannot_list_another_orgs_units(api: Api) -> None:
    assert_error(api.get("/orgs/BIROUMUM/units", as_user="staf.kominfo"), 403, "forbidden")


def test_a_bad_page_size_for_units_is_refused_naming_limit(api: Api) -> None:
    assert_error(api.get(f"{UNITS}?limit=abc", as_user="staf.kominfo"), 400, "validation_error", field="limit")


def test_a_unit_cannot_be_its_own_parent(api: Api) -> None:
    assert_error(api.post(UNITS, new_unit(parent="STATISTIK"), as_user="admin.kominfo"), 400, "validation_error",
                 field="parent")
