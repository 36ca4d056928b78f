"""The intake services stay on their ports: no storage model, key builder or update expression inside them."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SERVICES = Path(__file__).resolve().parents[3] / "chalicelib" / "services"
INTAKE = ["public", "verification", "incoming", "dispositions", "replies", "sender_notices", "acting", "org_admin",
          "org_structure", "identity", "classifications", "distribution_lists", "intake_ports"]


def _imported_names(tree: ast.Module) -> list[tuple[str, str]]:
    return [(node.module or "", alias.name) for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
            for alias in node.names]


@pytest.mark.parametrize("module", INTAKE)
def test_an_intake_service_names_no_storage_item_key_or_update_expression(module: str) -> None:
    tree = ast.parse((SERVICES / f"{module}.py").read_text())

    leaks = [f"{where}.{name}" for where, name in _imported_names(tree)
             if where.startswith("chalicelib.adapters") and (name.endswith("Item") or name.endswith("_key")
                                                              and name not in {"scan_key", "letter_pdf_key",
                                                                               "letter_attachment_key",
                                                                               "submission_attachment_key"})]
    updates = [node.lineno for node in ast.walk(tree) if isinstance(node, ast.keyword) and node.arg == "actions"]
    assert leaks == [] and updates == []
