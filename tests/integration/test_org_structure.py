"""PATCH /orgs/{org}/units/{code} and /orgs/{org}/positions/{code}: an org's admin renames and moves units and
positions; the tree never closes a cycle, a superior sits higher, and other orgs' records stay out of reach."""

from __future__ import annotations

import pytest

from tests.conftest import assert_error

pytestmark = pytest.mark.usefixtures("province")
ADMIN = "admin.kominfo"


def units(api):
    return {u["code"]: u for u in api.get("/orgs/DISKOMINFOS/units", as_user=ADMIN).json_body["items"]}


def positions(api):
    return {p["code"]: p for p in api.get("/orgs/DISKOMINFOS/positions", as_user=ADMIN).json_body["items"]}


def test_an_org_admin_renames_a_unit_and_moves_it_under_another(api):
    response = api.patch("/orgs/DISKOMINFOS/units/LAYANAN", {"name": "Seksi Layanan Digital", "parent": "SEKRETARIAT"},
                         as_user=ADMIN)
    assert response.status_code == 200, response.body
    assert response.json_body == {"org": "DISKOMINFOS", "code": "LAYANAN", "name": "Seksi Layanan Digital",
                                  "parent": "SEKRETARIAT"}
    assert units(api)["LAYANAN"] == response.json_body


def test_a_unit_cannot_move_under_itself_or_below_it(api):
    assert_error(api.patch("/orgs/DISKOMINFOS/units/APTIKA", {"parent": "LAYANAN"}, as_user=ADMIN), 409, "conflict")
    assert_error(api.patch("/orgs/DISKOMINFOS/units/APTIKA", {"parent": "APTIKA"}, as_user=ADMIN), 409, "conflict")
    assert units(api)["APTIKA"]["parent"] == "DISKOMINFOS"


def test_an_org_admin_moves_a_position_under_another_superior_of_a_higher_level(api):
    response = api.patch("/orgs/DISKOMINFOS/positions/ANALIS-SISTEM", {"reports_to": "KABID-APTIKA",
                                                                       "title": "Analis Sistem Informasi Ahli"},
                         as_user=ADMIN)
    assert response.status_code == 200, response.body
    moved = positions(api)["ANALIS-SISTEM"]
    assert moved["reports_to"] == "KABID-APTIKA" and moved["title"] == "Analis Sistem Informasi Ahli"
    assert moved["holder"] == "analis.kominfo" and moved["level"] == "staff"  # the holder and the level stay


@pytest.mark.parametrize(("path", "body", "field"), [
    ("/orgs/DISKOMINFOS/positions/KABID-APTIKA", {"reports_to": "KASI-LAYANAN"}, "reports_to"),  # a lower level
    ("/orgs/DISKOMINFOS/positions/KASI-LAYANAN", {"reports_to": "KARO"}, "reports_to"),  # another org's position
    ("/orgs/DISKOMINFOS/positions/KASI-LAYANAN", {"unit": "TU"}, "unit"),  # another org's unit
    ("/orgs/DISKOMINFOS/units/LAYANAN", {"parent": "PERSURATAN"}, "parent"),
    ("/orgs/DISKOMINFOS/units/LAYANAN", {}, "body"),
    ("/orgs/DISKOMINFOS/units/LAYANAN", {"name": ""}, "name"),
    ("/orgs/DISKOMINFOS/positions/KADIS", {"level": "I"}, "level"),  # the level is not editable
])
def test_a_bad_edit_is_refused_naming_its_field(api, path, body, field):
    assert_error(api.patch(path, body, as_user=ADMIN), 400, "validation_error", field)


def test_another_org_s_unit_or_position_is_not_found_and_another_org_is_forbidden(api):
    assert_error(api.patch("/orgs/DISKOMINFOS/units/TU", {"name": "X"}, as_user=ADMIN), 404, "not_found")
    assert_error(api.patch("/orgs/DISKOMINFOS/positions/KARO", {"title": "X"}, as_user=ADMIN), 404, "not_found")
    assert_error(api.patch("/orgs/BIROUMUM/units/TU", {"name": "X"}, as_user=ADMIN), 403, "forbidden")


@pytest.mark.parametrize("who", ["kadis.kominfo", "operator.kominfo", "inspektur", "warga"])
def test_only_admins_edit_the_structure(api, who):
    assert_error(api.patch("/orgs/DISKOMINFOS/units/LAYANAN", {"name": "X"}, as_user=who), 403, "forbidden")


def test_the_province_admin_edits_any_org_and_a_signed_out_caller_nothing(api):
    assert api.patch("/orgs/BIROUMUM/units/TU", {"name": "Bagian Tata Usaha dan Arsip"}, as_user="admin") \
        .status_code == 200
    assert_error(api.patch("/orgs/BIROUMUM/units/TU", {"name": "X"}), 401, "unauthenticated")
