"""Helpers of the admin screens' browser tests (dashboard, monev, org admin, province admin)."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import expect


def sign_in_as(page: Any, username: str) -> None:
    """Sign in through the demo-user picker as anyone (the province admin and the auditor land on the home page)."""
    page.goto("/masuk")
    page.get_by_label("Pengguna demo").select_option(username)
    page.get_by_role("button", name="Masuk", exact=True).click()
    page.wait_for_url(re.compile(r"^(?!.*/masuk$)"))
    expect(page.get_by_role("button", name=re.compile(r"^Keluar"))).to_be_visible()


def open_as(page: Any, username: str, path: str) -> None:
    """Sign in as `username`, then open `path` through the app (the session lives in this tab)."""
    sign_in_as(page, username)
    page.goto(path)
