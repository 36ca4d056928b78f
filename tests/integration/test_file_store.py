import hashlib
import io
import zipfile

import boto3
import pytest
import requests

from chalicelib import bootstrap
from chalicelib.adapters.files import PENDING_TAGGING
from chalicelib.domain.errors import NotFound, PayloadTooLarge, ValidationFailed
from infra.local_stack import load_template

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def _upload(post: dict, data: bytes) -> int:
    response = requests.post(post["url"], data=post["fields"], files={"file": ("ignored.bin", data)}, timeout=10)
    return response.status_code


def test_an_uploaded_pdf_is_checked_by_content_and_hashed(aws):
    store = bootstrap.container().files
    post = store.presign_upload("letters/L1/A1", "application/pdf", max_bytes=1024)
    assert post["fields"]["key"] == "letters/L1/A1" and post["max_bytes"] == 1024
    assert _upload(post, PDF) in (200, 201, 204)
    stored = store.inspect("letters/L1/A1", "application/pdf", max_bytes=1024)
    assert stored.size == len(PDF) and stored.sha256 == hashlib.sha256(PDF).hexdigest()


def test_a_docx_is_recognised_by_its_content(aws):
    store = bootstrap.container().files
    mime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    _upload(store.presign_upload("letters/L1/A2", mime, 10_000), _docx())
    assert store.inspect("letters/L1/A2", mime, 10_000).content_type == mime


def test_a_png_declared_as_pdf_is_refused(aws):
    store = bootstrap.container().files
    _upload(store.presign_upload("letters/L1/A3", "application/pdf", 1024), PNG)
    with pytest.raises(ValidationFailed) as error:
        store.inspect("letters/L1/A3", "application/pdf", 1024)
    assert error.value.details[0]["field"] == "file" and "image/png" in error.value.message


def test_a_file_larger_than_allowed_is_refused_after_upload(aws):
    store = bootstrap.container().files
    _upload(store.presign_upload("letters/L1/A4", "application/pdf", 10_000), PDF + b"0" * 2000)
    with pytest.raises(PayloadTooLarge):
        store.inspect("letters/L1/A4", "application/pdf", 100)


def test_a_missing_upload_is_not_found(aws):
    with pytest.raises(NotFound):
        bootstrap.container().files.inspect("letters/L1/none", "application/pdf", 100)


def test_an_unsupported_type_gets_no_upload_link(aws):
    with pytest.raises(ValidationFailed) as error:
        bootstrap.container().files.presign_upload("letters/L1/A5", "text/html", 100)
    assert error.value.details[0]["field"] == "content_type"


def test_a_download_link_names_the_users_file_but_not_in_the_key(aws):
    store = bootstrap.container().files
    store.put("letters/L1/A6", PDF, "application/pdf")
    link = store.presign_download("letters/L1/A6", 'Surat "Undangan".pdf', "application/pdf")
    assert "letters/L1/A6" in link["url"] and link["expires_in"] == 300
    assert requests.get(link["url"], timeout=10).content == PDF


def test_an_upload_is_pending_until_confirmed_and_the_lifecycle_rule_expires_only_pending_ones(aws):
    store = bootstrap.container().files
    post = store.presign_upload("letters/L1/A9", "application/pdf", max_bytes=1024)
    # S3 applies the form's `tagging` field, and the signed policy holds it: the uploader cannot drop the tag.
    assert post["fields"]["tagging"] == PENDING_TAGGING and "upload" in PENDING_TAGGING and "pending" in PENDING_TAGGING
    assert _upload(post, PDF) in (200, 201, 204)
    store.inspect("letters/L1/A9", "application/pdf", max_bytes=1024)
    s3 = boto3.client("s3", region_name="ap-southeast-3")
    tags = s3.get_object_tagging(Bucket=store.bucket, Key="letters/L1/A9")["TagSet"]
    assert tags == [{"Key": "upload", "Value": "confirmed"}]

    template = load_template()
    rules = [rule for resource in template["Resources"].values() if resource["Type"] == "AWS::S3::Bucket"
             for rule in (resource.get("Properties") or {}).get("LifecycleConfiguration", {}).get("Rules", [])
             if rule["Id"] == "abandoned-uploads"]
    assert rules and all(rule["TagFilters"] == [{"Key": "upload", "Value": "pending"}] for rule in rules)
