"""Monitoring rules: periods in WITA, which counters a transition moves, timing and averages."""

from __future__ import annotations

from datetime import datetime

import pytest

from chalicelib.domain.errors import ValidationFailed
from chalicelib.domain.monitoring import (
    ANSWERED_ON_TIME,
    MONEV_FIGURES,
    MONEV_GAUGES,
    OVERDUE_GAUGE,
    Kind,
    Stage,
    average,
    backlog_view,
    chosen_period,
    in_period,
    level_moves,
    monev_deltas,
    monev_row,
    month_attr,
    months_of,
    months_to_move,
    period_view,
    periods,
    seconds_between,
    split_now,
    timed,
    transition,
)
from chalicelib.domain.org import Level
from chalicelib.domain.timefmt import WITA


def test_a_moment_counts_in_the_wita_month_and_year_even_when_utc_is_still_in_the_old_year():
    assert periods("2025-12-31T16:30:00+00:00") == ("2026", "2026-01")
    assert periods("2026-03-31T23:59:59+08:00") == ("2026", "2026-03")


def test_seconds_between_two_offsets_are_exact_and_never_negative():
    assert seconds_between("2026-01-05T08:00:00+08:00", "2026-01-05T01:30:00Z") == 5400
    assert seconds_between("2026-01-05T08:00:01+08:00", "2026-01-05T08:00:00+08:00") == 0


def test_a_new_submission_waits_for_verification_and_counts_as_received():
    assert transition(Kind.SUBMISSION, None, "received") == ({"submissions_awaiting_verification": 1},
                                                             {"submissions_received": 1})


def test_returning_a_submission_moves_it_to_the_senders_backlog_without_ending_verification():
    assert transition(Kind.SUBMISSION, "received", "returned", "2026-01-05T08:00:00+08:00",
                      "2026-01-05T09:00:00+08:00") == (
        {"submissions_awaiting_verification": -1, "submissions_returned": 1}, {"submissions_returned": 1})


def test_accepting_a_resubmitted_submission_times_verification_from_its_receipt():
    gauges, figures = transition(Kind.SUBMISSION, "resubmitted", "accepted", "2026-01-05T08:00:00+08:00",
                                 "2026-01-06T08:00:00+08:00")
    assert gauges == {"submissions_awaiting_verification": -1}
    assert figures == {"submissions_accepted": 1, "verification_count": 1, "verification_seconds": 86400,
                       ANSWERED_ON_TIME: 1}


def test_a_disposition_read_stays_open_and_the_same_state_twice_moves_nothing():
    assert transition(Kind.DISPOSITION, "assigned", "read") == ({}, {})
    assert transition(Kind.INCOMING, "disposed", "disposed") == ({}, {})


def test_the_first_disposition_moves_an_incoming_letter_and_times_its_wait():
    gauges, figures = transition(Kind.INCOMING, "registered", "disposed", "2026-01-05T08:00:00+08:00",
                                 "2026-01-05T08:10:00+08:00")
    assert gauges == {"incoming_registered": -1, "incoming_disposed": 1}
    assert figures == {"first_disposition_count": 1, "first_disposition_seconds": 600}


def test_a_letter_moving_between_steps_moves_between_levels():
    assert level_moves(Level.IV, Level.III) == {"letters_waiting_at_level_IV": -1, "letters_waiting_at_level_III": 1}
    assert level_moves(None, Level.II) == {"letters_waiting_at_level_II": 1}
    assert level_moves(Level.III, Level.III) == {}


def test_the_average_is_total_over_count_and_none_without_a_timed_transition():
    assert average(7, 2) == 4 and average(0, 0) is None
    view = period_view("2026-01", {**timed(Stage.DISPOSITION, "2026-01-05T08:00:00+08:00",
                                           "2026-01-05T09:00:00+08:00"), "dispositions_done": 1})
    assert view["turnaround"]["disposition"] == {"count": 1, "total_seconds": 3600, "average_seconds": 3600}
    assert view["turnaround"]["letter_signing"]["average_seconds"] is None
    assert view["throughput"]["dispositions_done"] == 1 and view["throughput"]["letters_signed"] == 0


def test_the_backlog_shows_missing_gauges_as_zero():
    view = backlog_view({"dispositions_open": 2}, overdue_not_swept=1)
    assert view["dispositions_open"] == 2 and view["dispositions_overdue"] == 1
    assert view["incoming"] == {"registered": 0, "disposed": 0, "in_progress": 0}


