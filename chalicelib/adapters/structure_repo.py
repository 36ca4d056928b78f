"""Edits of an org's structure (units and positions) as conditional writes on the items of adapters/org_repo.py."""

from __future__ import annotations

from collections.abc import Mapping

from chalicelib.adapters.dynamo import Transaction
from chalicelib.adapters.org_items import PositionItem, UnitItem, position_key, unit_key
from chalicelib.domain.errors import Conflict, NotFound, ValidationFailed
from chalicelib.domain.org import Level, Unit


class StructureRepository:
    """Conditional edits of units and positions, added to the caller's transaction."""

    def edit_unit(self, tx: Transaction, unit: Unit, name: str | None, parent: str | None,
                  ancestors: Mapping[str, str | None]) -> None:
        """Rename `unit` and / or move it under `parent` (see `edit_unit`)."""
        edit_unit(tx, unit, name, parent, ancestors)

    def edit_position(self, tx: Transaction, org: str, code: str, level: Level, title: str | None,
                      unit: str | None, reports_to: str | None) -> None:
        """Retitle or move a position (see `edit_position`)."""
        edit_position(tx, org, code, level, title, unit, reports_to)


def edit_unit(tx: Transaction, unit: Unit, name: str | None, parent: str | None,
              ancestors: Mapping[str, str | None]) -> None:
    """Rename `unit` and / or move it under `parent`; the new parent's ancestors (code → their parent, as read)
    must still be where they were, so two admins moving units at once cannot close a cycle (409).
    """
    for code, its_parent in ancestors.items():
        tx.check(UnitItem, *unit_key(unit.org, code),
                 condition=UnitItem.parent.does_not_exist() if its_parent is None else UnitItem.parent == its_parent,
                 on_condition_failed=lambda: Conflict("the unit tree changed meanwhile; reload it and try again",
                                                      details={"field": "parent"}))
    actions = [*([UnitItem.name.set(name)] if name else []), *([UnitItem.parent.set(parent)] if parent else [])]
    tx.update(UnitItem(*unit_key(unit.org, unit.code)), actions=actions, condition=UnitItem.pk.exists(),
              on_condition_failed=lambda: NotFound(f"no unit {unit.code} in {unit.org}"))


def edit_position(tx: Transaction, org: str, code: str, level: Level, title: str | None, unit: str | None,
                  reports_to: str | None) -> None:
    """Retitle a position, move it to another unit and / or another superior (of a higher level, same org)."""
    if unit:
        tx.check(UnitItem, *unit_key(org, unit), condition=UnitItem.pk.exists(),
                 on_condition_failed=lambda: ValidationFailed.field("unit", "no such unit in this org"))
    if reports_to:
        tx.check(PositionItem, *position_key(org, reports_to),
                 condition=PositionItem.pk.exists() & (PositionItem.level_rank < level.rank),
                 on_condition_failed=lambda: ValidationFailed.field(
                     "reports_to", f"must be a position of {org} at a higher level than {level.value}"))
    actions = [*([PositionItem.title.set(title)] if title else []), *([PositionItem.unit.set(unit)] if unit else []),
               *([PositionItem.reports_to.set(reports_to)] if reports_to else [])]
    tx.update(PositionItem(*position_key(org, code)), actions=actions,
              condition=PositionItem.pk.exists() & (PositionItem.level == level.value),
              on_condition_failed=lambda: Conflict(f"position {code} changed meanwhile; reload it and try again"))
