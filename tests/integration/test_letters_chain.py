"""The review chain end to end, through the HTTP API, with the state machine really executing."""

from __future__ import annotations

import base64

from chalicelib import bootstrap
from chalicelib.adapters import aws
from chalicelib.domain.timefmt import now_wita
from tests.conftest import assert_error
from tests.integration.letters_flow import (
    CHAIN,
    DRAFTER,
    await_step,
    decide,
    draft,
    executions,
    finished,
    state_transitions,
    submit,
)


def test_a_three_step_chain_ends_in_a_signed_numbered_verifiable_letter_in_the_inboxes(api, province):
    letter = draft(api)
    assert [(s["position"], s["kind"], s["state"]) for s in letter["chain"]] == [
        ("KASI-LAYANAN", "review", "pending"), ("KABID-APTIKA", "review", "pending"), ("KADIS", "sign", "pending")]
    submitted = submit(api, letter["id"])
    assert submitted["state"] == "in_review" and submitted["chain"][0]["state"] == "current"

    for who, _position in CHAIN[:2]:
        response = decide(api, who, letter["id"])
        assert response.status_code == 200, response.body
        assert response.json_body["state"] == "in_review" and response.json_body["delivered"] is True
    signed = decide(api, "kadis.kominfo", letter["id"])
    assert signed.status_code == 200, signed.body
    year = now_wita().year
    assert signed.json_body["state"] == "sent" and signed.json_body["number"] == f"000.1.2/1/DISKOMINFOS/{year}"
    assert finished(letter["id"], 1) == "ABORTED"
    waits = sorted(e["name"] for e in executions(letter["id"]))  # one execution per step, one state entered each
    assert waits == [f"letter-{letter['id']}-r1-s{index}" for index in (1, 2, 3)]
    assert state_transitions(letter["id"]) == 3

    shown = api.get(f"/letters/{letter['id']}", as_user=DRAFTER).json_body
    assert shown["state"] == "sent" and [s["state"] for s in shown["chain"]] == ["approved"] * 3
    assert shown["on_behalf_of"] is None and shown["content_hash"] and shown["signature"]

    verification = api.get(f"/letters/{letter['id']}/verification", as_user="sekretaris.kominfo").json_body
    assert verification["valid"] is True and verification["document"]["number"] == shown["number"]
    settings = bootstrap.container().settings
    kms = aws.client("kms", settings.region)
    assert kms.verify(KeyId=settings.signing_key_id, Message=bytes.fromhex(shown["content_hash"]),
                      MessageType="RAW", Signature=base64.b64decode(shown["signature"]),
                      SigningAlgorithm="ECDSA_SHA_256")["SignatureValid"]

    inbox = api.get("/letters?box=inbox", as_user="sekretaris.kominfo").json_body["items"]
    assert [(i["id"], i["number"]) for i in inbox] == [(letter["id"], shown["number"])]
    cc = api.get("/letters?box=cc", as_user="kabid.aptika").json_body["items"]  # head of the APTIKA unit
    assert [i["id"] for i in cc] == [letter["id"]]
    sent = api.get("/letters?box=sent", as_user=DRAFTER).json_body["items"]
    assert [i["id"] for i in sent] == [letter["id"]]
    assert api.get("/letters?box=drafts", as_user=DRAFTER).json_body["items"] == []
    incoming = bootstrap.container().incoming_repo.list("BIROUMUM", None, 10, None).items
    assert [(i.source_ref, i.letter_number, i.sender_org, i.addressed_to) for i in incoming] == [
        (letter["id"], shown["number"], "DISKOMINFOS", "KARO")]  # received through the head of Biro Umum

    timeline = api.get(f"/letters/{letter['id']}/timeline", as_user=DRAFTER).json_body
    assert [e["action"] for e in timeline["events"]] == ["drafted", "submitted", "approved", "approved", "signing", "signed"]
    assert timeline["chain"]["valid"] is True
    notes = api.get("/notifications", as_user="sekretaris.kominfo").json_body["items"]
    assert any(n["type"] == "letter.received" and n["record_id"] == letter["id"] for n in notes)


def test_revise_returns_the_letter_and_resubmitting_restarts_the_chain_from_the_first_step(api, province):
    letter = draft(api)
    submit(api, letter["id"])
    assert decide(api, "kasi.layanan", letter["id"]).status_code == 200
    revised = decide(api, "kabid.aptika", letter["id"], "revise", "Lengkapi data jumlah titik jaringan")
    assert revised.status_code == 200 and revised.json_body["state"] == "revision_requested"
    assert finished(letter["id"], 1) == "ABORTED"  # step 2 stopped by its revision; step 3 never waited
    assert len(executions(letter["id"], 1)) == 2

    shown = api.get(f"/letters/{letter['id']}", as_user=DRAFTER).json_body
    assert [s["state"] for s in shown["chain"]] == ["approved", "revision_requested", "pending"]
    edited = api.patch(f"/letters/{letter['id']}", {"version": shown["version"], "body": "Isi yang diperbaiki"},
                       as_user=DRAFTER)
    assert edited.status_code == 200 and edited.json_body["state"] == "draft"
    resubmitted = submit(api, letter["id"])
    assert resubmitted["round"] == 2
    assert [s["state"] for s in resubmitted["chain"]] == ["current", "pending", "pending"]
    assert decide(api, "kasi.layanan", letter["id"]).status_code == 200  # step 1 again, in round 2
    timeline = api.get(f"/letters/{letter['id']}/timeline", as_user=DRAFTER).json_body
    assert [e["action"] for e in timeline["events"]] == ["drafted", "submitted", "approved", "revision_requested",
                                                         "edited", "submitted", "approved"]
    assert timeline["events"][3]["note"] == "Lengkapi data jumlah titik jaringan" and timeline["chain"]["valid"]


