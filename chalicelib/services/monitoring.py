"""Monitoring: the counters of letters' review (moved inside the letter use cases' transactions) and the
dashboard's figures. Submissions, incoming letters and dispositions are counted by their repositories where
their transition is written (adapters/monitoring_repo.py); rules in domain/monitoring.py.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from chalicelib.adapters import disposition_repo, monitoring_repo
from chalicelib.adapters.dynamo import Transaction
from chalicelib.domain.errors import Forbidden
from chalicelib.domain.identity import Principal
from chalicelib.domain.letter_records import ReviewStep
from chalicelib.domain.letters import Decision, Letter, LetterState, Step
from chalicelib.domain.monitoring import (
    Kind,
    Stage,
    backlog_view,
    chosen_period,
    level_moves,
    monev_row,
    months_of,
    period_view,
    periods,
    timed,
    transition,
)
from chalicelib.domain.timefmt import iso
from chalicelib.services.letters_ports import CounterRepo


class ReviewCounters:
    """The counters a letter's drafting, review and signing move, inside the use case's transaction."""

    def __init__(self, counter_repo: CounterRepo) -> None:
        self.counter_repo = counter_repo

    def drafted(self, tx: Transaction, letter: Letter) -> None:
        """A new draft: counted in its month's and year's letters drafted (the org's and the province's monev)."""
        _, figures = transition(Kind.LETTER, None, letter.state.value)
        self.counter_repo.count(tx, letter.org, letter.created_at, figures=figures)

    def submitted(self, tx: Transaction, before: Letter, submitted: Letter, at: str) -> None:
        """A review round starts: one more letter in review, waiting at the level of its first step."""
        gauges, figures = transition(Kind.LETTER, before.state.value, submitted.state.value)
        gauges.update(level_moves(None, submitted.steps[0].level))
        self.counter_repo.count(tx, submitted.org, at, gauges=gauges, figures=figures)

    def decided(self, tx: Transaction, letter: Letter, step: Step, decision: Decision, new_state: LetterState,
                stored: ReviewStep, at: str) -> None:
        """A reviewer decided `step`: the letter waits at the next step's level, or leaves review; the step is
        timed.
        """
        gauges, figures = transition(Kind.LETTER, letter.state.value, new_state.value)
        following = letter.steps[step.index] if decision is Decision.APPROVE else None
        gauges.update(level_moves(step.level, following.level if following else None))
        figures.update(timed(Stage.REVIEW_STEP, stored.started, at))
        self.counter_repo.count(tx, letter.org, at, gauges=gauges, figures=figures)

    def paraf_revised(self, tx: Transaction, letter: Letter, step: Step, at: str) -> None:
        """A coordinator asked for revision during the paraf koordinasi of `step`: the letter leaves review, where it
        waited at the level of the step after `step` (as `decided` counted the approval asking for the paraf).
        """
        gauges, figures = transition(Kind.LETTER, letter.state.value, LetterState.REVISION_REQUESTED.value)
        following = next((s for s in letter.steps if s.index == step.index + 1), None)
        gauges.update(level_moves(following.level if following else None, None))
        self.counter_repo.count(tx, letter.org, at, gauges=gauges, figures=figures)

    def signed(self, tx: Transaction, letter: Letter, stored: ReviewStep | None, at: str) -> None:
        """A letter is signed: it leaves review (if it had a chain), its signing step and its round are timed."""
        gauges, figures = transition(Kind.LETTER, letter.state.value, LetterState.SIGNED.value)
        if stored is None:  # the drafter signs at once: the round is submitted and signed in the same moment
            figures.update(timed(Stage.LETTER_SIGNING, at, at))
        else:
            step = next(s for s in letter.steps if s.index == stored.index)
            gauges.update(level_moves(step.level, None))
            figures.update(timed(Stage.REVIEW_STEP, stored.started, at))
            figures.update(timed(Stage.LETTER_SIGNING, stored.requested_at, at))
        self.counter_repo.count(tx, letter.org, at, gauges=gauges, figures=figures)


def dashboard_figures(org: str, moment: datetime, period: str | None = None) -> dict[str, Any]:
    """An org's dashboard at `moment`: paperless totals, backlog now, the chosen month's (this month by default,
    WITA) and its year's throughput and turnaround, and each month of that year — one BatchGet of its counter
    items (the overdue gauge among them) and one COUNT Query of the dispositions that fell due since the sweep
    last ran.
    """
    month = chosen_period(period, moment)
    months = months_of(month, moment)
    counters = monitoring_repo.read(org, month, months)
    totals, backlog = counters["#DASHBOARD"], backlog_view(counters["now"], disposition_repo.count_overdue_not_swept(
        org, iso(moment)))
    return {
        "org": org, "as_of": iso(moment),
        **{name: totals.get(name, 0) for name in ("signed_letters", "pdf_pages", "paperless_pages")},
        "letters_in_review": backlog["letters_in_review"],
        "backlog": backlog,
        "month": period_view(month, counters[month]),
        "year": period_view(month[:4], counters["year"]),
        "months": [period_view(m, counters[m]) for m in months],
    }


def monev(principal: Principal, period: str | None, moment: datetime) -> dict[str, Any]:
    """Every org side by side for the province admin and the auditor: letters drafted and signed, signing
    turnaround, submissions answered on time in a month or year (WITA), dispositions open and overdue now —
    two Queries of the province's counter items whatever the number of orgs.
    """
    if not principal.reads_every_org:
        raise Forbidden("monev is for the province-wide admin and the auditor")
    chosen = chosen_period(period, moment, year_allowed=True)
    figures, gauges = monitoring_repo.read_province(chosen)
    orgs = sorted({name.split("#", 1)[0] for name in (*figures, *gauges)})
    return {"period": chosen, "as_of": iso(moment), "orgs": [monev_row(org, figures, gauges) for org in orgs]}


def roll_months(moment: datetime) -> dict[str, int]:
    """Move each org's figures of the months before `moment`'s (WITA) from its gauges item to its month items
    (the daily schedule; readers add both, so the figures read stay the same).
    """
    return monitoring_repo.roll_months(periods(moment)[1])
