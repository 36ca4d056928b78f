"""One in-memory store shared by the intake fakes, and its transaction: writes are staged, every condition is
checked at commit against the state of that moment, then all writes apply or none (as TransactWriteItems).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from chalicelib.adapters.dynamo import IdempotentReplay, Page, Transaction
from chalicelib.domain.audit import GENESIS, AuditEvent, seal
from chalicelib.domain.errors import Conflict, DomainError, IdempotencyKeyReused

Check = Callable[[], DomainError | None]


@dataclass
class Store:
    """Everything the fakes keep; tests read it to assert state, audit trails and counts."""

    records: dict[tuple[str, str], Any] = field(default_factory=dict)  # (kind, id) -> domain object
    audit: dict[tuple[str, str], list[AuditEvent]] = field(default_factory=dict)
    idempotency: dict[tuple[str, str], tuple[str, int, Any]] = field(default_factory=dict)
    notifications: list[dict[str, Any]] = field(default_factory=list)
    commits: int = 0

    def trail(self, kind: str, record_id: str) -> list[AuditEvent]:
        """The audit events of one record, in order."""
        return list(self.audit.get((kind, record_id), []))

    def actions(self, kind: str, record_id: str) -> list[str]:
        """The actions of one record's trail, in order."""
        return [e.action for e in self.trail(kind, record_id)]


class FakeTransaction(Transaction):
    """Collects staged writes and their conditions; `commit()` applies all of them or raises the first failure."""

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self._checks: list[Check] = []
        self._writes: list[Callable[[], None]] = []
        self._idem: tuple[tuple[str, str], str, int, Any] | None = None

    def stage(self, write: Callable[[], None], check: Check | None = None) -> None:
        """Add a write (and the condition it is made under)."""
        if check is not None:
            self._checks.append(check)
        self._writes.append(write)

    def remember_outcome(self, scope: str, key: str, request: Any, status_code: int, response: Any,
                         expires_at: int) -> None:
        """Keep the response under an Idempotency-Key in the same commit."""
        self._idem = ((scope, key), json.dumps(request, sort_keys=True, default=str), status_code,
                      json.loads(json.dumps(response, default=str)))

    def commit(self) -> None:
        """All or nothing; a stored Idempotency-Key wins over any other failed condition (as in DynamoDB)."""
        if self._idem is not None and self._idem[0] in self.store.idempotency:
            request, status_code, response = self.store.idempotency[self._idem[0]]
            if request != self._idem[1]:
                raise IdempotencyKeyReused("this Idempotency-Key was used for a different request")
            raise IdempotentReplay(status_code, response)
        for check in self._checks:
            error = check()
            if error is not None:
                raise error
        for write in self._writes:
            write()
        if self._idem is not None:
            self.store.idempotency[self._idem[0]] = self._idem[1:]
        if self._writes or self._idem is not None:
            self.store.commits += 1


def staged(tx: Transaction) -> FakeTransaction:
    """The fake transaction behind a port's `tx` argument."""
    if not isinstance(tx, FakeTransaction):
        raise TypeError("the in-memory fakes write only in a FakeTransaction")
    return tx


def stale() -> Conflict:
    """The same error as the DynamoDB adapters' for a record changed since it was read."""
    return Conflict("someone else changed this record at the same time; reload it and try again")


def write_transition(tx: Transaction, kind: str, record: Any, event: AuditEvent, *, new: bool) -> AuditEvent:
    """Stage `record` (version checked, or must be new) with the next sealed audit event of its chain."""
    key = (kind, record.id)
    store = staged(tx).store
    prev_seq = 0 if new else record.audit_seq
    sealed = seal(replace(event, record=f"{kind}:{record.id}", seq=prev_seq + 1),
                  record.audit_head if prev_seq else GENESIS)
    stored = replace(record, audit_seq=sealed.seq, audit_head=str(sealed.hash),
                     version=1 if new else record.version + 1)

    def check() -> DomainError | None:
        current = store.records.get(key)
        if new:
            return stale() if current is not None else None
        return stale() if current is None or current.version != record.version else None

    def write() -> None:
        store.records[key] = stored
        store.audit.setdefault(key, []).append(sealed)

    staged(tx).stage(write, check)
    return sealed


def page(items: list[Any], limit: int, cursor: str | None) -> Page[Any]:
    """One page of `items` from an offset cursor."""
    start = int(cursor or 0)
    end = start + limit
    return Page(items=items[start:end], next=str(end) if end < len(items) else None)
