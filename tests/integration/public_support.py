"""Helpers of the submission, incoming and disposition tests: what moto's SES and SNS sent, and the flow steps."""

from __future__ import annotations

import email
import email.policy
from datetime import timedelta
from typing import Any

import requests
from moto.ses.models import Message, RawMessage, ses_backends
from moto.sns.models import sns_backends

from chalicelib.domain.timefmt import iso, now_wita
from infra.local_stack import ACCOUNT_ID

REGION = "ap-southeast-3"
CITIZEN = {"sender_type": "citizen", "name": "Ni Luh Gede Sukmawati", "email": "sukmawati@example.com",
           "phone": "081234567890", "org": "DISKOMINFOS", "kind": "letter",
           "subject": "Permohonan data jaringan internet desa", "body": "Dengan hormat, kami memohon data ..."}
BUSINESS_PROPOSAL = {"sender_type": "business", "name": "I Made Bagus Wirajaya", "email": "info@example.co.id",
                     "company_name": "PT Bali Digital Nusantara", "nib": "9120301234567", "org": "DISKOMINFOS",
                     "kind": "proposal", "category": "sponsorship", "requested_amount": 25_000_000,
                     "event_date": "2026-12-20", "subject": "Proposal sponsor Bali Digital Fest",
                     "body": "Kami mengajukan proposal ..."}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def emails() -> list[dict[str, Any]]:
    """Every plain email moto's SES sent: to, subject, body."""
    return [{"to": m.destinations["ToAddresses"], "subject": m.subject, "body": m.body, "from": m.source}
            for m in ses_backends[ACCOUNT_ID][REGION].sent_messages if isinstance(m, Message)]


def mails_with_attachments() -> list[dict[str, Any]]:
    """Every raw email moto's SES sent, parsed: to, subject, text, and attachments as (filename, type, bytes)."""
    sent = []
    for m in ses_backends[ACCOUNT_ID][REGION].sent_messages:
        if not isinstance(m, RawMessage):
            continue
        parsed = email.message_from_string(m.raw_data, policy=email.policy.default)
        text = parsed.get_body(preferencelist=("plain",))
        sent.append({"to": sorted(set(m.destinations)), "from": m.source, "subject": str(parsed["Subject"]),
                     "text": text.get_content() if text else "",
                     "attachments": [(a.get_filename(), a.get_content_type(), a.get_payload(decode=True))
                                     for a in parsed.iter_attachments()]})
    return sent


def sms() -> list[tuple[str, str]]:
    """Every SMS moto's SNS sent: (phone, text)."""
    return list(sns_backends[ACCOUNT_ID][REGION].sms_messages.values())


def deadline(days: int = 3) -> str:
    """A deadline `days` from now (WITA)."""
    return iso(now_wita() + timedelta(days=days))


def submit(api: Any, body: dict[str, Any] | None = None, **changes: Any) -> dict[str, Any]:
    """Submit and return the receipt."""
    response = api.post("/public/submissions", {**(body or CITIZEN), **changes})
    assert response.status_code == 201, response.body
    return response.json_body


def upload(post: dict[str, Any], data: bytes = PDF) -> None:
    """Send `data` with a presigned POST, as a browser would."""
    status = requests.post(post["url"], data=post["fields"], files={"file": ("x.bin", data)}, timeout=10).status_code
    assert status in (200, 201, 204)


def submission_id(api: Any, code: str, operator: str = "operator.kominfo") -> str:
    """The id of the submission with `code`, from the operator's list."""
    items = api.get("/submissions", as_user=operator).json_body["items"]
    return next(i["id"] for i in items if i["code"] == code)


def accept(api: Any, code: str, operator: str = "operator.kominfo") -> dict[str, Any]:
    """Accept a submission; its view (with incoming_id)."""
    response = api.post(f"/submissions/{submission_id(api, code, operator)}/verify",
                        {"decision": "accept", "note": "lengkap - catatan internal operator"}, as_user=operator)
    assert response.status_code == 200, response.body
    return response.json_body


def dispose(api: Any, incoming_id: str, to: list[str], as_user: str, parent_id: str | None = None) -> Any:
    """Dispose an incoming letter; the response."""
    body: dict[str, Any] = {"to": to, "instructions": ["tindak_lanjuti", "siapkan_jawaban"],
                            "note": "segera koordinasikan", "deadline": deadline()}
    if parent_id:
        body["parent_id"] = parent_id
    return api.post(f"/incoming/{incoming_id}/dispositions", body, as_user=as_user)
