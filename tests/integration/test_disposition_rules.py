import pytest

from tests.conftest import assert_error
from tests.integration.public_support import accept, deadline, dispose, submit
from tests.support import calls_to, count_aws_calls


@pytest.fixture
def letter_id(api, province):
    return accept(api, submit(api)["code"])["incoming_id"]


def test_disposing_to_a_position_not_below_the_caller_is_403(api, letter_id):
    first = dispose(api, letter_id, ["KABID-APTIKA"], "kadis.kominfo").json_body["items"][0]
    sideways = dispose(api, letter_id, ["SEKRETARIS"], "kabid.aptika", parent_id=first["id"])
    assert_error(sideways, 403, "forbidden")
    upwards = dispose(api, letter_id, ["KADIS"], "kabid.aptika", parent_id=first["id"])
    assert_error(upwards, 403)
    assert_error(dispose(api, letter_id, ["KADIS"], "kadis.kominfo"), 403)


def test_only_the_addressee_disposes_a_letter_first(api, letter_id):
    assert_error(dispose(api, letter_id, ["KASI-LAYANAN"], "kabid.aptika"), 403)


def test_recalling_a_read_disposition_is_409_and_an_unread_one_can_be_recalled(api, letter_id):
    made = dispose(api, letter_id, ["KABID-APTIKA", "SEKRETARIS"], "kadis.kominfo").json_body["items"]
    read, unread = made
    api.get(f"/dispositions/{read['id']}", as_user="kabid.aptika")
    assert_error(api.post(f"/dispositions/{read['id']}/recall", as_user="kadis.kominfo"), 409, "conflict")
    assert_error(api.post(f"/dispositions/{unread['id']}/recall", as_user="sekretaris.kominfo"), 403)
    recalled = api.post(f"/dispositions/{unread['id']}/recall", as_user="kadis.kominfo")
    assert recalled.status_code == 200 and recalled.json_body["state"] == "recalled"
    assert_error(api.post(f"/dispositions/{unread['id']}/done", {"follow_up": "x"}, as_user="sekretaris.kominfo"), 409)


def test_a_disposition_is_read_by_its_parties_only_and_opening_costs_two_calls(api, letter_id):
    made = dispose(api, letter_id, ["KABID-APTIKA"], "kadis.kominfo").json_body["items"][0]
    assert_error(api.get(f"/dispositions/{made['id']}", as_user="kasi.layanan"), 403)
    assert_error(api.get(f"/dispositions/{made['id']}", as_user="karo.umum"), 403)
    assert api.get(f"/dispositions/{made['id']}", as_user="kadis.kominfo").json_body["state"] == "assigned"
    api.token("kabid.aptika")
    with count_aws_calls() as calls:
        opened = api.get(f"/dispositions/{made['id']}", as_user="kabid.aptika")
    assert opened.json_body["state"] == "read" and calls_to(calls, "dynamodb") == 2
    assert_error(api.get("/dispositions/nope", as_user="kabid.aptika"), 404)


def test_my_dispositions_and_my_overdue_ones_are_one_query_each(api, letter_id):
    dispose(api, letter_id, ["KABID-APTIKA"], "kadis.kominfo")
    api.token("kabid.aptika")
    with count_aws_calls() as calls:
        mine = api.get("/dispositions", as_user="kabid.aptika")
    assert len(mine.json_body["items"]) == 1 and calls_to(calls, "dynamodb") == 1
    assert api.get("/dispositions?overdue=true", as_user="kabid.aptika").json_body["items"] == []
    assert_error(api.get("/dispositions?overdue=maybe", as_user="kabid.aptika"), 400, field="overdue")
    assert_error(api.get("/dispositions", as_user="operator.kominfo"), 403)
    assert_error(api.get("/dispositions"), 401)


