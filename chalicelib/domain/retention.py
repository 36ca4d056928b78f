"""Retention schedule (Jadwal Retensi Arsip, JRA): how long a record stays active, then inactive, and what
happens after — destroyed (*musnah*) or kept for good (*permanen*).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from chalicelib.domain.errors import ValidationFailed


class FinalAction(StrEnum):
    """What the archive does when the inactive period ends."""

    MUSNAH = "musnah"
    PERMANEN = "permanen"
    DINILAI_KEMBALI = "dinilai_kembali"  # appraised again by the archivist when the inactive period ends


@dataclass(frozen=True)
class RetentionRule:
    """Active and inactive years of one classification and its final action."""

    active_years: int
    inactive_years: int
    final_action: FinalAction

    def __post_init__(self) -> None:
        if self.active_years < 0 or self.inactive_years < 0:
            raise ValidationFailed.field("retention", "years cannot be negative")


@dataclass(frozen=True)
class RetentionDates:
    """When a record moves to the inactive archive and when its final action is due."""

    inactive_from: date
    action_due: date
    final_action: FinalAction


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


def retention_dates(record_date: date, rule: RetentionRule) -> RetentionDates:
    """Due dates counted from the record's date (signing or registration)."""
    inactive_from = _add_years(record_date, rule.active_years)
    return RetentionDates(inactive_from=inactive_from,
                          action_due=_add_years(inactive_from, rule.inactive_years),
                          final_action=rule.final_action)


def is_action_due(dates: RetentionDates, today: date, legal_hold: bool) -> bool:
    """The final action may be taken: its date has come and no legal hold blocks it."""
    return not legal_hold and today >= dates.action_due
