from datetime import date

import pytest

from chalicelib.domain.errors import ValidationFailed
from chalicelib.domain.retention import FinalAction, RetentionRule, is_action_due, retention_dates


def test_due_dates_count_active_then_inactive_years_from_the_record_date():
    dates = retention_dates(date(2026, 11, 29), RetentionRule(2, 3, FinalAction.MUSNAH))
    assert dates.inactive_from == date(2028, 11, 29)
    assert dates.action_due == date(2031, 11, 29)
    assert dates.final_action is FinalAction.MUSNAH


def test_a_leap_day_record_falls_due_on_28_february():
    dates = retention_dates(date(2028, 2, 29), RetentionRule(1, 0, FinalAction.PERMANEN))
    assert dates.inactive_from == date(2029, 2, 28) == dates.action_due


def test_the_action_is_due_on_its_date_unless_a_legal_hold_blocks_it():
    dates = retention_dates(date(2020, 1, 1), RetentionRule(2, 3, FinalAction.MUSNAH))
    assert not is_action_due(dates, date(2024, 12, 31), legal_hold=False)
    assert is_action_due(dates, date(2025, 1, 1), legal_hold=False)
    assert not is_action_due(dates, date(2030, 1, 1), legal_hold=True)


def test_negative_years_are_refused():
    with pytest.raises(ValidationFailed):
        RetentionRule(-1, 2, FinalAction.MUSNAH)
