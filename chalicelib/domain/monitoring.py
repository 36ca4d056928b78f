"""Monitoring rules: which counters a record's transition moves, the stages whose turnaround is timed, the
periods (WITA months and years) figures are kept for, and the dashboard's view of the counters.

Counters are of two kinds. A *gauge* is a backlog figure now (letters in review, submissions awaiting
verification, open dispositions ...): +1 when a record enters a state it counts, −1 when it leaves. A *period
figure* only grows within its month and year: how many records reached a state (throughput), and per stage
the number of timed transitions and their total seconds (average = total / count).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from enum import StrEnum
from typing import Any

from chalicelib.domain.errors import ValidationFailed
from chalicelib.domain.org import Level
from chalicelib.domain.timefmt import WITA


class Kind(StrEnum):
    """The records whose transitions are counted."""

    LETTER = "letter"
    SUBMISSION = "submission"
    INCOMING = "incoming"
    DISPOSITION = "disposition"


class Stage(StrEnum):
    """A timed stage: from when a record entered it to the transition that ends it."""

    LETTER_SIGNING = "letter_signing"  # a letter's review round submitted → signed
    REVIEW_STEP = "review_step"  # a step waiting for its reviewer or signatory → decided
    VERIFICATION = "verification"  # a submission received → accepted or rejected by the operator
    FIRST_DISPOSITION = "first_disposition"  # an incoming letter registered → disposed the first time
    DISPOSITION = "disposition"  # a disposition assigned → done


# Backlog now: the gauge a record counts in while in a state.
GAUGE_OF: Mapping[tuple[Kind, str], str] = {
    (Kind.LETTER, "in_review"): "letters_in_review",
    (Kind.SUBMISSION, "received"): "submissions_awaiting_verification",
    (Kind.SUBMISSION, "resubmitted"): "submissions_awaiting_verification",
    (Kind.SUBMISSION, "returned"): "submissions_returned",
    (Kind.INCOMING, "registered"): "incoming_registered",
    (Kind.INCOMING, "disposed"): "incoming_disposed",
    (Kind.INCOMING, "in_progress"): "incoming_in_progress",
    (Kind.DISPOSITION, "assigned"): "dispositions_open",
    (Kind.DISPOSITION, "read"): "dispositions_open",
}
LEVEL_GAUGE = "letters_waiting_at_level_"  # + a level: letters whose current step is a position of that level
OVERDUE_GAUGE = "dispositions_overdue_notified"  # open dispositions the sweep found overdue (moved by it and on close)
GAUGES = (*dict.fromkeys(GAUGE_OF.values()), *(LEVEL_GAUGE + level.value for level in Level), OVERDUE_GAUGE)

# Throughput: the period figure counting records that reached a state.
THROUGHPUT_OF: Mapping[tuple[Kind, str], str] = {
    (Kind.LETTER, "draft"): "letters_drafted",  # only a new letter enters `draft` through a counted transition
    (Kind.LETTER, "signed"): "letters_signed",
    (Kind.SUBMISSION, "received"): "submissions_received",
    (Kind.SUBMISSION, "accepted"): "submissions_accepted",
    (Kind.SUBMISSION, "returned"): "submissions_returned",
    (Kind.SUBMISSION, "rejected"): "submissions_rejected",
    (Kind.INCOMING, "registered"): "incoming_registered",
    (Kind.DISPOSITION, "done"): "dispositions_done",
}
THROUGHPUT = tuple(THROUGHPUT_OF.values())
# Stages a transition of a record ends (the others are timed where their start is known: letters' steps).
STAGE_OF: Mapping[tuple[Kind, str, str], Stage] = {
    (Kind.SUBMISSION, "received", "accepted"): Stage.VERIFICATION,
    (Kind.SUBMISSION, "received", "rejected"): Stage.VERIFICATION,
    (Kind.SUBMISSION, "resubmitted", "accepted"): Stage.VERIFICATION,
    (Kind.SUBMISSION, "resubmitted", "rejected"): Stage.VERIFICATION,
    (Kind.INCOMING, "registered", "disposed"): Stage.FIRST_DISPOSITION,
    (Kind.DISPOSITION, "assigned", "done"): Stage.DISPOSITION,
    (Kind.DISPOSITION, "read", "done"): Stage.DISPOSITION,
}


def count_attr(stage: Stage) -> str:
    """The period figure counting a stage's timed transitions."""
    return f"{stage.value}_count"


def seconds_attr(stage: Stage) -> str:
    """The period figure adding up a stage's seconds."""
    return f"{stage.value}_seconds"


