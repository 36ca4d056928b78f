"""Time in Bali (WITA, UTC+8) and dates written the Indonesian way."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

WITA = timezone(timedelta(hours=8), "WITA")

MONTHS_ID = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)


def now_wita() -> datetime:
    """The current time in WITA."""
    return datetime.now(WITA)


def iso(moment: datetime) -> str:
    """ISO 8601 with the WITA offset, to the second."""
    return moment.astimezone(WITA).isoformat(timespec="seconds")


def indonesian_date(day: date | datetime) -> str:
    """'29 November 2026' — the form used in letters."""
    if isinstance(day, datetime):
        day = day.astimezone(WITA).date()
    return f"{day.day} {MONTHS_ID[day.month - 1]} {day.year}"
