"""Routes: public verification of signed letters (the QR code on every signed PDF opens the GET)."""

from __future__ import annotations

from typing import Any

from chalicelib.api import http, pages
from chalicelib.api import schemas_archive as s
from chalicelib.bootstrap import container
from chalicelib.domain.errors import NotFound

r = http.router("public")


@r.route("/public/verify/{code}", auth=False, response=s.PublicVerificationOut, errors=(404,), html_page=True)
def verify_code(code: str) -> Any:
    """Is the letter with this verification code validly signed? (number, date, org; signer and subject if plain)

    A browser (`Accept: text/html`, what a phone sends after scanning the QR code) gets the same facts as a
    page in Indonesian.
    """
    if not pages.wants_html(http.request().headers.get("accept")):
        return container().proof.verify(code)
    try:
        return pages.verification_page(container().proof.verify(code))
    except NotFound:
        return pages.not_found_page("verify")


@r.route("/public/verify/{code}", "POST", auth=False, response=s.FileCheckOut, errors=(400, 404, 413),
         content_types=("application/pdf",))
def verify_file(code: str) -> Any:
    """Is this PDF (the request body, Content-Type application/pdf) the signed original?"""
    body = http.request().raw_body or b""
    return container().proof.check_file(code, body if isinstance(body, bytes) else body.encode())
