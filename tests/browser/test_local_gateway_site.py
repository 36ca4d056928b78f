"""The local gateway's one origin: /api/* is the API, other GETs the built web app (no browser needed)."""

from __future__ import annotations

import gzip

import pytest

from infra.local_gateway import StaticSite, api_path


@pytest.mark.parametrize(("path", "expected"), [
    ("/api/me", "/me"), ("/api/public/track/KV-1?x=1", "/public/track/KV-1?x=1"), ("/api", "/"), ("/api?x=1", "/?x=1"),
    ("/me", None), ("/apis/x", None), ("/lacak/KV-1", None),
])
def test_only_paths_under_api_are_stripped_to_the_api(path, expected):
    assert api_path(path) == expected


@pytest.fixture
def site(tmp_path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><title>app</title>")
    (tmp_path / "assets" / "index-abc123.js").write_text("console.log('app');" * 50)
    (tmp_path.parent / "secret.txt").write_text("not for the web")
    return StaticSite(tmp_path)


def test_a_page_path_gets_index_html_and_a_file_itself(site):
    assert site.find("/lacak/KV-7Q4M-92XD", "text/html,application/xhtml+xml").name == "index.html"
    assert site.find("/assets/index-abc123.js", "*/*").name == "index-abc123.js"


def test_an_api_client_asking_for_an_unknown_path_gets_no_page(site):
    assert site.find("/lacak/KV-7Q4M-92XD", "application/json") is None
    assert site.find("/assets/missing.js", "text/html") is None


def test_nothing_outside_the_build_is_served(site):
    assert site.find("/../secret.txt", "*/*") is None
    assert site.find("/%2e%2e/secret.txt", "text/html") is None


def test_hashed_assets_are_immutable_and_index_html_is_revalidated(site):
    headers, body = site.response(site.find("/assets/index-abc123.js", "*/*"), "gzip, br")
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert headers["Content-Encoding"] == "gzip" and gzip.decompress(body).startswith(b"console.log")
    headers, body = site.response(site.find("/", "text/html"), None)
    assert headers["Cache-Control"] == "no-cache" and "Content-Encoding" not in headers
    assert headers["Content-Type"] == "text/html; charset=utf-8" and body.startswith(b"<!doctype html>")
