"""Which clients get a page for people: browsers do, API clients and curl do not."""

from __future__ import annotations

import pytest

from chalicelib.api.pages import wants_html


@pytest.mark.parametrize(("accept", "expected"), [
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", True),  # Firefox, Chrome
    ("text/html", True),
    ("application/xhtml+xml", True),
    ("text/html;q=0.5, application/json", False),
    ("application/json, text/html", False),
    ("application/json;q=0.4, text/html;q=0.9", True),
    ("*/*", False),  # curl
    ("", False),
    (None, False),
    ("text/html;q=0", False),
    ("text/html;q=abc", False),
])
def test_a_page_only_for_clients_that_prefer_html(accept, expected):
    assert wants_html(accept) is expected
