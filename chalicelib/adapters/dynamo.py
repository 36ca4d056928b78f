"""The single DynamoDB table: item base model, paging with opaque cursors, and transactions
whose failed conditions become domain errors.

Every item has `pk`/`sk`; three generic indexes (`gsi1`..`gsi3`, projection ALL) serve the
other access patterns (see docs/data-model.md). The table itself is created from
infra/template.yaml, never by PynamoDB.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any, Generic, TypeVar

import botocore.session
from pynamodb.attributes import NumberAttribute, UnicodeAttribute
from pynamodb.connection import Connection
from pynamodb.connection import base as pynamodb_base
from pynamodb.exceptions import PynamoDBException, TransactWriteError
from pynamodb.expressions.condition import Condition
from pynamodb.expressions.operand import Path
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model
from pynamodb.transactions import TransactWrite

from chalicelib.config import Settings
from chalicelib.domain.errors import DomainError, IdempotencyKeyReused, ValidationFailed

T = TypeVar("T")
_MODELS: list[type[Model]] = []
_connection: Connection | None = None
_bound: Settings | None = None
_sessions = threading.local()
_loader: Any = None


def _thread_session() -> botocore.session.Session:
    """One botocore session per thread for every PynamoDB connection.

    PynamoDB makes a session per model connection (per thread), and each new session parses botocore's
    endpoint and DynamoDB model files again — about 0.1 s each, for each of the twenty-odd item classes at a cold
    start. Client creation is not thread-safe, so the session stays per thread, as PynamoDB keeps it.
    """
    session = getattr(_sessions, "session", None)
    if session is None:
        session = _sessions.session = botocore.session.get_session()
        global _loader
        if _loader is None:  # the files parsed once per process, also for threads made per request (chalice local)
            _loader = session.get_component("data_loader")
        else:
            session.register_component("data_loader", _loader)
    return session


pynamodb_base.get_session = _thread_session  # Connection.session looks the factory up here at call time


def register(model: type[Model]) -> type[Model]:
    """Class decorator: the model lives in the project table (bound now if `bind()` already ran)."""
    _MODELS.append(model)
    if _bound is not None:
        _bind_model(model, _bound)
    return model


def _bind_model(model: type[Model], settings: Settings) -> None:
    model.Meta.table_name = settings.table_name
    model.Meta.region = settings.region
    model._connection = None


def bind(settings: Settings) -> None:
    """Point every registered model, and those imported later, at this stage's table."""
    global _connection, _bound
    _bound = settings
    for model in _MODELS:
        _bind_model(model, settings)
    _connection = Connection(region=settings.region)


def connection() -> Connection:
    """The low-level connection used for transactions."""
    if _connection is None:
        raise RuntimeError("dynamo.bind() was not called")
    return _connection


class _Gsi(GlobalSecondaryIndex):
    """Base for the three generic indexes; subclasses set Meta.index_name."""

    class Meta:
        projection = AllProjection()
        index_name = "unset"


class Gsi1(_Gsi):
    """gsi1pk / gsi1sk."""

    class Meta:
        index_name = "gsi1"
        projection = AllProjection()

    gsi1pk = UnicodeAttribute(hash_key=True)
    gsi1sk = UnicodeAttribute(range_key=True)


class Gsi2(_Gsi):
    """gsi2pk / gsi2sk."""

    class Meta:
        index_name = "gsi2"
        projection = AllProjection()

    gsi2pk = UnicodeAttribute(hash_key=True)
    gsi2sk = UnicodeAttribute(range_key=True)


class Gsi3(_Gsi):
    """gsi3pk / gsi3sk."""

    class Meta:
        index_name = "gsi3"
        projection = AllProjection()

    gsi3pk = UnicodeAttribute(hash_key=True)
    gsi3sk = UnicodeAttribute(range_key=True)


class Item(Model):
    """Base of every item: the table's keys. Subclasses add their attributes and indexes."""

    class Meta:
        table_name = "unbound"
        region = "ap-southeast-3"

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)


@register
class IdempotencyItem(Item):
    """The stored outcome of a create sent with an Idempotency-Key (kept 24 h by TTL)."""

    request_hash = UnicodeAttribute()
    status_code = NumberAttribute()
    response = UnicodeAttribute()
    expires_at = NumberAttribute()


