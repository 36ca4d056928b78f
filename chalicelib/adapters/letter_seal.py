"""How a letter's seal is stored (`#LETTER#signed`): the signed document, its content hash, the KMS signature and
the PDF's key, hash and pages — without what the letter's other items hold already.

The signed document repeats the letter: its number, subject and type (on the head), its body, classification,
recipients and attachments (in the content part), the org's name and city and the recipients' printed lines (in
what submit prepared), its verification code (on the head); the PDF's key and hash are derived from the id and
from the document. Written in full, the seal repeats the body a second time and costs twice the write units of
a letter under 1 KB. So a seal is stored as "format 2": every such value that equals what those items hold is left
out, and put back when the letter is read (they are read together, in one Query). A value that differs is kept
as it is, and a key the document does not have is listed under `absent`, so the document read back is exactly the
one signed — its hash verifies. A letter's head, content and prepared parts do not change once it is signed.
Seals written before carry no `v` and are read as they are.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from chalicelib.adapters.files import letter_pdf_key

FORMAT = 2
_DOCUMENT, _PRINTED = "signed_document", "printed"


def _repeated(letter_id: str, head: Mapping[str, Any], content: Mapping[str, Any],
              prepared: Mapping[str, Any], document: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """What the seal repeats of the letter's other items as stored, by level: the seal, its document, the
    document's printed lines.
    """
    lines, pdf = prepared.get("lines") or {}, document.get("pdf") or {}
    return {
        "seal": {"pdf_key": letter_pdf_key(letter_id), "pdf_sha256": pdf.get("sha256"), "pdf_pages": pdf.get("pages")},
        _DOCUMENT: {
            "letter_id": letter_id, "org": head.get("org"), "number": head.get("number"), "type": head.get("type"),
            "security": head.get("security"), "urgency": head.get("urgency"), "subject": head.get("subject"),
            "classification": content.get("classification"), "body": content.get("body"),
            "fields": content.get("fields") or {}, "addressees": content.get("addressees"), "cc": content.get("cc"),
            "attachments": [{"filename": a.get("filename"), "sha256": a.get("sha256")}
                            for a in content.get("attachments", []) if a.get("state") == "confirmed"],
            "org_name": prepared.get("org_name"), "place": prepared.get("city")},
        _PRINTED: {"addressees": lines.get("addressees"), "cc": lines.get("cc"),
                   "verification_code": head.get("verification_code")},
    }


def _leave_out(values: Mapping[str, Any], repeated: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    kept = dict(values)
    absent = []
    for key, value in repeated.items():
        if key not in values:
            absent.append(key)
        elif values[key] == value:
            del kept[key]
    return kept, absent


def _put_back(kept: Mapping[str, Any], repeated: Mapping[str, Any], absent: list[str]) -> dict[str, Any]:
    return {**{k: v for k, v in repeated.items() if k not in absent}, **kept}


def pack(seal: dict[str, Any], letter_id: str, head: Mapping[str, Any], content: Mapping[str, Any],
         prepared: Mapping[str, Any]) -> dict[str, Any]:
    """The seal as stored: without what `head` (the head's fields), `content` and `prepared` hold (as stored)."""
    document = seal.get(_DOCUMENT)
    if not document or not isinstance(document.get(_PRINTED), dict):
        return seal
    repeated = _repeated(letter_id, head, content, prepared, document)
    stored, absent_seal = _leave_out(seal, repeated["seal"])
    kept, absent_document = _leave_out(document, repeated[_DOCUMENT])
    kept[_PRINTED], absent_printed = _leave_out(document[_PRINTED], repeated[_PRINTED])
    absent = {name: keys for name, keys in (("seal", absent_seal), (_DOCUMENT, absent_document),
                                            (_PRINTED, absent_printed)) if keys}
    return {**stored, _DOCUMENT: kept, "v": FORMAT, **({"absent": absent} if absent else {})}


def unpack(stored: Mapping[str, Any], letter_id: str, head: Mapping[str, Any], content: Mapping[str, Any],
           prepared: Mapping[str, Any]) -> dict[str, Any]:
    """The seal as it was signed, from what `pack` stored and the letter's other items."""
    if stored.get("v") != FORMAT:
        return dict(stored)
    absent = stored.get("absent") or {}
    kept = stored[_DOCUMENT]
    printed = _repeated(letter_id, head, content, prepared, {})[_PRINTED]
    document = {**kept, _PRINTED: _put_back(kept[_PRINTED], printed, absent.get(_PRINTED, []))}
    repeated = _repeated(letter_id, head, content, prepared, document)
    document = _put_back(document, repeated[_DOCUMENT], absent.get(_DOCUMENT, []))
    seal = {k: v for k, v in stored.items() if k not in ("v", "absent", _DOCUMENT)}
    return {**_put_back(seal, repeated["seal"], absent.get("seal", [])), _DOCUMENT: document}
