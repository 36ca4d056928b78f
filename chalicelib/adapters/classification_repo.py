"""The admin's entries of the classification table, and the effective table cached per container.

Stored entries live in one partition (pk `CLASSIFICATION`, sk = the code): reading the effective table is one
Query of it, merged over the built-in table. Drafting, editing and signing letters and registering incoming
letters all need the table, so each container keeps it for `CACHE_SECONDS`: a change made in another container
is seen within that time; one made in this container at once. Every change is also kept as a change item
(pk `CLASSIFICATION#CHANGES`, sk `{at}#{code}#{version}`) written in the same transaction: who changed what, when.
"""

from __future__ import annotations

from time import monotonic

from pynamodb.attributes import BooleanAttribute, NumberAttribute, UnicodeAttribute

from chalicelib.adapters.dynamo import Item, Transaction, register
from chalicelib.domain.classification import Classification, Source, effective_table
from chalicelib.domain.errors import Conflict
from chalicelib.domain.retention import FinalAction

PK = "CLASSIFICATION"
CHANGES_PK = "CLASSIFICATION#CHANGES"
CACHE_SECONDS = 60.0

_cache: tuple[float, dict[str, Classification]] | None = None  # (monotonic deadline, effective table)


def reset_cache() -> None:
    """Forget the cached table (a change in this container; tests between mocked accounts)."""
    global _cache
    _cache = None


class _EntryAttributes(Item):
    name = UnicodeAttribute()
    active_years = NumberAttribute()
    inactive_years = NumberAttribute()
    final_action = UnicodeAttribute()
    retired = BooleanAttribute()
    version = NumberAttribute()
    updated_at = UnicodeAttribute()
    updated_by = UnicodeAttribute()


@register
class ClassificationItem(_EntryAttributes):
    """An entry of the table set by the admin (overrides the built-in entry of its code)."""


@register
class ClassificationChangeItem(_EntryAttributes):
    """One change of the table as it was written (the trail of JRA revisions)."""

    code = UnicodeAttribute()


def _attributes(entry: Classification) -> dict[str, object]:
    return {"name": entry.name, "active_years": entry.active_years, "inactive_years": entry.inactive_years,
            "final_action": entry.final.value, "retired": entry.retired, "version": entry.version,
            "updated_at": entry.updated_at, "updated_by": entry.updated_by}


def to_entry(item: ClassificationItem) -> Classification:
    """The domain entry of a stored item."""
    return Classification(code=item.sk, name=item.name, active_years=int(item.active_years),
                          inactive_years=int(item.inactive_years), final=FinalAction(item.final_action),
                          retired=bool(item.retired), source=Source.CUSTOM, version=int(item.version),
                          updated_at=item.updated_at, updated_by=item.updated_by)


class ClassificationRepository:
    """The effective classification table (cached) and the admin's conditional writes."""

    def table(self, *, fresh: bool = False) -> dict[str, Classification]:
        """The effective table: from this container's cache, else one (strongly consistent when `fresh`) Query."""
        global _cache
        now = monotonic()
        if not fresh and _cache is not None and now < _cache[0]:
            return _cache[1]
        stored = [to_entry(item) for item in ClassificationItem.query(PK, consistent_read=fresh)]
        table = effective_table(stored)
        _cache = (now + CACHE_SECONDS, table)
        return table

    def save(self, entry: Classification, read_version: int | None) -> None:
        """Write `entry` if the stored one is still at `read_version` (None: none stored yet), with its change item;
        a lost race is a 409 naming `version`. One transaction: nothing half-written.
        """
        item = ClassificationItem(PK, entry.code, **_attributes(entry))
        condition = (ClassificationItem.pk.does_not_exist() if read_version is None
                     else ClassificationItem.version == read_version)
        change = ClassificationChangeItem(CHANGES_PK, f"{entry.updated_at}#{entry.code}#{entry.version:06d}",
                                          code=entry.code, **_attributes(entry))
        tx = Transaction()
        tx.put(item, condition=condition, on_condition_failed=lambda: Conflict(
            "the classification was changed meanwhile; reload it and try again",
            details={"field": "version", "read": read_version}))
        tx.put(change)
        tx.commit()
        reset_cache()
