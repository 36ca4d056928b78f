"""Lists page with ?limit= and an opaque `next` cursor that only opens the list it came from."""

from __future__ import annotations

import base64
import json

import pytest

from tests.conftest import Api, assert_error

pytestmark = pytest.mark.usefixtures("province")
UNITS = "/orgs/DISKOMINFOS/units"


def all_pages(api: Api, path: str, as_user: str, limit: int) -> list[list[str]]:
    """Codes (or usernames) of every page, following `next` to the end."""
    pages: list[list[str]] = []
    cursor = None
    while True:
        query = f"?limit={limit}" + (f"&next={cursor}" if cursor else "")
        response = api.get(path + query, as_user=as_user)
        assert response.status_code == 200, response.body
        pages.append([item.get("code") or item.get("username") for item in response.json_body["items"]])
        cursor = response.json_body["next"]
        if cursor is None:
            return pages
        assert len(pages) < 50, "paging does not end"


@pytest.fixture
def many_units(api: Api) -> list[str]:
    """DISKOMINFOS with seven more units (eleven in all)."""
    for n in range(7):
        body = {"code": f"SEKSI-{n}", "name": f"Seksi {n}", "parent": "APTIKA"}
        assert api.post(UNITS, body, as_user="admin.kominfo").status_code == 201
    return [u["code"] for u in api.get(f"{UNITS}?limit=100", as_user="admin.kominfo").json_body["items"]]


def test_following_next_walks_every_unit_once_in_pages_of_the_limit(api: Api, many_units: list[str]) -> None:
    pages = all_pages(api, UNITS, "staf.kominfo", limit=2)
    walked = [code for page in pages for code in page]
    assert walked == many_units
    assert len(walked) == len(set(walked)) == 11
    assert all(len(page) <= 2 for page in pages)


@pytest.mark.parametrize(("path", "who"), [("/orgs", "admin"), ("/orgs/DISKOMINFOS/positions", "kadis.kominfo"),
                                           ("/users", "admin.kominfo")])
def test_every_list_pages_through_all_its_items(api: Api, path: str, who: str) -> None:
    everything = api.get(f"{path}?limit=100", as_user=who).json_body["items"]
    walked = [code for page in all_pages(api, path, who, limit=2) for code in page]
    assert walked == [item.get("code") or item.get("username") for item in everything]
    assert len(walked) == len(set(walked))


def test_without_a_limit_a_page_holds_the_default_of_25(api: Api) -> None:
    response = api.get("/users", as_user="admin.kominfo")
    assert 0 < len(response.json_body["items"]) <= 25


def test_a_cursor_of_another_orgs_list_is_refused(api: Api) -> None:
    cursor = api.get(f"{UNITS}?limit=1", as_user="admin").json_body["next"]
    response = api.get(f"/orgs/BIROUMUM/units?limit=1&next={cursor}", as_user="admin")
    assert_error(response, 400, "validation_error", field="next")


def test_a_units_cursor_does_not_open_the_positions_list(api: Api) -> None:
    cursor = api.get(f"{UNITS}?limit=1", as_user="admin").json_body["next"]
    response = api.get(f"/orgs/DISKOMINFOS/positions?limit=1&next={cursor}", as_user="admin")
    assert_error(response, 400, "validation_error", field="next")


def test_an_orgs_cursor_does_not_open_the_users_list(api: Api) -> None:
    cursor = api.get("/orgs?limit=1", as_user="admin").json_body["next"]
    assert_error(api.get(f"/users?limit=1&next={cursor}", as_user="admin"), 400, "validation_error", field="next")


def forge(key: dict[str, object]) -> str:
    return base64.urlsafe_b64encode(json.dumps(key).encode()).decode().rstrip("=")


@pytest.mark.parametrize("cursor", [
    "garbage!",
    forge(["not", "a", "key"]),
    forge({"pk": {"S": "ORG#DISKOMINFOS"}}),
    forge({"pk": {"S": "ORG#DISKOMINFOS"}, "sk": "UNIT#APTIKA"}),
    forge({"pk": {"S": "ORG#DISKOMINFOS"}, "sk": {"N": "1"}}),
    forge({"pk": {"S": "ORG#DISKOMINFOS"}, "sk": {"S": "UNIT#APTIKA"}, "role": {"S": "admin"}}),
], ids=["not-base64-json", "not-an-object", "no-sort-key", "untyped-sort-key", "number-sort-key", "extra-attribute"])
def test_a_forged_cursor_is_a_400_naming_next_never_a_500(api: Api, cursor: str) -> None:
    assert_error(api.get(f"{UNITS}?limit=2&next={cursor}", as_user="admin"), 400, "validation_error", field="next")
