"""The security (sifat) of an incoming letter limits who reads it: the register, the letter, its dispositions."""

from __future__ import annotations

import pytest

from tests.conftest import assert_error
from tests.integration import letters_flow
from tests.integration.public_support import dispose

SECRET_SUBJECT = "Laporan dugaan pelanggaran disiplin pegawai"
PAPER = {"sender_name": "Inspektorat Daerah", "subject": SECRET_SUBJECT, "scan_filename": "laporan.pdf",
         "scan_content_type": "application/pdf"}


def register(api, security):
    made = api.post("/incoming", {**PAPER, "security": security}, as_user="operator.kominfo")
    assert made.status_code == 201, made.body
    return made.json_body["id"]


@pytest.fixture
def secret(api, province):
    return register(api, "rahasia")


def row(api, who, incoming_id):
    return next(i for i in api.get("/incoming", as_user=who).json_body["items"] if i["id"] == incoming_id)


def test_the_register_shows_a_secret_letter_to_others_without_what_it_is_about(api, secret):
    for who in ("operator.kominfo", "analis.kominfo"):
        seen = row(api, who, secret)
        assert seen["redacted"] is True and seen["agenda_number"] and seen["security"] == "rahasia"
        assert seen["subject"] is None and seen["sender_name"] is None and seen["attachments"] == []
        assert SECRET_SUBJECT not in api.get("/incoming", as_user=who).body.decode()
    full = row(api, "kadis.kominfo", secret)
    assert full["redacted"] is False and full["subject"] == SECRET_SUBJECT


def test_a_secret_letter_is_read_by_its_addressee_and_down_its_disposition_chain_only(api, secret):
    assert api.get(f"/incoming/{secret}", as_user="kadis.kominfo").json_body["subject"] == SECRET_SUBJECT
    for who in ("operator.kominfo", "kabid.aptika", "kasi.layanan", "analis.kominfo"):
        assert_error(api.get(f"/incoming/{secret}", as_user=who), 404, "not_found")
    assert_error(api.get(f"/incoming/{secret}", as_user="operator.biroumum"), 403)  # another org's letter

    first = dispose(api, secret, ["KABID-APTIKA"], "kadis.kominfo").json_body["items"][0]
    assert api.get(f"/incoming/{secret}", as_user="kabid.aptika").status_code == 200
    assert row(api, "kabid.aptika", secret)["redacted"] is False
    assert_error(api.get(f"/incoming/{secret}", as_user="kasi.layanan"), 404)
    assert dispose(api, secret, ["KASI-LAYANAN"], "kabid.aptika", parent_id=first["id"]).status_code == 201
    assert api.get(f"/incoming/{secret}", as_user="kasi.layanan").json_body["subject"] == SECRET_SUBJECT
    assert_error(api.get(f"/incoming/{secret}", as_user="analis.kominfo"), 404)
    assert_error(api.get(f"/incoming/{secret}", as_user="sekretaris.kominfo"), 404)


def test_those_who_may_not_read_a_secret_letter_cannot_dispose_or_reply_to_it(api, secret):
    assert_error(dispose(api, secret, ["KASI-LAYANAN"], "kabid.aptika"), 404, "not_found")
    reply = api.post(f"/incoming/{secret}/reply", {"body": "x", "signatory": "KABID-APTIKA"}, as_user="kabid.aptika")
    assert_error(reply, 404, "not_found")
    assert_error(dispose(api, secret, ["KABID-APTIKA"], "karo.umum"), 403)


def test_a_restricted_letter_is_also_read_by_the_orgs_operators(api, province):
    restricted = register(api, "terbatas")
    assert api.get(f"/incoming/{restricted}", as_user="operator.kominfo").json_body["subject"] == SECRET_SUBJECT
    assert row(api, "operator.kominfo", restricted)["redacted"] is False
    assert_error(api.get(f"/incoming/{restricted}", as_user="analis.kominfo"), 404)
    assert row(api, "analis.kominfo", restricted)["redacted"] is True
    very = register(api, "sangat_rahasia")
    assert_error(api.get(f"/incoming/{very}", as_user="operator.kominfo"), 404)


def test_a_plain_letter_is_read_by_the_orgs_staff_as_before(api, province):
    plain = register(api, "biasa")
    assert api.get(f"/incoming/{plain}", as_user="analis.kominfo").json_body["subject"] == SECRET_SUBJECT
    assert row(api, "operator.kominfo", plain)["redacted"] is False


def test_a_secret_letter_of_another_org_goes_to_its_head(api, province):
    sent = letters_flow.draft(api, who="kadis.kominfo", addressees=[{"kind": "org", "code": "BIROUMUM"}], cc=[],
                              security="rahasia")
    assert letters_flow.submit(api, sent["id"], who="kadis.kominfo")["state"] == "sent"
    received = api.get("/incoming", as_user="karo.umum").json_body["items"][0]
    assert received["addressed_to"] == "KARO" and received["redacted"] is False
    assert api.get(f"/incoming/{received['id']}", as_user="karo.umum").status_code == 200
    assert row(api, "kabag.tu", received["id"])["redacted"] is True
    assert_error(api.get(f"/incoming/{received['id']}", as_user="operator.biroumum"), 404)


def test_the_timeline_of_a_secret_letter_is_read_only_by_those_who_read_the_letter(api, secret):
    trail = api.get(f"/incoming/{secret}/timeline", as_user="kadis.kominfo")
    assert trail.status_code == 200 and trail.json_body["events"][0]["action"] == "registered"
    for who in ("operator.kominfo", "kabid.aptika", "analis.kominfo"):
        assert_error(api.get(f"/incoming/{secret}/timeline", as_user=who), 404, "not_found")
    dispose(api, secret, ["KABID-APTIKA"], "kadis.kominfo")
    assert api.get(f"/incoming/{secret}/timeline", as_user="kabid.aptika").status_code == 200


def test_the_timeline_of_a_plain_letter_is_read_by_the_orgs_staff(api, province):
    plain = register(api, "biasa")
    assert api.get(f"/incoming/{plain}/timeline", as_user="analis.kominfo").status_code == 200
    assert_error(api.get(f"/incoming/{plain}/timeline", as_user="operator.biroumum"), 403)


def test_the_archive_keeps_a_secret_letter_from_the_operator_who_registered_it(api, secret):
    # The operator typed it in from the envelope; afterwards the archive follows the letter's own reading rule
    # (GET /incoming/{id} is 404 to them), so neither the search nor the export reveals its subject or sender.
    plain = register(api, "biasa")
    found = api.get("/archive?kind=incoming", as_user="operator.kominfo")
    ids = [i["id"] for i in found.json_body["items"]]
    assert plain in ids and secret not in ids
    exported = api.get("/archive/export?kind=incoming", as_user="operator.kominfo").body.decode("utf-8-sig")
    assert SECRET_SUBJECT in exported  # the plain one, which has the same subject
    assert exported.count(SECRET_SUBJECT) == 1 and "rahasia" not in exported
