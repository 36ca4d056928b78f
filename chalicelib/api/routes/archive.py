"""Routes: the archive (search, CSV export, retention due, legal holds), the dashboard, and the timelines of
incoming letters and submissions.
"""

from __future__ import annotations

from typing import Any

from chalice import Response

from chalicelib.api import http
from chalicelib.api import schemas_archive as s
from chalicelib.api.schemas import page_of
from chalicelib.bootstrap import container
from chalicelib.domain.archive import MAX_QUERY_LENGTH, RecordKind
from chalicelib.domain.letters import LetterType
from chalicelib.domain.timefmt import now_wita
from chalicelib.services import monitoring

r = http.router("archive")
SEARCH_QUERY: dict[str, str | http.Param] = {
    "q": http.Param("a letter or agenda number (with '/'), or words of the subject, sender or addressees",
                    {"type": "string", "maxLength": MAX_QUERY_LENGTH}),
    "classification": http.Param("a classification code (exact)",
                                 {"type": "string", "pattern": r"^\d{3}(\.\d{1,3}){0,3}$"}),
    "type": http.Param.enum("a letter type", (t.value for t in LetterType)),
    "kind": http.Param.enum("letters or incoming letters only", (k.value for k in RecordKind)),
    "from": http.Param.day("first day"), "to": http.Param.day("last day, not before `from`"),
    "org": http.Param("the org (the province-wide admin and the auditor name it; others read their own)",
                      http.CODE_PARAM_SCHEMA),
    **http.LIST_QUERY,
}
EXPORT_MAX_ROWS = 1000


def _params(*names: str) -> dict[str, str | None]:
    return {name: http.query_param(name) for name in names}


def _paging(default: int | None = None, maximum: int | None = None) -> tuple[int, str | None]:
    settings = container().settings
    return http.paging(default or settings.page_size_default, maximum or settings.page_size_max)


@r.route("/archive", response=page_of(s.ArchiveEntryOut), errors=(400, 401, 403), query=SEARCH_QUERY)
def search_archive() -> Any:
    """Find signed and incoming letters of my org (admins and operators; the auditor any org; secret ones only for parties)."""
    return container().archive.search(http.principal(), _params(*SEARCH_QUERY), *_paging())


@r.route("/archive/export", response=None, errors=(400, 401, 403), produces="text/csv",
         query={**SEARCH_QUERY, "limit": http.Param.limit(f"rows (default and at most {EXPORT_MAX_ROWS})",
                                                           EXPORT_MAX_ROWS),
                "next": "cursor from the X-Next-Cursor header of the previous export"})
def export_archive() -> Any:
    """The same rows as GET /archive as CSV for Excel (UTF-8 with BOM); more rows: X-Next-Cursor."""
    text, next_cursor = container().archive.export(http.principal(), _params(*SEARCH_QUERY),
                                                           *_paging(EXPORT_MAX_ROWS, EXPORT_MAX_ROWS))
    headers = {"Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="arsip.csv"'}
    return Response(body=text, status_code=200, headers={**headers, **({"X-Next-Cursor": next_cursor}
                                                                        if next_cursor else {})})


@r.route("/archive/retention-due", response=s.RetentionDueOut, errors=(400, 401, 403),
         query={"on": http.Param.day("the day to check (default today)"), "org": SEARCH_QUERY["org"],
                "limit": SEARCH_QUERY["limit"], "next": SEARCH_QUERY["next"]})
def retention_due() -> Any:
    """Records whose final retention action (JRA) is due, earliest first; legally held ones never appear."""
    return container().archive.retention_due(http.principal(), _params("on", "org"), *_paging())


@r.route("/archive/{record}/legal-hold", "POST", body=s.LegalHoldIn, response=s.LegalHoldOut,
         errors=(400, 401, 403, 404, 409))
def legal_hold(record: str) -> Any:
    """Set or lift a legal hold on an archived record (org admins); written to its audit trail."""
    return container().archive.legal_hold(http.principal(), record, http.body(s.LegalHoldIn))


@r.route("/dashboard", response=s.DashboardOut, errors=(400, 401, 403),
         query={"org": http.Param("the org: required for the province-wide admin and the auditor (400 without "
                                  "it); others read their own", http.CODE_PARAM_SCHEMA),
                "period": http.Param("the month YYYY-MM (WITA; default this month, not after it)",
                                     {"type": "string", "pattern": r"^\d{4}-\d{2}$"})})
def dashboard() -> Any:
    """My org's figures: backlog now (overdue too), throughput and turnaround in a month and its year and each
    month of that year, paperless pages.
    """
    return container().archive.dashboard(http.principal(), http.query_param("org"),
                                                 http.query_param("period"))


@r.route("/monev", response=s.MonevOut, errors=(400, 401, 403),
         query={"period": http.Param("a month YYYY-MM or a year YYYY (WITA; default this month, not after it)",
                                     {"type": "string", "pattern": r"^\d{4}(-\d{2})?$"})})
def monev() -> Any:
    """The province's monitoring and evaluation: every org side by side (the province-wide admin, the auditor)."""
    return monitoring.monev(http.principal(), http.query_param("period"), now_wita())


@r.route("/incoming/{incoming_id}/timeline", acting=True, response=s.RecordTimelineOut, errors=(401, 403, 404))
def incoming_timeline(incoming_id: str) -> Any:
    """Who did what to an incoming letter, with the verification of its audit chain."""
    return container().archive.incoming_timeline(http.principal(), incoming_id)


@r.route("/submissions/{submission_id}/timeline", response=s.RecordTimelineOut, errors=(401, 403, 404))
def submission_timeline(submission_id: str) -> Any:
    """Who did what to a submission, with the verification of its audit chain (the org's operators)."""
    return container().archive.submission_timeline(http.principal(), submission_id)
