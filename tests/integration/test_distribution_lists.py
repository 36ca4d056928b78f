"""Distribution lists: the province-wide admin keeps them, every employee reads them, and a letter addressed to
one reaches each member once (expanded at submit and at signing; more than 500 recipients is a 400)."""

from __future__ import annotations

from chalicelib import bootstrap
from chalicelib.domain.identity import Principal, Role
from tests.conftest import assert_error
from tests.integration.letters_flow import CHAIN, decide, draft

ADMIN = "admin"  # the province-wide admin
SYSTEM = Principal(username="system", role=Role.ADMIN)


def _camat_list(**overrides):
    body = {"id": "SELURUH-CAMAT", "name": "Seluruh Camat", "description": "Camat se-Provinsi Bali",
            "members": [{"kind": "org", "code": "SETDA"}, {"kind": "external", "name": "Camat Kuta",
                                                            "email": "camat.kuta@example.go.id"}]}
    body.update(overrides)
    return body


def test_the_province_admin_keeps_lists_and_every_employee_reads_them(api, province):
    created = api.post("/distribution-lists", _camat_list(), as_user=ADMIN)
    assert created.status_code == 201, created.body
    assert created.json_body["version"] == 1 and len(created.json_body["members"]) == 2

    listed = api.get("/distribution-lists", as_user="staf.kominfo").json_body["items"]
    assert {"SELURUH-CAMAT", "SELURUH-PERANGKAT-DAERAH"} <= {item["id"] for item in listed}  # the seeded one too
    assert api.get("/distribution-lists/SELURUH-CAMAT", as_user="staf.kominfo").json_body["name"] == "Seluruh Camat"

    renamed = {"version": 1, "name": "Seluruh Camat", "members": [{"kind": "org", "code": "BIROUMUM"}]}
    changed = api.call("PUT", "/distribution-lists/SELURUH-CAMAT", as_user=ADMIN, body=renamed)
    assert changed.status_code == 200, changed.body
    assert changed.json_body["members"][0]["code"] == "BIROUMUM" and changed.json_body["version"] == 2
    stale = {"version": 1, "name": "Seluruh Camat", "members": [{"kind": "org", "code": "SETDA"}]}
    assert_error(api.call("PUT", "/distribution-lists/SELURUH-CAMAT", as_user=ADMIN, body=stale), 409)

    assert api.call("DELETE", "/distribution-lists/SELURUH-CAMAT", as_user=ADMIN).status_code == 204
    assert_error(api.get("/distribution-lists/SELURUH-CAMAT", as_user="staf.kominfo"), 404)


def test_only_the_province_admin_writes_lists_and_bad_members_are_a_400(api, province):
    assert_error(api.post("/distribution-lists", _camat_list(), as_user="admin.kominfo"), 403)  # an org's admin
    assert_error(api.post("/distribution-lists", _camat_list(), as_user="staf.kominfo"), 403)
    assert_error(api.call("DELETE", "/distribution-lists/SELURUH-PERANGKAT-DAERAH", as_user="staf.kominfo"), 403)
    assert api.get("/distribution-lists").status_code == 401
    nested = _camat_list(members=[{"kind": "list", "code": "SELURUH-PERANGKAT-DAERAH"}])
    assert_error(api.post("/distribution-lists", nested, as_user=ADMIN), 400, field="members.0.kind")
    assert_error(api.post("/distribution-lists", _camat_list(members=[]), as_user=ADMIN), 400)
    assert_error(api.post("/distribution-lists", _camat_list(id="SELURUH-PERANGKAT-DAERAH"), as_user=ADMIN), 409)


def test_a_letter_to_a_list_of_three_orgs_arrives_in_each_incoming_register_exactly_once(api, province):
    admin = bootstrap.container().org_admin
    admin.create_org(SYSTEM, {"code": "BAPPEDA", "name": "Badan Perencanaan Pembangunan Daerah", "address": "Denpasar",
                              "city": "Denpasar", "number_format": "{classification}/{seq}/{org_code}/{year}",
                              "max_review_steps": 3, "email": None, "phone": None, "website": None}, None)
    admin.create_unit(SYSTEM, "BAPPEDA", {"code": "SEKRETARIAT", "name": "Sekretariat", "parent": None}, None)
    admin.create_position(SYSTEM, "BAPPEDA", {"code": "KEPALA", "title": "Kepala Bappeda", "level": "II",
                                              "unit": "SEKRETARIAT", "reports_to": None}, None)
    three = {"id": "TIGA-OPD", "name": "Tiga Perangkat Daerah", "members": [
        *({"kind": "org", "code": code} for code in ("SETDA", "BIROUMUM", "BAPPEDA", "DISKOMINFOS")),  # + the sender
        {"kind": "position", "code": "SEKRETARIS"}]}
    assert api.post("/distribution-lists", three, as_user=ADMIN).status_code == 201
    # The list as addressee, one of its orgs named again, and the list again as cc: each org gets one copy.
    letter = draft(api, addressees=[{"kind": "list", "code": "TIGA-OPD"}, {"kind": "org", "code": "BIROUMUM"}],
                   cc=[{"kind": "list", "code": "TIGA-OPD"}])
    assert api.post(f"/letters/{letter['id']}/submit", as_user="staf.kominfo").status_code == 200
    for who, _position in CHAIN:
        assert decide(api, who, letter["id"]).status_code == 200
    assert api.get(f"/letters/{letter['id']}", as_user="staf.kominfo").json_body["state"] == "sent"

    incoming = bootstrap.container().incoming_repo
    copies = {org: [i for i in incoming.list(org, None, 100, None).items if i.source_ref == letter["id"]]
              for org in ("SETDA", "BIROUMUM", "BAPPEDA", "DISKOMINFOS")}
    assert {org: len(found) for org, found in copies.items()} == {"SETDA": 1, "BIROUMUM": 1, "BAPPEDA": 1,
                                                                  "DISKOMINFOS": 0}
    assert api.get(f"/letters/{letter['id']}", as_user="staf.kominfo").json_body["addressees"][0]["kind"] == "list"
    # A position of the own org reached only through the list finds it in its inbox and reads it.
    inbox = api.get("/letters?box=inbox", as_user="sekretaris.kominfo").json_body["items"]
    assert [row["id"] for row in inbox].count(letter["id"]) == 1
    assert api.get(f"/letters/{letter['id']}", as_user="sekretaris.kominfo").status_code == 200


def test_more_than_500_recipients_once_expanded_is_refused_at_submit(api, province):
    crowd = {"id": "MITRA", "name": "Mitra", "members": [
        {"kind": "external", "name": f"Mitra {i}", "email": f"mitra{i}@example.com"} for i in range(500)]}
    assert api.post("/distribution-lists", crowd, as_user=ADMIN).status_code == 201
    letter = draft(api, addressees=[{"kind": "list", "code": "MITRA"}, {"kind": "position", "code": "SEKRETARIS"}],
                   cc=[])
    assert_error(api.post(f"/letters/{letter['id']}/submit", as_user="staf.kominfo"), 400, field="addressees")
    assert api.get(f"/letters/{letter['id']}", as_user="staf.kominfo").json_body["state"] == "draft"
    unknown = draft(api, addressees=[{"kind": "list", "code": "TIDAK-ADA"}], cc=[])
    assert_error(api.post(f"/letters/{unknown['id']}/submit", as_user="staf.kominfo"), 400, field="addressees.0.code")
