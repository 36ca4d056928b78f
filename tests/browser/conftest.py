"""Browser tests: Debian's Chromium (Playwright) against ONE real local stack per session, no mocked API.

Every page a test looks at is checked with axe-core (WCAG 2.x A and AA: a violation fails the test) and
photographed at phone (360×740) and desktop (1280×800) size into build/screenshots/.

`make test` builds the web app and runs these after the rest of the suite (`-m browser`); when the app is not
built or Chromium is missing they are skipped with the reason (run `make web` / `make chromium`).
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import ROOT
from tests.support import LocalStack

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
DIST = ROOT / "web" / "dist" / "index.html"
AXE = ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = ROOT / "build" / "screenshots"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: drives Chromium against the local stack (make test runs them last)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip the browser tests with the reason when the app or Chromium is missing."""
    missing = [what for what, ok in (("web/dist (make web)", DIST.is_file()),
                                     (f"Chromium at {CHROMIUM} (make chromium)", shutil.which(CHROMIUM) is not None),
                                     ("web/node_modules/axe-core (make web)", AXE.is_file())) if not ok]
    for item in items:
        if missing and item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.skip(reason="needs " + ", ".join(missing)))


class Stack:
    """The local stack in its own process (`make run`), and a small JSON client for what tests do via the API."""

    def __init__(self, base: str) -> None:
        self.base = base
        self._tokens: dict[str, str] = {}

    def call(self, method: str, path: str, body: Any = None, as_user: str | None = None) -> Any:
        import urllib.error
        import urllib.request

        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if as_user:
            headers["Authorization"] = f"Bearer {self.token(as_user)}"
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(f"{self.base}/api{path}", data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310 - loopback
                return json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            raise AssertionError(f"{method} {path} → {error.code}: {error.read()[:500]!r}") from error

    def token(self, username: str) -> str:
        if username not in self._tokens:
            self._tokens[username] = self.call("POST", "/auth/dev-login", {"username": username})["token"]
        return self._tokens[username]


@pytest.fixture(scope="session")
def stack() -> Iterator[Stack]:
    with LocalStack() as local:
        yield Stack(local.base)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser: Any, stack: Stack) -> Iterator[Any]:
    """open_page(size) → a new page in its own context (own sessionStorage: one signed-in person each)."""
    contexts: list[Any] = []

    def make(size: dict[str, int] = DESKTOP) -> Any:
        context = browser.new_context(viewport=size, base_url=stack.base, locale="id-ID", timezone_id="Asia/Makassar")
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def look(page: Any, name: str) -> None:
    """Check the page with axe-core (A and AA) and photograph it at phone and desktop size."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    original = page.viewport_size
    for label, size in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(size)
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
        violations = [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
                      for v in result["violations"]]
        assert not violations, f"axe-core on {name} at {label} size:\n" + "\n".join(violations)
        page.screenshot(path=str(SHOTS / f"{re.sub(r'[^a-z0-9-]', '-', name)}-{label}.png"), full_page=True)
    page.set_viewport_size(original)


def sign_in(page: Any, username: str) -> None:
    """Sign in through the demo-user picker."""
    page.goto("/masuk")
    page.get_by_label("Pengguna demo").select_option(username)
    page.get_by_role("button", name="Masuk", exact=True).click()
    page.wait_for_url(re.compile(r"/(surat|pengajuan)"))
