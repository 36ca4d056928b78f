"""In-memory letterheads and logos (the letterhead service's storage ports)."""

from __future__ import annotations

from chalicelib.domain.letterhead import Letterhead, Logo


class FakeLetterheads:
    def __init__(self) -> None:
        self.items: dict[str, Letterhead] = {}

    def get(self, org: str) -> Letterhead | None:
        return self.items.get(org)

    def save(self, letterhead: Letterhead) -> None:
        self.items[letterhead.org] = letterhead


class FakeLogos:
    def __init__(self) -> None:
        self.images: dict[str, bytes] = {}

    def put(self, logo: Logo, data: bytes) -> None:
        self.images[logo.sha256] = data

    def get(self, sha256: str, content_type: str) -> bytes:
        return self.images[sha256]
