"""Use cases of the classification and retention table (kode klasifikasi and JRA): staff read it, the
province-wide admin adds codes, renames them, changes their retention and retires them.
"""

from __future__ import annotations

from typing import Any

from chalicelib.adapters.classification_repo import ClassificationRepository
from chalicelib.domain.classification import Classification, ClassificationChange, changed_entry
from chalicelib.domain.identity import Principal, require_global_admin, require_staff
from chalicelib.domain.timefmt import iso, now_wita

Result = tuple[int, dict[str, Any]]


def classification_view(entry: Classification) -> dict[str, Any]:
    """An entry as the API shows it (who changed it and when only for a stored entry)."""
    view: dict[str, Any] = {"code": entry.code, "name": entry.name, "active_years": entry.active_years,
                            "inactive_years": entry.inactive_years, "final": entry.final.value,
                            "retired": entry.retired, "source": entry.source.value}
    if entry.version is not None:
        view.update(version=entry.version, updated_at=entry.updated_at, updated_by=entry.updated_by)
    return view


class ClassificationService:
    """Reading and changing the effective table."""

    def __init__(self, classification_repo: ClassificationRepository) -> None:
        self.classification_repo = classification_repo

    def list(self, principal: Principal) -> dict[str, Any]:
        """The whole effective table in code order, retired codes included (staff; one page)."""
        require_staff(principal)
        table = self.classification_repo.table()
        return {"items": [classification_view(entry) for entry in table.values()], "next": None}

    def put(self, principal: Principal, code: str, data: dict[str, Any]) -> Result:
        """Add, change or retire one code (province-wide admin): 201 for a new code, else 200."""
        require_global_admin(principal)
        table = self.classification_repo.table(fresh=True)  # check the parent and the version against the stored state
        entry = changed_entry(table, code, ClassificationChange(**data), by=principal.username, at=iso(now_wita()))
        current = table.get(code)
        self.classification_repo.save(entry, current.version if current is not None else None)
        return (200 if current is not None else 201), classification_view(entry)
