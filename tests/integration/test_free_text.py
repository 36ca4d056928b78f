"""Free text is plain text: control and bidirectional-override characters are refused with a 400 naming the field.

U+202E (right-to-left override) makes "Pembayaran‮0001" display reversed: a signed subject could read otherwise
than what was signed. NUL and ESC break the CSV export, logs and PDFs. Newlines and tabs in bodies stay.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import Api, assert_error
from tests.integration import letters_flow
from tests.integration.public_support import CITIZEN

pytestmark = pytest.mark.usefixtures("province")

BAD = {"NUL": "a\x00b", "ESC": "merah\x1b[31m", "RLO": "Pembayaran \u202e0001", "LRI": "a\u2066b", "DEL": "a\x7f"}
PAPER = {"sender_name": "Inspektorat Daerah", "subject": "Undangan rapat", "scan_filename": "surat.pdf",
         "scan_content_type": "application/pdf"}
NOTE = {"to": ["KABID-APTIKA"], "instructions": ["tindak_lanjuti"], "deadline": "2099-01-01T10:00:00+08:00"}


def cases() -> list[tuple[str, str, str | None, dict[str, Any], str]]:
    """(method, path, who, body, field) for each kind of free-text input."""
    return [
        ("POST", "/letters", letters_flow.DRAFTER, letters_flow.letter_body(subject="{}"), "subject"),
        ("POST", "/letters", letters_flow.DRAFTER, letters_flow.letter_body(body="{}"), "body"),
        ("POST", "/letters", letters_flow.DRAFTER,
         letters_flow.letter_body(addressees=[{"kind": "external", "name": "{}"}]), "addressees.0.name"),
        ("POST", "/public/submissions", None, {**CITIZEN, "subject": "{}"}, "subject"),
        ("POST", "/public/submissions", None, {**CITIZEN, "body": "{}"}, "body"),
        ("POST", "/public/submissions", None, {**CITIZEN, "name": "{}"}, "name"),
        ("POST", "/incoming", "operator.kominfo", {**PAPER, "sender_name": "{}"}, "sender_name"),
        ("POST", "/incoming", "operator.kominfo", {**PAPER, "scan_filename": "{}"}, "scan_filename"),
        ("POST", "/orgs/DISKOMINFOS/units", "admin.kominfo", {"code": "X", "name": "{}"}, "name"),
    ]


def fill(value: Any, text: str) -> Any:
    if isinstance(value, str):
        return text if value == "{}" else value
    if isinstance(value, list):
        return [fill(v, text) for v in value]
    if isinstance(value, dict):
        return {k: fill(v, text) for k, v in value.items()}
    return value


@pytest.mark.parametrize("bad", BAD.values(), ids=BAD.keys())
@pytest.mark.parametrize(("method", "path", "who", "body", "field"), cases(),
                         ids=[f"{c[1]} {c[4]}" for c in cases()])
def test_control_and_bidi_characters_are_refused_naming_the_field(api: Api, bad: str, method: str, path: str,
                                                                  who: str | None, body: dict[str, Any],
                                                                  field: str) -> None:
    response = api.call(method, path, as_user=who, body=fill(body, bad))
    assert_error(response, 400, "validation_error", field=field)


def test_notes_of_dispositions_refuse_them_too(api: Api) -> None:
    made = api.post("/incoming", PAPER, as_user="operator.kominfo").json_body
    response = api.post(f"/incoming/{made['id']}/dispositions", {**NOTE, "note": "segera\u202e"},
                        as_user="kadis.kominfo")
    assert_error(response, 400, "validation_error", field="note")


def test_newlines_and_tabs_stay_in_bodies(api: Api) -> None:
    letter = letters_flow.draft(api, body="Dengan hormat,\n\n\tKami sampaikan:\r\n1. jaringan")
    assert letter["body"] == "Dengan hormat,\n\n\tKami sampaikan:\r\n1. jaringan"
    assert api.post("/public/submissions", {**CITIZEN, "body": "Baris satu\nBaris dua"}).status_code == 201


def test_the_document_declares_the_rule(api: Api) -> None:
    schemas = api.get("/openapi.json").json_body["components"]["schemas"]
    pattern = schemas["LetterIn"]["properties"]["subject"]["pattern"]
    assert "\\u202e" in pattern and "\\x00" in pattern
