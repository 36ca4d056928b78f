"""Distribution lists (daftar distribusi) in DynamoDB: one partition `DLIST` holding every list of the province
(sk = the list's id), so listing them is one Query and a letter's lists are read with it at submit and signing.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from pynamodb.attributes import JSONAttribute, UnicodeAttribute, VersionAttribute

from chalicelib.adapters import dynamo
from chalicelib.adapters.dynamo import Item, Transaction, register
from chalicelib.domain.distribution_lists import DistributionList
from chalicelib.domain.errors import Conflict, NotFound

PARTITION = "DLIST"


@register
class DistributionListItem(Item):
    """A named list of recipients kept by the province-wide admin."""

    name = UnicodeAttribute()
    description = UnicodeAttribute(null=True)
    members = JSONAttribute()
    updated_at = UnicodeAttribute()
    updated_by = UnicodeAttribute()
    version = VersionAttribute()


def _to_list(item: DistributionListItem) -> DistributionList:
    return DistributionList(id=item.sk, name=item.name, description=item.description, members=list(item.members),
                            version=int(item.version), updated_at=item.updated_at, updated_by=item.updated_by)


def _item(entry: DistributionList) -> DistributionListItem:
    return DistributionListItem(PARTITION, entry.id, name=entry.name, description=entry.description,
                                members=entry.members, updated_at=entry.updated_at, updated_by=entry.updated_by)


class DistributionListRepository:
    """Reads (one Query for all, one GetItem for one) and conditional writes of the lists."""

    def all(self) -> dict[str, DistributionList]:
        """Every list by id (one Query of the `DLIST` partition; a province keeps tens, not thousands)."""
        return {item.sk: _to_list(item) for item in DistributionListItem.query(PARTITION)}

    def get(self, list_id: str) -> DistributionList:
        """One list or NotFound."""
        try:
            return _to_list(DistributionListItem.get(PARTITION, list_id, consistent_read=True))
        except DistributionListItem.DoesNotExist as exc:
            raise NotFound("no such distribution list") from exc

    def add(self, tx: Transaction, entry: DistributionList) -> DistributionList:
        """A new list, added to `tx` (its id must be new: Conflict)."""
        item = _item(entry)  # PynamoDB writes version 1, on the condition that the item has none yet
        tx.put(item, condition=DistributionListItem.pk.does_not_exist(),
               on_condition_failed=lambda: Conflict("a distribution list with this id exists",
                                                    details={"id": entry.id}))
        return replace(entry, version=1)

    def replace(self, entry: DistributionList, version: int) -> DistributionList:
        """Replace the list read at `version` (changed since: Conflict)."""
        item = _item(entry)
        item.version = version
        if not dynamo.applied(item.save):
            raise Conflict("the list changed since it was read: read it again", details={"version": version})
        return _to_list(item)

    def delete(self, list_id: str, version: int) -> None:
        """Delete the list read at `version` (gone: NotFound; changed since: Conflict)."""
        item = DistributionListItem(PARTITION, list_id)
        item.version = version
        if not dynamo.applied(lambda: item.delete(condition=DistributionListItem.pk.exists())):
            self.get(list_id)  # NotFound when it is gone
            raise Conflict("the list changed since it was read: read it again", details={"version": version})


def member_view(member: dict[str, Any]) -> dict[str, Any]:
    """A stored member as the API shows it (the shape of a letter's recipient)."""
    return {k: member.get(k) for k in ("kind", "code", "name", "address", "email")}
