"""The archive: found by number, words, classification, type, kind and dates with one Query per page, within what
the caller may read (nothing of another org, secret records only for their parties); CSV export with the same rows;
retention due dates from the JRA table; legal holds; the dashboard's paperless pages."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from chalicelib.domain.timefmt import now_wita
from tests.conftest import assert_error
from tests.integration.archive_flow import signed
from tests.integration.letters_flow import await_step, draft, submit
from tests.support import count_aws_calls

OPERATOR = "operator.kominfo"


@pytest.fixture
def archive(api, province):
    """Three signed letters of DISKOMINFOS (one rahasia, one undangan of another classification)."""
    plain = signed(api)
    invitation = signed(api, type="undangan", classification="005", subject="Undangan rapat koordinasi satu data")
    secret = signed(api, who="kabid.aptika", security="rahasia", subject="Evaluasi insiden keamanan siber",
                    addressees=[{"kind": "position", "code": "SEKRETARIS"}, {"kind": "org", "code": "BIROUMUM"}])
    return {"plain": plain, "invitation": invitation, "secret": secret}


def _ids(response) -> list[str]:
    assert response.status_code == 200, response.body
    return [item["id"] for item in response.json_body["items"]]


def test_the_orgs_operator_finds_plain_letters_by_word_number_classification_type_and_date(api, archive):
    plain, invitation = archive["plain"]["id"], archive["invitation"]["id"]
    today = now_wita().date().isoformat()
    assert set(_ids(api.get("/archive", as_user=OPERATOR))) == {plain, invitation}
    assert _ids(api.get("/archive?q=Jaringan E-GOVERNMENT", as_user=OPERATOR)) == [plain]
    assert _ids(api.get(f"/archive?q={archive['invitation']['number']}", as_user=OPERATOR)) == [invitation]
    assert set(_ids(api.get("/archive?q=Sekretaris", as_user=OPERATOR))) == {invitation, plain}  # an addressee
    assert _ids(api.get("/archive?classification=005", as_user=OPERATOR)) == [invitation]
    assert _ids(api.get("/archive?type=surat_dinas&kind=letter", as_user=OPERATOR)) == [plain]
    assert len(_ids(api.get(f"/archive?from={today}&to={today}", as_user=OPERATOR))) == 2
    assert _ids(api.get("/archive?from=2000-01-01&to=2000-12-31", as_user=OPERATOR)) == []


def test_a_secret_letter_is_found_only_by_its_parties_and_never_by_another_org(api, archive):
    secret = archive["secret"]
    assert secret["id"] not in _ids(api.get("/archive?q=insiden", as_user=OPERATOR))
    assert _ids(api.get("/archive?q=insiden", as_user="admin.kominfo")) == []
    # The other org's archive has the incoming letter, but it is rahasia: its operator is no party either.
    assert _ids(api.get("/archive?q=insiden", as_user="operator.biroumum")) == []
    assert archive["plain"]["id"] not in _ids(api.get("/archive", as_user="operator.biroumum"))
    assert_error(api.get("/archive?org=DISKOMINFOS", as_user="operator.biroumum"), 403, "forbidden")
    global_view = _ids(api.get("/archive?org=DISKOMINFOS", as_user="admin"))
    assert secret["id"] not in global_view and archive["plain"]["id"] in global_view


def test_incoming_letters_are_in_the_receiving_orgs_archive(api, archive):
    items = api.get("/archive?kind=incoming", as_user="operator.biroumum").json_body["items"]
    sender = "Dinas Komunikasi, Informatika dan Statistika Provinsi Bali"
    # Both were signed within the same second: the archive orders by moment, so compare without order.
    assert sorted((i["number"], i["sender"]) for i in items) == sorted([(archive["invitation"]["number"], sender),
                                                                        (archive["plain"]["number"], sender)])
    assert [i["number"] for i in api.get(f"/archive?q={archive['plain']['number']}",
                                         as_user="operator.biroumum").json_body["items"]] == [archive["plain"]["number"]]


def test_a_search_is_one_query_per_page_and_pages_with_the_cursor(api, archive):
    api.token(OPERATOR)
    seen, cursor, pages = [], None, 0
    while pages < 6:
        with count_aws_calls() as calls:
            page = api.get(f"/archive?limit=1{'&next=' + cursor if cursor else ''}", as_user=OPERATOR).json_body
        assert dict(calls) == {"dynamodb:Query": 1}
        seen += [i["id"] for i in page["items"]]  # a page may be thinned: the newest (secret) one is left out
        pages, cursor = pages + 1, page["next"]
        if not cursor:
            break
    assert seen == _ids(api.get("/archive", as_user=OPERATOR)) and pages >= 3
    assert_error(api.get("/archive?next=bm9wZQ", as_user=OPERATOR), 400, field="next")


@pytest.mark.parametrize(("query", "field"), [("q=ab", "q"), ("classification=999.9", "classification"),
                                              ("type=sertifikat", "type"), ("kind=x", "kind"), ("from=2026-13-01", "from"),
                                              ("from=2026-02-01&to=2026-01-01", "to"), ("limit=0", "limit")])
def test_a_bad_filter_is_a_400_naming_it(api, province, query, field):
    assert_error(api.get(f"/archive?{query}", as_user=OPERATOR), 400, "validation_error", field=field)


def test_the_archive_is_for_the_orgs_admins_and_operators(api, province):
    for path in ("/archive", "/archive/export", "/archive/retention-due"):
        assert_error(api.get(path), 401, "unauthenticated")
        assert_error(api.get(path, as_user="warga"), 403, "forbidden")
        assert_error(api.get(path, as_user="staf.kominfo"), 403, "forbidden")
        assert_error(api.get(f"{path}?org=BIROUMUM", as_user="admin.kominfo"), 403, "forbidden")
        assert_error(api.get(path, as_user="admin"), 400, field="org")


def test_the_csv_export_holds_the_same_rows_for_excel(api, archive):
    expected = api.get("/archive", as_user=OPERATOR).json_body["items"]
    response = api.get("/archive/export", as_user=OPERATOR)
    assert response.status_code == 200 and response.headers["Content-Type"].startswith("text/csv")
    text = response.body.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows[0][:4] == ["Rekaman", "Jenis Arsip", "Nomor", "Tanggal"]
    assert [r[0] for r in rows[1:]] == [i["record"] for i in expected]
    assert [r[2] for r in rows[1:]] == [i["number"] for i in expected]
    # One row per export: the secret letter (newest) is left out of its page, the cursor carries on.
    records, cursor = [], ""
    for _ in range(5):
        page = api.get(f"/archive/export?limit=1{'&next=' + cursor if cursor else ''}", as_user=OPERATOR)
        records += [r[0] for r in csv.reader(io.StringIO(page.body.decode("utf-8")[1:]))][1:]
        cursor = page.headers.get("X-Next-Cursor", "")
        if not cursor:
            break
    assert records == [i["record"] for i in expected]


def test_retention_due_dates_follow_the_table_and_a_legal_hold_blocks_the_action(api, archive):
    plain = archive["plain"]  # 000.1.2 Persuratan: 2 active + 3 inactive years, then musnah
    invitation = archive["invitation"]  # 005 Undangan: 1 + 1 years, then musnah
    signed_on = date.fromisoformat(plain["signed_at"][:10])
    entries = {i["id"]: i for i in api.get("/archive", as_user=OPERATOR).json_body["items"]}
    assert entries[plain["id"]]["inactive_from"] == signed_on.replace(year=signed_on.year + 2).isoformat()
    assert entries[plain["id"]]["action_due"] == signed_on.replace(year=signed_on.year + 5).isoformat()
    assert entries[invitation["id"]]["action_due"] == signed_on.replace(year=signed_on.year + 2).isoformat()
    assert entries[plain["id"]]["final_action"] == "musnah"

    def due(on: date) -> list[str]:
        return _ids(api.get(f"/archive/retention-due?on={on.isoformat()}", as_user=OPERATOR))

    assert due(signed_on) == []
    assert due(signed_on.replace(year=signed_on.year + 2)) == [invitation["id"]]
    in_five_years = signed_on.replace(year=signed_on.year + 5)
    assert due(in_five_years) == [invitation["id"], plain["id"]]

    hold = api.post(f"/archive/letter-{plain['id']}/legal-hold", {"hold": True, "note": "perkara di PTUN"},
                    as_user="admin.kominfo")
    assert hold.status_code == 200 and hold.json_body["legal_hold"] is True
    assert due(in_five_years) == [invitation["id"]]
    timeline = api.get(f"/letters/{plain['id']}/timeline", as_user="kadis.kominfo").json_body
    assert timeline["events"][-1]["action"] == "legal_hold_set" and timeline["chain"]["valid"] is True
    api.post(f"/archive/letter-{plain['id']}/legal-hold", {"hold": False}, as_user="admin.kominfo")
    assert due(in_five_years) == [invitation["id"], plain["id"]]
    assert_error(api.get("/archive/retention-due?on=kemarin", as_user=OPERATOR), 400, field="on")


def test_a_legal_hold_is_for_the_orgs_admins(api, archive):
    path = f"/archive/letter-{archive['plain']['id']}/legal-hold"
    assert_error(api.post(path, {"hold": True}), 401, "unauthenticated")
    assert_error(api.post(path, {"hold": True}, as_user=OPERATOR), 403, "forbidden")
    assert_error(api.post(path, {"hold": True}, as_user="warga"), 403, "forbidden")
    assert_error(api.post(path, {"note": "x"}, as_user="admin.kominfo"), 400, field="hold")
    assert_error(api.post("/archive/surat-1/legal-hold", {"hold": True}, as_user="admin.kominfo"), 400,
                 field="record")
    incoming = api.get("/archive?kind=incoming", as_user="operator.biroumum").json_body["items"][0]
    assert_error(api.post(f"/archive/{incoming['record']}/legal-hold", {"hold": True}, as_user="admin.kominfo"),
                 404, "not_found")
    held = api.post(f"/archive/{incoming['record']}/legal-hold", {"hold": True}, as_user="admin")
    assert held.status_code == 200, held.body


def test_the_dashboard_counts_pages_not_printed_and_letters_in_review(api, archive):
    waiting = draft(api)
    submit(api, waiting["id"])
    await_step(api, "kasi.layanan", waiting["id"])  # the state machine's own UpdateItem is done before counting
    api.token(OPERATOR)
    with count_aws_calls() as calls:
        response = api.get("/dashboard", as_user=OPERATOR)
    assert response.status_code == 200, response.body
    figures = response.json_body
    # plain and invitation: 1 page × (2 addressees + 1 cc); secret: 1 page × (2 addressees + 1 cc)
    assert figures["signed_letters"] == 3 and figures["pdf_pages"] == 3 and figures["paperless_pages"] == 9
    assert figures["letters_in_review"] == 1
    assert dict(calls) == {"dynamodb:BatchGetItem": 1, "dynamodb:Query": 1}
    assert api.get("/dashboard", as_user="staf.kominfo").json_body["paperless_pages"] == 9
    assert api.get("/dashboard", as_user="operator.biroumum").json_body["paperless_pages"] == 0
    assert_error(api.get("/dashboard"), 401, "unauthenticated")
    assert_error(api.get("/dashboard", as_user="warga"), 403, "forbidden")
    assert_error(api.get("/dashboard?org=BIROUMUM", as_user=OPERATOR), 403, "forbidden")
    assert_error(api.get("/dashboard", as_user="admin"), 400, field="org")


def test_a_word_search_returns_at_most_its_limit_from_one_query_and_resumes_after_the_last_row(api, archive):
    api.token(OPERATOR)
    seen, cursor, pages = [], None, 0
    while pages < 5:
        with count_aws_calls() as calls:
            page = api.get(f"/archive?q=Sekretaris&limit=1{'&next=' + cursor if cursor else ''}",
                           as_user=OPERATOR).json_body
        assert dict(calls) == {"dynamodb:Query": 1} and len(page["items"]) <= 1
        seen += [i["id"] for i in page["items"]]  # the newest match is secret: its page comes back empty
        pages, cursor = pages + 1, page["next"]
        if not cursor:
            break
    # letters signed in the same second sort by id: each match once, in some order, over three pages
    assert sorted(seen) == sorted([archive["invitation"]["id"], archive["plain"]["id"]]) and pages == 3