# A submission is answered on time when the operator accepts or rejects it within this many days of its
# receipt (the 14 days public-service complaints are answered in, Perpres 76/2013).
ANSWER_DAYS = 14
ANSWERED_ON_TIME = "submissions_answered_on_time"
PERIOD_FIGURES = (*THROUGHPUT, *(f(s) for s in Stage for f in (count_attr, seconds_attr)), ANSWERED_ON_TIME)

# Monev (province monitoring and evaluation): the figures of each org mirrored into the province's counter
# items, so that every org side by side is a fixed number of reads however many orgs there are.
MONEV_FIGURES = ("letters_drafted", "letters_signed", count_attr(Stage.LETTER_SIGNING),
                 seconds_attr(Stage.LETTER_SIGNING), count_attr(Stage.VERIFICATION), ANSWERED_ON_TIME)
MONEV_GAUGES = ("dispositions_open", OVERDUE_GAUGE)


# The figures of a month still running sit on the org's gauges item, one number per figure and month, until the
# monthly move (`months_to_move`) takes them to that month's own item: `letters_signed@2026-11`.
MONTH_MARK = "@"


def month_attr(name: str, month: str) -> str:
    """The gauges item's attribute holding figure `name` of `month` ('2026-11')."""
    return f"{name}{MONTH_MARK}{month}"


def split_now(numbers: Mapping[str, int]) -> tuple[dict[str, int], dict[str, dict[str, int]]]:
    """An org's gauges item read back: (its gauges, {month: figures of that month not yet moved})."""
    gauges: dict[str, int] = {}
    months: dict[str, dict[str, int]] = {}
    for attr, value in numbers.items():
        name, mark, month = attr.partition(MONTH_MARK)
        if mark:
            months.setdefault(month, {})[name] = value
        else:
            gauges[attr] = value
    return gauges, months


def months_to_move(numbers: Mapping[str, int], current: str) -> dict[str, dict[str, int]]:
    """The months before `current` ('2026-11') whose figures are still on an org's gauges item, with them."""
    return {month: figures for month, figures in sorted(split_now(numbers)[1].items()) if month < current}


def in_period(month: str, period: str) -> bool:
    """Whether `month` ('2026-11') counts in `period`: that month, or its year ('2026')."""
    return month == period or (len(period) == 4 and month.startswith(period + "-"))


def periods(at: str | datetime) -> tuple[str, str]:
    """The year and the month (WITA) a moment counts in: ('2026', '2026-01')."""
    moment = datetime.fromisoformat(at) if isinstance(at, str) else at
    local = moment.astimezone(WITA)
    return f"{local.year:04d}", f"{local.year:04d}-{local.month:02d}"


def chosen_period(value: str | None, moment: datetime, *, field: str = "period",
                  year_allowed: bool = False) -> str:
    """The period a reader asked for ('2026-11', or '2026' where a year is allowed), this month by default;
    a malformed one or one after this month (WITA) is a 400 naming `field`.
    """
    year, month = periods(moment)
    if value is None:
        return month
    parts = value.split("-")
    well_formed = (len(parts) == 2 and len(parts[0]) == 4 and len(parts[1]) == 2 and all(p.isdigit() for p in parts)
                   and 1 <= int(parts[1]) <= 12) or (year_allowed and len(value) == 4 and value.isdigit())
    if not well_formed:
        raise ValidationFailed.field(field, "a month as YYYY-MM" + (" or a year as YYYY" if year_allowed else ""))
    if value[:4] < "2000" or value > (year if len(value) == 4 else month):
        raise ValidationFailed.field(field, "a period from 2000 up to this month")
    return value


def months_of(period: str, moment: datetime) -> list[str]:
    """The months of `period`'s year up to `moment`'s month (WITA): '2026-01' ... ."""
    year, month = periods(moment)
    last = int(month[5:]) if period[:4] == year else 12
    return [f"{period[:4]}-{m:02d}" for m in range(1, last + 1)]


def seconds_between(started: str, at: str) -> int:
    """Whole seconds from `started` to `at` (ISO 8601 with offsets; never negative: clocks of two services)."""
    return max(0, int((datetime.fromisoformat(at) - datetime.fromisoformat(started)).total_seconds()))


def timed(stage: Stage, started: str, at: str) -> dict[str, int]:
    """Period deltas of one timed transition of `stage`."""
    return {count_attr(stage): 1, seconds_attr(stage): seconds_between(started, at)}