def test_overdue_dispositions_are_the_swept_gauge_plus_those_due_since_the_sweep():
    from chalicelib.domain.monitoring import OVERDUE_GAUGE

    assert backlog_view({OVERDUE_GAUGE: 9998}, overdue_not_swept=2)["dispositions_overdue"] == 10000


def test_a_submission_answered_within_fourteen_days_counts_as_on_time_and_a_later_one_does_not():
    received = "2026-03-01T08:00:00+08:00"
    _, on_time = transition(Kind.SUBMISSION, "received", "accepted", received, "2026-03-15T08:00:00+08:00")
    _, late = transition(Kind.SUBMISSION, "resubmitted", "rejected", received, "2026-03-15T08:00:01+08:00")
    assert on_time[ANSWERED_ON_TIME] == 1 and ANSWERED_ON_TIME not in late
    assert late["verification_count"] == 1


def test_the_province_mirrors_only_the_monev_figures_that_moved():
    deltas = {"letters_signed": 1, "submissions_received": 1, OVERDUE_GAUGE: -1, "dispositions_open": 0}
    assert monev_deltas((*MONEV_FIGURES, *MONEV_GAUGES), deltas) == {"letters_signed": 1, OVERDUE_GAUGE: -1}


def test_a_monev_line_averages_the_signing_time_and_rounds_the_share_answered_on_time():
    figures = {"DINKES#letters_signed": 2, "DINKES#letter_signing_count": 2, "DINKES#letter_signing_seconds": 301,
               "DINKES#verification_count": 3, f"DINKES#{ANSWERED_ON_TIME}": 2}
    line = monev_row("DINKES", figures, {f"DINKES#{OVERDUE_GAUGE}": 4})
    assert line["signing_average_seconds"] == 150 and line["answered_on_time_percent"] == 67
    assert line["dispositions_overdue"] == 4 and line["letters_drafted"] == 0
    assert monev_row("DINSOS", figures, {})["answered_on_time_percent"] is None


@pytest.mark.parametrize(("value", "expected"), [(None, "2026-12"), ("2026-01", "2026-01"), ("2025-12", "2025-12")])
def test_a_reader_picks_a_month_up_to_this_one(value, expected):
    assert chosen_period(value, datetime(2026, 12, 3, 10, tzinfo=WITA)) == expected


@pytest.mark.parametrize("value", ["2027-01", "2026-00", "2026", "1999-12", "2026-1"])
def test_a_month_after_this_one_or_malformed_is_refused(value):
    with pytest.raises(ValidationFailed):
        chosen_period(value, datetime(2026, 12, 3, 10, tzinfo=WITA))


def test_a_past_year_shows_twelve_months_and_this_year_up_to_this_month():
    moment = datetime(2026, 3, 3, 10, tzinfo=WITA)
    assert months_of("2025-06", moment)[-1] == "2025-12" and len(months_of("2025-06", moment)) == 12
    assert months_of("2026-02", moment) == ["2026-01", "2026-02", "2026-03"]
    assert chosen_period("2026", moment, year_allowed=True) == "2026"


def test_a_running_month_s_figure_is_named_by_figure_and_month_beside_the_gauges():
    numbers = {"letters_in_review": 2, month_attr("letters_signed", "2026-11"): 3,
               month_attr("letter_signing_seconds", "2026-12"): 60, month_attr("letters_signed", "2026-12"): 1}
    assert month_attr("letters_signed", "2026-11") == "letters_signed@2026-11"
    assert split_now(numbers) == ({"letters_in_review": 2}, {
        "2026-11": {"letters_signed": 3}, "2026-12": {"letter_signing_seconds": 60, "letters_signed": 1}})


def test_only_the_months_before_the_current_one_move_and_gauges_never_do():
    numbers = {"dispositions_open": 4, month_attr("letters_drafted", "2025-12"): 1,
               month_attr("letters_drafted", "2026-01"): 2, month_attr("letters_drafted", "2026-02"): 5}
    assert months_to_move(numbers, "2026-02") == {"2025-12": {"letters_drafted": 1}, "2026-01": {"letters_drafted": 2}}
    assert months_to_move(numbers, "2025-12") == {}
    assert months_to_move({"dispositions_open": 4}, "2026-02") == {}


def test_a_month_counts_in_itself_and_in_its_year_only():
    assert in_period("2026-03", "2026-03") and in_period("2026-03", "2026")
    assert not in_period("2026-03", "2026-04") and not in_period("2026-03", "2025") and not in_period("2026-03", "202")
