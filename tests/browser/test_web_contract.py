"""The web client's generated API types are the live OpenAPI document's (the UI cannot drift from the API)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT

GENERATOR = ROOT / "web" / "node_modules" / ".bin" / "openapi-typescript"
COMMITTED = ROOT / "web" / "src" / "shared" / "api" / "schema.d.ts"


@pytest.mark.skipif(not GENERATOR.exists(), reason="needs web/node_modules (make web)")
def test_the_committed_api_types_are_generated_from_the_live_openapi_document(tmp_path):
    document = tmp_path / "openapi.json"
    subprocess.run([sys.executable, str(ROOT / "web" / "tools" / "dump_openapi.py"), str(document)], check=True)
    generated = tmp_path / "schema.d.ts"
    subprocess.run([str(GENERATOR), str(document), "-o", str(generated)], check=True, capture_output=True,
                   cwd=ROOT / "web")
    assert generated.read_text() == COMMITTED.read_text(), (
        "web/src/shared/api/schema.d.ts is stale: run `make web-api` and commit it")
