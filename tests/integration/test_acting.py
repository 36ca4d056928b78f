"""Acting holders (Plt / Plh): an admin appoints by decree; with `X-Acting-For` the appointee reviews and signs
in the name of the position, and the signature block, the public verification and the timeline say so."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import requests

from chalicelib.services.acting import today_wita
from tests.conftest import Api, assert_error
from tests.integration.archive_flow import pdf_text
from tests.integration.letters_flow import draft, submit
from tests.support import count_aws_calls, wait_until

pytestmark = pytest.mark.usefixtures("province")
PLH = "sekretaris.kominfo"  # I Nyoman Sutama, Sekretaris Dinas, stands in for the Kepala Dinas
PLH_NAME, PLH_NIP = "I Nyoman Sutama", "197411302001121003"
ACTING = {"X-Acting-For": "KADIS"}
HEAD_TITLE = "Kepala Dinas Komunikasi, Informatika dan Statistika"
URL = "/orgs/DISKOMINFOS/positions/KADIS/acting"


def appointment(username: str = PLH, kind: str = "plh", start: int = 0, days: int = 3, **extra: Any) -> dict[str, Any]:
    """A body appointing `username` from `start` days from today for `days` days."""
    first = today_wita() + timedelta(days=start)
    return {"username": username, "kind": kind, "from": first.isoformat(),
            "to": (first + timedelta(days=days - 1)).isoformat(), **extra}


def appoint(api: Api, **kw: Any) -> dict[str, Any]:
    response = api.post(URL, appointment(**kw), as_user="admin.kominfo")
    assert response.status_code == 201, response.body
    return response.json_body


def letter_for_the_head(api: Api, **overrides: Any) -> str:
    """A letter of the Kabid signed by the Kadis: its only step waits for KADIS."""
    letter = draft(api, "kabid.aptika", **overrides)
    submit(api, letter["id"], "kabid.aptika")
    return letter["id"]


def waiting_for_plh(api: Api, letter_id: str) -> dict[str, Any]:
    def waiting() -> dict[str, Any] | None:
        response = api.get("/approvals", as_user=PLH, headers=ACTING)
        assert response.status_code == 200, response.body
        return next((i for i in response.json_body["items"] if i["letter_id"] == letter_id), None)

    return wait_until(waiting, message="the KADIS step in the Plh's queue")


def test_a_plh_of_the_head_approves_and_signs_in_their_own_name(api: Api) -> None:
    made = appoint(api, decree="800/12/DISKOMINFOS/2026")
    assert made["status"] == "active" and made["kind"] == "plh" and made["decree"] == "800/12/DISKOMINFOS/2026"
    letter_id = letter_for_the_head(api)
    step = waiting_for_plh(api, letter_id)
    assert step["position"] == "KADIS"

    decided = api.post(f"/letters/{letter_id}/decision", {"decision": "approve"}, as_user=PLH, headers=ACTING)

    assert decided.status_code == 200, decided.body
    assert decided.json_body["state"] == "sent"
    letter = api.get(f"/letters/{letter_id}", as_user=PLH, headers=ACTING).json_body
    assert letter["signed_by"] == {"position": "KADIS", "title": f"Plh. {HEAD_TITLE}", "name": PLH_NAME,
                                   "nip": PLH_NIP, "acting": "plh"}
    assert letter["chain"][-1]["decided_by"] == PLH
    link = api.get(f"/letters/{letter_id}/pdf", as_user=PLH, headers=ACTING)
    text = pdf_text(requests.get(link.json_body["url"], timeout=10).content)
    assert f"Plh. {HEAD_TITLE}," in text and PLH_NAME in text and f"NIP {PLH_NIP}" in text
    verified = api.get(f"/public/verify/{letter['verification_code']}").json_body
    assert verified["valid"] is True
    assert verified["signer"]["title"] == f"Plh. {HEAD_TITLE}" and verified["signer"]["name"] == PLH_NAME
    events = api.get(f"/letters/{letter_id}/timeline", as_user="kabid.aptika").json_body
    assert events["chain"]["valid"] is True
    signed = next(e for e in events["events"] if e["action"] == "signed")
    assert (signed["actor"], signed["position"], signed["actor_position"], signed["acting_for"],
            signed["acting_kind"]) == (PLH, "KADIS", "SEKRETARIS", "KADIS", "plh")
    assert signed["data"]["acting"]["appointment"] == made["id"]
    drafted = events["events"][0]
    assert (drafted["acting_for"], drafted["actor_position"]) == (None, "KABID-APTIKA")


def test_without_the_header_the_appointee_is_only_themself(api: Api) -> None:
    appoint(api)
    letter_id = letter_for_the_head(api)
    waiting_for_plh(api, letter_id)

    listed = api.get("/approvals", as_user=PLH).json_body["items"]
    decided = api.post(f"/letters/{letter_id}/decision", {"decision": "approve"}, as_user=PLH)

    assert all(i["letter_id"] != letter_id for i in listed)
    assert_error(decided, 404)  # as themself not a party of the letter: ids leak nothing


def test_the_holder_still_decides_while_a_plh_is_appointed_and_the_own_position_header_is_harmless(api: Api) -> None:
    appoint(api)
    letter_id = letter_for_the_head(api)
    waiting_for_plh(api, letter_id)
    decided = api.post(f"/letters/{letter_id}/decision", {"decision": "approve"}, as_user="kadis.kominfo",
                       headers=ACTING)
    assert decided.status_code == 200, decided.body
    letter = api.get(f"/letters/{letter_id}", as_user="kadis.kominfo").json_body
    assert letter["signed_by"]["title"] == HEAD_TITLE and letter["signed_by"]["acting"] is None


def test_an_appointment_starting_tomorrow_does_not_hold_today(api: Api) -> None:
    appoint(api, start=1)
    response = api.get("/approvals", as_user=PLH, headers=ACTING)
    error = assert_error(response, 403, "forbidden")
    assert "KADIS" in error["message"]


def test_acting_for_a_position_without_any_appointment_is_forbidden(api: Api) -> None:
    assert_error(api.get("/approvals", as_user="analis.kominfo", headers=ACTING), 403, "forbidden")
    assert_error(api.get("/approvals", as_user="analis.kominfo", headers={"X-Acting-For": "NOPE"}), 403)


def test_ending_an_appointment_early_takes_effect_at_once(api: Api) -> None:
    made = appoint(api)
    assert api.get("/approvals", as_user=PLH, headers=ACTING).status_code == 200

    ended = api.post(f"{URL}/{made['id']}/end", as_user="admin.kominfo")

    assert ended.status_code == 200, ended.body
    assert ended.json_body["status"] == "ended" and ended.json_body["ended_by"] == "admin.kominfo"
    assert_error(api.get("/approvals", as_user=PLH, headers=ACTING), 403)
    assert_error(api.post(f"{URL}/{made['id']}/end", as_user="admin.kominfo"), 404)
    listed = api.get(URL, as_user="staf.kominfo").json_body["items"]
    assert [(a["id"], a["status"]) for a in listed] == [(made["id"], "ended")]
    appoint(api, username="kabid.aptika")  # the days are free again


def test_appointments_are_listed_by_start_date(api: Api) -> None:
    later = appoint(api, start=5)
    first = appoint(api, start=0, days=2, username="kabid.aptika")
    response = api.get(URL, as_user="kadis.kominfo")
    assert [a["id"] for a in response.json_body["items"]] == [first["id"], later["id"]]
    assert [a["status"] for a in response.json_body["items"]] == ["active", "scheduled"]


def test_overlapping_appointments_conflict(api: Api) -> None:
    appoint(api, days=5)
    response = api.post(URL, appointment(username="kabid.aptika", start=4), as_user="admin.kominfo")
    assert_error(response, 409, "conflict")


@pytest.mark.parametrize(("body", "field"), [
    (appointment(start=3, days=1) | {"to": today_wita().isoformat()}, "to"),
    (appointment(kind="acting"), "kind"),
    (appointment(username="tidak.ada"), "username"),
    (appointment(username="kadis.kominfo"), "username"),
    (appointment(username="staf.biroumum"), "username"),
    (appointment(days=32), "to"),
    (appointment(start=-1), "from"),
    ({k: v for k, v in appointment().items() if k != "from"}, "from"),
], ids=["to-before-from", "unknown-kind", "unknown-user", "the-holder", "other-org", "plh-too-long", "past",
        "missing-from"])
def test_bad_input_names_the_field(api: Api, body: dict[str, Any], field: str) -> None:
    error = assert_error(api.post(URL, body, as_user="admin.kominfo"), 400, "validation_error")
    assert field in [d.get("field") for d in error["details"]], error


def test_a_plt_may_last_longer_than_a_plh(api: Api) -> None:
    assert appoint(api, kind="plt", days=90)["kind"] == "plt"


def test_only_the_orgs_admin_appoints_and_ends(api: Api) -> None:
    created = api.post("/users", {"username": "admin.biroumum", "full_name": "Admin Biro Umum", "role": "admin",
                                  "org": "BIROUMUM"}, as_user="admin")
    assert created.status_code == 201, created.body
    assert_error(api.post(URL, appointment(), as_user="admin.biroumum"), 403, "forbidden")
    assert_error(api.post(URL, appointment(), as_user="kadis.kominfo"), 403, "forbidden")
    made = api.post(URL, appointment(), as_user="admin")  # the province-wide admin may
    assert made.status_code == 201, made.body
    assert_error(api.post(f"{URL}/{made.json_body['id']}/end", as_user="admin.biroumum"), 403)
    assert_error(api.get(URL, as_user="staf.biroumum"), 403)
    assert_error(api.post("/orgs/DISKOMINFOS/positions/NOPE/acting", appointment(), as_user="admin.kominfo"), 404)


def test_the_routes_need_a_token(api: Api) -> None:
    assert_error(api.post(URL, appointment()), 401)
    assert_error(api.get(URL), 401)
    assert_error(api.post(f"{URL}/x/end"), 401)


def test_appointing_is_idempotent_with_a_key(api: Api) -> None:
    key = {"Idempotency-Key": "acting-key-0001"}
    first = api.post(URL, appointment(), as_user="admin.kominfo", headers=key)
    again = api.post(URL, appointment(), as_user="admin.kominfo", headers=key)
    assert (first.status_code, again.status_code) == (201, 201)
    assert first.json_body["id"] == again.json_body["id"]


def test_aws_calls_of_the_acting_routes(api: Api) -> None:
    api.token("admin.kominfo"), api.token(PLH), api.token("staf.kominfo")
    with count_aws_calls() as appointing:
        made = appoint(api)
    with count_aws_calls() as listing:
        assert api.get(URL, as_user="staf.kominfo").status_code == 200
    with count_aws_calls() as approvals:
        assert api.get("/approvals", as_user=PLH, headers=ACTING).status_code == 200
    with count_aws_calls() as plain:
        assert api.get("/approvals", as_user=PLH).status_code == 200
    with count_aws_calls() as ending:
        assert api.post(f"{URL}/{made['id']}/end", as_user="admin.kominfo").status_code == 200
    assert appointing == {"dynamodb:GetItem": 1, "dynamodb:TransactWriteItems": 1}
    assert listing == {"dynamodb:Query": 1}
    # Acting costs one GetItem of the position's schedule on every acting request (see README).
    assert approvals == {"dynamodb:GetItem": 1, "dynamodb:Query": 1}
    assert plain == {"dynamodb:Query": 1}
    assert ending == {"dynamodb:GetItem": 1, "dynamodb:TransactWriteItems": 1}
