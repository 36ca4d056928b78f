"""Use cases of editing an org's structure: rename or move a unit, retitle or move a position (its org's admin)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any, Protocol

from chalicelib.adapters.dynamo import Page, Transaction
from chalicelib.domain.errors import Conflict, NotFound, ValidationFailed
from chalicelib.domain.identity import Principal, require_org_admin
from chalicelib.domain.org import Level, Position, Unit
from chalicelib.services.common import view

MAX_UNITS = 1000  # an org's units, read in one page to check a move


def ancestors(units: dict[str, Unit], start: str) -> dict[str, str | None]:
    """`start` and the units above it, each with its parent (code → parent), from the unit to the root."""
    chain: dict[str, str | None] = {}
    code: str | None = start
    while code is not None and code not in chain:
        unit = units.get(code)
        if unit is None:
            break
        chain[code] = unit.parent
        code = unit.parent
    return chain


class StructureReads(Protocol):
    """What the structure edits read of an org."""

    def list_units(self, org: str, limit: int, cursor: str | None) -> Page[Unit]:
        """A page of the org's units."""

    def get_position(self, org: str, code: str) -> Position:
        """One position, or NotFound."""


class StructureEdits(Protocol):
    """Conditional edits of units and positions in the caller's transaction (409 when the tree changed)."""

    def edit_unit(self, tx: Transaction, unit: Unit, name: str | None, parent: str | None,
                  ancestors: Mapping[str, str | None]) -> None:
        """Rename and / or move a unit, provided the new parent's ancestors are where they were read."""

    def edit_position(self, tx: Transaction, org: str, code: str, level: Level, title: str | None,
                      unit: str | None, reports_to: str | None) -> None:
        """Retitle a position or move it, provided its level is as read."""


class OrgStructureService:
    """Edits of units and positions; every method checks the caller administers the org first."""

    def __init__(self, org_repo: StructureReads, structure_repo: StructureEdits,
                 new_tx: Callable[[], Transaction] = Transaction) -> None:
        self.org_repo = org_repo
        self.structure_repo = structure_repo
        self.new_tx = new_tx

    def edit_unit(self, principal: Principal, org: str, code: str, data: dict[str, Any]) -> dict[str, Any]:
        """Rename a unit and / or move it under another unit of the same org (never under itself or below)."""
        require_org_admin(principal, org)
        name, parent = data.get("name"), data.get("parent")
        if not name and not parent:
            raise ValidationFailed.field("body", "nothing to change: give name or parent")
        units = {u.code: u for u in self.org_repo.list_units(org, MAX_UNITS, None).items}
        unit = units.get(code)
        if unit is None:
            raise NotFound(f"no unit {code} in {org}")
        above: dict[str, str | None] = {}
        if parent:
            if parent not in units:
                raise ValidationFailed.field("parent", "no such unit in this org")
            above = ancestors(units, parent)
            if code in above:
                raise Conflict(f"{parent} is {code} or below it: a unit cannot move under itself",
                               details={"field": "parent"})
        tx = self.new_tx()
        self.structure_repo.edit_unit(tx, unit, name, parent, above)
        tx.commit()
        return view(replace(unit, name=name or unit.name, parent=parent or unit.parent))

    def edit_position(self, principal: Principal, org: str, code: str, data: dict[str, Any]) -> dict[str, Any]:
        """Retitle a position, or move it to another unit or under another superior of a higher level."""
        require_org_admin(principal, org)
        title, unit, reports_to = data.get("title"), data.get("unit"), data.get("reports_to")
        if not (title or unit or reports_to):
            raise ValidationFailed.field("body", "nothing to change: give title, unit or reports_to")
        position = self.org_repo.get_position(org, code)
        if reports_to == code:
            raise ValidationFailed.field("reports_to", "a position cannot report to itself")
        tx = self.new_tx()
        self.structure_repo.edit_position(tx, org, code, position.level, title, unit, reports_to)
        tx.commit()
        return view(replace(position, title=title or position.title, unit=unit or position.unit,
                            reports_to=reports_to or position.reports_to))
