"""Use cases of distribution lists: the province-wide admin keeps them, every employee reads them to address
letters (a letter names one as `{"kind": "list", "code": id}`; signing expands it).
"""

from __future__ import annotations

import re
import uuid
from typing import Any

from chalicelib.adapters.distribution_list_repo import DistributionListRepository, member_view
from chalicelib.adapters.dynamo import Transaction
from chalicelib.domain.distribution_lists import DistributionList
from chalicelib.domain.errors import NotFound, ValidationFailed
from chalicelib.domain.identity import Principal, require_global_admin, require_staff
from chalicelib.domain.timefmt import iso, now_wita
from chalicelib.services.common import commit_create

Result = tuple[int, dict[str, Any]]

LIST_ID = re.compile(r"^[A-Z0-9][A-Z0-9._-]{0,31}$")  # a code, as org and position codes


def list_view(entry: DistributionList) -> dict[str, Any]:
    """A list as the API shows it."""
    return {"id": entry.id, "name": entry.name, "description": entry.description,
            "members": [member_view(m) for m in entry.members], "version": entry.version,
            "updated_at": entry.updated_at, "updated_by": entry.updated_by}


def _members(data: dict[str, Any]) -> list[dict[str, Any]]:
    members = [{k: v for k, v in m.items() if v is not None} for m in data["members"]]
    for i, m in enumerate(members):
        if m["kind"] == "list":
            raise ValidationFailed.field(f"members.{i}.kind", "a list's members are orgs, units, positions or "
                                                              "external parties, not other lists")
    return members


class DistributionListService:
    """Reading and keeping the province's distribution lists."""

    def __init__(self, distribution_list_repo: DistributionListRepository) -> None:
        self.distribution_list_repo = distribution_list_repo

    def list(self, principal: Principal) -> dict[str, Any]:
        """Every list, by name (staff; one page)."""
        require_staff(principal)
        entries = sorted(self.distribution_list_repo.all().values(), key=lambda e: e.name.lower())
        return {"items": [list_view(e) for e in entries], "next": None}

    def get(self, principal: Principal, list_id: str) -> dict[str, Any]:
        """One list with its members (staff)."""
        require_staff(principal)
        return list_view(self._get(list_id))

    def create(self, principal: Principal, data: dict[str, Any], idempotency_key: str | None) -> Result:
        """A new list (province-wide admin); its id is given (`SELURUH-CAMAT`: taken is 409) or drawn."""
        require_global_admin(principal)
        list_id = data.get("id") or uuid.uuid4().hex.upper()
        entry = DistributionList(id=list_id, name=data["name"], description=data.get("description"),
                                 members=_members(data), updated_at=iso(now_wita()), updated_by=principal.username)
        tx = Transaction()
        entry = self.distribution_list_repo.add(tx, entry)
        return commit_create(tx, scope=principal.username, idempotency_key=idempotency_key, request=data,
                             response=list_view(entry))

    def put(self, principal: Principal, list_id: str, data: dict[str, Any]) -> dict[str, Any]:
        """Replace a list's name, description and members, read at `version` (province-wide admin)."""
        require_global_admin(principal)
        self._get(list_id)
        entry = DistributionList(id=list_id, name=data["name"], description=data.get("description"),
                                 members=_members(data), updated_at=iso(now_wita()), updated_by=principal.username)
        return list_view(self.distribution_list_repo.replace(entry, int(data["version"])))

    def delete(self, principal: Principal, list_id: str, version: int | None) -> None:
        """Delete a list read at `version` (province-wide admin). Letters already signed keep their recipients;
        a letter naming it that is not signed yet is refused at signing (400) until its recipients change.
        """
        require_global_admin(principal)
        entry = self._get(list_id)
        self.distribution_list_repo.delete(list_id, entry.version if version is None else version)

    def _get(self, list_id: str) -> DistributionList:
        if not LIST_ID.fullmatch(list_id):
            raise NotFound("no such distribution list")
        return self.distribution_list_repo.get(list_id)
