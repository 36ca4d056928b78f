"""The auditor (Inspektorat, DESIGN §3 "auditor / leader view"): reads every org's archive, dashboard, retention
list, org structure and audit trails (with their chain verification), never a secret record it is not party to, and
changes nothing (every write is 403)."""

from __future__ import annotations

import csv
import io

import pytest

from chalicelib.adapters.tokens import principal_from_claims
from chalicelib.domain.identity import Role
from tests.conftest import assert_error
from tests.integration import public_support
from tests.integration.archive_flow import signed
from tests.integration.letters_flow import draft, letter_body
from tests.support import count_aws_calls

AUDITOR = "inspektur"
PAPER = {"sender_name": "Kepala Desa Sanur Kaja", "subject": "Permohonan jaringan balai desa",
         "scan_filename": "surat.pdf", "scan_content_type": "application/pdf"}


@pytest.fixture
def archive(api, province):
    """A plain and a rahasia signed letter of DISKOMINFOS, both addressed to BIROUMUM (so in its incoming register)."""
    plain = signed(api)
    secret = signed(api, who="kabid.aptika", security="rahasia", subject="Evaluasi insiden keamanan siber",
                    addressees=[{"kind": "position", "code": "SEKRETARIS"}, {"kind": "org", "code": "BIROUMUM"}])
    return {"plain": plain, "secret": secret}


def _items(response):
    assert response.status_code == 200, response.body
    return response.json_body["items"]


def _paper(api, security="biasa") -> str:
    made = api.post("/incoming", {**PAPER, "security": security}, as_user="operator.kominfo")
    assert made.status_code == 201, made.body
    return made.json_body["id"]


def test_the_auditor_reads_any_orgs_archive_but_no_secret_record(api, archive):
    ids = [i["id"] for i in _items(api.get("/archive?org=DISKOMINFOS", as_user=AUDITOR))]
    assert archive["plain"]["id"] in ids and archive["secret"]["id"] not in ids
    # Another org: BIROUMUM registered both letters as incoming; the rahasia one is left out.
    incoming = _items(api.get("/archive?org=BIROUMUM&kind=incoming", as_user=AUDITOR))
    assert [i["number"] for i in incoming] == [archive["plain"]["number"]]
    assert all(i["security"] not in ("rahasia", "sangat_rahasia") for i in incoming)
    assert _items(api.get("/archive?org=BIROUMUM&q=insiden", as_user=AUDITOR)) == []


def test_the_auditor_exports_and_lists_retention_due_of_any_org(api, archive):
    response = api.get("/archive/export?org=DISKOMINFOS", as_user=AUDITOR)
    assert response.status_code == 200 and response.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.body.decode("utf-8")[1:])))
    numbers = [r[2] for r in rows[1:]]
    assert archive["plain"]["number"] in numbers and archive["secret"]["number"] not in numbers
    due = api.get("/archive/retention-due?org=BIROUMUM&on=2100-01-01", as_user=AUDITOR)
    assert due.status_code == 200, due.body
    assert [i["number"] for i in due.json_body["items"]] == [archive["plain"]["number"]]


def test_the_auditor_names_the_org_it_reads(api, province):
    for path in ("/archive", "/archive/export", "/archive/retention-due", "/dashboard"):
        assert_error(api.get(path, as_user=AUDITOR), 400, "validation_error", field="org")
        assert_error(api.get(path), 401, "unauthenticated")


def test_an_auditor_search_is_one_query(api, archive):
    api.token(AUDITOR)
    with count_aws_calls() as calls:
        response = api.get("/archive?org=DISKOMINFOS", as_user=AUDITOR)
    assert response.status_code == 200, response.body
    assert dict(calls) == {"dynamodb:Query": 1}


def test_the_auditor_reads_the_dashboard_of_any_org(api, archive):
    for org in ("DISKOMINFOS", "BIROUMUM", "SETDA"):
        response = api.get(f"/dashboard?org={org}", as_user=AUDITOR)
        assert response.status_code == 200, response.body
    assert api.get("/dashboard?org=DISKOMINFOS", as_user=AUDITOR).json_body["signed_letters"] == 2


