"""AWS calls of every request along four journeys: one letter's life, one citizen's submission, the
downloads of incoming documents (a paper letter's scan uploaded again after a refusal, a submission's
attachment, a G2G letter's signed PDF) and a citizen's account ("my submissions").

Runs the app under moto as the tests do (state machine executing), drives each journey through the HTTP
API and prints, per request, the calls to each service. Budgets (DESIGN §8 and the issues): lists 1
DynamoDB call, gets <= 2, creates <= 2 (a letter create reads the org's structure once more, and on a cold
container the classification table, cached 60 s: later requests of the journeys find it warm), a review
decision <= 4 DynamoDB + 1 Step Functions (plus KMS and S3 when it signs, and 1 GetItem of the agenda counter
per addressed other org), a submit <= 4 + 1 per addressed other org, public tracking exactly 1.
SNS publishes after a commit are events for subscribers, shown but not counted against a budget.
The totals feed docs/cost.md. Exits 1 when a request is over its budget.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Callable
from typing import Any

from tests import support  # noqa: I001 - first: registers the AWS call counter before any session exists
from tests.conftest import MOTO_CONFIG, ROOT, TEST_ENV

os.environ.update(TEST_ENV)
os.environ.pop("AWS_ENDPOINT_URL", None)

from moto import mock_aws  # noqa: E402

from chalicelib import bootstrap  # noqa: E402
from infra import local_stack, seed  # noqa: E402

Budget = Callable[[Counter[str]], bool]


def dynamodb_at_most(n: int, **others: int) -> Budget:
    """At most `n` DynamoDB calls and at most the given calls of other services (SNS events not counted)."""

    def check(calls: Counter[str]) -> bool:
        if support.calls_to(calls, "dynamodb") > n:
            return False
        for key, count in calls.items():
            service = key.split(":")[0]
            if service in ("dynamodb", "sns"):
                continue
            if count > others.get(service, 0):
                return False
        return True

    check.__doc__ = f"dynamodb<={n}" + "".join(f" {s}<={c}" for s, c in others.items())
    return check


def dynamodb_exactly(n: int) -> Budget:
    """Exactly `n` DynamoDB calls and nothing else."""

    def check(calls: Counter[str]) -> bool:
        return support.calls_to(calls, "dynamodb") == n and sum(calls.values()) == n

    check.__doc__ = f"dynamodb={n} only"
    return check


class Journey:
    """Measures each request of a journey."""

    def __init__(self, api: Any) -> None:
        self.api = api
        self.rows: list[tuple[str, int, Counter[str], Budget]] = []

    def step(self, label: str, budget: Budget, method: str, path: str, user: str | None = None,
             body: Any = None, expect: int = 200) -> Any:
        """One request, counted; the token is fetched before counting."""
        if user:
            self.api.token(user)
        with support.count_aws_calls() as calls:
            response = self.api.call(method, path, as_user=user, body=body)
        if response.status_code != expect:
            raise AssertionError(f"{label}: {response.status_code} {response.body!r}")
        self.rows.append((label, response.status_code, calls, budget))
        return response.json_body if response.body else None


def letter_life(j: Journey) -> None:
    """Draft → submit → three decisions (the last signs) → read it in the boxes."""
    from tests.integration.letters_flow import CHAIN, DRAFTER, await_step, letter_body

    letter = j.step("POST /letters (draft)", dynamodb_at_most(3), "POST", "/letters", DRAFTER, letter_body(),
                    expect=201)
    lid = letter["id"]
    j.step("GET /letters/{id}", dynamodb_at_most(2), "GET", f"/letters/{lid}", DRAFTER)
    j.step("GET /letters?box=drafts", dynamodb_exactly(1), "GET", "/letters?box=drafts", DRAFTER)
    # Submitting resolves once what signing will need: the signer's NIP and each addressed org's name
    # (1 GetItem per other org; this letter addresses one).
    j.step("POST /letters/{id}/submit", dynamodb_at_most(4 + 1, stepfunctions=1), "POST", f"/letters/{lid}/submit",
           DRAFTER)
    for who, _position in CHAIN:
        await_step(j.api, who, lid)
        j.step(f"GET /approvals ({who})", dynamodb_exactly(1), "GET", "/approvals", who)
        signing = who == CHAIN[-1][0]
        budget = dynamodb_at_most(5, stepfunctions=1, kms=1, s3=1) if signing else dynamodb_at_most(4, stepfunctions=1)
        label = "POST /letters/{id}/decision (" + ("approve and sign" if signing else f"approve, {who}") + ")"
        j.step(label, budget, "POST", f"/letters/{lid}/decision", who, {"decision": "approve"})
    j.step("GET /letters?box=inbox (SEKRETARIS)", dynamodb_exactly(1), "GET", "/letters?box=inbox",
           "sekretaris.kominfo")
    j.step("GET /letters/{id}/timeline", dynamodb_at_most(2), "GET", f"/letters/{lid}/timeline", DRAFTER)
    signed = j.step("GET /letters/{id} (signed)", dynamodb_at_most(2), "GET", f"/letters/{lid}", DRAFTER)
    j.step("GET /letters/{id}/pdf", dynamodb_at_most(2), "GET", f"/letters/{lid}/pdf", DRAFTER)
    j.step("GET /public/verify/{code}", dynamodb_at_most(1, kms=1), "GET", f"/public/verify/{signed['verification_code']}")
    j.step("GET /incoming (BIROUMUM)", dynamodb_exactly(1), "GET", "/incoming", "operator.biroumum")
    j.step("GET /archive?q=jaringan (DISKOMINFOS)", dynamodb_exactly(1), "GET", "/archive?q=jaringan",
           "operator.kominfo")
    j.step("GET /dashboard", dynamodb_at_most(2), "GET", "/dashboard", "admin.kominfo")


def submission_life(j: Journey) -> None:
    """A citizen's letter: submit → track → operator accepts → the head disposes → tracking shows it."""
    from tests.integration.public_support import CITIZEN, deadline

    receipt = j.step("POST /public/submissions", dynamodb_at_most(2), "POST", "/public/submissions", None,
                     CITIZEN, expect=201)
    code = receipt["code"]
    j.step("GET /public/track/{code}", dynamodb_exactly(1), "GET", f"/public/track/{code}")
    queue = j.step("GET /submissions?status=received", dynamodb_exactly(1), "GET", "/submissions?status=received",
                   "operator.kominfo")
    sid = next(item["id"] for item in queue["items"] if item["code"] == code)
    accepted = j.step("POST /submissions/{id}/verify (accept)", dynamodb_at_most(4), "POST",
                      f"/submissions/{sid}/verify", "operator.kominfo", {"decision": "accept", "note": "lengkap"})
    incoming_id = accepted["incoming_id"]
    j.step("GET /incoming", dynamodb_exactly(1), "GET", "/incoming", "kadis.kominfo")
    j.step("POST /incoming/{id}/dispositions", dynamodb_at_most(4), "POST", f"/incoming/{incoming_id}/dispositions",
           "kadis.kominfo", {"to": ["KABID-APTIKA"], "instructions": ["tindak_lanjuti"], "note": "mohon ditindaklanjuti",
                             "deadline": deadline()}, expect=201)
    j.step("GET /dispositions (KABID-APTIKA)", dynamodb_exactly(1), "GET", "/dispositions", "kabid.aptika")
    j.step("GET /public/track/{code} (after)", dynamodb_exactly(1), "GET", f"/public/track/{code}")


