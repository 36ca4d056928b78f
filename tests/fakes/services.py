"""In-memory fakes of the letters' other ports: orgs, notifications, events, the approval state machine, the
KMS seal, buckets, the archive, classifications, distribution lists, counters and incoming registers.
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from chalicelib.adapters.dynamo import Page, Transaction
from chalicelib.adapters.files import StoredFile
from chalicelib.adapters.sequences import SequenceContention
from chalicelib.domain.archive import ArchiveEntry, RecordKind
from chalicelib.domain.classification import Classification, effective_table
from chalicelib.domain.distribution_lists import DistributionList
from chalicelib.domain.errors import Conflict, NotFound, ValidationFailed
from chalicelib.domain.incoming import IncomingLetter
from chalicelib.domain.letter_records import ExternalDelivery, Verification
from chalicelib.domain.monitoring import periods
from chalicelib.domain.org import Position, User
from tests.fakes.letters import page
from tests.fakes.transaction import staged


@dataclass
class FakeOrgRepo:
    """Positions and users by key."""

    positions: dict[tuple[str, str], Position] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)

    def get_position(self, org: str, code: str) -> Position:
        if (org, code) not in self.positions:
            raise NotFound("no such position")
        return self.positions[(org, code)]

    def get_user(self, username: str, *, consistent: bool = False) -> User:
        if username not in self.users:
            raise NotFound("no such user")
        return self.users[username]


@dataclass
class FakeNotificationRepo:
    """Every notification committed, in order. `fail_writes` makes the next writes once by key fail (a lost
    PutItem, after the change they announce committed).
    """

    sent: list[dict[str, Any]] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)  # of the notifications written once by key
    fail_writes: int = 0

    def add(self, tx: Transaction, recipients: list[str], *, type: str, title: str, body: str,  # noqa: A002
            record_type: str, record_id: str) -> None:
        rows = [{"recipient": r, "type": type, "title": title, "body": body, "record_id": record_id}
                for r in recipients]
        staged(tx).stage(lambda: self.sent.extend(rows))

    def add_once(self, recipient: str, key: str, at: str, *, type: str, title: str, body: str,  # noqa: A002
                 record_type: str, record_id: str) -> bool:
        if self.fail_writes:
            self.fail_writes -= 1
            raise RuntimeError("PutItem failed")
        if key in self.keys:
            return False
        self.keys.add(key)
        self.sent.append({"recipient": recipient, "type": type, "title": title, "body": body,
                          "record_id": record_id})
        return True

    def to(self, recipient: str) -> list[str]:
        """The types of the notifications a recipient got."""
        return [n["type"] for n in self.sent if n["recipient"] == recipient]

    def of(self, record_id: str) -> list[tuple[str, str, str]]:
        """(recipient, type, title) of every notification about a record, in order."""
        return [(n["recipient"], n["type"], n["title"]) for n in self.sent if n["record_id"] == record_id]


@dataclass
class FakeEvents:
    """Every event published, in order."""

    published: list[tuple[str, str | None, str, dict[str, Any]]] = field(default_factory=list)

    def publish(self, event_type: str, org: str | None, record_id: str, data: dict[str, Any]) -> bool:
        self.published.append((event_type, org, record_id, data))
        return True

    def types(self) -> list[str]:
        """The types published, in order."""
        return [p[0] for p in self.published]


class FakeWorkflow:
    """The approval state machine in memory: a timer per wait (a step, or a paraf koordinasi), started once by name
    (a name started before, running or stopped, is not started again) and ended by a stop. `fail_starts` makes the
    next starts fail (a lost StartExecution), `fail_stops` the next stops (a lost StopExecution).
    """

    def __init__(self) -> None:
        self.executions: dict[str, dict[str, Any]] = {}
        self.running: set[str] = set()
        self.stopped: list[str] = []
        self.fail_starts = 0
        self.fail_stops = 0

    def start(self, name: str, payload: dict[str, Any]) -> None:
        if self.fail_starts:
            self.fail_starts -= 1
            raise RuntimeError("StartExecution failed")
        if name in self.executions:
            return
        self.executions[name] = payload
        self.running.add(name)

    def stop(self, name: str, cause: str) -> None:
        if self.fail_stops:
            self.fail_stops -= 1
            raise RuntimeError("StopExecution failed")
        self.stopped.append(name)
        self.running.discard(name)


class FakeSigner:
    """A seal anyone can recompute: base64 of SHA-256 over the key id and the digest."""

    key_id = "fake-key"

    def sign(self, digest_hex: str) -> tuple[str, str]:
        return self._seal(digest_hex, self.key_id), self.key_id

    def verify(self, digest_hex: str, signature_b64: str, key_id: str | None = None) -> bool:
        return signature_b64 == self._seal(digest_hex, key_id or self.key_id)

    @staticmethod
    def _seal(digest_hex: str, key_id: str) -> str:
        return base64.b64encode(hashlib.sha256(f"{key_id}:{digest_hex}".encode()).digest()).decode()


@dataclass
class FakeFileStore:
    """Objects by key."""

    objects: dict[str, tuple[bytes, str]] = field(default_factory=dict)

    def presign_upload(self, key: str, content_type: str, max_bytes: int) -> dict[str, Any]:
        return {"url": f"https://bucket.test/{key}", "fields": {"key": key, "Content-Type": content_type}}

    def inspect(self, key: str, declared_type: str, max_bytes: int) -> StoredFile:
        if key not in self.objects:
            raise ValidationFailed.field("attachment", "the file was not uploaded")
        data = self.objects[key][0]
        return StoredFile(size=len(data), content_type=declared_type, sha256=hashlib.sha256(data).hexdigest())

    def delete(self, key: str) -> None:
        self.objects.pop(key, None)

    def put(self, key: str, data: bytes, content_type: str) -> None:
        self.objects[key] = (data, content_type)

    def exists(self, key: str) -> bool:
        return key in self.objects

    def get(self, key: str) -> bytes:
        if key not in self.objects:
            raise NotFound("no such file")
        return self.objects[key][0]

    def presign_download(self, key: str, filename: str, content_type: str) -> dict[str, Any]:
        return {"url": f"https://bucket.test/{key}?download={filename}", "expires_in": 300}


@dataclass
class FakeArchiveRepo:
    """Archive entries (with their search words), verification records and the paperless counters."""

    entries: dict[tuple[RecordKind, str], ArchiveEntry] = field(default_factory=dict)
    verifications: dict[str, Verification] = field(default_factory=dict)
    signed: Counter[str] = field(default_factory=Counter)

    def index(self, tx: Transaction, entry: ArchiveEntry) -> None:
        staged(tx).stage(lambda: self.entries.__setitem__((entry.kind, entry.id), entry))

    def index_once(self, entry: ArchiveEntry) -> bool:
        return self.entries.setdefault((entry.kind, entry.id), entry) is entry

    def set_hold(self, tx: Transaction, entry: ArchiveEntry, hold: bool, note: str | None) -> None:
        key = (entry.kind, entry.id)
        staged(tx).stage(lambda: self.entries.__setitem__(key, replace(self.entries[key], legal_hold=hold,
                                                                       hold_note=note)),
                         lambda: None if key in self.entries else NotFound("no such archived record"))

    def get(self, kind: RecordKind, record_id: str) -> ArchiveEntry:
        if (kind, record_id) not in self.entries:
            raise NotFound("no such archived record")
        return self.entries[(kind, record_id)]

    def add_verification(self, verification: Verification) -> None:
        if verification.code in self.verifications:
            raise Conflict("verification code taken")
        self.verifications[verification.code] = verification

    def verification(self, code: str) -> Verification:
        if code not in self.verifications:
            raise NotFound("no signed letter has this verification code")
        return self.verifications[code]

    def count_signed(self, tx: Transaction, org: str, *, pages: int, paperless_pages: int) -> None:
        staged(tx).stage(lambda: self.signed.update({f"{org}#letters": 1, f"{org}#pages": pages,
                                                     f"{org}#paperless": paperless_pages}))


@dataclass
class FakeClassificationRepo:
    """The built-in classification table."""

    codes: dict[str, Classification] = field(default_factory=lambda: effective_table([]))

    def table(self, *, fresh: bool = False) -> dict[str, Classification]:
        return dict(self.codes)


@dataclass
class FakeListRepo:
    """Distribution lists by id."""

    lists: dict[str, DistributionList] = field(default_factory=dict)

    def all(self) -> dict[str, DistributionList]:
        return dict(self.lists)


@dataclass
class FakeSequenceRepo:
    """Gap-free counters: a value is taken only if its transaction commits; a lost race is `SequenceContention`."""

    values: dict[str, int] = field(default_factory=dict)

    def reserve(self, name: str, tx: Transaction) -> int:
        current = self.values.get(name, 0)
        staged(tx).stage(lambda: self.values.__setitem__(name, current + 1),
                         lambda: SequenceContention(f"number {current + 1} of {name} was just taken")
                         if self.values.get(name, 0) != current else None)
        return current + 1


@dataclass
class FakeCounterRepo:
    """Monitoring counters by (org, item): `now` for gauges, a month ('2026-03') for figures."""

    counts: dict[tuple[str, str], Counter[str]] = field(default_factory=dict)

    def count(self, tx: Transaction, org: str, at: str, *, gauges: Mapping[str, int] | None = None,
              figures: Mapping[str, int] | None = None) -> None:
        def apply() -> None:
            if gauges:
                self.counts.setdefault((org, "now"), Counter()).update(gauges)
            if figures:
                self.counts.setdefault((org, periods(at)[1]), Counter()).update(figures)

        staged(tx).stage(apply)


@dataclass
class FakeIncomingRepo:
    """Incoming letters registered by sent letters, with each org's agenda numbers."""

    letters: dict[str, IncomingLetter] = field(default_factory=dict)
    agenda: Counter[str] = field(default_factory=Counter)

    def register(self, tx: Transaction, **fields: Any) -> IncomingLetter:
        """The incoming letter with the org's next agenda number (the adapter's keywords; `table` unused here)."""
        org = fields["org"]
        number = self.agenda[org] + 1
        names = ("source", "source_ref", "sender_name", "sender_org", "subject", "letter_number", "letter_date",
                 "classification", "security", "urgency", "addressed_to", "tracking_code")
        letter = IncomingLetter(id=fields.get("incoming_id") or f"in-{org}-{number}", org=org,
                                agenda_number=f"{number}/{org}", received_at=fields.get("letter_date") or "",
                                **{name: fields.get(name) for name in names})

        def apply() -> None:
            self.agenda[org] = number
            self.letters[letter.id] = letter

        def check() -> Conflict | None:
            if letter.id in self.letters:
                return Conflict("someone else changed this record at the same time")
            return Conflict("agenda number taken") if self.agenda[org] >= number else None

        staged(tx).stage(apply, check)
        return letter

    def get(self, incoming_id: str) -> IncomingLetter:
        if incoming_id not in self.letters:
            raise NotFound("no such incoming letter")
        return self.letters[incoming_id]


