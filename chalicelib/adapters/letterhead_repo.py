"""Org letterheads in DynamoDB (one item in the org's partition) and their logos in the archive bucket.

A logo is stored under its SHA-256 and never replaced: a signed letter names its logo by digest, so the archive
copy of the letter can be rendered again years later from the same image (Object Lock keeps it in production).
"""

from __future__ import annotations

from typing import Any

from pynamodb.attributes import JSONAttribute, UnicodeAttribute

from chalicelib.adapters.dynamo import Item, register
from chalicelib.adapters.files import FileStore
from chalicelib.adapters.org_items import OrgItem, org_key, org_of
from chalicelib.domain.errors import NotFound
from chalicelib.domain.letterhead import JPEG, Letterhead, Logo
from chalicelib.domain.org import Org

LETTERHEAD_SK = "#LETTERHEAD"
ORG_SK = org_key("-")[1]  # the org's own item: sorts right after the letterhead


def letterhead_key(org: str) -> tuple[str, str]:
    """An org's letterhead, beside the org's own item."""
    return org_key(org)[0], LETTERHEAD_SK


def logo_key(sha256: str, content_type: str) -> str:
    """Where a logo image is kept in the archive bucket: named by its content."""
    return f"letterheads/logos/{sha256}.{'jpg' if content_type == JPEG else 'png'}"


@register
class LetterheadItem(Item):
    """The lines and logo an org's letters print in their letterhead."""

    org = UnicodeAttribute()
    government = UnicodeAttribute()
    org_name = UnicodeAttribute()
    address = UnicodeAttribute()
    contact = UnicodeAttribute(null=True)
    balinese = UnicodeAttribute(null=True)
    logo = JSONAttribute(null=True)
    updated_at = UnicodeAttribute(null=True)
    updated_by = UnicodeAttribute(null=True)


def _letterhead(item: LetterheadItem) -> Letterhead:
    logo: dict[str, Any] | None = item.logo
    return Letterhead(org=item.org, government=item.government, org_name=item.org_name, address=item.address,
                      contact=item.contact, balinese=item.balinese, logo=Logo(**logo) if logo else None,
                      updated_at=item.updated_at, updated_by=item.updated_by)


@register
class LetterheadOrOrgItem(Item):
    """The letterhead and the org's own item, side by side in the org's partition (`#LETTERHEAD`, `#ORG`), read in
    one Query: each comes back as its own item class.
    """

    @classmethod
    def from_raw_data(cls, data: dict[str, Any]) -> Any:
        """The letterhead or org item that `data` is."""
        sk = data.get("sk", {}).get("S", "")
        kind = LetterheadItem if sk == LETTERHEAD_SK else OrgItem if sk == ORG_SK else None
        return kind.from_raw_data(data) if kind else super().from_raw_data(data)


class LetterheadRepository:
    """Reads and writes of org letterheads (one Query, one PutItem)."""

    def with_org(self, org: str) -> tuple[Letterhead | None, Org]:
        """The org's own letterhead (None when it never set one) and the org's details, in one Query."""
        own: Letterhead | None = None
        details: Org | None = None
        for item in LetterheadOrOrgItem.query(org_key(org)[0], LetterheadOrOrgItem.sk.between(LETTERHEAD_SK, ORG_SK)):
            if isinstance(item, LetterheadItem):
                own = _letterhead(item)
            elif isinstance(item, OrgItem):
                details = org_of(item)
        if details is None:
            raise NotFound(f"no org {org}")
        return own, details

    def save(self, letterhead: Letterhead) -> None:
        """Store the org's letterhead (the last write wins: it is one admin's setting)."""
        logo = letterhead.logo
        LetterheadItem(*letterhead_key(letterhead.org), org=letterhead.org, government=letterhead.government,
                       org_name=letterhead.org_name, address=letterhead.address, contact=letterhead.contact,
                       balinese=letterhead.balinese, updated_at=letterhead.updated_at,
                       updated_by=letterhead.updated_by,
                       logo={"sha256": logo.sha256, "content_type": logo.content_type, "width": logo.width,
                             "height": logo.height} if logo else None).save()


class LogoStore:
    """Logo images in the archive bucket, by digest."""

    def __init__(self, archive: FileStore) -> None:
        self.archive = archive

    def put(self, logo: Logo, data: bytes) -> None:
        """Keep a checked logo (once: the same image is the same object)."""
        key = logo_key(logo.sha256, logo.content_type)
        if not self.archive.exists(key):
            self.archive.put(key, data, logo.content_type)

    def get(self, sha256: str, content_type: str) -> bytes:
        """A kept logo's bytes."""
        return self.archive.get(logo_key(sha256, content_type))
