"""One contract for the submission and incoming-letter repositories, run against the in-memory fakes
(tests/fakes_intake) and the DynamoDB adapters under moto: the unit tests of the intake services rely on the
fakes behaving as the adapters.

The DynamoDB half builds the table from infra/ once for the module; each test uses fresh ids and contacts.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any

import boto3
import pytest
from moto import mock_aws

from chalicelib import bootstrap
from chalicelib.adapters import dynamo
from chalicelib.adapters.archive_repo import ArchiveRepository
from chalicelib.adapters.audit_repo import AuditRepository
from chalicelib.adapters.dynamo import IdempotentReplay, Transaction
from chalicelib.adapters.incoming_repo import IncomingRepository
from chalicelib.adapters.sequences import SequenceContention
from chalicelib.adapters.submission_repo import SubmissionRepository, submission_key
from chalicelib.domain.audit import AuditEvent, verify_chain
from chalicelib.domain.classification import effective_table
from chalicelib.domain.errors import Conflict, NotFound, TooManyRequests
from chalicelib.domain.incoming import IncomingLetter, IncomingSource, IncomingState
from chalicelib.domain.submissions import (
    PublicStatus,
    Sender,
    SenderType,
    Submission,
    SubmissionKind,
    SubmissionState,
    hash_secret,
    new_tracking_code,
    timeline_entry,
)
from chalicelib.services.audited import audit_event
from chalicelib.services.intake_ports import IncomingRepo, SubmissionRepo
from infra import local_stack
from tests.conftest import MOTO_CONFIG, TEST_ENV
from tests.fakes_intake.records import FakeIncomingRepo
from tests.fakes_intake.store import FakeTransaction, Store
from tests.fakes_intake.submissions import FakeSubmissionRepo
from tests.unit.conftest import make_settings

AT = "2026-12-03T09:00:00+08:00"


@dataclass
class Harness:
    """A repository, how to open a transaction for it, and how to read a record's audit trail."""

    repo: SubmissionRepo
    incoming_repo: IncomingRepo
    new_tx: Callable[[], Transaction]
    trail: Callable[[str], list[AuditEvent]]


@pytest.fixture(scope="module")
def dynamodb() -> Iterator[Harness]:
    """The adapter on the project table as infra/template.yaml defines it (only the table; once for the module)."""
    with mock_aws(config=MOTO_CONFIG):
        client = boto3.client("dynamodb", region_name=TEST_ENV["AWS_REGION"])
        (props,) = [r["Properties"] for r in local_stack.resources_of("AWS::DynamoDB::Table").values()]
        table, _ = local_stack._table(client, "kv-contract-table", props)  # noqa: SLF001 - the template's own builder
        dynamo.bind(make_settings(table_name=table, region=TEST_ENV["AWS_REGION"]))
        audit = AuditRepository()
        yield Harness(SubmissionRepository(audit), IncomingRepository(audit, ArchiveRepository()), Transaction,
                      lambda sid: audit.trail(submission_key(sid)[0]))
    bootstrap.reset()


@pytest.fixture(params=["fake", "dynamodb"])
def harness(request: pytest.FixtureRequest) -> Harness:
    """Each contract test runs once per implementation."""
    if request.param == "dynamodb":
        return request.getfixturevalue("dynamodb")  # type: ignore[no-any-return]
    store = Store()
    return Harness(FakeSubmissionRepo(store), FakeIncomingRepo(store), lambda: FakeTransaction(store),
                   lambda sid: store.trail("submission", sid))


def _submission(owner: str | None = None, created_at: str = AT) -> Submission:
    return Submission(
        id=uuid.uuid4().hex, code=new_tracking_code(), org="DISKOMINFOS", org_name="Diskominfos",
        sender=Sender(type=SenderType.CITIZEN, name="Ni Luh", email=f"{uuid.uuid4().hex}@example.com",
                      phone=None),
        kind=SubmissionKind.LETTER, subject="Permohonan data", body="Isi", created_at=created_at,
        updated_at=created_at, owner=owner)


