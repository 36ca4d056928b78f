"""A citizen's submission, tracking code and secret, against the in-memory fakes."""

from __future__ import annotations

import pytest

from chalicelib.domain.errors import Conflict, Forbidden, NotFound, TooManyRequests, ValidationFailed
from chalicelib.domain.identity import Principal, Role
from chalicelib.domain.submissions import CODE_RE, SUBMISSIONS_PER_CONTACT_PER_HOUR, Proof, hash_secret
from tests.unit.services_intake.conftest import CITIZEN, OPERATOR, World


def test_a_submission_gets_a_tracking_code_a_secret_and_a_first_audit_event(world: World) -> None:
    status, receipt = world.public.submit(dict(CITIZEN), None)

    assert status == 201 and CODE_RE.match(receipt["code"]) and len(receipt["secret"]) >= 32
    assert receipt["tracking_url"] == f"https://kantor.example.go.id/public/track/{receipt['code']}"
    keys = world.submissions.unlock(receipt["code"])
    assert keys.secret_hash == hash_secret(receipt["secret"])  # only the hash is kept
    stored = world.submissions.get(keys.submission_id)
    assert (stored.state.value, stored.org_name) == ("received", "Dinas Komunikasi, Informatika dan Statistik")
    assert [(e.action, e.actor, e.to_state) for e in world.store.trail("submission", stored.id)] == [
        ("submitted", "public-sender", "received")]
    assert world.events.published == [{"type": "submission.received", "org": "DISKOMINFOS",
                                       "record_id": stored.id,
                                       "data": {"code": receipt["code"], "status": "received"}}]


def test_tracking_shows_the_public_timeline_and_nothing_personal(world: World) -> None:
    code = world.submit()["code"]

    tracking = world.public.track(code.lower())

    assert tracking["status"] == "received" and [e["status"] for e in tracking["timeline"]] == ["received"]
    assert not {"name", "email", "phone", "subject", "body", "secret_hash"} & tracking.keys()


def test_a_submission_without_any_contact_or_to_an_unknown_org_is_refused_and_nothing_is_written(
        world: World) -> None:
    with pytest.raises(ValidationFailed) as no_contact:
        world.public.submit({**CITIZEN, "email": None, "phone": None}, None)
    with pytest.raises(ValidationFailed) as no_org:
        world.public.submit({**CITIZEN, "org": "NOPE"}, None)

    assert no_contact.value.details[0]["field"] == "email" and no_org.value.details[0]["field"] == "org"
    assert world.store.commits == 0 and world.events.published == []


def test_a_retry_with_the_same_idempotency_key_returns_the_same_code_with_a_fresh_secret(world: World) -> None:
    first_status, first = world.public.submit(dict(CITIZEN), "key-1")
    again_status, again = world.public.submit(dict(CITIZEN), "key-1")

    assert (first_status, again_status) == (201, 201) and again["code"] == first["code"]
    assert again["secret"] != first["secret"]
    assert world.submissions.unlock(first["code"]).secret_hash == hash_secret(again["secret"])
    assert len(world.submissions.tracks) == 1 and world.events.types() == ["submission.received"]


def test_the_hourly_cap_per_contact_refuses_one_more_with_429(world: World) -> None:
    for _ in range(SUBMISSIONS_PER_CONTACT_PER_HOUR):
        world.submit()

    with pytest.raises(TooManyRequests):
        world.submit()
    assert len(world.submissions.tracks) == SUBMISSIONS_PER_CONTACT_PER_HOUR


def test_staff_cannot_own_a_submission_and_a_public_account_sees_only_its_own(world: World) -> None:
    with pytest.raises(Forbidden):
        world.public.submit(dict(CITIZEN), None, owner=OPERATOR)
    citizen = Principal(username="sukma", role=Role.PUBLIC)
    _, mine = world.public.submit(dict(CITIZEN), None, owner=citizen)
    world.submit(email="other@example.com", phone=None)

    listed = world.public.list_mine(citizen, 10, None)
    assert [row["code"] for row in listed["items"]] == [mine["code"]]
    assert world.public.mine(citizen, mine["code"])["subject"] == CITIZEN["subject"]
    with pytest.raises(NotFound):
        world.public.mine(Principal(username="someone", role=Role.PUBLIC), mine["code"])


def test_an_attachment_is_uploaded_then_confirmed_with_its_size_and_sha256(world: World) -> None:
    receipt = world.submit()
    proof = Proof(secret=receipt["secret"])
    status, requested = world.public.request_upload(receipt["code"], proof, {
        "filename": "ktp.pdf", "content_type": "application/pdf", "size": 1000})
    key = requested["upload"]["fields"]["key"]
    world.files.upload(key, b"%PDF-1.4 ktp", "application/pdf")

    confirmed = world.public.confirm_upload(receipt["code"], requested["attachment"]["id"], proof)

    assert status == 201 and confirmed["attachment"]["status"] == "confirmed"
    assert confirmed["attachment"]["size"] == len(b"%PDF-1.4 ktp")
    sid = world.submissions.unlock(receipt["code"]).submission_id
    assert world.store.actions("submission", sid) == ["submitted", "attachment_requested", "attachment_confirmed"]


def test_a_wrong_secret_is_forbidden_and_changes_nothing(world: World) -> None:
    code = world.submit()["code"]
    commits = world.store.commits

    with pytest.raises(Forbidden):
        world.public.request_upload(code, Proof(secret="wrong"), {
            "filename": "a.pdf", "content_type": "application/pdf", "size": 10})
    assert world.store.commits == commits


def test_only_a_returned_submission_is_resubmitted_and_its_timeline_says_so(world: World) -> None:
    receipt = world.submit()
    proof = Proof(secret=receipt["secret"])
    with pytest.raises(Conflict):
        world.public.resubmit(receipt["code"], proof, {})
    sid = world.submissions.unlock(receipt["code"]).submission_id
    world.verification.verify(OPERATOR, sid, {"decision": "return", "note": "Lampirkan KTP"})

    answer = world.public.resubmit(receipt["code"], proof, {"body": "KTP terlampir", "note": "lengkap"})

    assert answer == {"code": receipt["code"], "status": "resubmitted"}
    stored = world.submissions.get(sid)
    assert (stored.state.value, stored.body, stored.resubmissions) == ("resubmitted", "KTP terlampir", 1)
    assert [e["status"] for e in world.public.track(receipt["code"])["timeline"]] == [
        "received", "returned", "resubmitted"]