def test_reject_ends_the_review_for_good(api, province):
    letter = draft(api)
    submit(api, letter["id"])
    rejected = decide(api, "kasi.layanan", letter["id"], "reject", "Tidak sesuai kewenangan")
    assert rejected.status_code == 200 and rejected.json_body["state"] == "rejected"
    assert finished(letter["id"], 1) == "ABORTED"
    assert api.post(f"/letters/{letter['id']}/submit", as_user=DRAFTER).status_code == 409
    assert api.patch(f"/letters/{letter['id']}", {"version": 3, "body": "x"}, as_user=DRAFTER).status_code == 409
    notes = api.get("/notifications", as_user=DRAFTER).json_body["items"]
    assert any(n["type"] == "letter.rejected" for n in notes)


def test_only_the_current_steps_position_decides(api, province):
    letter = draft(api)
    submit(api, letter["id"])
    await_step(api, "kasi.layanan", letter["id"])
    for who in ("kabid.aptika", "kadis.kominfo", DRAFTER):
        response = api.post(f"/letters/{letter['id']}/decision", {"decision": "approve"}, as_user=who)
        assert_error(response, 403, "forbidden")


def test_a_retried_decision_is_harmless_and_a_different_second_decision_conflicts(api, province):
    letter = draft(api)
    submit(api, letter["id"])
    first = decide(api, "kasi.layanan", letter["id"])
    again = api.post(f"/letters/{letter['id']}/decision", {"decision": "approve"}, as_user="kasi.layanan")
    assert again.status_code == 200 and again.json_body["step"] == first.json_body["step"] == 1
    assert again.json_body["decision"] == "approve"
    other = api.post(f"/letters/{letter['id']}/decision", {"decision": "reject", "note": "batal"},
                     as_user="kasi.layanan")
    assert_error(other, 409, "conflict")
    shown = api.get(f"/letters/{letter['id']}", as_user=DRAFTER).json_body
    assert [s["state"] for s in shown["chain"]] == ["approved", "current", "pending"]
    decide(api, "kabid.aptika", letter["id"])  # the chain went on exactly once
    timeline = api.get(f"/letters/{letter['id']}/timeline", as_user=DRAFTER).json_body
    assert [e["action"] for e in timeline["events"]].count("approved") == 2


def test_an_approval_whose_next_step_did_not_start_is_healed_by_the_same_decision_sent_again(api, province,
                                                                                               monkeypatch):
    from botocore.exceptions import ClientError

    from chalicelib.adapters.workflow import ApprovalWorkflow

    letter = draft(api)
    submit(api, letter["id"])
    await_step(api, "kasi.layanan", letter["id"])
    start = ApprovalWorkflow.start

    def lost(self, name, payload):  # StartExecution fails once (throttled), as AWS may
        monkeypatch.setattr(ApprovalWorkflow, "start", start)
        raise ClientError({"Error": {"Code": "ThrottlingException", "Message": "Rate exceeded"}}, "StartExecution")

    monkeypatch.setattr(ApprovalWorkflow, "start", lost)
    first = api.post(f"/letters/{letter['id']}/decision", {"decision": "approve"}, as_user="kasi.layanan")
    assert first.status_code == 200 and first.json_body["delivered"] is False, first.body  # recorded, not yet on
    assert [e["name"] for e in executions(letter["id"]) if e["status"] == "RUNNING"] == [
        f"letter-{letter['id']}-r1-s1"]  # the decided step's timer runs on: its deadline would start step 2's too
    assert [i["index"] for i in api.get("/approvals", as_user="kabid.aptika").json_body["items"]] == [2]  # entered

    again = api.post(f"/letters/{letter['id']}/decision", {"decision": "approve"}, as_user="kasi.layanan")
    assert again.status_code == 200 and again.json_body["delivered"] is True, again.body
    assert await_step(api, "kabid.aptika", letter["id"])["index"] == 2
    assert decide(api, "kabid.aptika", letter["id"]).status_code == 200
    assert await_step(api, "kadis.kominfo", letter["id"])["index"] == 3
    timeline = api.get(f"/letters/{letter['id']}/timeline", as_user=DRAFTER).json_body
    assert [e["action"] for e in timeline["events"]].count("approved") == 2


def test_revise_and_reject_need_a_note(api, province):
    letter = draft(api)
    submit(api, letter["id"])
    await_step(api, "kasi.layanan", letter["id"])
    for decision in ("revise", "reject"):
        response = api.post(f"/letters/{letter['id']}/decision", {"decision": decision}, as_user="kasi.layanan")
        assert_error(response, 400, "validation_error", field="note")
