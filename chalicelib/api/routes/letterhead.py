"""Routes: an org's letterhead (kop surat): lines, logo and a preview (the org's admin or the province admin)."""

from __future__ import annotations

from typing import Any

from chalicelib.api import http
from chalicelib.api import schemas_letterhead as s
from chalicelib.bootstrap import container

r = http.router("letterhead")
ERRORS = (401, 403, 404)


@r.route("/orgs/{org}/letterhead", response=s.LetterheadOut, errors=ERRORS)
def get_letterhead(org: str) -> Any:
    """The org's letterhead (its own, or the default from the org's details)."""
    return container().letterheads.view(http.principal(), org)


@r.route("/orgs/{org}/letterhead", "PUT", body=s.LetterheadIn, response=s.LetterheadOut,
         errors=(400, 401, 403, 404, 422))
def put_letterhead(org: str) -> Any:
    """Set the letterhead's lines; letters signed from now on print them (signed ones keep theirs)."""
    return container().letterheads.update(http.principal(), org, http.body(s.LetterheadIn))


@r.route("/orgs/{org}/letterhead/logo", "PUT", response=s.LetterheadOut, errors=(400, 401, 403, 404, 413, 422),
         content_types=("image/png", "image/jpeg"))
def put_letterhead_logo(org: str) -> Any:
    """Upload the logo (the request body: a PNG or JPEG of at most 1 MB, 32 to 4000 pixels a side)."""
    raw = http.request().raw_body or b""
    return container().letterheads.upload_logo(http.principal(), org, raw if isinstance(raw, bytes) else raw.encode())


@r.route("/orgs/{org}/letterhead/logo", "DELETE", response=s.LetterheadOut, errors=ERRORS)
def delete_letterhead_logo(org: str) -> Any:
    """Letters signed from now on print no logo."""
    return container().letterheads.remove_logo(http.principal(), org)


@r.route("/orgs/{org}/letterhead/preview", response=s.LetterheadPreviewOut, errors=ERRORS)
def preview_letterhead(org: str) -> Any:
    """A sample letter under the letterhead, as PDF (base64), and the logo image."""
    return container().letterheads.preview(http.principal(), org)
