"""POST and GET /orgs/{org}/positions: seats (jabatan) with a level and a reporting line."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import Api, assert_error

pytestmark = pytest.mark.usefixtures("province")
POSITIONS = "/orgs/DISKOMINFOS/positions"


def new_position(**overrides: Any) -> dict[str, Any]:
    return {"code": "KASI-INFRA", "title": "Kepala Seksi Infrastruktur TIK", "level": "IV", "unit": "APTIKA",
            "reports_to": "KABID-APTIKA", **overrides}


def test_the_org_admin_adds_a_position_reporting_to_a_higher_one(api: Api) -> None:
    response = api.post(POSITIONS, new_position(), as_user="admin.kominfo")
    assert response.status_code == 201
    assert response.json_body == {"org": "DISKOMINFOS", **new_position(), "holder": None, "holder_name": None}


def test_a_top_position_reports_to_nobody(api: Api) -> None:
    response = api.post(POSITIONS, new_position(code="WAKIL", level="II", unit=None, reports_to=None),
                        as_user="admin.kominfo")
    assert response.status_code == 201
    assert response.json_body["reports_to"] is None


def test_adding_a_position_needs_a_token(api: Api) -> None:
    assert_error(api.post(POSITIONS, new_position()), 401, "unauthenticated")


@pytest.mark.parametrize("who", ["operator.kominfo", "kadis.kominfo", "usaha"])
def test_only_admins_add_positions(api: Api, who: str) -> None:
    assert_error(api.post(POSITIONS, new_position(), as_user=who), 403, "forbidden")


def test_an_org_admin_cannot_add_positions_to_another_org(api: Api) -> None:
    body = new_position(unit="TU", reports_to="KABAG-TU")
    assert_error(api.post("/orgs/BIROUMUM/positions", body, as_user="admin.kominfo"), 403, "forbidden")


def test_position_codes_are_unique_within_an_org(api: Api) -> None:
    assert_error(api.post(POSITIONS, new_position(code="KASI-LAYANAN"), as_user="admin.kominfo"), 409, "conflict",
                 field="code")


@pytest.mark.parametrize("superior", ["KASI-LAYANAN", "PRANATA-KOMPUTER"])
def test_reports_to_must_sit_higher_in_the_same_org(api: Api, superior: str) -> None:
    # KASI-LAYANAN is eselon IV like the new seat; PRANATA-KOMPUTER is staff, below it.
    assert_error(api.post(POSITIONS, new_position(reports_to=superior), as_user="admin.kominfo"), 400,
                 "validation_error", field="reports_to")


def test_reports_to_a_position_of_another_org_is_refused(api: Api) -> None:
    assert_error(api.post(POSITIONS, new_position(reports_to="KARO"), as_user="admin.kominfo"), 400,
                 "validation_error", field="reports_to")


def test_reports_to_an_unknown_position_is_refused(api: Api) -> None:
    assert_error(api.post(POSITIONS, new_position(reports_to="NOPE"), as_user="admin.kominfo"), 400,
                 field="reports_to")


def test_a_position_in_an_unknown_unit_is_refused(api: Api) -> None:
    assert_error(api.post(POSITIONS, new_position(unit="NOPE"), as_user="admin.kominfo"), 400, "validation_error",
                 field="unit")


def test_a_refused_position_is_not_half_written(api: Api) -> None:
    api.post(POSITIONS, new_position(unit="NOPE"), as_user="admin.kominfo")
    codes = [p["code"] for p in api.get(f"{POSITIONS}?limit=100", as_user="admin.kominfo").json_body["items"]]
    assert "KASI-INFRA" not in codes


@pytest.mark.parametrize(("body", "field"), [
    (new_position(level="V"), "level"),
    (new_position(code="kasi infra"), "code"),
    (new_position(title=""), "title"),
    (new_position(reports_to="kabid"), "reports_to"),
    (new_position(holder="staf.kominfo"), "holder"),
])
def test_a_bad_position_is_refused_naming_the_field(api: Api, body: dict[str, Any], field: str) -> None:
    assert_error(api.post(POSITIONS, body, as_user="admin.kominfo"), 400, "validation_error", field=field)


def test_an_orgs_staff_list_its_positions_with_their_holders(api: Api) -> None:
    response = api.get(f"{POSITIONS}?limit=100", as_user="staf.kominfo")
    assert response.status_code == 200
    by_code = {p["code"]: p for p in response.json_body["items"]}
    assert by_code["KADIS"]["holder"] == "kadis.kominfo"
    assert by_code["KADIS"]["holder_name"] == "I Gede Pramana Putra"
    assert by_code["KASI-LAYANAN"]["reports_to"] == "KABID-APTIKA"
    assert list(by_code) == sorted(by_code)


def test_listing_positions_needs_a_token(api: Api) -> None:
    assert_error(api.get(POSITIONS), 401, "unauthenticated")


def test_the_public_cannot_list_positions(api: Api) -> None:
    assert_error(api.get(POSITIONS, as_user="warga"), 403, "forbidden")


def test_staff_cannot_list_another_orgs_positions(api: Api) -> None:
    assert_error(api.get("/orgs/SETDA/positions", as_user="kabid.aptika"), 403, "forbidden")


def test_a_bad_page_size_for_positions_is_refused_naming_limit(api: Api) -> None:
    assert_error(api.get(f"{POSITIONS}?limit=0", as_user="staf.kominfo"), 400, "validation_error", field="limit")


def test_a_position_cannot_report_to_itself(api: Api) -> None:
    assert_error(api.post(POSITIONS, new_position(reports_to="KASI-INFRA"), as_user="admin.kominfo"), 400,
                 "validation_error", field="reports_to")