def my_submissions_life(j: Journey) -> None:
    """A citizen with an account: submit with the token → "my submissions" → one of them."""
    from tests.integration.public_support import CITIZEN

    receipt = j.step("POST /public/submissions (with a public token)", dynamodb_at_most(2), "POST",
                     "/public/submissions", "warga", {**CITIZEN, "email": "akun@example.com"}, expect=201)
    j.step("GET /me/submissions", dynamodb_exactly(1), "GET", "/me/submissions", "warga")
    j.step("GET /me/submissions/{code}", dynamodb_at_most(2), "GET", f"/me/submissions/{receipt['code']}", "warga")


def documents_life(j: Journey) -> None:
    """Downloads: a refused scan uploaded again and confirmed, a submission's attachment, a G2G letter's PDF.

    Runs after letter_life (Biro Umum's incoming letter from it gives the G2G case). Uploads to the presigned
    POSTs go straight to S3 and are not counted.
    """
    import requests

    from tests.integration.public_support import CITIZEN, PDF

    def put(post: dict[str, Any], data: bytes) -> None:
        requests.post(post["url"], data=post["fields"], files={"file": ("scan", data)}, timeout=10)

    paper = {"sender_name": "Kepala Desa Sanur Kaja", "subject": "Undangan musyawarah desa",
             "scan_filename": "undangan.pdf", "scan_content_type": "application/pdf"}
    letter = j.api.post("/incoming", paper, as_user="operator.kominfo").json_body
    iid, refused = letter["id"], letter["attachments"][0]["id"]
    put(letter["scan_upload"], b"not a pdf")
    j.step("POST /incoming/{id}/attachments/{aid}/confirm (refused)", dynamodb_at_most(1, s3=3), "POST",
           f"/incoming/{iid}/attachments/{refused}/confirm", "operator.kominfo", expect=400)
    again = j.step("POST /incoming/{id}/attachments (new scan)", dynamodb_at_most(2), "POST",
                   f"/incoming/{iid}/attachments", "operator.kominfo",
                   {"filename": "undangan.pdf", "content_type": "application/pdf"}, expect=201)
    put(again["upload"], PDF)
    scan = again["attachment"]["id"]
    j.step("POST /incoming/{id}/attachments/{aid}/confirm", dynamodb_at_most(2, s3=2), "POST",
           f"/incoming/{iid}/attachments/{scan}/confirm", "operator.kominfo")
    j.step("GET /incoming/{id}/documents (paper)", dynamodb_exactly(1), "GET", f"/incoming/{iid}/documents",
           "kadis.kominfo")
    j.step("GET /incoming/{id}/documents/{doc} (scan)", dynamodb_exactly(1), "GET",
           f"/incoming/{iid}/documents/{scan}", "kadis.kominfo")

    receipt = j.api.post("/public/submissions", {**CITIZEN, "email": "dokumen@example.com"}).json_body
    requested = j.api.post(f"/public/submissions/{receipt['code']}/attachments",
                           {"secret": receipt["secret"], "filename": "ktp.pdf", "content_type": "application/pdf",
                            "size": len(PDF)}).json_body
    put(requested["upload"], PDF)
    aid = requested["attachment"]["id"]
    j.api.post(f"/public/submissions/{receipt['code']}/attachments/{aid}/confirm", {"secret": receipt["secret"]})
    queue = j.api.get("/submissions?status=received", as_user="operator.kominfo").json_body
    sid = next(item["id"] for item in queue["items"] if item["code"] == receipt["code"])
    j.step("GET /submissions/{id}/attachments/{aid}", dynamodb_exactly(1), "GET",
           f"/submissions/{sid}/attachments/{aid}", "operator.kominfo")

    received = j.api.get("/incoming", as_user="operator.biroumum").json_body["items"]
    g2g = next(item["id"] for item in received if item["source"] == "letter")
    j.step("GET /incoming/{id}/documents (G2G)", dynamodb_exactly(2), "GET", f"/incoming/{g2g}/documents",
           "operator.biroumum")
    j.step("GET /incoming/{id}/documents/letter-pdf (G2G)", dynamodb_exactly(2), "GET",
           f"/incoming/{g2g}/documents/letter-pdf", "operator.biroumum")