def _add(h: Harness, submission: Submission, secret: str = "s3cret") -> Submission:
    tx = h.new_tx()
    added = h.repo.add(tx, submission, hash_secret(secret), timeline_entry(submission.created_at,
                                                                          PublicStatus.RECEIVED),
                       audit_event(None, "submitted", submission.created_at, to_state="received"))
    tx.commit()
    return added


def test_an_added_submission_reads_back_with_its_tracking_view_keys_and_audit_chain(harness: Harness) -> None:
    s = _add(harness, _submission())

    stored = harness.repo.get(s.id)
    assert (stored.code, stored.state, stored.version, stored.audit_seq) == (s.code, SubmissionState.RECEIVED, 1, 1)
    assert stored.sender == s.sender and stored.audit_head == s.audit_head
    keys = harness.repo.unlock(s.code)
    assert (keys.submission_id, keys.secret_hash, keys.owner) == (s.id, hash_secret("s3cret"), None)
    tracking = harness.repo.track(s.code)
    assert tracking["status"] == "received" and tracking["reply"] is None
    assert [e["status"] for e in tracking["timeline"]] == ["received"]
    trail = harness.trail(s.id)
    assert [e.action for e in trail] == ["submitted"] and verify_chain(trail, stored.audit_head).valid


def test_unknown_ids_and_codes_are_not_found(harness: Harness) -> None:
    with pytest.raises(NotFound):
        harness.repo.get(uuid.uuid4().hex)
    with pytest.raises(NotFound):
        harness.repo.track("KV-XXXX-XXXX")
    with pytest.raises(NotFound):
        harness.repo.reissue_secret("KV-XXXX-XXXX", hash_secret("x"))


def test_a_save_at_the_version_read_wins_and_a_stale_one_is_a_conflict(harness: Harness) -> None:
    s = harness.repo.get(_add(harness, _submission()).id)
    tx = harness.new_tx()
    saved = harness.repo.save(tx, replace(s, state=SubmissionState.RETURNED, return_reason="KTP"),
                              audit_event(None, "return", AT, from_state="received", to_state="returned"))
    harness.repo.add_to_timeline(tx, s.code, timeline_entry(AT, PublicStatus.RETURNED, reason="KTP"))
    tx.commit()

    stale = harness.new_tx()
    harness.repo.save(stale, s, audit_event(None, "again", AT))
    with pytest.raises(Conflict):
        stale.commit()
    stored = harness.repo.get(s.id)
    assert (stored.state, stored.return_reason, stored.version, saved.version) == (
        SubmissionState.RETURNED, "KTP", 2, 2)
    assert [e["reason"] for e in harness.repo.track(s.code)["timeline"]] == [None, "KTP"]
    assert [e.action for e in harness.trail(s.id)] == ["submitted", "return"]


def test_the_contact_cap_refuses_the_submission_over_it(harness: Harness) -> None:
    contact = f"email:{uuid.uuid4().hex}"
    first = harness.new_tx()
    harness.repo.count_contacts(first, [contact], 1)
    first.commit()

    second = harness.new_tx()
    harness.repo.count_contacts(second, [contact], 1)
    with pytest.raises(TooManyRequests):
        second.commit()


def test_a_reissued_secret_replaces_the_hash_and_a_notice_is_claimed_once(harness: Harness) -> None:
    s = _add(harness, _submission())
    harness.repo.reissue_secret(s.code, hash_secret("new"))
    key = f"{s.id}#submission.received#{AT}"

    assert harness.repo.unlock(s.code).secret_hash == hash_secret("new")
    assert [harness.repo.claim_notice(key), harness.repo.claim_notice(key)] == [True, False]


