"""Dates as letters write them, in Bali time (WITA, UTC+8)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from chalicelib.domain.timefmt import WITA, indonesian_date, iso, now_wita


def test_a_date_is_written_day_month_name_year() -> None:
    assert indonesian_date(date(2026, 11, 29)) == "29 November 2026"


def test_single_digit_days_have_no_leading_zero() -> None:
    assert indonesian_date(date(2026, 1, 5)) == "5 Januari 2026"


def test_every_month_has_its_indonesian_name() -> None:
    names = [indonesian_date(date(2026, m, 1)).split()[1] for m in range(1, 13)]
    assert names == ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
                     "Oktober", "November", "Desember"]


def test_a_utc_moment_after_four_pm_is_already_the_next_day_in_bali() -> None:
    assert indonesian_date(datetime(2026, 11, 28, 16, 30, tzinfo=UTC)) == "29 November 2026"


def test_a_utc_moment_before_four_pm_is_still_the_same_day_in_bali() -> None:
    assert indonesian_date(datetime(2026, 11, 28, 15, 59, tzinfo=UTC)) == "28 November 2026"


def test_new_year_arrives_in_bali_eight_hours_before_utc() -> None:
    assert indonesian_date(datetime(2026, 12, 31, 16, 0, tzinfo=UTC)) == "1 Januari 2027"


def test_timestamps_carry_the_wita_offset() -> None:
    assert iso(datetime(2026, 11, 28, 16, 30, 15, 999, tzinfo=UTC)) == "2026-11-29T00:30:15+08:00"


def test_now_is_in_wita() -> None:
    assert now_wita().utcoffset() == WITA.utcoffset(None)