@dataclass
class FakeDispatchRepo:
    """External deliveries by (letter, id); writes conditional like the adapter's."""

    deliveries: dict[tuple[str, str], ExternalDelivery] = field(default_factory=dict)

    def list(self, letter_id: str) -> list[ExternalDelivery]:
        return [d for (lid, _), d in sorted(self.deliveries.items()) if lid == letter_id]

    def by_state(self, org: str, state: str, limit: int, cursor: str | None) -> Page[ExternalDelivery]:
        rows = [d for d in self.deliveries.values() if d.org == org and d.channel == "manual" and d.state == state]
        return page(rows, limit, cursor)

    def add(self, delivery: ExternalDelivery, at: datetime) -> bool:
        key = (delivery.letter_id, delivery.id)
        if key in self.deliveries:
            return False
        self.deliveries[key] = replace(delivery, version=1)
        return True

    def mark_sent(self, delivery: ExternalDelivery, at: str, message_id: str) -> None:
        key = (delivery.letter_id, delivery.id)
        current = self.deliveries[key]
        self.deliveries[key] = replace(current, state="sent", sent_at=at, message_id=message_id,
                                       attempts=current.attempts + 1, version=current.version + 1)

    def mark_dispatched(self, letter_id: str, delivery_id: str, *, by: str, at: datetime, via: str,
                        receipt: str | None, note: str | None) -> ExternalDelivery:
        current = self.deliveries.get((letter_id, delivery_id))
        if current is None:
            raise NotFound("no such delivery", details={"field": "delivery_id"})
        if current.state != "pending":
            raise Conflict(f"this delivery is already {current.state}", details={"state": current.state})
        marked = replace(current, state="dispatched", dispatched_at=at.isoformat(), dispatched_by=by, via=via,
                         receipt=receipt, note=note, version=current.version + 1)
        self.deliveries[(letter_id, delivery_id)] = marked
        return marked