def test_a_disposition_past_its_deadline_is_listed_as_overdue(api, letter_id):
    from chalicelib import bootstrap
    from chalicelib.adapters.dynamo import Transaction

    made = dispose(api, letter_id, ["KABID-APTIKA"], "kadis.kominfo").json_body["items"][0]
    repo = bootstrap.container().disposition_repo
    late = repo.get(made["id"])
    tx = Transaction()
    from dataclasses import replace

    from chalicelib.services.audited import audit_event
    repo.save(tx, replace(late, deadline="2020-01-01T08:00:00+08:00"),
              audit_event(None, "test_backdated", "2020-01-01T08:00:00+08:00"))
    tx.commit()
    overdue = api.get("/dispositions?overdue=true", as_user="kabid.aptika").json_body["items"]
    assert [d["id"] for d in overdue] == [made["id"]]


def test_bad_disposition_input_names_the_field(api, letter_id):
    path = f"/incoming/{letter_id}/dispositions"
    base = {"to": ["KABID-APTIKA"], "instructions": ["pelajari"], "deadline": deadline()}
    assert_error(api.post(path, {**base, "instructions": ["bakar"]}, as_user="kadis.kominfo"), 400,
                 field="instructions.0")
    assert_error(api.post(path, {**base, "deadline": "2020-01-01T00:00:00+08:00"}, as_user="kadis.kominfo"), 400,
                 field="deadline")
    assert_error(api.post(path, {**base, "deadline": "2030-01-01T00:00:00"}, as_user="kadis.kominfo"), 400,
                 field="deadline")
    assert_error(api.post(path, {**base, "to": ["NOPE"]}, as_user="kadis.kominfo"), 400, field="to")
    assert_error(api.post(path, {**base, "to": []}, as_user="kadis.kominfo"), 400, field="to")


def test_disposition_routes_check_token_role_and_org(api, letter_id):
    path = f"/incoming/{letter_id}/dispositions"
    body = {"to": ["KABID-APTIKA"], "instructions": ["pelajari"], "deadline": deadline()}
    assert_error(api.post(path, body), 401)
    assert_error(api.post(path, body, as_user="operator.kominfo"), 403)
    assert_error(api.post(path, body, as_user="karo.umum"), 403)
    assert_error(api.post("/incoming/nope/dispositions", body, as_user="kadis.kominfo"), 404)


def test_the_incoming_register_is_for_the_orgs_staff(api, letter_id):
    assert api.get("/incoming?state=registered", as_user="operator.kominfo").json_body["items"][0]["id"] == letter_id
    assert_error(api.get("/incoming"), 401)
    assert_error(api.get("/incoming", as_user="warga"), 403)
    assert_error(api.get(f"/incoming/{letter_id}", as_user="operator.biroumum"), 403)
    assert_error(api.get("/incoming?state=lost", as_user="operator.kominfo"), 400, field="state")
    assert_error(api.get("/incoming/nope", as_user="operator.kominfo"), 404)


def test_an_operator_registers_a_paper_letter_with_a_scan_link(api, province):
    body = {"sender_name": "Kepala Desa Sanur Kaja", "subject": "Undangan musyawarah desa",
            "scan_filename": "undangan.pdf", "scan_content_type": "application/pdf", "urgency": "segera"}
    made = api.post("/incoming", body, as_user="operator.kominfo")
    assert made.status_code == 201, made.body
    assert made.json_body["source"] == "paper" and made.json_body["addressed_to"] == "KADIS"
    assert made.json_body["scan_upload"]["fields"]["key"].startswith(f"incoming/{made.json_body['id']}/")
    assert_error(api.post("/incoming", body), 401)
    assert_error(api.post("/incoming", body, as_user="kadis.kominfo"), 403)
    assert_error(api.post("/incoming", {**body, "urgency": "kilat"}, as_user="operator.kominfo"), 400, field="urgency")
    assert_error(api.post("/incoming", {**body, "scan_content_type": "text/html"}, as_user="operator.kominfo"), 400,
                 field="scan_content_type")
