"""Shared steps of the ops browser walks (operators, dispositions, archive): sign-in for any role, a citizen's
submission made through the API, and a page per role that tests reuse."""

from __future__ import annotations

import re
from typing import Any

CITIZEN = {"sender_type": "citizen", "name": "Ni Luh Gede Sukmawati", "email": "sukmawati@example.com",
           "phone": "081234567890", "org": "DISKOMINFOS", "kind": "letter",
           "subject": "Permohonan data jaringan internet desa Tenganan",
           "body": "Dengan hormat, kami memohon data jaringan internet desa Tenganan."}
FORBIDDEN = "Anda tidak berhak membuka halaman ini."


def sign_in_as(page: Any, username: str) -> None:
    """Sign in through the demo-user picker, whatever page the role lands on (the auditor lands on the home page)."""
    page.goto("/masuk")
    page.get_by_label("Pengguna demo").select_option(username)
    page.get_by_role("button", name="Masuk", exact=True).click()
    page.get_by_role("button", name=re.compile(r"^Keluar")).wait_for()


def citizen_submission(stack: Any, subject: str) -> dict[str, Any]:
    """A citizen's letter to DISKOMINFOS sent without an account; the receipt (code and secret)."""
    return stack.call("POST", "/public/submissions", {**CITIZEN, "subject": subject})
