"""Writing a record's transition: the next audit event of its chain and the record itself, versioned,
in one transaction (shared by submissions, incoming letters and dispositions).
"""

from __future__ import annotations

from dataclasses import replace

from chalicelib.adapters.audit_repo import AuditRepository
from chalicelib.adapters.dynamo import Item, Transaction
from chalicelib.domain.audit import GENESIS, AuditEvent
from chalicelib.domain.errors import Conflict


def stale() -> Conflict:
    """The error of a record changed by someone else between our read and our write."""
    return Conflict("someone else changed this record at the same time; reload it and try again")


def write_transition(audit: AuditRepository, tx: Transaction, item: Item, event: AuditEvent, *,
                     prev_seq: int, prev_head: str, version: int | None) -> AuditEvent:
    """Add `event` after (`prev_seq`, `prev_head`) and `item` (with the new head) to `tx`.

    `version` is the version read (None for a new record): the write fails with 409 if it changed.
    """
    sealed = audit.append(replace(event, seq=prev_seq + 1), prev_head if prev_seq else GENESIS, tx)
    item.audit_seq = sealed.seq  # type: ignore[attr-defined]
    item.audit_head = sealed.hash  # type: ignore[attr-defined]
    if version is not None:
        item.version = version  # type: ignore[attr-defined]
    tx.put(item, on_condition_failed=stale)
    return sealed
