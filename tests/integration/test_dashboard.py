"""GET /dashboard: backlog now, throughput and turnaround per stage this month and year, driven by real flows
(the state machine executing) — exact before and after each step, once per request even when it is retried.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from chalicelib.domain.timefmt import now_wita
from tests.conftest import Api, assert_error
from tests.integration.letters_flow import CHAIN, await_step, decide, draft, submit
from tests.integration.public_support import CITIZEN, accept, dispose, submission_id
from tests.integration.public_support import submit as send_submission
from tests.support import count_aws_calls

pytestmark = pytest.mark.usefixtures("province")
LEADER = "kadis.kominfo"
ZERO_BACKLOG = {"letters_in_review": 0, "letters_waiting_by_level": {"I": 0, "II": 0, "III": 0, "IV": 0, "staff": 0},
                "submissions_awaiting_verification": 0, "submissions_returned": 0,
                "incoming": {"registered": 0, "disposed": 0, "in_progress": 0}, "dispositions_open": 0,
                "dispositions_overdue": 0}


def dashboard(api: Api, who: str = LEADER, org: str | None = None) -> dict[str, Any]:
    response = api.get(f"/dashboard?org={org}" if org else "/dashboard", as_user=who)
    assert response.status_code == 200, response.body
    return response.json_body


def backlog(**changes: Any) -> dict[str, Any]:
    """The expected backlog: zero but for `changes`."""
    return {**ZERO_BACKLOG, **changes}


def levels(**waiting: int) -> dict[str, int]:
    return {**ZERO_BACKLOG["letters_waiting_by_level"], **waiting}


def throughput(figures: dict[str, Any], period: str = "month") -> dict[str, int]:
    return {k: v for k, v in figures[period]["throughput"].items() if v}


def timed(figures: dict[str, Any], stage: str, period: str = "month") -> int:
    return figures[period]["turnaround"][stage]["count"]


def test_an_org_starts_with_nothing_waiting_and_nothing_done_this_month(api):
    figures = dashboard(api)
    now = now_wita()
    assert figures["org"] == "DISKOMINFOS" and figures["backlog"] == ZERO_BACKLOG
    assert figures["month"]["period"] == f"{now.year:04d}-{now.month:02d}" and figures["year"]["period"] == str(now.year)
    assert throughput(figures) == {} and throughput(figures, "year") == {}
    assert figures["month"]["turnaround"]["letter_signing"] == {"count": 0, "total_seconds": 0,
                                                                "average_seconds": None}


def test_a_letter_is_counted_in_review_at_each_level_then_signed_with_its_turnaround(api):
    letter = draft(api)
    assert dashboard(api)["backlog"] == ZERO_BACKLOG  # a draft waits for nobody

    submit(api, letter["id"])
    figures = dashboard(api)
    assert figures["backlog"] == backlog(letters_in_review=1, letters_waiting_by_level=levels(IV=1))
    assert figures["letters_in_review"] == 1

    decide(api, CHAIN[0][0], letter["id"])
    assert dashboard(api)["backlog"]["letters_waiting_by_level"] == levels(III=1)
    decide(api, CHAIN[1][0], letter["id"])
    assert dashboard(api)["backlog"]["letters_waiting_by_level"] == levels(II=1)
    signed = decide(api, CHAIN[2][0], letter["id"])
    assert signed.status_code == 200 and signed.json_body["state"] == "sent", signed.body

    figures = dashboard(api)
    assert figures["backlog"] == ZERO_BACKLOG and figures["letters_in_review"] == 0
    for period in ("month", "year"):
        assert throughput(figures, period) == {"letters_drafted": 1, "letters_signed": 1}
        assert timed(figures, "letter_signing", period) == 1
        assert timed(figures, "review_step", period) == 3  # two paraf and the signature
    signing = figures["month"]["turnaround"]["letter_signing"]
    assert signing["average_seconds"] == signing["total_seconds"] >= 0
    assert figures["signed_letters"] == 1  # the all-time figure is kept as before
    # The letter went to Biro Umum too: registered there in the signing transaction.
    other = dashboard(api, "operator.biroumum")
    assert other["backlog"]["incoming"] == {"registered": 1, "disposed": 0, "in_progress": 0}
    assert throughput(other) == {"incoming_registered": 1}


def test_a_letter_returned_for_revision_or_rejected_leaves_the_review_backlog(api):
    revised, rejected = draft(api), draft(api)
    submit(api, revised["id"])
    submit(api, rejected["id"])
    assert dashboard(api)["backlog"]["letters_waiting_by_level"] == levels(IV=2)

    assert decide(api, "kasi.layanan", revised["id"], "revise", "Perbaiki dasar hukum").status_code == 200
    assert decide(api, "kasi.layanan", rejected["id"], "reject", "Tidak diperlukan").status_code == 200

    figures = dashboard(api)
    assert figures["backlog"] == ZERO_BACKLOG
    assert timed(figures, "review_step") == 2 and timed(figures, "letter_signing") == 0
    assert throughput(figures) == {"letters_drafted": 2}  # neither signed


def test_a_submission_is_followed_from_the_queue_to_a_done_disposition(api):
    receipt = send_submission(api)
    figures = dashboard(api, "operator.kominfo")
    assert figures["backlog"] == backlog(submissions_awaiting_verification=1)
    assert throughput(figures) == {"submissions_received": 1}

    sid = submission_id(api, receipt["code"])
    returned = api.post(f"/submissions/{sid}/verify", {"decision": "return", "note": "Lampirkan KTP"},
                        as_user="operator.kominfo")
    assert returned.status_code == 200, returned.body
    figures = dashboard(api)
    assert figures["backlog"] == backlog(submissions_returned=1)
    assert throughput(figures) == {"submissions_received": 1, "submissions_returned": 1}
    assert timed(figures, "verification") == 0  # a return is not the end of verification

    resubmitted = api.post(f"/public/submissions/{receipt['code']}/resubmit", {"secret": receipt["secret"]})
    assert resubmitted.status_code == 200, resubmitted.body
    assert dashboard(api)["backlog"] == backlog(submissions_awaiting_verification=1)

    incoming_id = accept(api, receipt["code"])["incoming_id"]
    figures = dashboard(api)
    assert figures["backlog"] == backlog(incoming={"registered": 1, "disposed": 0, "in_progress": 0})
    assert throughput(figures) == {"submissions_received": 1, "submissions_returned": 1,
                                   "submissions_accepted": 1, "incoming_registered": 1}
    assert timed(figures, "verification") == 1

    [disposition] = dispose(api, incoming_id, ["KABID-APTIKA"], LEADER).json_body["items"]
    figures = dashboard(api)
    assert figures["backlog"] == backlog(incoming={"registered": 0, "disposed": 1, "in_progress": 0},
                                         dispositions_open=1)
    assert timed(figures, "first_disposition") == 1

    assert api.get(f"/dispositions/{disposition['id']}", as_user="kabid.aptika").json_body["state"] == "read"
    assert dashboard(api)["backlog"]["dispositions_open"] == 1  # read is still open

    done = api.post(f"/dispositions/{disposition['id']}/done", {"follow_up": "Data dikirim"}, as_user="kabid.aptika")
    assert done.status_code == 200, done.body
    figures = dashboard(api)
    assert figures["backlog"] == ZERO_BACKLOG  # the letter is done: no longer backlog
    assert throughput(figures)["dispositions_done"] == 1 and timed(figures, "disposition") == 1
    assert throughput(figures, "year") == throughput(figures)


def test_a_rejected_submission_ends_its_verification(api):
    receipt = send_submission(api)
    sid = submission_id(api, receipt["code"])
    rejected = api.post(f"/submissions/{sid}/verify", {"decision": "reject", "note": "Bukan kewenangan dinas"},
                        as_user="operator.kominfo")
    assert rejected.status_code == 200, rejected.body
    figures = dashboard(api)
    assert figures["backlog"] == ZERO_BACKLOG
    assert throughput(figures) == {"submissions_received": 1, "submissions_rejected": 1}
    assert timed(figures, "verification") == 1


def test_an_open_disposition_past_its_deadline_is_overdue_until_it_is_done(api, monkeypatch):
    incoming_id = accept(api, send_submission(api)["code"])["incoming_id"]
    made = dispose(api, incoming_id, ["KABID-APTIKA", "SEKRETARIS"], LEADER).json_body["items"]
    assert dashboard(api)["backlog"]["dispositions_overdue"] == 0

    from chalicelib.services import archive

    later = now_wita() + timedelta(days=4)  # past the 3-day deadline, without waiting
    monkeypatch.setattr(archive, "now_wita", lambda: later)
    assert dashboard(api)["backlog"]["dispositions_overdue"] == 2

    done = api.post(f"/dispositions/{made[1]['id']}/done", {"follow_up": "Selesai"}, as_user="sekretaris.kominfo")
    assert done.status_code == 200, done.body
    figures = dashboard(api)
    assert figures["backlog"]["dispositions_open"] == 1 and figures["backlog"]["dispositions_overdue"] == 1


def test_a_retried_request_is_counted_once(api):
    key = {"Idempotency-Key": "dashboard-retry-0001"}
    first = api.post("/public/submissions", CITIZEN, headers=key)
    again = api.post("/public/submissions", CITIZEN, headers=key)
    assert first.status_code == again.status_code == 201
    assert first.json_body["code"] == again.json_body["code"]
    assert dashboard(api)["backlog"]["submissions_awaiting_verification"] == 1

    accepted = accept(api, first.json_body["code"])
    repeated = api.post(f"/submissions/{accepted['id']}/verify", {"decision": "accept"}, as_user="operator.kominfo")
    assert_error(repeated, 409)

    body = {"to": ["KABID-APTIKA"], "instructions": ["tindak_lanjuti"], "deadline": (now_wita() + timedelta(days=3))
            .isoformat(timespec="seconds")}
    disposed = [api.post(f"/incoming/{accepted['incoming_id']}/dispositions", body, as_user=LEADER,
                         headers={"Idempotency-Key": "dashboard-retry-0002"}) for _ in range(2)]
    assert [r.status_code for r in disposed] == [201, 201]

    letter = draft(api)
    submit(api, letter["id"])
    submit(api, letter["id"])  # a retried submit starts nothing again
    await_step(api, "kasi.layanan", letter["id"])
    assert decide(api, "kasi.layanan", letter["id"]).status_code == 200
    assert api.post(f"/letters/{letter['id']}/decision", {"decision": "approve"}, as_user="kasi.layanan").status_code \
        == 200  # the same decision again is a harmless retry

    figures = dashboard(api)
    assert figures["backlog"] == backlog(letters_in_review=1, letters_waiting_by_level=levels(III=1),
                                         incoming={"registered": 0, "disposed": 1, "in_progress": 0},
                                         dispositions_open=1)
    assert throughput(figures) == {"letters_drafted": 1, "submissions_received": 1, "submissions_accepted": 1,
                                   "incoming_registered": 1}
    assert timed(figures, "review_step") == 1 and timed(figures, "verification") == 1


def test_the_dashboard_is_one_batch_get_and_one_count_query(api):
    api.token(LEADER)
    with count_aws_calls() as calls:
        response = api.get("/dashboard", as_user=LEADER)
    assert response.status_code == 200, response.body
    assert dict(calls) == {"dynamodb:BatchGetItem": 1, "dynamodb:Query": 1}


def test_a_province_admin_reads_any_org_and_staff_only_their_own(api):
    assert dashboard(api, "admin", org="BIROUMUM")["org"] == "BIROUMUM"
    assert dashboard(api, "staf.biroumum", org="BIROUMUM")["org"] == "BIROUMUM"
    assert_error(api.get("/dashboard?org=DISKOMINFOS", as_user="staf.biroumum"), 403, "forbidden")
    assert_error(api.get("/dashboard?org=DISKOMINFOS", as_user="warga"), 403, "forbidden")
    assert_error(api.get("/dashboard"), 401, "unauthenticated")


def test_a_leader_picks_an_earlier_month_and_reads_each_month_of_its_year(api):
    draft(api)
    now = now_wita()
    this_month = f"{now.year:04d}-{now.month:02d}"
    figures = dashboard(api)
    assert [m["period"] for m in figures["months"]] == [f"{now.year:04d}-{m:02d}" for m in range(1, now.month + 1)]
    assert figures["months"][-1] == figures["month"] and figures["month"]["throughput"]["letters_drafted"] == 1

    last_year = api.get(f"/dashboard?period={now.year - 1:04d}-03", as_user=LEADER).json_body
    assert last_year["month"]["period"] == f"{now.year - 1:04d}-03" and last_year["year"]["period"] == str(now.year - 1)
    assert len(last_year["months"]) == 12 and throughput(last_year) == {} and throughput(last_year, "year") == {}
    assert last_year["backlog"] == figures["backlog"]  # the backlog is always now
    assert this_month in {m["period"] for m in dashboard(api)["months"]}


@pytest.mark.parametrize("period", ["2026-13", "26-01", "2026-1", "3000-01", "1999-12"])
def test_a_month_that_is_malformed_or_not_yet_come_is_refused(api, period):
    assert_error(api.get(f"/dashboard?period={period}", as_user=LEADER), 400, "validation_error")
