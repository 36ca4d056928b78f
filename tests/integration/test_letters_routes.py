"""Every letters route: success, unauthenticated, wrong role, another org's letter, bad input naming the field."""

from __future__ import annotations

import hashlib

import pytest
import requests

from tests.conftest import assert_error
from tests.integration.letters_flow import DRAFTER, await_step, decide, draft, letter_body, submit

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def letter(api, province):
    return draft(api)


ROUTES = [  # method, path ({id} is a letter of DISKOMINFOS), body
    ("POST", "/letters", "create"),
    ("GET", "/letters?box=drafts", None),
    ("GET", "/letters/{id}", None),
    ("PATCH", "/letters/{id}", {"version": 1, "subject": "Hal baru"}),
    ("POST", "/letters/{id}/submit", None),
    ("POST", "/letters/{id}/decision", {"decision": "approve"}),
    ("GET", "/letters/{id}/timeline", None),
    ("GET", "/letters/{id}/verification", None),
    ("POST", "/letters/{id}/attachments", {"filename": "Lampiran.pdf", "content_type": "application/pdf"}),
    ("POST", "/letters/{id}/attachments/x/confirm", None),
    ("GET", "/letters/{id}/attachments/x", None),
    ("GET", "/approvals", None),
    ("GET", "/classifications", None),
]


def _call(api, method, path, body, letter_id, who=None):
    if body == "create":
        body = letter_body()
    return api.call(method, path.replace("{id}", letter_id), as_user=who, body=body)


def test_every_route_needs_a_token(api, letter):
    for method, path, body in ROUTES:
        assert_error(_call(api, method, path, body, letter["id"]), 401, "unauthenticated")


def test_the_public_may_use_no_letters_route(api, letter):
    for method, path, body in ROUTES:
        assert_error(_call(api, method, path, body, letter["id"], who="warga"), 403, "forbidden")


def test_another_orgs_letter_is_not_found_on_every_route(api, letter):
    for method, path, body in (r for r in ROUTES if "{id}" in r[1]):
        assert_error(_call(api, method, path, body, letter["id"], who="kabag.tu"), 404, "not_found")


def test_an_unknown_letter_is_not_found(api, province):
    assert_error(api.get("/letters/nope", as_user=DRAFTER), 404, "not_found")


BAD_DRAFTS = [("type", "sertifikat"), ("classification", "999.9"), ("classification", "abc"), ("subject", ""),
              ("addressees", []), ("signatory", "SEKDA"), ("signatory", "SEKRETARIS"), ("security", "top"),
              ("urgency", "kilat")]


def test_a_bad_draft_is_refused_naming_the_field(api, province):
    for field, value in BAD_DRAFTS:
        assert_error(api.post("/letters", letter_body(**{field: value}), as_user=DRAFTER), 400, "validation_error",
                     field=field)


def test_a_recipient_of_the_own_org_must_exist(api, province):
    body = letter_body(addressees=[{"kind": "position", "code": "NOPE"}])
    assert_error(api.post("/letters", body, as_user=DRAFTER), 400, field="addressees.0.code")
    body = letter_body(cc=[{"kind": "external"}])
    assert_error(api.post("/letters", body, as_user=DRAFTER), 400, field="cc.0")


def test_a_decree_needs_a_signatory_of_level_two(api, province):
    error = assert_error(api.post("/letters", letter_body(type="surat_keputusan", signatory="KABID-APTIKA"),
                                  as_user=DRAFTER), 400, field="signatory")
    assert "level II" in error["message"]
    assert draft(api, type="surat_keputusan")["signatory"] == "KADIS"


def test_a_signatory_below_the_head_signs_on_its_behalf(api, province):
    letter = draft(api, signatory="KASI-LAYANAN")
    assert letter["on_behalf_of"].startswith("Kepala Dinas") and letter["by_order_of"] == "Kepala Bidang Aplikasi Informatika"
    assert [s["position"] for s in letter["chain"]] == ["KASI-LAYANAN"]


def test_only_the_drafter_edits_with_the_current_version(api, letter):
    path = f"/letters/{letter['id']}"
    assert_error(api.patch(path, {"version": 1, "subject": "x"}, as_user="kasi.layanan"), 403)  # a reviewer-to-be
    updated = api.patch(path, {"version": 1, "subject": "Hal yang diperbaiki"}, as_user=DRAFTER)
    assert updated.status_code == 200 and updated.json_body["version"] == 2
    assert updated.json_body["subject"] == "Hal yang diperbaiki"
    assert_error(api.patch(path, {"version": 1, "subject": "lama"}, as_user=DRAFTER), 409, field="version")
    assert_error(api.patch(path, {"subject": "x"}, as_user=DRAFTER), 400, field="version")
    assert_error(api.patch(path, {"version": 2, "urgency": "kilat"}, as_user=DRAFTER), 400, field="urgency")


