"""Shared steps of the ops browser walks (operators, dispositions, archive): sign-in for any role, a citizen's
submission made through the API, a page per role that tests reuse, and reading the unread badges."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import expect

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


def unread_count(badge: Any) -> int:
    """The number an unread badge shows (it must be showing)."""
    return int(badge.get_attribute("data-count"))


def expect_unread(badge: Any, count: int) -> None:
    """The badge shows `count` once the counts are asked again (none at zero)."""
    if count == 0:
        expect(badge).to_have_count(0)
    else:
        expect(badge).to_have_attribute("data-count", str(count))


def citizen_submission(stack: Any, subject: str) -> dict[str, Any]:
    """A citizen's letter to DISKOMINFOS sent without an account; the receipt (code and secret)."""
    return stack.call("POST", "/public/submissions", {**CITIZEN, "subject": subject})
