"""AWS calls per request (DESIGN §8): a list page is 1 DynamoDB call, a get at most 2, a create at most 2."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from tests.conftest import Api
from tests.support import calls_to, count_aws_calls

pytestmark = pytest.mark.usefixtures("province")
KEY = {"Idempotency-Key": "budget-key-0001"}


def counted(api: Api, method: str, path: str, who: str, body: Any = None,
            headers: dict[str, str] | None = None) -> tuple[Any, Counter[str]]:
    """The response and the AWS calls of the request alone (the token is fetched before counting)."""
    api.token(who)
    with count_aws_calls() as calls:
        response = api.call(method, path, as_user=who, body=body, headers=headers)
    assert response.status_code < 300, response.body
    return response, calls


def only_dynamodb(calls: Counter[str]) -> int:
    """The DynamoDB calls, when they are all there is (besides provisioning the account of a new user)."""
    assert calls_to(calls, "dynamodb") + calls_to(calls, "cognito-idp") == sum(calls.values()), calls
    return calls_to(calls, "dynamodb")


@pytest.mark.parametrize(("path", "who"), [
    ("/orgs", "staf.kominfo"),
    ("/orgs/DISKOMINFOS/units", "staf.kominfo"),
    ("/orgs/DISKOMINFOS/positions", "staf.kominfo"),
    ("/users", "admin.kominfo"),
])
def test_a_list_page_is_exactly_one_query(api: Api, path: str, who: str) -> None:
    first, calls = counted(api, "GET", f"{path}?limit=2", who)
    assert calls == Counter({"dynamodb:Query": 1})
    _, calls = counted(api, "GET", f"{path}?limit=2&next={first.json_body['next']}", who)
    assert calls == Counter({"dynamodb:Query": 1})


@pytest.mark.parametrize(("path", "who"), [("/orgs/DISKOMINFOS", "staf.kominfo"), ("/me", "kadis.kominfo"),
                                           ("/me", "admin")])
def test_a_get_makes_at_most_two_calls(api: Api, path: str, who: str) -> None:
    _, calls = counted(api, "GET", path, who)
    assert only_dynamodb(calls) <= 2  # /me reuses the record read to authenticate the caller


CREATES = [
    ("/orgs", {"code": "DISPAR", "name": "Dinas Pariwisata", "address": "Denpasar", "city": "Denpasar"}, "admin"),
    ("/orgs/DISKOMINFOS/units", {"code": "STATISTIK", "name": "Bidang Statistik"}, "admin.kominfo"),
    ("/orgs/DISKOMINFOS/positions", {"code": "KABID-STAT", "title": "Kepala Bidang Statistik", "level": "III",
                                     "reports_to": "KADIS"}, "admin.kominfo"),
    ("/users", {"username": "warga.baru", "full_name": "Warga Baru", "role": "public"}, "admin"),
]


@pytest.mark.parametrize(("path", "body", "who"), CREATES, ids=[c[0] for c in CREATES])
def test_a_create_makes_at_most_two_calls(api: Api, path: str, body: dict[str, Any], who: str) -> None:
    _, calls = counted(api, "POST", path, who, body)
    assert only_dynamodb(calls) <= 2


@pytest.mark.parametrize(("path", "body", "who"), CREATES, ids=[c[0] for c in CREATES])
def test_a_create_and_its_replay_make_at_most_two_calls_each(api: Api, path: str, body: dict[str, Any],
                                                             who: str) -> None:
    _, first = counted(api, "POST", path, who, body, headers=KEY)
    _, replay = counted(api, "POST", path, who, body, headers=KEY)
    assert only_dynamodb(first) <= 2
    assert only_dynamodb(replay) <= 2


def test_creating_an_employee_is_one_transaction(api: Api) -> None:
    api.post("/orgs/DISKOMINFOS/positions", {"code": "KASI-INFRA", "title": "Kepala Seksi Infrastruktur",
                                             "level": "IV", "reports_to": "KABID-APTIKA"}, as_user="admin.kominfo")
    body = {"username": "kasi.infra", "full_name": "I Made Infra", "role": "employee", "org": "DISKOMINFOS",
            "position": "KASI-INFRA", "nip": "198801012010011001"}
    _, calls = counted(api, "POST", "/users", "admin.kominfo", body)
    assert calls == Counter({"dynamodb:TransactWriteItems": 1, "cognito-idp:AdminCreateUser": 1,
                             "cognito-idp:AdminAddUserToGroup": 1})


def test_every_authenticated_request_reads_the_callers_account_once(api: Api) -> None:
    api.token("admin.kominfo")
    with count_aws_calls(with_caller_checks=True) as calls:
        assert api.get("/orgs?limit=2", as_user="admin.kominfo").status_code == 200
    assert calls == Counter({"auth:caller": 1, "dynamodb:Query": 1})


def test_the_no_scan_guard_sees_pynamodb_calls(api: Api) -> None:
    # The autouse no_scan fixture relies on the counter seeing PynamoDB's botocore client.
    _, calls = counted(api, "GET", "/orgs", "admin")
    assert calls["dynamodb:Query"] == 1
