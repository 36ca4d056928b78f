"""Helpers of the archive and proof tests: letters signed at once (the drafter signs), the signed PDF read back,
and direct edits of stored items (what an attacker with table access would do).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pypdf
import requests

from tests.conftest import Api
from tests.integration.letters_flow import letter_body

HEAD = "kadis.kominfo"  # KADIS signs what KADIS drafts: submitting signs at once


def signed(api: Api, who: str = HEAD, **overrides: Any) -> dict[str, Any]:
    """A letter drafted and submitted by its own signatory: signed and sent on submit; the letter as read."""
    signatory = {"kadis.kominfo": "KADIS", "kabid.aptika": "KABID-APTIKA"}[who]
    created = api.post("/letters", letter_body(signatory=signatory, **overrides), as_user=who)
    assert created.status_code == 201, created.body
    submitted = api.post(f"/letters/{created.json_body['id']}/submit", as_user=who)
    assert submitted.status_code == 200, submitted.body
    assert submitted.json_body["state"] == "sent", submitted.body
    return api.get(f"/letters/{created.json_body['id']}", as_user=who).json_body


def pdf_of(api: Api, letter_id: str, who: str = HEAD) -> bytes:
    """The signed PDF through its presigned link."""
    link = api.get(f"/letters/{letter_id}/pdf", as_user=who)
    assert link.status_code == 200, link.body
    return requests.get(link.json_body["url"], timeout=10).content


def pdf_text(data: bytes) -> str:
    """The text of every page, whitespace collapsed."""
    return " ".join(" ".join(p.extract_text().split()) for p in pypdf.PdfReader(io.BytesIO(data)).pages)


def table() -> Any:
    """The app's table through boto3 (to tamper with items as an intruder would)."""
    import boto3

    from chalicelib import bootstrap

    settings = bootstrap.container().settings
    return boto3.resource("dynamodb", region_name=settings.region).Table(settings.table_name)


def seal_of(letter_id: str) -> dict[str, Any]:
    """The letter's seal as stored (its `#LETTER#signed` part: signature, key, hash, the document as stored)."""
    from chalicelib.adapters.letter_items import LetterPartItem, letter_part_key

    return LetterPartItem.get(*letter_part_key(letter_id, "signed")).data


def tamper(letter_id: str, change: Callable[[dict[str, Any]], None]) -> None:
    """Change the stored seal as an intruder with write access to the table would."""
    from chalicelib.adapters.letter_items import LetterPartItem, letter_part_key

    item = LetterPartItem.get(*letter_part_key(letter_id, "signed"))
    change(item.data)
    item.save()
