"""Operators download the attachments of a submission to their org: a short-lived link to a confirmed file."""

from __future__ import annotations

import hashlib
from urllib.parse import parse_qs, urlparse

import pytest
import requests

from tests.conftest import assert_error
from tests.integration.public_support import PDF, accept, submission_id, submit, upload
from tests.support import calls_to, count_aws_calls

NAME = 'KTP "Sukmawati"/scan.pdf'


def request_upload(api, receipt, filename=NAME):
    made = api.post(f"/public/submissions/{receipt['code']}/attachments",
                    {"secret": receipt["secret"], "filename": filename, "content_type": "application/pdf",
                     "size": len(PDF)})
    assert made.status_code == 201, made.body
    return made.json_body


@pytest.fixture
def sent(api, province):
    """A citizen's submission with one confirmed attachment; (submission id, attachment id, receipt)."""
    receipt = submit(api)
    requested = request_upload(api, receipt)
    upload(requested["upload"])
    attachment_id = requested["attachment"]["id"]
    confirmed = api.post(f"/public/submissions/{receipt['code']}/attachments/{attachment_id}/confirm",
                         {"secret": receipt["secret"]})
    assert confirmed.status_code == 200, confirmed.body
    return submission_id(api, receipt["code"]), attachment_id, receipt


def path(submission, attachment):
    return f"/submissions/{submission}/attachments/{attachment}"


def test_the_orgs_operator_downloads_the_exact_bytes_the_sender_uploaded(api, sent):
    submission, attachment, _ = sent
    link = api.get(path(submission, attachment), as_user="operator.kominfo")
    assert link.status_code == 200, link.body
    body = link.json_body
    assert body["expires_in"] == 300 and body["id"] == attachment
    assert (body["filename"], body["content_type"], body["size"]) == (NAME, "application/pdf", len(PDF))
    assert body["sha256"] == hashlib.sha256(PDF).hexdigest()
    assert "Sukmawati" not in urlparse(body["url"]).path  # the key holds ids only
    downloaded = requests.get(body["url"], timeout=10)
    assert downloaded.status_code == 200 and downloaded.content == PDF
    disposition = parse_qs(urlparse(body["url"]).query)["response-content-disposition"][0]
    assert disposition.startswith('attachment; filename="KTP _Sukmawati_-scan.pdf"; filename*=UTF-8')


def test_an_attachment_not_confirmed_yet_is_409(api, sent):
    submission, _, receipt = sent
    pending = request_upload(api, receipt, "kk.pdf")["attachment"]["id"]
    assert_error(api.get(path(submission, pending), as_user="operator.kominfo"), 409, "conflict",
                 field="attachment_id")


def test_only_the_operators_of_the_target_org_download(api, sent):
    submission, attachment, _ = sent
    assert_error(api.get(path(submission, attachment)), 401, "unauthenticated")
    for who in ("kadis.kominfo", "staf.kominfo", "warga", "admin"):
        assert_error(api.get(path(submission, attachment), as_user=who), 403, "forbidden")
    # another org's submission is 403, as GET /submissions/{id} answers
    assert_error(api.get(f"/submissions/{submission}", as_user="operator.biroumum"), 403, "forbidden")
    assert_error(api.get(path(submission, attachment), as_user="operator.biroumum"), 403, "forbidden")


def test_unknown_ids_are_404(api, sent):
    submission, attachment, _ = sent
    assert_error(api.get(path("nope", attachment), as_user="operator.kominfo"), 404, "not_found")
    assert_error(api.get(path(submission, "nope"), as_user="operator.kominfo"), 404, "not_found",
                 field="attachment_id")


def test_the_attachment_stays_downloadable_after_acceptance(api, sent):
    submission, attachment, receipt = sent
    accept(api, receipt["code"])
    link = api.get(path(submission, attachment), as_user="operator.kominfo").json_body
    assert requests.get(link["url"], timeout=10).content == PDF


def test_a_download_link_is_one_dynamodb_read_and_no_other_aws_call(api, sent):
    submission, attachment, _ = sent
    api.token("operator.kominfo")
    with count_aws_calls() as calls:
        response = api.get(path(submission, attachment), as_user="operator.kominfo")
    assert response.status_code == 200
    assert calls_to(calls, "dynamodb") == sum(calls.values()) == 1, calls
