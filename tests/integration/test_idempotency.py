"""Idempotency-Key: a retried create returns the first response and creates nothing twice."""

from __future__ import annotations

import pytest

from tests.conftest import Api, assert_error

pytestmark = pytest.mark.usefixtures("province")
UNITS = "/orgs/DISKOMINFOS/units"
UNIT = {"code": "STATISTIK", "name": "Bidang Statistik", "parent": "DISKOMINFOS"}
KEY = {"Idempotency-Key": "retry-4f1c2a9e"}


def unit_codes(api: Api) -> list[str]:
    return [u["code"] for u in api.get(f"{UNITS}?limit=100", as_user="admin.kominfo").json_body["items"]]


def test_a_retry_with_the_same_key_returns_the_first_response(api: Api) -> None:
    first = api.post(UNITS, UNIT, as_user="admin.kominfo", headers=KEY)
    again = api.post(UNITS, UNIT, as_user="admin.kominfo", headers=KEY)
    assert first.status_code == again.status_code == 201
    assert again.json_body == first.json_body


def test_a_retry_with_the_same_key_creates_nothing_twice(api: Api) -> None:
    api.post(UNITS, UNIT, as_user="admin.kominfo", headers=KEY)
    api.post(UNITS, UNIT, as_user="admin.kominfo", headers=KEY)
    assert unit_codes(api).count("STATISTIK") == 1


def test_without_a_key_a_repeated_create_is_a_conflict(api: Api) -> None:
    api.post(UNITS, UNIT, as_user="admin.kominfo")
    assert_error(api.post(UNITS, UNIT, as_user="admin.kominfo"), 409, "conflict", field="code")


def test_the_same_key_with_a_different_body_is_refused(api: Api) -> None:
    api.post(UNITS, UNIT, as_user="admin.kominfo", headers=KEY)
    response = api.post(UNITS, {**UNIT, "code": "STATISTIK-2"}, as_user="admin.kominfo", headers=KEY)
    assert_error(response, 422, "idempotency_key_reused")
    assert "STATISTIK-2" not in unit_codes(api)


def test_keys_belong_to_the_caller_who_sent_them(api: Api) -> None:
    api.post(UNITS, UNIT, as_user="admin.kominfo", headers=KEY)
    other = api.post("/orgs/BIROUMUM/units", {**UNIT, "parent": None}, as_user="admin", headers=KEY)
    assert other.status_code == 201
    assert other.json_body["org"] == "BIROUMUM"


def test_a_retried_user_create_returns_the_first_user_and_keeps_one_holder(api: Api) -> None:
    api.post("/orgs/DISKOMINFOS/positions", {"code": "KASI-INFRA", "title": "Kepala Seksi Infrastruktur",
                                             "level": "IV", "reports_to": "KABID-APTIKA"}, as_user="admin.kominfo")
    body = {"username": "kasi.infra", "full_name": "I Made Infra", "role": "employee", "org": "DISKOMINFOS",
            "position": "KASI-INFRA", "nip": "198801012010011001"}
    first = api.post("/users", body, as_user="admin.kominfo", headers=KEY)
    again = api.post("/users", body, as_user="admin.kominfo", headers=KEY)
    assert first.status_code == again.status_code == 201
    assert again.json_body == first.json_body


@pytest.mark.parametrize("key", ["short", "has space in it", "x" * 129, "semi;colon;key"])
def test_a_malformed_key_is_refused_naming_the_header(api: Api, key: str) -> None:
    response = api.post(UNITS, UNIT, as_user="admin.kominfo", headers={"Idempotency-Key": key})
    assert_error(response, 400, "validation_error", field="Idempotency-Key")
    assert "STATISTIK" not in unit_codes(api)
