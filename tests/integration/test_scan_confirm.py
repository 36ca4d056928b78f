"""The scan of a paper letter is checked after upload: size, type by content, SHA-256."""

from __future__ import annotations

import hashlib

import pytest
import requests

from chalicelib import bootstrap
from chalicelib.services import incoming as incoming_service
from tests.conftest import assert_error
from tests.integration.public_support import PDF

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def registered(api, province):
    body = {"sender_name": "Kepala Desa Sanur Kaja", "subject": "Undangan musyawarah desa",
            "scan_filename": "undangan.pdf", "scan_content_type": "application/pdf"}
    made = api.post("/incoming", body, as_user="operator.kominfo")
    assert made.status_code == 201, made.body
    return made.json_body


def upload(registered, data):
    post = registered["scan_upload"]
    status = requests.post(post["url"], data=post["fields"], files={"file": ("x.bin", data)}, timeout=10).status_code
    assert status in (200, 201, 204)


def confirm_path(registered, attachment_id=None):
    return f"/incoming/{registered['id']}/attachments/{attachment_id or registered['attachments'][0]['id']}/confirm"


def test_an_uploaded_scan_is_checked_and_its_sha256_recorded(api, registered):
    upload(registered, PDF)
    confirmed = api.post(confirm_path(registered), as_user="operator.kominfo")
    assert confirmed.status_code == 200, confirmed.body
    attachment = confirmed.json_body["attachment"]
    assert attachment["status"] == "confirmed" and attachment["size"] == len(PDF)
    assert attachment["sha256"] == hashlib.sha256(PDF).hexdigest()
    assert attachment["filename"] == "undangan.pdf"
    letter = api.get(f"/incoming/{registered['id']}", as_user="kadis.kominfo").json_body
    assert letter["attachments"][0]["sha256"] == attachment["sha256"]
    again = api.post(confirm_path(registered), as_user="operator.kominfo")
    assert again.status_code == 200 and again.json_body == confirmed.json_body
    trail = bootstrap.container().audit_repo.trail(f"INCOMING#{registered['id']}")
    assert [e.action for e in trail] == ["registered", "scan_confirmed"]


def test_a_scan_whose_content_is_not_its_declared_type_is_refused_and_deleted(api, registered):
    upload(registered, PNG)
    assert_error(api.post(confirm_path(registered), as_user="operator.kominfo"), 400, "validation_error",
                 field="file")
    assert_error(api.post(confirm_path(registered), as_user="operator.kominfo"), 404, field="file")  # deleted
    letter = api.get(f"/incoming/{registered['id']}", as_user="kadis.kominfo").json_body
    assert letter["attachments"][0]["status"] == "pending"


def test_a_scan_not_uploaded_yet_is_404_naming_the_file(api, registered):
    assert_error(api.post(confirm_path(registered), as_user="operator.kominfo"), 404, "not_found", field="file")


def test_a_scan_larger_than_allowed_is_413(api, registered, monkeypatch):
    upload(registered, PDF)
    monkeypatch.setattr(incoming_service, "MAX_SCAN_BYTES", len(PDF) - 1)
    assert_error(api.post(confirm_path(registered), as_user="operator.kominfo"), 413, field="file")


def test_confirming_a_scan_needs_the_orgs_operator_and_a_known_scan(api, registered):
    path = confirm_path(registered)
    assert_error(api.post(path), 401, "unauthenticated")
    assert_error(api.post(path, as_user="kadis.kominfo"), 403, "forbidden")
    assert_error(api.post(path, as_user="warga"), 403, "forbidden")
    assert_error(api.post(path, as_user="operator.biroumum"), 403, "forbidden")
    assert_error(api.post(f"/incoming/nope/attachments/{registered['attachments'][0]['id']}/confirm",
                          as_user="operator.kominfo"), 404, "not_found")
    assert_error(api.post(confirm_path(registered, "nope"), as_user="operator.kominfo"), 404, "not_found",
                 field="attachment_id")
