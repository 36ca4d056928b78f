"""Schemathesis against the local stack (`make run` in its own process): requests generated from the API's own
/openapi.json, with every role's token and real ids, answer no 5xx and only bodies their schemas declare.

Bounded and reproducible: a fixed number of examples per operation, derandomised (the same requests every run).
"""

from __future__ import annotations

import time
from collections import Counter
from typing import Any

import pytest

schemathesis = pytest.importorskip("schemathesis")

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from schemathesis import checks  # noqa: E402

from tests.integration.public_support import CITIZEN  # noqa: E402
from tests.integration.test_free_text import PAPER  # noqa: E402
from tests.integration.test_make_run import Client, local_stack_process  # noqa: E402, F401 - the stack fixture

EXAMPLES_PER_OPERATION = 15
ROLES = ("admin", "admin.kominfo", "operator.kominfo", "kadis.kominfo", "staf.kominfo", "warga", "inspektur", None)
CHECKS = [checks.not_a_server_error, checks.response_schema_conformance, checks.status_code_conformance,
          checks.content_type_conformance]
LETTER = {"type": "surat_dinas", "classification": "000.1.2", "subject": "Uji kontrak",
          "body": "Dengan hormat ...", "addressees": [{"kind": "position", "code": "SEKRETARIS"}],
          "signatory": "KADIS"}


def real_ids(client: Client, tokens: dict[str | None, str | None]) -> dict[str, Any]:
    """Records the generated requests can reach: a draft letter, a submission, a paper letter."""
    status, letter = client.call("POST", "/letters", LETTER, tokens["staf.kominfo"])
    assert status == 201, letter
    status, receipt = client.call("POST", "/public/submissions", CITIZEN)
    assert status == 201, receipt
    status, queue = client.call("GET", "/submissions", token=tokens["operator.kominfo"])
    status, paper = client.call("POST", "/incoming", PAPER, tokens["operator.kominfo"])
    assert status == 201, paper
    return {"letter_id": letter["id"], "tracking": receipt["code"], "submission_id": queue["items"][0]["id"],
            "incoming_id": paper["id"], "org": "DISKOMINFOS"}


def path_parameters(path: str, ids: dict[str, Any]) -> dict[str, Any]:
    """Real values for the path's parameters (`code` means a different thing on different paths)."""
    code = ("KADIS" if "/positions/" in path else "000.1.2" if path.startswith("/classifications")
            else ids["tracking"])
    known = {**ids, "code": code, "record": f"incoming-{ids['incoming_id']}"}
    return {name: known[name] for name in known if "{" + name + "}" in path}


@schemathesis.serializer("application/pdf")
def pdf_serializer(ctx: Any, value: Any) -> bytes:
    """POST /public/verify/{code} takes a PDF as the body: generated text is sent as its bytes."""
    return value if isinstance(value, bytes) else str(value).encode()


class Fuzz:
    """Runs the generated cases of one operation after another, counting statuses and collecting failures."""

    def __init__(self, client: Client, tokens: dict[str | None, str | None]) -> None:
        self.client, self.tokens = client, tokens
        self.failures: list[str] = []
        self.statuses: Counter[int] = Counter()

    def operation(self, operation: Any, fixed: dict[str, Any]) -> None:
        @settings(max_examples=EXAMPLES_PER_OPERATION, derandomize=True, database=None, deadline=None,
                  phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy(path_parameters=fixed or None), role=st.sampled_from(ROLES))
        def run(case: Any, role: str | None) -> None:
            headers = {"Authorization": f"Bearer {self.tokens[role]}"} if self.tokens[role] else {}
            response = case.call(base_url=self.client.base, headers=headers, timeout=30)
            self.statuses[response.status_code] += 1
            try:
                case.validate_response(response, checks=CHECKS, headers=headers)
            except (Exception, BaseExceptionGroup) as failure:  # noqa: BLE001 - collected, reported at the end
                self.failures.append(f"{operation.label} as {role}: {failure}"[:2000])

        run()


def test_generated_requests_get_no_server_error_and_only_declared_bodies(local_stack_process) -> None:  # noqa: F811
    client, _, _, _ = local_stack_process
    tokens: dict[str | None, str | None] = {role: client.token(role) if role else None for role in ROLES}
    ids = real_ids(client, tokens)
    schema = schemathesis.openapi.from_url(f"{client.base}/openapi.json")
    fuzz = Fuzz(client, tokens)
    started = time.monotonic()
    for result in schema.get_all_operations():
        operation = result.ok()
        fuzz.operation(operation, path_parameters(operation.path, ids))
    elapsed = time.monotonic() - started
    total = sum(fuzz.statuses.values())
    print(f"schemathesis: {total} requests in {elapsed:.0f} s; statuses {dict(sorted(fuzz.statuses.items()))}")
    assert total >= 300, fuzz.statuses
    assert not fuzz.failures, f"{len(fuzz.failures)} failures:\n\n" + "\n\n".join(fuzz.failures[:15])