def test_a_chain_member_reads_but_does_not_edit_or_submit(api, letter):
    submit(api, letter["id"])
    await_step(api, "kasi.layanan", letter["id"])
    assert api.get(f"/letters/{letter['id']}", as_user="kasi.layanan").status_code == 200
    assert_error(api.post(f"/letters/{letter['id']}/submit", as_user="kasi.layanan"), 403)
    assert_error(api.patch(f"/letters/{letter['id']}", {"version": 2, "subject": "x"}, as_user=DRAFTER), 409)


def test_a_decision_names_a_bad_field(api, letter):
    submit(api, letter["id"])
    assert_error(api.post(f"/letters/{letter['id']}/decision", {"decision": "maybe"}, as_user="kasi.layanan"), 400,
                 field="decision")


def test_the_boxes_and_approvals_are_one_query_pages(api, letter):
    assert_error(api.get("/letters?box=outbox", as_user=DRAFTER), 400, field="box")
    assert_error(api.get("/approvals?limit=0", as_user=DRAFTER), 400, field="limit")
    drafts = api.get("/letters?box=drafts&limit=1", as_user=DRAFTER).json_body
    assert [i["id"] for i in drafts["items"]] == [letter["id"]]
    assert_error(api.get("/letters?box=drafts", as_user="admin.kominfo"), 403)  # holds no position


def test_classifications_list_the_codes_with_retention(api, province):
    items = api.get("/classifications", as_user=DRAFTER).json_body["items"]
    codes = {i["code"]: i for i in items}
    assert codes["000.1.2"]["name"] == "Persuratan" and codes["005"]["name"] == "Undangan"
    assert {"800", "900"} <= set(codes)


def test_a_secret_letter_is_unreadable_outside_its_chain_and_addressees(api, province):
    letter = draft(api, security="rahasia", addressees=[{"kind": "position", "code": "SEKRETARIS"}], cc=[])
    for who in ("analis.kominfo", "operator.kominfo", "admin.kominfo", "kabag.tu"):
        assert_error(api.get(f"/letters/{letter['id']}", as_user=who), 404, "not_found")
        assert_error(api.get(f"/letters/{letter['id']}/timeline", as_user=who), 404)
    assert api.get(f"/letters/{letter['id']}", as_user="sekretaris.kominfo").status_code == 404  # not sent yet
    submit(api, letter["id"])
    for who in ("kasi.layanan", "kabid.aptika", "kadis.kominfo"):
        assert decide(api, who, letter["id"]).status_code == 200
    assert api.get(f"/letters/{letter['id']}", as_user="sekretaris.kominfo").status_code == 200
    assert_error(api.get(f"/letters/{letter['id']}", as_user="analis.kominfo"), 404)


def test_a_plain_letter_is_read_by_the_orgs_operator_but_not_by_a_colleague(api, letter):
    assert api.get(f"/letters/{letter['id']}", as_user="operator.kominfo").status_code == 200
    assert_error(api.get(f"/letters/{letter['id']}", as_user="analis.kominfo"), 404)


def _upload(post, data):
    return requests.post(post["url"], data=post["fields"], files={"file": ("x.bin", data)}, timeout=10).status_code


def test_an_attachment_is_uploaded_checked_signed_over_and_downloaded_by_readers(api, letter):
    base = f"/letters/{letter['id']}/attachments"
    created = api.post(base, {"filename": "Rencana Jaringan.pdf", "content_type": "application/pdf"},
                       as_user=DRAFTER)
    assert created.status_code == 201, created.body
    attachment, upload = created.json_body["attachment"], created.json_body["upload"]
    assert "Rencana" not in upload["fields"]["key"] and upload["max_bytes"] == 20 * 1024 * 1024
    assert_error(api.get(f"{base}/{attachment['id']}", as_user=DRAFTER), 404)  # not confirmed yet
    assert _upload(upload, PDF) in (200, 201, 204)
    confirmed = api.post(f"{base}/{attachment['id']}/confirm", as_user=DRAFTER).json_body
    assert confirmed["state"] == "confirmed" and confirmed["sha256"] == hashlib.sha256(PDF).hexdigest()
    link = api.get(f"{base}/{attachment['id']}", as_user=DRAFTER).json_body
    assert requests.get(link["url"], timeout=10).content == PDF
    assert_error(api.get(f"{base}/{attachment['id']}", as_user="kabag.tu"), 404)

    other = api.post(base, {"filename": "foto.pdf", "content_type": "application/pdf"}, as_user=DRAFTER).json_body
    _upload(other["upload"], PNG)
    assert_error(api.post(f"{base}/{other['attachment']['id']}/confirm", as_user=DRAFTER), 400, field="file")
    assert_error(api.post(base, {"filename": "x.html", "content_type": "text/html"}, as_user=DRAFTER), 400,
                 field="content_type")

    submit(api, letter["id"])
    for who in ("kasi.layanan", "kabid.aptika", "kadis.kominfo"):
        assert decide(api, who, letter["id"]).status_code == 200
    document = api.get(f"/letters/{letter['id']}/verification", as_user=DRAFTER).json_body["document"]
    assert document["attachments"] == [{"filename": "Rencana Jaringan.pdf", "sha256": confirmed["sha256"]}]
