"""Routes: public verification of signed letters (the QR code on every signed PDF opens the GET)."""

from __future__ import annotations

from typing import Any

from chalicelib.api import http
from chalicelib.api import schemas_archive as s
from chalicelib.bootstrap import container

r = http.router("public")


@r.route("/public/verify/{code}", auth=False, response=s.PublicVerificationOut, errors=(404,))
def verify_code(code: str) -> Any:
    """Is the letter with this verification code validly signed? (number, date, org; signer and subject if plain)"""
    return container().proof.verify(code)


@r.route("/public/verify/{code}", "POST", auth=False, response=s.FileCheckOut, errors=(400, 404, 413),
         content_types=("application/pdf",))
def verify_file(code: str) -> Any:
    """Is this PDF (the request body, Content-Type application/pdf) the signed original?"""
    return container().proof.check_file(code, http.request().raw_body or b"")
