"""The archive in DynamoDB: archive entries (with their search words), public verification codes and the org's
dashboard counters. Written inside the transaction that signs or registers the record. Keys: docs/archive-data.md.

In the record's partition (`LETTER#{id}` or `INCOMING#{id}`):
  `#ARCHIVE`        the entry and its search words; gsi1 = by date per org, gsi2 = by retention due date per org
                    (absent under a legal hold); entries written before also by classification (gsi3, unread now)
A search by words, classification, type or kind reads the org's entries by date and filters them in DynamoDB:
no item per word and no classification index entry is written (docs/archive-data.md weighs the read cost
against the writes saved).
Elsewhere:
  `VERIFY#{code}` / `#VERIFY`     a verification code: its letter and what the page shows first; the seal to
                                  check is read with the letter (one GetItem, then one Query)
  `STATS#{org}` / `#DASHBOARD`    counters of the dashboard (paperless pages; the others: monitoring_repo.py)
"""

from __future__ import annotations

import functools
import operator
from datetime import date
from typing import Any

from pynamodb.attributes import BooleanAttribute, ListAttribute, NumberAttribute, UnicodeAttribute

from chalicelib.adapters import dynamo
from chalicelib.adapters.dynamo import Gsi1, Gsi2, Item, Page, Transaction, register
from chalicelib.adapters.letter_items import (
    CompactJSONAttribute,
    LetterItem,
    LetterPartItem,
    LetterPartitionItem,
    letter_pk,
)
from chalicelib.adapters.letter_parts import SIGNED_PART, seal_of, to_record
from chalicelib.domain.archive import ArchiveEntry, ArchiveQuery, RecordKind
from chalicelib.domain.errors import NotFound
from chalicelib.domain.letter_records import Verification
from chalicelib.domain.letters import Letter

ENTRY_SK = "#ARCHIVE"
_HIGH = "~"  # sorts after every character used in sort keys: '{date}~' closes a day
# Entries read per request when a filter thins the page (DynamoDB stops earlier, at 1 MB read).
FILTERED_READ = 1000


# ---------------------------------------------------------------- keys (pure)


def record_pk(kind: RecordKind, record_id: str) -> str:
    """The partition of the archived record itself."""
    return f"{'LETTER' if kind is RecordKind.LETTER else 'INCOMING'}#{record_id}"


def by_date_pk(org: str) -> str:
    """gsi1: an org's archive by date."""
    return f"ARCHIVE#{org}"


def retention_pk(org: str) -> str:
    """gsi2: an org's records by the day their final retention action is due."""
    return f"RETENTION#{org}"


def dated_sk(moment: str, kind: RecordKind, record_id: str) -> str:
    """Sort key of an entry in a date-ordered index: an ISO day or timestamp first, so day ranges are key ranges."""
    return f"{moment}#{kind.value}#{record_id}"


def verification_key(code: str) -> tuple[str, str]:
    """The public verification item of a signed letter."""
    return f"VERIFY#{code}", "#VERIFY"


def stats_key(org: str) -> tuple[str, str]:
    """The dashboard counters of an org."""
    return f"STATS#{org}", "#DASHBOARD"


# ---------------------------------------------------------------- models


@register
class ArchiveItem(Item):
    """An archive entry (`#ARCHIVE`). Its id and moment are read from its keys (entries written before kept
    them as `record_id` and `at` too).
    """

    gsi1pk = UnicodeAttribute()
    gsi1sk = UnicodeAttribute()
    gsi2pk = UnicodeAttribute(null=True)
    gsi2sk = UnicodeAttribute(null=True)
    by_date = Gsi1()
    due = Gsi2()
    kind = UnicodeAttribute()
    record_id = UnicodeAttribute(null=True)
    org = UnicodeAttribute()
    day = UnicodeAttribute()
    at = UnicodeAttribute(null=True)
    number = UnicodeAttribute(null=True)
    subject = UnicodeAttribute()
    letter_type = UnicodeAttribute(null=True)
    classification = UnicodeAttribute(null=True)
    security = UnicodeAttribute()
    sender = UnicodeAttribute()
    recipients = ListAttribute(of=UnicodeAttribute, null=True)
    pages = NumberAttribute(null=True)
    readers = ListAttribute(of=UnicodeAttribute, null=True)
    words = ListAttribute(of=UnicodeAttribute, null=True)
    inactive_from = UnicodeAttribute()
    action_due = UnicodeAttribute()
    final_action = UnicodeAttribute()
    legal_hold = BooleanAttribute(null=True)
    hold_note = UnicodeAttribute(null=True)