def run() -> list[tuple[str, list[tuple[str, int, Counter[str], Budget]]]]:
    """The journeys under moto."""
    from app import app
    from infra.local_gateway import ProjectTestClient
    from tests.conftest import Api

    out = []
    with mock_aws(config=MOTO_CONFIG):
        os.environ.update(local_stack.build(prefix="kv-bench"))
        bootstrap.reset()
        seed.seed(bootstrap.container())
        with ProjectTestClient(app, stage_name="test", project_dir=str(ROOT)) as client:
            for name, journey in (("one letter's life", letter_life), ("one citizen's submission", submission_life),
                                  ("incoming documents", documents_life),
                                  ("a citizen's account", my_submissions_life)):
                j = Journey(Api(client))
                journey(j)
                out.append((name, j.rows))
        bootstrap.reset()
    return out


def main() -> int:
    """Print each journey's table and totals; 1 when a request is over budget."""
    over = 0
    for name, rows in run():
        width = max(len(label) for label, *_ in rows)
        print(f"\n{name}\n{'request':<{width}}  status  dynamodb  other AWS calls            budget               verdict")
        total: Counter[str] = Counter()
        for label, status, calls, budget in rows:
            total.update(calls)
            ok = budget(calls)
            over += not ok
            other = ", ".join(f"{k}×{n}" for k, n in sorted(calls.items()) if not k.startswith("dynamodb")) or "-"
            print(f"{label:<{width}}  {status:>6}  {support.calls_to(calls, 'dynamodb'):>8}  {other:<26} "
                  f"{budget.__doc__:<20} {'OK' if ok else 'OVER'}")
        print("total: " + ", ".join(f"{k}×{n}" for k, n in sorted(total.items())))
    print(f"\n{'all requests within budget' if not over else f'{over} request(s) over budget'}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
