"""The unit of work of the fakes: staged writes that commit all or nothing, like a DynamoDB transaction."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from chalicelib.adapters.dynamo import IdempotentReplay, Transaction
from chalicelib.domain.errors import DomainError, IdempotencyKeyReused

Check = Callable[[], DomainError | None]


class FakeTransaction(Transaction):
    """Writes staged by the fake repositories; `commit()` checks every condition against the state before the
    transaction, raises the first failed one's domain error (nothing written), else applies every write.
    """

    def __init__(self, outcomes: dict[tuple[str, str], tuple[str, int, Any]]) -> None:
        super().__init__()
        self._outcomes = outcomes
        self._staged: list[tuple[Check | None, Callable[[], None]]] = []
        self._remembered: tuple[tuple[str, str], str, int, Any] | None = None
        self.committed = False

    def __len__(self) -> int:
        return len(self._staged) + (self._remembered is not None)

    def put(self, *args: Any, **kwargs: Any) -> None:
        """A DynamoDB write given to a fake transaction: a real adapter was wired among the fakes."""
        raise AssertionError("a DynamoDB adapter wrote into a fake transaction")

    update = delete = check = add_counts = put

    def stage(self, apply: Callable[[], None], check: Check | None = None) -> None:
        """A write (`apply`) made only if every `check` of the transaction passes."""
        self._staged.append((check, apply))

    def remember_outcome(self, scope: str, key: str, request: Any, status_code: int, response: Any,
                         expires_at: int) -> None:
        """The response stored under an Idempotency-Key, with the change."""
        digest = hashlib.sha256(json.dumps(request, sort_keys=True, default=str).encode()).hexdigest()
        self._remembered = ((scope, key), digest, status_code, response)

    def commit(self) -> None:
        """All or nothing; a repeated Idempotency-Key replays the first response instead."""
        if self._remembered is not None and self._remembered[0] in self._outcomes:
            digest, status_code, response = self._outcomes[self._remembered[0]]
            if digest != self._remembered[1]:
                raise IdempotencyKeyReused("this Idempotency-Key was used for a different request")
            raise IdempotentReplay(status_code, response)
        for check, _ in self._staged:
            error = check() if check else None
            if error is not None:
                raise error
        for _, apply in self._staged:
            apply()
        if self._remembered is not None:
            self._outcomes[self._remembered[0]] = self._remembered[1:]
        self.committed = True


def staged(tx: Transaction) -> FakeTransaction:
    """The fake transaction a fake repository was given (a real one here is a wiring mistake)."""
    assert isinstance(tx, FakeTransaction), f"a fake repository was given {type(tx).__name__}"
    return tx
