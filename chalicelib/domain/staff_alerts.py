"""Staff alerts outside the app: preferences, quiet hours in WITA, channel choice, deep links, message text.

Pure rules: no AWS, no storage. Times are compared in WITA (UTC+8), the time the preferences are written in.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from enum import StrEnum
from typing import Any

from chalicelib.domain.errors import ValidationFailed
from chalicelib.domain.timefmt import WITA, iso


class Channel(StrEnum):
    """A way to reach a person outside the app (a new provider is one more value and one more adapter)."""

    EMAIL = "email"
    SMS = "sms"


class Kind(StrEnum):
    """What a notification is about, as a person chooses channels for it."""

    APPROVAL = "approval"
    DISPOSITION = "disposition"
    INCOMING = "incoming"
    LETTER = "letter"


# Notification types that reach people outside the app; any other type stays in the app only.
KIND_OF_TYPE: Mapping[str, Kind] = {
    "approval.requested": Kind.APPROVAL,
    "approval.escalated": Kind.APPROVAL,
    "approval.reminder": Kind.APPROVAL,
    "disposition.assigned": Kind.DISPOSITION,
    "disposition.overdue": Kind.DISPOSITION,
    "incoming.registered": Kind.INCOMING,
    "incoming.forwarded": Kind.INCOMING,
    "letter.sent": Kind.LETTER,
    "letter.received": Kind.LETTER,
}

# Web app pages (web/src/app/router.tsx) of each record type a notification points at.
PAGE_OF_RECORD: Mapping[str, str] = {
    "letter": "/surat/{id}",
    "disposition": "/disposisi/{id}",
    "incoming": "/surat-masuk/{id}",
}

HOUR_RE = re.compile(r"^([01]\d|2[0-3]):00$")
DEFAULT_CHANNELS: Mapping[Kind, frozenset[Channel]] = {kind: frozenset({Channel.EMAIL}) for kind in Kind}


@dataclass(frozen=True)
class Preferences:
    """One person's choices: channels per kind, quiet hours (whole hours, WITA) and the daily digest."""

    channels: Mapping[Kind, frozenset[Channel]] = field(default_factory=lambda: dict(DEFAULT_CHANNELS))
    quiet_start: str = "21:00"
    quiet_end: str = "06:00"
    digest: bool = True

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of the API and of storage."""
        return {"channels": {kind.value: sorted(c.value for c in self.channels.get(kind, frozenset()))
                             for kind in Kind},
                "quiet_hours": {"start": self.quiet_start, "end": self.quiet_end}, "digest": self.digest}


@dataclass(frozen=True)
class Contact:
    """Where a person can be reached (from the user record)."""

    username: str
    full_name: str
    email: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class Alert:
    """One notification to send to the people of a seat."""

    id: str
    type: str
    title: str
    body: str
    record_type: str
    record_id: str
    org: str
    position: str
    at: str  # ISO 8601 in WITA, when the notification was written


# How old an entry of the due index must be before a delivery claims it. An entry's position is the time its
# notification item was built (`due_position`), in the Lambda invocation that sends the write: an API request ends
# at 29 s (API Gateway) and every function's timeout is 30 s (.chalice/config.json), so the write is sent within
# 30 s of that time; a global secondary index shows it a fraction of a second later (eventually consistent). Two
# minutes leave 90 s more for a slow index: a delivery never moves its cursor past a position whose entry might
# still appear before it (Lambda clocks are NTP-synchronised, to milliseconds).
DUE_LAG = timedelta(minutes=2)


@dataclass(frozen=True)
class DueAlert:
    """A notification in the due index at `position` (the delivery's cursor moves along these)."""

    position: str
    alert: Alert


def due_position(written_at: datetime, alert_id: str) -> str:
    """Where a notification enters the due index: when its item is written (not its `at`: a resumed fan-out writes
    a copy's notification long after its time), then its id. Every position has the same length and printable
    characters (ISO time to the second in WITA, '#', a 32-hex id).
    """
    return f"{iso(written_at)}#{alert_id}"


def due_until(now: datetime) -> str:
    """The last position a delivery at `now` may claim: entries written at least `DUE_LAG` before."""
    return f"{iso(now - DUE_LAG)}#~"


def first_after(position: str) -> str:
    """The lowest bound that leaves out `position` and keeps every later one (positions all have the same length,
    so a later one differs from it before its end; ' ' sorts before any printable character).
    """
    return f"{position} "


@dataclass(frozen=True)
class HeldAlert:
    """An alert kept for one person until `release_at`: the end of their quiet hours, or the next run for the
    channels that failed (`channels`; None: those the person chooses when it is released).
    """

    username: str
    alert: Alert
    release_at: str
    channels: frozenset[Channel] | None = None


@dataclass(frozen=True)
class Message:
    """What a channel sends: a subject (e-mail) and a short text with the link."""

    subject: str
    text: str


def parse_preferences(data: Mapping[str, Any]) -> Preferences:
    """Preferences from their JSON shape; ValidationFailed names the first bad field."""
    raw_channels = data.get("channels", {})
    if not isinstance(raw_channels, Mapping):
        raise ValidationFailed.field("channels", "an object of kinds to lists of channels")
    channels = dict(DEFAULT_CHANNELS)
    for name, values in raw_channels.items():
        if name not in Kind.__members__.values():
            raise ValidationFailed.field(f"channels.{name}", f"unknown kind; use {', '.join(Kind)}")
        if not isinstance(values, list) or any(v not in Channel.__members__.values() for v in values):
            raise ValidationFailed.field(f"channels.{name}", f"a list of {', '.join(Channel)}")
        channels[Kind(name)] = frozenset(Channel(v) for v in values)
    quiet = data.get("quiet_hours", {"start": "21:00", "end": "06:00"})
    if not isinstance(quiet, Mapping):
        raise ValidationFailed.field("quiet_hours", "an object with start and end")
    for end in ("start", "end"):
        if not isinstance(quiet.get(end), str) or not HOUR_RE.match(quiet[end]):
            raise ValidationFailed.field(f"quiet_hours.{end}", "a whole hour in WITA, 00:00 to 23:00")
    digest = data.get("digest", True)
    if not isinstance(digest, bool):
        raise ValidationFailed.field("digest", "true or false")
    return Preferences(channels=channels, quiet_start=quiet["start"], quiet_end=quiet["end"], digest=digest)


def _hour(text: str) -> int:
    return int(text[:2])


def in_quiet_hours(prefs: Preferences, moment: datetime) -> bool:
    """`moment` falls in the quiet hours (start inclusive, end exclusive; they may run across midnight).

    Equal start and end mean no quiet hours.
    """
    start, end, hour = _hour(prefs.quiet_start), _hour(prefs.quiet_end), moment.astimezone(WITA).hour
    if start == end:
        return False
    if start < end:
        return start <= hour < end
    return hour >= start or hour < end


def quiet_hours_end(prefs: Preferences, moment: datetime) -> datetime:
    """The first moment after `moment` when the quiet hours are over (in WITA)."""
    local = moment.astimezone(WITA)
    end = datetime.combine(local.date(), time(_hour(prefs.quiet_end)), tzinfo=WITA)
    return end if end > local else end + timedelta(days=1)


def channels_for(prefs: Preferences, kind: Kind, contact: Contact,
                 reachable: Mapping[Channel, bool] | None = None) -> list[Channel]:
    """The channels to use for `kind`: chosen by the person and with an address in their record."""
    addresses = reachable if reachable is not None else {Channel.EMAIL: bool(contact.email),
                                                         Channel.SMS: bool(contact.phone)}
    return [c for c in Channel if c in prefs.channels.get(kind, frozenset()) and addresses.get(c, False)]


def deep_link(base_url: str, record_type: str, record_id: str) -> str:
    """The web app's page of the record (the notifications page for a record type without one)."""
    page = PAGE_OF_RECORD.get(record_type)
    path = page.format(id=record_id) if page else "/notifikasi"
    return f"{base_url.rstrip('/')}{path}"


def alert_message(alert: Alert, base_url: str) -> Message:
    """The e-mail subject and the text (SMS-short first line) of one alert, in Indonesian."""
    link = deep_link(base_url, alert.record_type, alert.record_id)
    return Message(subject=f"[Kantor Virtual] {alert.title}",
                   text=f"{alert.title}: {alert.body}\nBuka: {link}")


# ---------------------------------------------------------------- daily digest

LEADER_LEVELS = frozenset({"I", "II", "III"})  # echelons whose holders get the 07:00 digest by default
DIGEST_SHOWN = 10  # lines listed per section; the count covers them all


@dataclass(frozen=True)
class WorkItem:
    """One thing waiting for a leader: a letter to approve or a disposition to act on."""

    title: str
    record_type: str
    record_id: str
    overdue: bool = False


@dataclass(frozen=True)
class Digest:
    """What waits for a seat this morning."""

    approvals: list[WorkItem]
    unread: list[WorkItem]
    overdue: list[WorkItem]

    @property
    def empty(self) -> bool:
        """Nothing waits."""
        return not (self.approvals or self.unread or self.overdue)


def _section(heading: str, items: list[WorkItem], base_url: str) -> list[str]:
    if not items:
        return []
    lines = [f"{heading}: {len(items)}"]
    lines += [f"- {i.title}{' (terlambat)' if i.overdue else ''}: {deep_link(base_url, i.record_type, i.record_id)}"
              for i in items[:DIGEST_SHOWN]]
    return [*lines, ""]


def digest_message(full_name: str, digest: Digest, day_text: str, base_url: str) -> Message:
    """The morning e-mail of what waits, with counts and a link per item (Indonesian)."""
    counts = f"{len(digest.approvals)} paraf, {len(digest.unread)} disposisi belum dibaca, " \
             f"{len(digest.overdue)} terlambat"
    lines = [f"Selamat pagi, {full_name}.", f"Yang menunggu Anda pada {day_text}:", ""]
    lines += _section("Menunggu paraf atau tanda tangan", digest.approvals, base_url)
    lines += _section("Disposisi belum dibaca", digest.unread, base_url)
    lines += _section("Disposisi melewati batas waktu", digest.overdue, base_url)
    lines.append(f"Ubah pengaturan notifikasi: {base_url.rstrip('/')}/notifikasi/pengaturan")
    return Message(subject=f"[Kantor Virtual] Ringkasan harian: {counts}", text="\n".join(lines))