@register
class VerificationItem(Item):
    """What the public learns from a verification code; the seal it checks (signed document, hash, signature)
    is read from the letter's `#LETTER#signed` part, written in the same transaction. Items written before
    carry a copy of the seal (about 2 KB, twice the write units).
    """

    letter_id = UnicodeAttribute()
    org = UnicodeAttribute()
    number = UnicodeAttribute()
    signed_at = UnicodeAttribute()
    security = UnicodeAttribute()
    document = CompactJSONAttribute(null=True)
    content_hash = UnicodeAttribute(null=True)
    signature = UnicodeAttribute(null=True)
    signing_key_id = UnicodeAttribute(null=True)
    pdf_sha256 = UnicodeAttribute(null=True)


@register
class StatsItem(Item):
    """An org's dashboard counters, added to in the transactions that change them."""

    paperless_pages = NumberAttribute(null=True)
    pdf_pages = NumberAttribute(null=True)
    signed_letters = NumberAttribute(null=True)


def to_entry(item: ArchiveItem) -> ArchiveEntry:
    """Domain view of an entry: the id from its partition, the moment from its date index's sort key."""
    return ArchiveEntry(
        kind=RecordKind(item.kind), id=item.pk.split("#", 1)[1], org=item.org, date=item.day,
        at=item.gsi1sk.split("#", 1)[0], number=item.number,
        subject=item.subject, type=item.letter_type, classification=item.classification, security=item.security,
        sender=item.sender, recipients=list(item.recipients or []), inactive_from=item.inactive_from,
        action_due=item.action_due, final_action=item.final_action,
        pages=int(item.pages) if item.pages is not None else None, readers=list(item.readers or []),
        words=list(item.words or []), legal_hold=bool(item.legal_hold), hold_note=item.hold_note,
    )


def _item(entry: ArchiveEntry) -> ArchiveItem:
    """The entry as stored: keys, what a result row shows and what filters read (words; readers of a secret
    record); the id and the moment only in the keys.
    """
    sort = dated_sk(entry.at, entry.kind, entry.id)
    item = ArchiveItem(
        record_pk(entry.kind, entry.id), ENTRY_SK, gsi1pk=by_date_pk(entry.org), gsi1sk=sort, kind=entry.kind.value,
        org=entry.org, day=entry.date, number=entry.number, subject=entry.subject,
        letter_type=entry.type, classification=entry.classification, security=entry.security, sender=entry.sender,
        recipients=entry.recipients or None, pages=entry.pages, readers=entry.readers or None,
        words=entry.words or None, inactive_from=entry.inactive_from, action_due=entry.action_due,
        final_action=entry.final_action, legal_hold=entry.legal_hold or None, hold_note=entry.hold_note,
    )
    if not entry.legal_hold:
        item.gsi2pk = retention_pk(entry.org)
        item.gsi2sk = dated_sk(entry.action_due, entry.kind, entry.id)
    return item


def _signed_letter(letter_id: str) -> Letter | None:
    """The letter with its seal as signed: its head and parts in one Query (the seal leaves out what they hold)."""
    head, parts = None, {}
    for found in LetterPartitionItem.query(letter_pk(letter_id), LetterPartitionItem.sk.startswith("#LETTER")):
        if isinstance(found, LetterItem):
            head = found
        elif isinstance(found, LetterPartItem):
            parts[found.sk.removeprefix("#LETTER#")] = found.data
    if head is None or SIGNED_PART not in parts:
        return None
    return to_record(head, parts).letter


def _filter(query: ArchiveQuery) -> Any:
    """The filter expression of what the key does not serve: every word, the classification, the letter type,
    the kind.
    """
    conditions = [ArchiveItem.words.contains(token) for token in query.tokens]
    if query.classification:
        conditions.append(ArchiveItem.classification == query.classification)
    if query.type:
        conditions.append(ArchiveItem.letter_type == query.type)
    if query.kind:
        conditions.append(ArchiveItem.kind == query.kind.value)
    return functools.reduce(operator.and_, conditions) if conditions else None


def _date_condition(attr: Any, query: ArchiveQuery) -> Any:
    low, high = query.date_from, (query.date_to + _HIGH) if query.date_to else None
    if low and high:
        return attr.between(low, high)
    if low:
        return attr >= low
    if high:
        return attr <= high
    return None