def transition(kind: Kind, from_state: str | None, to_state: str | None,
               started: str | None = None, at: str | None = None) -> tuple[dict[str, int], dict[str, int]]:
    """(gauge deltas, period deltas) of a record of `kind` moving from one state to another.

    `from_state` None is a new record; the same state twice moves nothing. `started` is when the stage that
    this transition ends began (the record's creation or registration); with `at` it times that stage.
    """
    gauges: dict[str, int] = {}
    period: dict[str, int] = {}
    if from_state == to_state:
        return gauges, period
    left, entered = GAUGE_OF.get((kind, from_state or "")), GAUGE_OF.get((kind, to_state or ""))
    if left != entered:
        if left:
            gauges[left] = -1
        if entered:
            gauges[entered] = 1
    reached = THROUGHPUT_OF.get((kind, to_state or ""))
    if reached:
        period[reached] = 1
    stage = STAGE_OF.get((kind, from_state or "", to_state or ""))
    if stage and started and at:
        period.update(timed(stage, started, at))
        if stage is Stage.VERIFICATION and period[seconds_attr(stage)] <= ANSWER_DAYS * 86_400:
            period[ANSWERED_ON_TIME] = 1
    return gauges, period


def level_moves(left: Level | None, entered: Level | None) -> dict[str, int]:
    """Gauge deltas of a letter whose current step moves from a position of one level to another's."""
    if left == entered:
        return {}
    moves = {LEVEL_GAUGE + left.value: -1} if left else {}
    if entered:
        moves[LEVEL_GAUGE + entered.value] = 1
    return moves


def average(total: int, count: int) -> int | None:
    """Average seconds (rounded), or None when nothing was timed."""
    return round(total / count) if count else None


def period_view(period: str, figures: Mapping[str, int]) -> dict[str, Any]:
    """Throughput and turnaround of one period, as the dashboard shows them."""
    return {
        "period": period,
        "throughput": {name: int(figures.get(name, 0)) for name in THROUGHPUT},
        "turnaround": {
            stage.value: {"count": int(figures.get(count_attr(stage), 0)),
                          "total_seconds": int(figures.get(seconds_attr(stage), 0)),
                          "average_seconds": average(int(figures.get(seconds_attr(stage), 0)),
                                                     int(figures.get(count_attr(stage), 0)))}
            for stage in Stage
        },
    }


def backlog_view(gauges: Mapping[str, int], overdue_not_swept: int) -> dict[str, Any]:
    """The backlog now, as the dashboard shows it; overdue dispositions are those the sweep counted plus those
    past their deadline since its last run.
    """
    def g(name: str) -> int:
        return int(gauges.get(name, 0))

    return {
        "letters_in_review": g("letters_in_review"),
        "letters_waiting_by_level": {level.value: g(LEVEL_GAUGE + level.value) for level in Level},
        "submissions_awaiting_verification": g("submissions_awaiting_verification"),
        "submissions_returned": g("submissions_returned"),
        "incoming": {"registered": g("incoming_registered"), "disposed": g("incoming_disposed"),
                     "in_progress": g("incoming_in_progress")},
        "dispositions_open": g("dispositions_open"),
        "dispositions_overdue": g(OVERDUE_GAUGE) + overdue_not_swept,
    }


def monev_attr(org: str, name: str) -> str:
    """The province counter attribute of one org's figure (org codes never hold a '#')."""
    return f"{org}#{name}"


def monev_deltas(names: tuple[str, ...], deltas: Mapping[str, int]) -> dict[str, int]:
    """The province counter deltas mirroring an org's deltas of the monev figures or gauges `names`."""
    return {name: delta for name, delta in deltas.items() if name in names and delta}


def monev_row(org: str, figures: Mapping[str, int], gauges: Mapping[str, int]) -> dict[str, Any]:
    """One org's line of the monev table, from the province counters of a period and of now."""
    def f(name: str) -> int:
        return int(figures.get(monev_attr(org, name), 0))

    answered = f(count_attr(Stage.VERIFICATION))
    return {
        "org": org,
        "letters_drafted": f("letters_drafted"),
        "letters_signed": f("letters_signed"),
        "signing_average_seconds": average(f(seconds_attr(Stage.LETTER_SIGNING)), f(count_attr(Stage.LETTER_SIGNING))),
        "submissions_answered": answered,
        "submissions_answered_on_time": f(ANSWERED_ON_TIME),
        "answered_on_time_percent": round(100 * f(ANSWERED_ON_TIME) / answered) if answered else None,
        "dispositions_open": int(gauges.get(monev_attr(org, "dispositions_open"), 0)),
        "dispositions_overdue": int(gauges.get(monev_attr(org, OVERDUE_GAUGE), 0)),
    }