def test_an_owner_lists_only_their_own_newest_first(harness: Harness) -> None:
    owner = f"citizen-{uuid.uuid4().hex[:8]}"
    older = _add(harness, _submission(owner, "2026-12-01T09:00:00+08:00"))
    newer = _add(harness, _submission(owner, "2026-12-02T09:00:00+08:00"))
    _add(harness, _submission("someone-else"))

    page = harness.repo.list_owned(owner, 10, None)

    assert [row["code"] for row in page.items] == [newer.code, older.code] and page.next is None
    assert page.items[0]["subject"] == "Permohonan data"


def test_a_repeated_idempotency_key_replays_the_first_response(harness: Harness) -> None:
    key, request = uuid.uuid4().hex, {"subject": "x"}
    for attempt in range(2):
        tx = harness.new_tx()
        _stage(harness, tx)
        tx.remember_outcome("contract", key, request, 201, {"attempt": attempt}, expires_at=2_000_000_000)
        if attempt:
            with pytest.raises(IdempotentReplay) as replay:
                tx.commit()
        else:
            tx.commit()
    assert (replay.value.status_code, replay.value.response) == (201, {"attempt": 0})


def _stage(harness: Harness, tx: Any) -> None:
    s = _submission()
    harness.repo.add(tx, s, hash_secret("x"), timeline_entry(AT, PublicStatus.RECEIVED),
                     audit_event(None, "submitted", AT, to_state="received"))


def _register(harness: Harness, tx: Transaction, org: str, subject: str = "Undangan rapat") -> IncomingLetter:
    return harness.incoming_repo.register(tx, org=org, source=IncomingSource.PAPER, source_ref=None,
                                          sender_name="Kantor Camat Kuta", sender_org=None, subject=subject,
                                          actor="operator", addressed_to="KADIS", table=effective_table([]))


def test_incoming_letters_get_consecutive_agenda_numbers_per_org_and_read_back(harness: Harness) -> None:
    org = f"ORG{uuid.uuid4().hex[:6].upper()}"
    letters = []
    for subject in ("Pertama", "Kedua"):
        tx = harness.new_tx()
        letters.append(_register(harness, tx, org, subject))
        tx.commit()

    assert [letter.agenda_number.split("/")[:3] for letter in letters] == [["0001", "SM", org], ["0002", "SM", org]]
    stored = harness.incoming_repo.get(letters[0].id)
    assert (stored.subject, stored.state, stored.version, stored.audit_seq) == (
        "Pertama", IncomingState.REGISTERED, 1, 1)
    assert {x.id for x in harness.incoming_repo.list(org, None, 10, None).items} == {x.id for x in letters}
    with pytest.raises(NotFound):
        harness.incoming_repo.get(uuid.uuid4().hex)


def test_two_registrations_racing_for_one_agenda_number_lose_one_to_a_retry(harness: Harness) -> None:
    org = f"ORG{uuid.uuid4().hex[:6].upper()}"
    first, second = harness.new_tx(), harness.new_tx()
    _register(harness, first, org)
    _register(harness, second, org)
    first.commit()

    with pytest.raises(SequenceContention):
        second.commit()
    assert len(harness.incoming_repo.list(org, None, 10, None).items) == 1


def test_an_incoming_letter_saved_at_a_stale_version_is_a_conflict(harness: Harness) -> None:
    org = f"ORG{uuid.uuid4().hex[:6].upper()}"
    tx = harness.new_tx()
    letter = _register(harness, tx, org)
    tx.commit()
    read = harness.incoming_repo.get(letter.id)
    tx = harness.new_tx()
    harness.incoming_repo.save(tx, replace(read, state=IncomingState.DISPOSED, open_dispositions=1),
                               audit_event(None, "disposed", AT, from_state="registered", to_state="disposed"))
    tx.commit()

    stale = harness.new_tx()
    harness.incoming_repo.save(stale, read, audit_event(None, "again", AT))
    with pytest.raises(Conflict):
        stale.commit()
    assert [x.id for x in harness.incoming_repo.list(org, "disposed", 10, None).items] == [letter.id]
    assert harness.incoming_repo.list(org, "registered", 10, None).items == []
