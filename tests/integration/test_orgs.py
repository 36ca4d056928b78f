"""POST /orgs, GET /orgs, GET /orgs/{org}: the province's agencies and their letterheads."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import Api, assert_error

pytestmark = pytest.mark.usefixtures("province")


def new_org(**overrides: Any) -> dict[str, Any]:
    return {"code": "DISPAR", "name": "Dinas Pariwisata Provinsi Bali", "address": "Jl. S. Parman, Denpasar",
            "city": "Denpasar", **overrides}


# ---------------------------------------------------------------- POST /orgs


def test_the_province_wide_admin_creates_an_org_with_default_numbering(api: Api) -> None:
    response = api.post("/orgs", new_org(email="dispar@baliprov.go.id"), as_user="admin")
    assert response.status_code == 201
    assert response.json_body == {**new_org(), "email": "dispar@baliprov.go.id", "phone": None, "website": None,
                                  "number_format": "{classification}/{seq}/{org_code}/{year}",
                                  "max_review_steps": 3, "coordinated_by": None}


def test_an_org_names_the_position_of_the_setda_that_coordinates_it(api: Api) -> None:
    response = api.post("/orgs", new_org(coordinated_by="SETDA/ASISTEN3"), as_user="admin")
    assert response.status_code == 201 and response.json_body["coordinated_by"] == "SETDA/ASISTEN3"
    assert api.get("/orgs/DISPAR", as_user="admin").json_body["coordinated_by"] == "SETDA/ASISTEN3"


@pytest.mark.parametrize("ref", ["SETDA/NOPE", "NOWHERE/SEKDA", "DISPAR/KADIS", "ASISTEN3"])
def test_an_org_is_coordinated_only_by_an_existing_position_of_another_org(api: Api, ref: str) -> None:
    assert_error(api.post("/orgs", new_org(coordinated_by=ref), as_user="admin"), 400, "validation_error",
                 field="coordinated_by")
    assert api.get("/orgs/DISPAR", as_user="admin").status_code == 404


def test_a_created_org_can_be_read_back(api: Api) -> None:
    api.post("/orgs", new_org(), as_user="admin")
    response = api.get("/orgs/DISPAR", as_user="admin")
    assert response.status_code == 200
    assert response.json_body["name"] == "Dinas Pariwisata Provinsi Bali"


def test_creating_an_org_needs_a_token(api: Api) -> None:
    assert_error(api.post("/orgs", new_org()), 401, "unauthenticated")


@pytest.mark.parametrize("who", ["admin.kominfo", "operator.kominfo", "kadis.kominfo", "warga"])
def test_only_the_province_wide_admin_creates_orgs(api: Api, who: str) -> None:
    assert_error(api.post("/orgs", new_org(), as_user=who), 403, "forbidden")
    assert api.get("/orgs/DISPAR", as_user="admin").status_code == 404


def test_org_codes_are_unique(api: Api) -> None:
    assert_error(api.post("/orgs", new_org(code="DISKOMINFOS"), as_user="admin"), 409, "conflict", field="code")


@pytest.mark.parametrize(("body", "field"), [
    (new_org(code="dinas pariwisata"), "code"),
    (new_org(name=""), "name"),
    (new_org(email="not-an-email"), "email"),
    (new_org(max_review_steps=11), "max_review_steps"),
    (new_org(number_format="{seq}/{secret}/{year}"), "number_format"),
    (new_org(number_format="{classification}/{org_code}"), "number_format"),
    (new_org(colour="blue"), "colour"),
    ({"code": "DISPAR"}, "name"),
])
def test_a_bad_org_is_refused_naming_the_field(api: Api, body: dict[str, Any], field: str) -> None:
    assert_error(api.post("/orgs", body, as_user="admin"), 400, "validation_error", field=field)


def test_a_body_that_is_not_an_object_is_refused(api: Api) -> None:
    assert_error(api.post("/orgs", ["DISPAR"], as_user="admin"), 400, "validation_error")


# ---------------------------------------------------------------- GET /orgs


def test_staff_list_every_org_by_code(api: Api) -> None:
    response = api.get("/orgs", as_user="staf.kominfo")
    assert response.status_code == 200
    assert [org["code"] for org in response.json_body["items"]] == ["BIROUMUM", "DISKOMINFOS", "PEMPROV", "SETDA"]
    assert response.json_body["next"] is None


def test_listing_orgs_needs_a_token(api: Api) -> None:
    assert_error(api.get("/orgs"), 401, "unauthenticated")


def test_the_public_cannot_list_orgs(api: Api) -> None:
    assert_error(api.get("/orgs", as_user="warga"), 403, "forbidden")


@pytest.mark.parametrize("limit", ["0", "abc", "-1", "101", "2.5"])
def test_a_bad_page_size_is_refused_naming_limit(api: Api, limit: str) -> None:
    assert_error(api.get(f"/orgs?limit={limit}", as_user="admin"), 400, "validation_error", field="limit")


# ---------------------------------------------------------------- GET /orgs/{org}


def test_staff_read_an_orgs_letterhead(api: Api) -> None:
    response = api.get("/orgs/DISKOMINFOS", as_user="kasi.layanan")
    assert response.status_code == 200
    assert response.json_body["name"] == "Dinas Komunikasi, Informatika dan Statistika Provinsi Bali"
    assert response.json_body["city"] == "Denpasar"


def test_staff_read_another_orgs_letterhead_to_address_letters_to_it(api: Api) -> None:
    # Deliberately open to all staff: the org record is letterhead data, not personal data.
    response = api.get("/orgs/BIROUMUM", as_user="staf.kominfo")
    assert response.status_code == 200
    assert response.json_body["code"] == "BIROUMUM"


def test_reading_an_org_needs_a_token(api: Api) -> None:
    assert_error(api.get("/orgs/DISKOMINFOS"), 401, "unauthenticated")


def test_the_public_cannot_read_org_records(api: Api) -> None:
    assert_error(api.get("/orgs/DISKOMINFOS", as_user="usaha"), 403, "forbidden")


def test_an_unknown_org_is_not_found(api: Api) -> None:
    assert_error(api.get("/orgs/NOPE", as_user="admin"), 404, "not_found")