def test_the_auditor_reads_trails_and_their_verification_but_not_of_secret_records(api, archive):
    plain = api.get(f"/letters/{archive['plain']['id']}/timeline", as_user=AUDITOR)
    assert plain.status_code == 200, plain.body
    assert plain.json_body["chain"]["valid"] is True
    assert_error(api.get(f"/letters/{archive['secret']['id']}/timeline", as_user=AUDITOR), 404, "not_found")
    unsigned = draft(api)
    assert_error(api.get(f"/letters/{unsigned['id']}/timeline", as_user=AUDITOR), 404, "not_found")
    assert_error(api.get(f"/letters/{archive['plain']['id']}", as_user=AUDITOR), 403, "forbidden")  # only its trail

    incoming = api.get(f"/incoming/{_paper(api)}/timeline", as_user=AUDITOR)
    assert incoming.status_code == 200, incoming.body
    assert incoming.json_body["chain"]["valid"] is True
    assert_error(api.get(f"/incoming/{_paper(api, 'rahasia')}/timeline", as_user=AUDITOR), 404, "not_found")
    assert_error(api.get("/incoming/nope/timeline", as_user=AUDITOR), 404, "not_found")

    receipt = public_support.submit(api)
    public_support.accept(api, receipt["code"])
    submission_id = public_support.submission_id(api, receipt["code"])
    trail = api.get(f"/submissions/{submission_id}/timeline", as_user=AUDITOR)
    assert trail.status_code == 200, trail.body
    assert trail.json_body["chain"]["valid"] is True and len(trail.json_body["events"]) >= 2


def test_the_auditor_reads_the_org_structure(api, province):
    assert {o["code"] for o in _items(api.get("/orgs", as_user=AUDITOR))} >= {"DISKOMINFOS", "BIROUMUM", "SETDA"}
    assert api.get("/orgs/BIROUMUM", as_user=AUDITOR).status_code == 200
    assert _items(api.get("/orgs/SETDA/units", as_user=AUDITOR))
    assert _items(api.get("/orgs/DISKOMINFOS/positions", as_user=AUDITOR))
    # People's personal data is not the auditor's.
    assert_error(api.get("/users", as_user=AUDITOR), 403, "forbidden")
    assert_error(api.get("/users?org=DISKOMINFOS", as_user=AUDITOR), 403, "forbidden")


def test_the_auditor_changes_nothing(api, archive):
    assert_error(api.post("/letters", letter_body(), as_user=AUDITOR), 403, "forbidden")
    receipt = public_support.submit(api)
    submission_id = public_support.submission_id(api, receipt["code"])
    assert_error(api.post(f"/submissions/{submission_id}/verify", {"decision": "accept", "note": "lengkap"},
                          as_user=AUDITOR), 403, "forbidden")
    record = _items(api.get("/archive?org=DISKOMINFOS", as_user=AUDITOR))[0]["record"]
    assert_error(api.post(f"/archive/{record}/legal-hold", {"hold": True}, as_user=AUDITOR), 403, "forbidden")
    assert_error(api.post("/orgs", {"code": "INSPEKTORAT", "name": "Inspektorat Provinsi Bali",
                                    "address": "Jl. Basuki Rahmat", "city": "Denpasar",
                                    "number_format": "{classification}/{seq}/{org_code}/{year}"},
                          as_user=AUDITOR), 403, "forbidden")
    assert_error(api.post("/incoming", {**PAPER, "security": "biasa"}, as_user=AUDITOR), 403, "forbidden")
    assert_error(api.post("/users", {"username": "mata.mata", "full_name": "Mata Mata", "role": "auditor"},
                          as_user=AUDITOR), 403, "forbidden")
    assert_error(api.get("/letters", as_user=AUDITOR), 403, "forbidden")
    assert_error(api.get("/incoming", as_user=AUDITOR), 403, "forbidden")


def test_only_the_province_wide_admin_creates_auditors(api, archive):
    body = {"username": "auditor.baru", "full_name": "Ni Made Auditor", "role": "auditor",
            "email": "auditor.baru@baliprov.go.id"}
    assert_error(api.post("/users", {**body, "org": "DISKOMINFOS"}, as_user="admin.kominfo"), 403, "forbidden")
    assert_error(api.post("/users", body, as_user="admin.kominfo"), 403, "forbidden")
    assert_error(api.post("/users", body), 401, "unauthenticated")
    created = api.post("/users", body, as_user="admin")
    assert created.status_code == 201, created.body
    assert created.json_body["role"] == "auditor" and created.json_body["org"] is None
    # An auditor of an org (no position) reads other orgs too, and its own by default.
    with_org = api.post("/users", {**body, "username": "auditor.biro", "org": "BIROUMUM"}, as_user="admin")
    assert with_org.status_code == 201, with_org.body
    ids = [i["id"] for i in _items(api.get("/archive?org=DISKOMINFOS", as_user="auditor.biro"))]
    assert archive["plain"]["id"] in ids and archive["secret"]["id"] not in ids
    own = _items(api.get("/archive?kind=incoming", as_user="auditor.biro"))
    assert [i["number"] for i in own] == [archive["plain"]["number"]]
    assert_error(api.post("/letters", letter_body(), as_user="auditor.biro"), 403, "forbidden")


def test_cognito_groups_map_to_the_auditor_and_admin_wins():
    assert principal_from_claims({"sub": "x", "cognito:groups": ["auditor"]}).role is Role.AUDITOR
    assert principal_from_claims({"sub": "x", "cognito:groups": ["auditor", "admin"]}).role is Role.ADMIN
