"""Gap-free counters (letter numbers, agenda numbers) allocated inside the transaction that uses them.

`reserve()` reads the counter and adds to the transaction an update that only succeeds if nobody
took the next value meanwhile; the number and the record that carries it commit together or not
at all, so numbers are unique and gap-free. A lost race raises `SequenceContention`; the use case
reloads and tries again (`with_retries`).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import TypeVar

from pynamodb.attributes import NumberAttribute

from chalicelib.adapters.dynamo import Item, Transaction, register
from chalicelib.domain.errors import Conflict

T = TypeVar("T")
MAX_ATTEMPTS = 60


class SequenceContention(Conflict):
    """Another request took the same number first; retry the whole use case."""


@register
class SequenceItem(Item):
    """The last value given out by one counter."""

    value = NumberAttribute()


def sequence_key(name: str) -> tuple[str, str]:
    """A counter's item, e.g. name 'LETTERNO#DISKOMINFOS#2026'."""
    return f"SEQ#{name}", "#SEQ"


def reserve(name: str, tx: Transaction) -> int:
    """The next value of `name`, valid only if `tx` commits."""
    pk, sk = sequence_key(name)
    try:
        current = int(SequenceItem.get(pk, sk, consistent_read=True).value)
    except SequenceItem.DoesNotExist:
        current = 0
    item = SequenceItem(pk, sk, value=current + 1)
    condition = SequenceItem.pk.does_not_exist() if current == 0 else SequenceItem.value == current
    tx.put(item, condition=condition,
           on_condition_failed=lambda: SequenceContention(f"number {current + 1} of {name} was just taken"))
    return current + 1


def with_retries(use_case: Callable[[], T], attempts: int = MAX_ATTEMPTS) -> T:
    """Run `use_case` again (with jitter) while it loses a numbering race."""
    for attempt in range(1, attempts + 1):
        try:
            return use_case()
        except SequenceContention:
            if attempt == attempts:
                raise
            time.sleep(random.uniform(0, 0.02 * min(attempt, 10)))  # noqa: S311 - jitter, not security
    raise AssertionError("unreachable")