# ---------------------------------------------------------------- paging


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list and the opaque cursor of the next page (None at the end)."""

    items: list[T]
    next: str | None


def encode_cursor(last_evaluated_key: dict[str, Any] | None) -> str | None:
    """Opaque cursor of DynamoDB's LastEvaluatedKey."""
    if not last_evaluated_key:
        return None
    raw = json.dumps(last_evaluated_key, separators=(",", ":"), sort_keys=True).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None, hash_attr: str, hash_value: str, range_prefix: str = "") -> dict[str, Any] | None:
    """Parse a cursor and check it belongs to this list (a cursor cannot open another partition or list).

    A key of the table has `pk`/`sk`; a key of index gsiN also has `gsiNpk`/`gsiNsk`. Anything else,
    or a sort key outside this list's `range_prefix`, is refused before it reaches DynamoDB.
    """
    if not cursor:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        key = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, binascii.Error) as exc:
        raise ValidationFailed.field("next", "not a cursor returned by this list") from exc
    range_attr = hash_attr.removesuffix("pk") + "sk"
    if (
        not isinstance(key, dict)
        or set(key) != {hash_attr, range_attr, "pk", "sk"}
        or not all(isinstance(v, dict) and list(v) == ["S"] and isinstance(v["S"], str) for v in key.values())
        or key[hash_attr]["S"] != hash_value
        or not key[range_attr]["S"].startswith(range_prefix)
    ):
        raise ValidationFailed.field("next", "not a cursor returned by this list")
    return key


def query_page(
    query: Callable[..., Any],
    hash_attr: str,
    hash_value: str,
    *,
    limit: int,
    cursor: str | None,
    convert: Callable[[Any], T],
    range_prefix: str = "",
    **kwargs: Any,
) -> Page[T]:
    """Exactly one Query call: up to `limit` items after `cursor` (whose sort key starts with `range_prefix`)."""
    start = decode_cursor(cursor, hash_attr, hash_value, range_prefix)
    result = query(hash_value, limit=limit, page_size=limit, last_evaluated_key=start, **kwargs)
    items = [convert(item) for item in result]
    return Page(items=items, next=encode_cursor(result.last_evaluated_key))


# ---------------------------------------------------------------- transactions


# PynamoDB sends a transaction's items grouped in this order, whatever order they were added in;
# DynamoDB's cancellation reasons follow the order sent.
_CHECK, _DELETE, _PUT, _UPDATE = range(4)


def _apply_update(tx: TransactWrite, *, item: Model, actions: list[Any]) -> None:
    tx.update(item, actions=actions)


@dataclass
class _Op:
    kind: int
    apply: Callable[[TransactWrite], None]
    on_condition_failed: Callable[[], DomainError] | None
    is_idempotency_record: bool = False


