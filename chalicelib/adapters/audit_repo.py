"""Audit events in DynamoDB: written inside the transaction of the change they record."""

from __future__ import annotations

from pynamodb.attributes import JSONAttribute, NumberAttribute, UnicodeAttribute

from chalicelib.adapters.dynamo import Item, Transaction, register
from chalicelib.domain.audit import AuditEvent, seal
from chalicelib.domain.errors import Conflict

AUDIT_PREFIX = "AUDIT#"


def audit_key(record: str, seq: int) -> tuple[str, str]:
    """An audit event lives in its record's partition, ordered by sequence."""
    return record, f"{AUDIT_PREFIX}{seq:06d}"


@register
class AuditItem(Item):
    """One audit event."""

    seq = NumberAttribute()
    at = UnicodeAttribute()
    actor = UnicodeAttribute()
    action = UnicodeAttribute()
    position = UnicodeAttribute(null=True)
    acting_for = UnicodeAttribute(null=True)
    from_state = UnicodeAttribute(null=True)
    to_state = UnicodeAttribute(null=True)
    note = UnicodeAttribute(null=True)
    data = JSONAttribute(null=True)
    prev_hash = UnicodeAttribute()
    hash = UnicodeAttribute()


def _event(item: AuditItem) -> AuditEvent:
    return AuditEvent(record=item.pk, seq=int(item.seq), at=item.at, actor=item.actor, action=item.action,
                      position=item.position, acting_for=item.acting_for, from_state=item.from_state,
                      to_state=item.to_state, note=item.note, data=item.data or {}, prev_hash=item.prev_hash,
                      hash=item.hash)


class AuditRepository:
    """Appends and reads a record's trail."""

    def append(self, event: AuditEvent, prev_hash: str, tx: Transaction) -> AuditEvent:
        """Seal `event` after `prev_hash` and add it to `tx`; the caller also stores the new head on the record."""
        sealed = seal(event, prev_hash)
        item = AuditItem(*audit_key(sealed.record, sealed.seq), seq=sealed.seq, at=sealed.at, actor=sealed.actor,
                         action=sealed.action, position=sealed.position, acting_for=sealed.acting_for,
                         from_state=sealed.from_state, to_state=sealed.to_state, note=sealed.note,
                         data=sealed.data or None, prev_hash=sealed.prev_hash, hash=sealed.hash)
        tx.put(item, condition=AuditItem.pk.does_not_exist(),
               on_condition_failed=lambda: Conflict("someone else changed this record at the same time; reload it"))
        return sealed

    def trail(self, record: str) -> list[AuditEvent]:
        """Every event of a record in order (a trail is short: one Query, paged by PynamoDB if ever long)."""
        return [_event(i) for i in AuditItem.query(record, AuditItem.sk.startswith(AUDIT_PREFIX))]
