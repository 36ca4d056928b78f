"""A hash chain per record: editing or deleting an audit event directly in DynamoDB makes the record's timeline
report the chain broken at the first affected event — for letters, incoming letters and submissions."""

from __future__ import annotations

from tests.conftest import assert_error
from tests.integration import public_support
from tests.integration.archive_flow import HEAD, signed, table

AUDIT = "AUDIT#{:06d}"


def _edit(record: str, seq: int) -> None:
    table().update_item(Key={"pk": record, "sk": AUDIT.format(seq)}, UpdateExpression="SET actor = :a",
                        ExpressionAttributeValues={":a": "someone-else"})


def _delete(record: str, seq: int) -> None:
    table().delete_item(Key={"pk": record, "sk": AUDIT.format(seq)})


def _chain(api, path: str, who: str) -> dict:
    response = api.get(path, as_user=who)
    assert response.status_code == 200, response.body
    return response.json_body["chain"]


def test_a_letters_edited_event_is_named_as_the_first_broken_one(api, province):
    letter = signed(api)
    path = f"/letters/{letter['id']}/timeline"
    # drafted, signing (the number claimed on submit), signed (and sent)
    assert _chain(api, path, HEAD) == {"valid": True, "events": 3, "first_broken_seq": None, "reason": None}
    _edit(f"LETTER#{letter['id']}", 2)
    chain = _chain(api, path, HEAD)
    assert chain["valid"] is False and chain["first_broken_seq"] == 2 and "changed" in chain["reason"]


def test_a_letters_deleted_event_is_named_as_missing(api, province):
    letter = signed(api)
    _delete(f"LETTER#{letter['id']}", 2)
    chain = _chain(api, f"/letters/{letter['id']}/timeline", HEAD)
    assert chain["valid"] is False and chain["first_broken_seq"] == 2 and "missing" in chain["reason"]


def test_deleting_the_last_event_is_caught_by_the_count_the_letter_holds(api, province):
    letter = signed(api)
    _delete(f"LETTER#{letter['id']}", 3)
    chain = _chain(api, f"/letters/{letter['id']}/timeline", HEAD)
    assert chain["valid"] is False and chain["first_broken_seq"] == 3


def _paper_letter(api) -> str:
    body = {"sender_name": "Kepala Desa Sanur Kaja", "subject": "Permohonan jaringan balai desa",
            "letter_number": "140/12/DS/2026", "letter_date": "2026-11-20", "classification": "000.1.2",
            "security": "biasa", "urgency": "biasa", "scan_filename": "surat.pdf",
            "scan_content_type": "application/pdf"}
    response = api.post("/incoming", body, as_user="operator.kominfo")
    assert response.status_code == 201, response.body
    return response.json_body["id"]


def test_an_incoming_letters_timeline_verifies_and_names_an_edited_event(api, province):
    incoming_id = _paper_letter(api)
    path = f"/incoming/{incoming_id}/timeline"
    response = api.get(path, as_user="operator.kominfo")
    assert response.status_code == 200 and response.json_body["incoming_id"] == incoming_id
    assert response.json_body["chain"]["valid"] is True
    assert [e["action"] for e in response.json_body["events"]] == ["registered"]
    _edit(f"INCOMING#{incoming_id}", 1)
    assert _chain(api, path, "kadis.kominfo")["first_broken_seq"] == 1
    assert_error(api.get(path), 401, "unauthenticated")
    assert_error(api.get(path, as_user="warga"), 403, "forbidden")
    assert_error(api.get(path, as_user="operator.biroumum"), 403, "forbidden")  # as GET /incoming/{id}
    assert_error(api.get("/incoming/nope/timeline", as_user="operator.kominfo"), 404, "not_found")


def test_a_submissions_timeline_verifies_and_names_a_deleted_event(api, province):
    receipt = public_support.submit(api)
    public_support.accept(api, receipt["code"])
    submission_id = public_support.submission_id(api, receipt["code"])
    path = f"/submissions/{submission_id}/timeline"
    response = api.get(path, as_user="operator.kominfo")
    assert response.status_code == 200, response.body
    assert response.json_body["chain"]["valid"] is True and len(response.json_body["events"]) >= 2
    _delete(f"SUBMISSION#{submission_id}", 1)
    chain = _chain(api, path, "operator.kominfo")
    assert chain["valid"] is False and chain["first_broken_seq"] == 1
    assert_error(api.get(path), 401, "unauthenticated")
    assert_error(api.get(path, as_user="staf.kominfo"), 403, "forbidden")
    assert_error(api.get(path, as_user="operator.biroumum"), 403, "forbidden")  # as GET /submissions/{id}
    assert_error(api.get("/submissions/nope/timeline", as_user="operator.kominfo"), 404, "not_found")
