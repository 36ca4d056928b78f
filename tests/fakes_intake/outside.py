"""In-memory fakes of what the intake use cases read or call outside their own records: orgs, the
classification table, files, events and messages to senders.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from chalicelib.adapters.dynamo import Page
from chalicelib.domain.classification import Table, effective_table
from chalicelib.domain.errors import NotFound, PayloadTooLarge, ValidationFailed
from chalicelib.domain.org import Org, Position, Unit
from tests.fakes_intake.store import page


@dataclass
class FakeOrgRepo:
    """Orgs, units and positions given by the test."""

    orgs: dict[str, Org] = field(default_factory=dict)
    units: list[Unit] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)

    def get_org(self, code: str) -> Org:
        """One org or NotFound."""
        if code not in self.orgs:
            raise NotFound("no such org")
        return self.orgs[code]

    def list_orgs(self, limit: int, cursor: str | None) -> Page[Org]:
        """Orgs by code."""
        return page(sorted(self.orgs.values(), key=lambda o: o.code), limit, cursor)

    def list_units(self, org: str, limit: int, cursor: str | None) -> Page[Unit]:
        """An org's units."""
        return page([u for u in self.units if u.org == org], limit, cursor)

    def list_positions(self, org: str, limit: int, cursor: str | None) -> Page[Position]:
        """An org's positions."""
        return page([p for p in self.positions if p.org == org], limit, cursor)


@dataclass
class FakeClassificationRepo:
    """A fixed classification table (the default one unless a test gives another)."""

    entries: Table = field(default_factory=lambda: effective_table([]))

    def table(self, *, fresh: bool = False) -> Table:
        """The table."""
        return self.entries


@dataclass(frozen=True)
class FakeStoredFile:
    """What the checks found."""

    size: int
    content_type: str
    sha256: str


@dataclass
class FakeFiles:
    """A bucket: `upload()` stands for the client's presigned POST; `inspect` checks what arrived."""

    objects: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    presigned: list[str] = field(default_factory=list)

    def upload(self, key: str, data: bytes, content_type: str) -> None:
        """The client uploads `data` (its real type `content_type`) to `key`."""
        self.objects[key] = (data, content_type)

    def presign_upload(self, key: str, content_type: str, max_bytes: int) -> dict[str, Any]:
        """A presigned POST (the key is the only field the tests need)."""
        self.presigned.append(key)
        return {"url": "https://files.test/upload", "fields": {"key": key, "Content-Type": content_type}}

    def inspect(self, key: str, declared_type: str, max_bytes: int) -> FakeStoredFile:
        """The same checks and errors as adapters.files.FileStore.inspect."""
        if key not in self.objects:
            raise NotFound("the file was not uploaded (or the upload expired)", details={"field": "file"})
        data, actual = self.objects[key]
        if len(data) > max_bytes:
            raise PayloadTooLarge("the file is too large", details={"field": "file"})
        if not data:
            raise ValidationFailed.field("file", "the file is empty")
        if actual != declared_type:
            raise ValidationFailed.field("file", f"the content is {actual}, not the declared {declared_type}")
        return FakeStoredFile(size=len(data), content_type=actual, sha256=hashlib.sha256(data).hexdigest())

    def delete(self, key: str) -> None:
        """Remove an object."""
        self.objects.pop(key, None)

    def presign_download(self, key: str, filename: str, content_type: str) -> dict[str, Any]:
        """A short-lived link."""
        return {"url": f"https://files.test/{key}", "expires_in": 300}


@dataclass
class FakeEvents:
    """Events published, in order."""

    published: list[dict[str, Any]] = field(default_factory=list)

    def publish(self, event_type: str, org: str | None, record_id: str, data: dict[str, Any]) -> bool:
        """Keep the event."""
        self.published.append({"type": event_type, "org": org, "record_id": record_id, "data": data})
        return True

    def types(self) -> list[str]:
        """The types published, in order."""
        return [e["type"] for e in self.published]


@dataclass
class FakeSenderMessages:
    """Emails and SMS sent."""

    emails: list[tuple[str, str, str]] = field(default_factory=list)
    sms_sent: list[tuple[str, str]] = field(default_factory=list)

    def email(self, to: str, subject: str, text: str) -> None:
        """Keep the email."""
        self.emails.append((to, subject, text))

    def sms(self, phone_e164: str, text: str) -> None:
        """Keep the SMS."""
        self.sms_sent.append((phone_e164, text))
