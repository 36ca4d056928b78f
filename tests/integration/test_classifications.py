"""The classification and retention table: the province-wide admin adds, changes and retires codes; letters,
signing, incoming registration and archive search use the effective table; dates already given stay.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from chalicelib.adapters import classification_repo
from chalicelib.domain.classification import ClassificationChange, changed_entry
from chalicelib.domain.errors import Conflict
from tests.conftest import Api, assert_error
from tests.integration.archive_flow import HEAD, signed, table
from tests.integration.letters_flow import letter_body
from tests.support import calls_to, count_aws_calls

pytestmark = pytest.mark.usefixtures("province")
OPERATOR = "operator.kominfo"
ELECTRONIC = {"name": "Surat Elektronik", "active_years": 4, "inactive_years": 6, "final_action": "permanen"}


def put(api: Api, code: str, body: dict[str, Any], who: str | None = "admin") -> Any:
    return api.call("PUT", f"/classifications/{code}", as_user=who, body=body)


def codes(api: Api, who: str = "staf.kominfo") -> dict[str, dict[str, Any]]:
    response = api.get("/classifications", as_user=who)
    assert response.status_code == 200, response.body
    return {item["code"]: item for item in response.json_body["items"]}


def archived(api: Api, letter: dict[str, Any], who: str = OPERATOR) -> dict[str, Any]:
    response = api.get(f"/archive?classification={letter['classification']}", as_user=who)
    assert response.status_code == 200, response.body
    return next(e for e in response.json_body["items"] if e["id"] == letter["id"] or e["number"] == letter["number"])


def years_after(day: str, years: int) -> str:
    start = date.fromisoformat(day)
    return start.replace(year=start.year + years).isoformat()


def test_the_admin_adds_a_child_code_and_a_letter_signed_with_it_gets_its_retention(api):
    created = put(api, "000.1.2.1", ELECTRONIC)
    assert created.status_code == 201, created.body
    assert created.json_body == {"code": "000.1.2.1", "name": "Surat Elektronik", "active_years": 4,
                                 "inactive_years": 6, "final": "permanen", "retired": False, "source": "custom",
                                 "version": 1, "updated_at": created.json_body["updated_at"], "updated_by": "admin"}
    table_now = codes(api)
    order = list(table_now)
    assert order.index("000.1.2") < order.index("000.1.2.1") < order.index("000.1.3")
    assert table_now["000.1.2"]["source"] == "builtin" and "version" not in table_now["000.1.2"]

    letter = signed(api, classification="000.1.2.1")
    assert letter["number"].startswith("000.1.2.1/")
    entry = archived(api, letter)
    assert (entry["inactive_from"], entry["action_due"], entry["final_action"]) == (
        years_after(entry["date"], 4), years_after(entry["date"], 10), "permanen")
    # The copy registered in the addressed org (BIROUMUM) gets the same retention.
    incoming = archived(api, letter, who="operator.biroumum")
    assert (incoming["kind"], incoming["action_due"]) == ("incoming", years_after(incoming["date"], 10))


def test_a_retention_change_applies_to_letters_signed_afterwards_only(api):
    before = signed(api, classification="005", type="undangan")
    changed = put(api, "005", {"name": "Undangan", "active_years": 3, "inactive_years": 2, "final_action": "musnah"})
    assert changed.status_code == 200, changed.body  # the first change of a built-in code: no version
    assert changed.json_body["version"] == 1 and codes(api)["005"]["active_years"] == 3
    after = signed(api, classification="005", type="undangan", subject="Undangan rapat evaluasi")

    old, new = archived(api, before), archived(api, after)
    assert (old["inactive_from"], old["action_due"]) == (years_after(old["date"], 1), years_after(old["date"], 2))
    assert (new["inactive_from"], new["action_due"]) == (years_after(new["date"], 3), years_after(new["date"], 5))


def test_changing_a_stored_entry_needs_the_version_it_was_read_with(api):
    body = {"name": "Undangan", "active_years": 3, "inactive_years": 2, "final_action": "musnah"}
    assert put(api, "005", body).json_body["version"] == 1
    assert_error(put(api, "005", body), 409, "conflict")  # read before the first change
    second = put(api, "005", {**body, "name": "Undangan Rapat", "version": 1})
    assert second.status_code == 200, second.body
    assert second.json_body["version"] == 2 and second.json_body["name"] == "Undangan Rapat"
    stale = assert_error(put(api, "005", {**body, "version": 1}), 409, "conflict")
    assert stale["details"][0]["field"] == "version" and stale["details"][0]["current"] == 2
    assert_error(put(api, "000.9", {**body, "version": 1}), 409, "conflict")  # never stored: no version yet


def test_two_first_changes_of_a_code_cannot_both_win(api):
    """The write is conditional: a change stored meanwhile by another server makes the first-change write a 409."""
    from chalicelib import bootstrap

    repo = bootstrap.container().classification_repo
    read_before = repo.table(fresh=True)
    mine = changed_entry(read_before, "005", ClassificationChange("Undangan", 2, 2, "musnah"), by="admin",
                         at="2026-01-01T00:00:00+08:00")
    assert put(api, "005", {"name": "Undangan", "active_years": 3, "inactive_years": 2,
                            "final_action": "musnah"}).status_code == 200
    with pytest.raises(Conflict):
        repo.save(mine, None)
    assert codes(api)["005"]["active_years"] == 3


def test_a_retired_code_is_refused_for_new_drafts_and_edits_but_a_draft_with_it_is_still_signed(api):
    old_draft = api.post("/letters", letter_body(signatory="KADIS", classification="000.1.3"), as_user=HEAD).json_body
    other = api.post("/letters", letter_body(signatory="KADIS"), as_user=HEAD).json_body
    retired = put(api, "000.1.3", {"name": "Perjalanan Dinas", "active_years": 2, "inactive_years": 3,
                                   "final_action": "musnah", "retired": True})
    assert retired.status_code == 200 and retired.json_body["retired"] is True
    assert codes(api)["000.1.3"]["retired"] is True

    refused = assert_error(api.post("/letters", letter_body(classification="000.1.3"), as_user="staf.kominfo"), 400,
                           field="classification")
    assert "retired" in refused["message"]
    assert_error(api.patch(f"/letters/{other['id']}", {"version": other["version"], "classification": "000.1.3"},
                           as_user=HEAD), 400, field="classification")
    kept = api.patch(f"/letters/{old_draft['id']}", {"version": old_draft["version"], "subject": "Perjalanan dinas"},
                     as_user=HEAD)
    assert kept.status_code == 200, kept.body  # editing something else keeps the draft's code

    sent = api.post(f"/letters/{old_draft['id']}/submit", as_user=HEAD)
    assert sent.status_code == 200 and sent.json_body["state"] == "sent", sent.body
    entry = archived(api, sent.json_body)  # the archive still finds records of a retired code
    assert entry["action_due"] == years_after(entry["date"], 5)
    assert_error(put(api, "000.1.3.1", ELECTRONIC), 400, field="code")  # no new child under a retired code


def test_only_the_province_wide_admin_changes_the_table(api):
    for who in ("admin.kominfo", "staf.kominfo", "kadis.kominfo"):
        assert_error(put(api, "000.1.2.1", ELECTRONIC, who=who), 403, "forbidden")
    assert_error(put(api, "000.1.2.1", ELECTRONIC, who=None), 401)
    assert_error(api.get("/classifications"), 401)
    assert "000.1.2.1" not in codes(api, who="admin")


@pytest.mark.parametrize(("code", "change", "field"), [
    ("12", {}, "code"),
    ("000.1.2.3.4", {}, "code"),
    ("000.1.a", {}, "code"),
    ("000.6.1", {}, "code"),  # its parent 000.6 is not in the table
    ("999", {"name": ""}, "name"),
    ("999", {"name": "x" * 201}, "name"),
    ("999", {"active_years": -1}, "active_years"),
    ("999", {"active_years": 101}, "active_years"),
    ("999", {"active_years": "2"}, "active_years"),
    ("999", {"inactive_years": 2.5}, "inactive_years"),
    ("999", {"final_action": "hapus"}, "final_action"),
    ("999", {"retired": "maybe"}, "retired"),
    ("999", {"version": 0}, "version"),
    ("999", {"colour": "red"}, "colour"),
])
def test_bad_input_is_a_400_naming_the_field(api, code, change, field):
    assert_error(put(api, code, {**ELECTRONIC, **change}), 400, "validation_error", field=field)


def test_a_new_group_needs_no_parent(api):
    created = put(api, "999", {**ELECTRONIC, "name": "Lain-lain"})
    assert created.status_code == 201, created.body
    assert put(api, "999.1", {**ELECTRONIC, "name": "Lain-lain Umum"}).status_code == 201


def _calls(api: Api, method: str, path: str, who: str, body: Any = None) -> int:
    api.token(who)
    with count_aws_calls() as calls:
        response = api.call(method, path, as_user=who, body=body)
    assert response.status_code < 300, response.body
    return calls_to(calls, "dynamodb")


def test_the_table_is_read_once_per_container_and_cache_period(api):
    classification_repo.reset_cache()
    assert _calls(api, "GET", "/classifications", "staf.kominfo") == 1  # cold: one Query
    assert _calls(api, "GET", "/classifications", "staf.kominfo") == 0  # warm
    warm_draft = _calls(api, "POST", "/letters", "staf.kominfo", letter_body())
    classification_repo.reset_cache()
    assert _calls(api, "POST", "/letters", "staf.kominfo", letter_body()) == warm_draft + 1


def test_a_change_made_by_another_server_is_seen_when_the_cache_expires(api, monkeypatch):
    assert "000.1.2.1" not in codes(api)  # cached now
    table().put_item(Item={"pk": "CLASSIFICATION", "sk": "000.1.2.1", "name": "Surat Elektronik", "active_years": 4,
                           "inactive_years": 6, "final_action": "permanen", "retired": False, "version": 1,
                           "updated_at": "2026-01-01T00:00:00+08:00", "updated_by": "admin"})
    assert "000.1.2.1" not in codes(api)
    later = classification_repo.monotonic() + classification_repo.CACHE_SECONDS + 1
    monkeypatch.setattr(classification_repo, "monotonic", lambda: later)
    assert codes(api)["000.1.2.1"]["source"] == "custom"


def test_every_change_is_kept_with_who_and_when(api):
    put(api, "005", {"name": "Undangan", "active_years": 3, "inactive_years": 2, "final_action": "musnah"})
    put(api, "005", {"name": "Undangan", "active_years": 4, "inactive_years": 2, "final_action": "musnah",
                     "version": 1})
    changes = table().query(KeyConditionExpression="pk = :pk",
                            ExpressionAttributeValues={":pk": "CLASSIFICATION#CHANGES"})["Items"]
    assert [(c["code"], int(c["version"]), int(c["active_years"]), c["updated_by"]) for c in changes] == [
        ("005", 1, 3, "admin"), ("005", 2, 4, "admin")]