class Transaction:
    """Collects the writes of one use case; `commit()` is one TransactWriteItems call.

    Each write names the domain error its condition stands for, so a cancelled transaction
    becomes the right 4xx naming the right field, and nothing is half-written.
    """

    def __init__(self) -> None:
        self._ops: list[_Op] = []
        self._idempotency: tuple[str, str] | None = None
        self._counts: dict[tuple[str, str], tuple[Item, Counter[str]]] = {}

    def __len__(self) -> int:
        return len(self._ops) + len(self._counts)

    def put(self, item: Model, *, condition: Condition | None = None,
            on_condition_failed: Callable[[], DomainError] | None = None) -> None:
        """Put `item`, optionally only under `condition`."""
        self._ops.append(_Op(_PUT, lambda tx: tx.save(item, condition=condition), on_condition_failed))

    def update(self, item: Model, actions: list[Any], *, condition: Condition | None = None,
               on_condition_failed: Callable[[], DomainError] | None = None) -> None:
        """Apply update `actions` to `item`'s key."""
        self._ops.append(_Op(_UPDATE, lambda tx: tx.update(item, actions=actions, condition=condition),
                              on_condition_failed))

    def delete(self, item: Model, *, condition: Condition | None = None,
               on_condition_failed: Callable[[], DomainError] | None = None) -> None:
        """Delete `item`'s key."""
        self._ops.append(_Op(_DELETE, lambda tx: tx.delete(item, condition=condition), on_condition_failed))

    def check(self, model: type[Model], hash_key: str, range_key: str, condition: Condition,
              on_condition_failed: Callable[[], DomainError]) -> None:
        """Require `condition` on another item without writing it."""
        self._ops.append(_Op(
            _CHECK, lambda tx: tx.condition_check(model, hash_key, range_key=range_key, condition=condition),
            on_condition_failed,
        ))

    def add_counts(self, item: Item, deltas: Mapping[str, int]) -> None:
        """ADD `deltas` to number attributes of `item`'s key (absent ones count from 0).

        Calls for one item merge into one update at commit: DynamoDB refuses a transaction writing an item twice,
        and several parts of one use case may count on the same counter item.
        """
        _, counts = self._counts.setdefault((item.pk, item.sk), (item, Counter()))
        counts.update(deltas)

    def _count_ops(self) -> list[_Op]:
        ops: list[_Op] = []
        for item, counts in self._counts.values():
            # By name (escaped as #placeholders): counters need not be declared on the model (a month's figures).
            actions = [Path([name]).add(delta) for name, delta in sorted(counts.items()) if delta]
            if actions:
                ops.append(_Op(_UPDATE, partial(_apply_update, item=item, actions=actions), None))
        return ops

    def remember_outcome(self, scope: str, key: str, request: Any, status_code: int, response: Any,
                         expires_at: int) -> None:
        """Store the response under an Idempotency-Key in the same transaction as the change."""
        pk, sk = idempotency_keys(scope, key)
        request_hash = _hash(request)
        item = IdempotencyItem(pk, sk, request_hash=request_hash, status_code=status_code,
                               response=json.dumps(response, default=str), expires_at=expires_at)
        self._idempotency = (pk, request_hash)
        self._ops.append(_Op(_PUT, lambda tx: tx.save(item, condition=IdempotencyItem.pk.does_not_exist()), None,
                             is_idempotency_record=True))

    def commit(self) -> None:
        """Write everything or nothing; a failed condition raises its domain error."""
        ops = [*self._ops, *self._count_ops()]
        if not ops:
            return
        sent = sorted(ops, key=lambda op: op.kind)  # stable: the order the reasons come back in
        try:
            with TransactWrite(connection=connection()) as tx:
                for op in sent:
                    op.apply(tx)
        except TransactWriteError as exc:
            reasons = exc.cancellation_reasons or []
            failed = [sent[i] for i, r in enumerate(reasons) if r is not None and r.code == "ConditionalCheckFailed"]
            if self._idempotency is not None and any(op.is_idempotency_record for op in failed):
                raise _replay(*self._idempotency) from exc
            for op in failed:
                if op.on_condition_failed is not None:
                    raise op.on_condition_failed() from exc
            raise


class IdempotentReplay(Exception):
    """The same request was already done: here is its stored response."""

    def __init__(self, status_code: int, response: Any) -> None:
        super().__init__("idempotent replay")
        self.status_code = status_code
        self.response = response


def idempotency_keys(scope: str, key: str) -> tuple[str, str]:
    """Keys of the idempotency record of `key` sent by `scope` (a user or a public sender)."""
    return f"IDEM#{scope}#{key}", "#IDEM"


def _hash(request: Any) -> str:
    return hashlib.sha256(json.dumps(request, sort_keys=True, default=str).encode()).hexdigest()


def _replay(pk: str, request_hash: str) -> Exception:
    stored = IdempotencyItem.get(pk, "#IDEM", consistent_read=True)
    if stored.request_hash != request_hash:
        return IdempotencyKeyReused("this Idempotency-Key was used for a different request")
    return IdempotentReplay(int(stored.status_code), json.loads(stored.response))


def find_replay(scope: str, key: str, request: Any) -> IdempotentReplay | None:
    """Look up a finished request with this key before doing work that cannot be repeated."""
    pk, sk = idempotency_keys(scope, key)
    try:
        stored = IdempotencyItem.get(pk, sk, consistent_read=True)
    except IdempotencyItem.DoesNotExist:
        return None
    if stored.request_hash != _hash(request):
        raise IdempotencyKeyReused("this Idempotency-Key was used for a different request")
    return IdempotentReplay(int(stored.status_code), json.loads(stored.response))


def applied(write: Callable[[], Any]) -> bool:
    """Run one conditional write: True when it was applied, False when its condition failed (another writer or an
    earlier run did it first); any other error is raised.
    """
    try:
        write()
    except PynamoDBException as exc:
        if getattr(exc, "cause_response_code", None) == "ConditionalCheckFailedException":
            return False
        raise
    return True


def first(items: Iterable[T]) -> T | None:
    """The first element or None."""
    return next(iter(items), None)
