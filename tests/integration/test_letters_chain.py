"""The review chain end to end, through the HTTP API, with the state machine really executing."""

from __future__ import annotations

import base64

from chalicelib import bootstrap
from chalicelib.adapters import aws
from chalicelib.domain.timefmt import now_wita
from tests.integration.letters_flow import CHAIN, DRAFTER, decide, draft, finished, submit


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
    assert finished(letter["id"], 1) == "SUCCEEDED"

    shown = api.get(f"/letters/{letter['id']}", as_user=DRAFTER).json_body
    assert shown["state"] == "sent" and [s["state"] for s in shown["chain"]] == ["approved"] * 3
    assert shown["on_behalf_of"] is None and shown["content_hash"] and shown["signature"]

    verification = api.get(f"/letters/{letter['id']}/verification", as_user="sekretaris.kominfo").json_body
    assert verification["valid"] is True and verification["document"]["number"] == shown["number"]
    settings = bootstrap.container().settings
    kms = aws.client("kms", settings.region)
    assert kms.verify(KeyId=settings.signing_key_id, Message=bytes.fromhex(shown["content_hash"]),
                      MessageType="DIGEST", Signature=base64.b64decode(shown["signature"]),
                      SigningAlgorithm="ECDSA_SHA_256")["SignatureValid"]

    inbox = api.get("/letters?box=inbox", as_user="sekretaris.kominfo").json_body["items"]
    assert [(i["id"], i["number"]) for i in inbox] == [(letter["id"], shown["number"])]
    cc = api.get("/letters?box=cc", as_user="kabid.aptika").json_body["items"]  # head of the APTIKA unit
    assert [i["id"] for i in cc] == [letter["id"]]
    sent = api.get("/letters?box=sent", as_user=DRAFTER).json_body["items"]
    assert [i["id"] for i in sent] == [letter["id"]]
    assert api.get("/letters?box=drafts", as_user=DRAFTER).json_body["items"] == []
    incoming = bootstrap.container().incoming_repo.list("BIROUMUM", None, 10, None).items
    assert [(i.source_ref, i.letter_number, i.sender_org) for i in incoming] == [
        (letter["id"], shown["number"], "DISKOMINFOS")]

    timeline = api.get(f"/letters/{letter['id']}/timeline", as_user=DRAFTER).json_body
    assert [e["action"] for e in timeline["events"]] == ["drafted", "submitted", "approved", "approved", "signed",
                                                         "sent"]
    assert timeline["chain"]["valid"] is True
    notes = api.get("/notifications", as_user="sekretaris.kominfo").json_body["items"]
    assert any(n["type"] == "letter.received" and n["record_id"] == letter["id"] for n in notes)
