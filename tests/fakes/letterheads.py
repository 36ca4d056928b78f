"""In-memory letterheads and logos (the letterhead service's storage ports)."""

from __future__ import annotations

from typing import Protocol

from chalicelib.domain.letterhead import Letterhead, Logo
from chalicelib.domain.org import Org


class OrgReader(Protocol):
    def get_org(self, code: str) -> Org: ...


class FakeLetterheads:
    def __init__(self, orgs: OrgReader) -> None:
        self.items: dict[str, Letterhead] = {}
        self.orgs = orgs

    def with_org(self, org: str) -> tuple[Letterhead | None, Org]:
        return self.items.get(org), self.orgs.get_org(org)

    def save(self, letterhead: Letterhead) -> None:
        self.items[letterhead.org] = letterhead


class FakeLogos:
    def __init__(self) -> None:
        self.images: dict[str, bytes] = {}

    def put(self, logo: Logo, data: bytes) -> None:
        self.images[logo.sha256] = data

    def get(self, sha256: str, content_type: str) -> bytes:
        return self.images[sha256]