class ArchiveRepository:
    """Writes (inside the record's transaction) and one-Query reads of the archive."""

    # -- entries
    def index(self, tx: Transaction, entry: ArchiveEntry) -> None:
        """The entry, with its search words, added to `tx`."""
        tx.put(_item(entry))

    def index_once(self, entry: ArchiveEntry) -> bool:
        """The entry with one conditional write outside any transaction (half the write units), only if absent
        (an entry written before, perhaps under a legal hold since, stays as it is); False if it was there.
        """
        return dynamo.applied(lambda: _item(entry).save(condition=ArchiveItem.pk.does_not_exist()))

    def get(self, kind: RecordKind, record_id: str) -> ArchiveEntry:
        """One entry (strongly consistent: a legal hold builds on it) or NotFound."""
        try:
            return to_entry(ArchiveItem.get(record_pk(kind, record_id), ENTRY_SK, consistent_read=True))
        except ArchiveItem.DoesNotExist as exc:
            raise NotFound("no such archived record") from exc

    def set_hold(self, tx: Transaction, entry: ArchiveEntry, hold: bool, note: str | None) -> None:
        """Set or lift the legal hold; a held entry leaves the retention-due index until it is lifted."""
        item = ArchiveItem(record_pk(entry.kind, entry.id), ENTRY_SK)
        actions = [ArchiveItem.legal_hold.set(hold), ArchiveItem.hold_note.set(note) if note
                   else ArchiveItem.hold_note.remove()]
        if hold:
            actions += [ArchiveItem.gsi2pk.remove(), ArchiveItem.gsi2sk.remove()]
        else:
            actions += [ArchiveItem.gsi2pk.set(retention_pk(entry.org)),
                        ArchiveItem.gsi2sk.set(dated_sk(entry.action_due, entry.kind, entry.id))]
        tx.update(item, actions, condition=ArchiveItem.pk.exists())

    def search(self, query: ArchiveQuery, limit: int, cursor: str | None) -> Page[ArchiveEntry]:
        """One Query of the org's entries by date, newest first. Without filters it reads `limit` entries; with
        words, classification, type or kind it reads up to `FILTERED_READ` entries (or 1 MB) and returns the
        first `limit` that match, the cursor resuming after the last one returned.
        """
        index, hash_attr, hash_value, sort = ArchiveItem.by_date, "gsi1pk", by_date_pk(query.org), ArchiveItem.gsi1sk
        condition = _date_condition(sort, query)
        if not query.filtered:
            return dynamo.query_page(index.query, hash_attr, hash_value, limit=limit, cursor=cursor, convert=to_entry,
                                     scan_index_forward=False, range_key_condition=condition)
        result = index.query(hash_value, range_key_condition=condition, filter_condition=_filter(query),
                             scan_index_forward=False, page_size=FILTERED_READ,
                             last_evaluated_key=dynamo.decode_cursor(cursor, hash_attr, hash_value))
        page = next(result.page_iter)  # exactly one Query, even when it matched fewer than `limit`
        found = page.get("Items", [])
        last = page.get("LastEvaluatedKey")
        if len(found) > limit:
            found = found[:limit]
            last = {name: found[-1][name] for name in (hash_attr, hash_attr.replace("pk", "sk"), "pk", "sk")}
        return Page(items=[to_entry(ArchiveItem.from_raw_data(raw)) for raw in found],
                    next=dynamo.encode_cursor(last))

    def retention_due(self, org: str, on: date, limit: int, cursor: str | None) -> Page[ArchiveEntry]:
        """Entries whose final action is due on `on` or before, earliest first (held ones are not indexed)."""
        return dynamo.query_page(ArchiveItem.due.query, "gsi2pk", retention_pk(org), limit=limit, cursor=cursor,
                                 convert=to_entry, range_key_condition=ArchiveItem.gsi2sk <= on.isoformat() + _HIGH)

    # -- verification codes
    def add_verification(self, verification: Verification) -> None:
        """The verification item of a letter being signed — the code, the letter and what the page shows first —
        with one conditional write just before the transaction that writes the seal (`#LETTER#signed`), outside
        it (half the write units; a new code never overwrites another). Should that transaction not commit, the
        code names no signed document and is not found.
        """
        v = verification
        VerificationItem(*verification_key(v.code), letter_id=v.letter_id, org=v.org, number=v.number,
                         signed_at=v.signed_at, security=v.security).save(condition=VerificationItem.pk.does_not_exist())

    def verification(self, code: str) -> Verification:
        """What a verification code shows with the seal to check, or NotFound (2 GetItem; 1 for an old item)."""
        try:
            item = VerificationItem.get(*verification_key(code))
        except VerificationItem.DoesNotExist as exc:
            raise NotFound("no signed letter has this verification code") from exc
        if item.document is not None:  # written before the seal was read from the letter
            seal = {"document": item.document, "content_hash": item.content_hash, "signature": item.signature,
                    "signing_key_id": item.signing_key_id, "pdf_sha256": item.pdf_sha256}
        else:
            letter = _signed_letter(item.letter_id)
            if letter is None or letter.verification_code != code:
                raise NotFound("no signed letter has this verification code")  # or its signing did not commit
            seal = seal_of(letter)
        return Verification(code=code, letter_id=item.letter_id, org=item.org, number=item.number,
                            signed_at=item.signed_at, security=item.security, **seal)

    # -- dashboard counters
    def count_signed(self, tx: Transaction, org: str, *, pages: int, paperless_pages: int) -> None:
        """Add one signed letter, its pages and the pages its recipients did not print."""
        tx.update(StatsItem(*stats_key(org)), [StatsItem.signed_letters.add(1), StatsItem.pdf_pages.add(pages),
                                               StatsItem.paperless_pages.add(paperless_pages)])
