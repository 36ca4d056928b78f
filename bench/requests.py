"""AWS calls of one request of each route, against the budgets of DESIGN §8.

Runs the app under moto exactly as the tests do (same environment, resources from
infra/template.yaml, the demo province), makes one request per route and prints a table.
Exits 1 when a route is over its budget or answers an unexpected status.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from dataclasses import dataclass
from typing import Any

from tests import support  # noqa: I001 - first: registers the AWS call counter before any session exists
from tests.conftest import MOTO_CONFIG, ROOT, TEST_ENV

os.environ.update(TEST_ENV)
os.environ.pop("AWS_ENDPOINT_URL", None)
os.environ.pop("AWS_PROFILE", None)

from moto import mock_aws  # noqa: E402

from chalicelib import bootstrap  # noqa: E402
from chalicelib.domain.timefmt import now_wita  # noqa: E402
from infra import local_stack, seed  # noqa: E402

KEY = {"Idempotency-Key": "bench-0000-0001"}
TODAY = now_wita().date().isoformat()


@dataclass(frozen=True)
class Case:
    """One request and what it may cost."""

    method: str
    path: str
    user: str | None
    kind: str  # list, acting list (the list + the GetItem checking the appointment), get, create, meta
    status: int
    body: Any = None
    headers: dict[str, str] | None = None
    label: str = ""

    @property
    def name(self) -> str:
        return self.label or f"{self.method} {self.path.split('?')[0]}"

    def within_budget(self, dynamodb: int, other: int) -> bool:
        if other:
            return False
        return {"list": dynamodb == 1, "acting list": dynamodb == 2, "get": dynamodb <= 2, "create": dynamodb <= 2,
                "meta": dynamodb == 0}[self.kind]

    @property
    def budget(self) -> str:
        return {"list": "=1", "acting list": "=2", "get": "<=2", "create": "<=2", "meta": "=0"}[self.kind]


EMPLOYEE = {"username": "kasi.infra", "full_name": "I Made Infra", "role": "employee", "org": "DISKOMINFOS",
            "position": "KASI-INFRA", "nip": "198801012010011001"}
CASES = [
    Case("POST", "/auth/dev-login", None, "get", 200, {"username": "kabid.aptika"}),
    Case("GET", "/me", "kabid.aptika", "get", 200),
    Case("POST", "/orgs", "admin", "create", 201,
         {"code": "DISPAR", "name": "Dinas Pariwisata", "address": "Jl. S. Parman, Denpasar", "city": "Denpasar"}),
    Case("GET", "/orgs?limit=2", "staf.kominfo", "list", 200),
    Case("GET", "/orgs/DISKOMINFOS", "staf.kominfo", "get", 200),
    Case("POST", "/orgs/DISKOMINFOS/units", "admin.kominfo", "create", 201,
         {"code": "STATISTIK", "name": "Bidang Statistik", "parent": "DISKOMINFOS"}),
    Case("GET", "/orgs/DISKOMINFOS/units?limit=2", "staf.kominfo", "list", 200),
    Case("POST", "/orgs/DISKOMINFOS/positions", "admin.kominfo", "create", 201,
         {"code": "KASI-INFRA", "title": "Kepala Seksi Infrastruktur", "level": "IV", "reports_to": "KABID-APTIKA"}),
    Case("GET", "/orgs/DISKOMINFOS/positions?limit=2", "staf.kominfo", "list", 200),
    Case("POST", "/users", "admin.kominfo", "create", 201, EMPLOYEE, KEY),
    Case("POST", "/users", "admin.kominfo", "create", 201, EMPLOYEE, KEY, label="POST /users (idempotent replay)"),
    Case("GET", "/users?limit=2", "admin.kominfo", "list", 200),
    Case("POST", "/orgs/DISKOMINFOS/positions/KADIS/acting", "admin.kominfo", "create", 201,
         {"username": "sekretaris.kominfo", "kind": "plh", "from": TODAY, "to": TODAY}),
    Case("GET", "/orgs/DISKOMINFOS/positions/KADIS/acting", "staf.kominfo", "list", 200),
    Case("GET", "/approvals", "sekretaris.kominfo", "list", 200),
    Case("GET", "/approvals", "sekretaris.kominfo", "acting list", 200, headers={"X-Acting-For": "KADIS"},
         label="GET /approvals (X-Acting-For)"),
    Case("PUT", "/classifications/000.1.2.1", "admin", "create", 201,
         {"name": "Surat Elektronik", "active_years": 4, "inactive_years": 6, "final_action": "permanen"}),
    # The PUT left this container's cached table behind: the GET reads it again (warm, it costs nothing).
    Case("GET", "/classifications", "staf.kominfo", "list", 200),
    Case("GET", "/openapi.json", None, "meta", 200),
    Case("GET", "/docs", None, "meta", 200),
]


def run() -> list[tuple[Case, int, Counter[str]]]:
    """Make every request under moto; return each case with its status and AWS calls."""
    from app import app
    from infra.local_gateway import ProjectTestClient
    from tests.conftest import Api

    results = []
    with mock_aws(config=MOTO_CONFIG):
        os.environ.update(local_stack.build(prefix="kv-bench"))
        bootstrap.reset()
        seed.seed(bootstrap.container())
        with ProjectTestClient(app, stage_name="test", project_dir=str(ROOT)) as client:
            api = Api(client)
            for case in CASES:
                if case.user:
                    api.token(case.user)  # the token is not part of the request's cost
                with support.count_aws_calls() as calls:
                    response = api.call(case.method, case.path, as_user=case.user, body=case.body,
                                        headers=case.headers)
                results.append((case, response.status_code, calls))
        bootstrap.reset()
    return results


def main() -> int:
    """Print the table; 1 when anything is over budget."""
    results = run()
    width = max(len(case.name) for case, _, _ in results)
    print(f"{'route':<{width}}  status  dynamodb  other  budget  verdict  calls")
    failed = 0
    for case, status, calls in results:
        dynamodb = support.calls_to(calls, "dynamodb")
        other = sum(calls.values()) - dynamodb - support.calls_to(calls, "cognito-idp")  # accounts: their own
        ok = status == case.status and case.within_budget(dynamodb, other)
        failed += not ok
        detail = ", ".join(f"{k}×{n}" for k, n in sorted(calls.items())) or "-"
        print(f"{case.name:<{width}}  {status:>6}  {dynamodb:>8}  {other:>5}  {case.budget:>6}  "
              f"{'OK' if ok else 'OVER':<7}  {detail}")
    print(f"\n{len(results) - failed}/{len(results)} requests within budget "
          "(list = 1 DynamoDB call per page, get <= 2, create <= 2; tokens fetched before counting; on top of\n"
          "each authenticated request: one consistent GetItem of the caller's account; Cognito calls of\n"
          "POST /users provision the account and are listed, not budgeted)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
