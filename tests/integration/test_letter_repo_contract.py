"""One contract for the letter repository (and one for the external deliveries), run against the in-memory
fake (tests/fakes) and the DynamoDB adapter under moto: what the letters use cases rely on — a letter reads back
as written, a second create or a stale version is refused with the same domain error, a step takes one decision
and only once it waits in its queue (entered once, never after its decision or its round's end), a copy is
delivered once, and an org's structure reads in one call.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

import pytest
from moto import mock_aws

from chalicelib import bootstrap
from chalicelib.adapters.dispatch_repo import DispatchRepository
from chalicelib.adapters.dynamo import Transaction
from chalicelib.adapters.notification_repo import ALERTS_DUE_PK, NotificationItem, NotificationRepository
from chalicelib.domain.audit import AuditEvent
from chalicelib.domain.errors import Conflict, NotFound
from chalicelib.domain.letter_chain import DEFAULT_SIGNING_AUTHORITY, plan_chain
from chalicelib.domain.letter_records import ALL_DELIVERED, CopyExists, ExternalDelivery
from chalicelib.domain.letters import (
    Decision,
    Letter,
    LetterState,
    LetterType,
    Paraf,
    Recipient,
    RecipientKind,
    Security,
    Urgency,
)
from chalicelib.domain.org import Unit
from chalicelib.domain.timefmt import WITA
from chalicelib.services.dispatch_ports import DispatchRepo
from chalicelib.services.letters_ports import LetterRepo
from infra import local_stack
from tests.conftest import MOTO_CONFIG, TEST_ENV
from tests.fakes.letters import FakeLetterRepo
from tests.fakes.province import province
from tests.fakes.services import FakeDispatchRepo
from tests.fakes.transaction import FakeTransaction

ORG = "DISKOMINFOS"
AT = "2026-03-02T09:00:00+08:00"
LATER = "2026-03-03T10:00:00+08:00"


@dataclass
class Backend:
    """A letter repository and how its use cases get a transaction."""

    repo: LetterRepo
    transaction: Callable[[], Transaction]


def _seed_org(container: Any) -> None:
    """The org's units and positions written by the org repository, as the admin API does."""
    structure = province()[0][ORG]
    tx = Transaction()
    container.org_repo.add_org(replace(structure.org, coordinated_by=None), tx)  # the Setda is not seeded here
    tx.commit()
    parents = {"DISKOMINFOS": None, "APTIKA": "DISKOMINFOS", "LAYANAN": "APTIKA", "SEKRETARIAT": "DISKOMINFOS"}
    for code, parent in parents.items():
        tx = Transaction()
        container.org_repo.add_unit(Unit(org=ORG, code=code, name=structure.unit_names[code], parent=parent), tx)
        tx.commit()
    for position in sorted(structure.positions.values(), key=lambda p: p.level.rank):
        tx = Transaction()
        container.org_repo.add_position(replace(position, holder=None, holder_name=None), tx)
        tx.commit()


@pytest.fixture(scope="module")
def dynamo_backend() -> Iterator[Backend]:
    """The DynamoDB adapter on a moto table (one per module: the cases use fresh letter ids)."""
    with mock_aws(config=MOTO_CONFIG), pytest.MonkeyPatch.context() as patch:
        env = local_stack.build(prefix="kv-contract")
        for key, value in {**TEST_ENV, **env}.items():
            patch.setenv(key, value)
        bootstrap.reset()
        container = bootstrap.container()
        _seed_org(container)
        yield Backend(container.letter_repo, Transaction)
        bootstrap.reset()


@pytest.fixture(params=["fake", "dynamo"])
def backend(request: pytest.FixtureRequest) -> Backend:
    """Each case once per implementation."""
    if request.param == "dynamo":
        return request.getfixturevalue("dynamo_backend")
    fake = FakeLetterRepo(province()[0])
    outcomes: dict[Any, Any] = {}
    return Backend(fake, lambda: FakeTransaction(outcomes))


def a_letter(backend: Backend, letter_id: str) -> Letter:
    """A draft from the staff of the org's Seksi Layanan, to be signed by the Kadis."""
    structure = backend.repo.structure(ORG)
    plan = plan_chain("PRANATA-KOMPUTER", "KADIS", LetterType.SURAT_DINAS, structure.positions, 3,
                      DEFAULT_SIGNING_AUTHORITY)
    return Letter(id=letter_id, org=ORG, type=LetterType.SURAT_DINAS, classification="000.1.2", subject="Uji kontrak",
                  body="Isi", addressees=[Recipient(kind=RecipientKind.POSITION, code="SEKRETARIS")], cc=[],
                  signatory="KADIS", security=Security.BIASA, urgency=Urgency.BIASA, drafter="staf.kominfo",
                  drafter_position="PRANATA-KOMPUTER", state=LetterState.DRAFT, created_at=AT, updated_at=AT,
                  steps=plan.steps)


def event(action: str) -> AuditEvent:
    """An audit event; the repository places it in the letter's trail."""
    return AuditEvent(record="", seq=0, at=AT, actor="staf.kominfo", action=action, position="PRANATA-KOMPUTER",
                      from_state="draft", to_state="draft")


def create(backend: Backend, letter_id: str) -> Letter:
    """A new letter, committed."""
    letter = a_letter(backend, letter_id)
    tx = backend.transaction()
    backend.repo.new_record(letter, tx, event("drafted"))
    tx.commit()
    return letter


def test_a_letter_reads_back_as_written_with_its_trail_and_its_orgs_structure(backend: Backend) -> None:
    structure = backend.repo.structure(ORG)
    assert structure.positions["KASI-LAYANAN"].reports_to == "KABID-APTIKA"
    assert {"APTIKA", "LAYANAN"} <= structure.units and structure.unit_names["LAYANAN"]
    letter = create(backend, "contract-read")
    record = backend.repo.get("contract-read")
    assert record.letter == letter and record.letter.version == 1
    assert [(e.seq, e.action) for e in backend.repo.trail("contract-read")] == [(1, "drafted")]
    assert record.audit_seq == 1 and record.audit_head == backend.repo.trail("contract-read")[0].hash
    with pytest.raises(NotFound):
        backend.repo.get("contract-none")
    with pytest.raises(NotFound):
        backend.repo.structure("NOSUCHORG")


def test_a_second_create_and_a_stale_version_are_refused_and_change_nothing(backend: Backend) -> None:
    create(backend, "contract-versions")
    with pytest.raises(Conflict):  # the letter's first audit event is taken too: either condition refuses it
        create(backend, "contract-versions")
    record = backend.repo.get("contract-versions")
    tx = backend.transaction()
    edited = backend.repo.record_event(tx, record, event("edited"))
    backend.repo.save(tx, replace(edited, letter=replace(record.letter, subject="Baru")))
    tx.commit()
    stale = backend.transaction()
    again = backend.repo.record_event(stale, record, event("edited"))  # from the head before the edit
    backend.repo.save(stale, replace(again, letter=replace(record.letter, subject="Lama")))
    with pytest.raises(Conflict, match="changed"):  # its audit event's place is taken first
        stale.commit()
    stale = backend.transaction()
    backend.repo.save(stale, replace(record, letter=replace(record.letter, subject="Lama")))
    with pytest.raises(Conflict) as refused:  # the version alone
        stale.commit()
    assert [d.get("field") for d in refused.value.details] == ["version"]
    now = backend.repo.get("contract-versions")
    assert (now.letter.subject, now.letter.version, now.audit_seq) == ("Baru", 2, 2)


def _decide(backend: Backend, letter: Letter, index: int, position: str) -> None:
    tx = backend.transaction()
    backend.repo.record_decision(tx, letter.id, letter.round, index, Decision.APPROVE, by="someone",
                                 position=position, note=None, at=LATER)
    tx.commit()


def _queued(backend: Backend, position: str, letter_id: str) -> list[int]:
    return [row["index"] for row in backend.repo.list_approvals(ORG, position, 10, None).items
            if row["letter_id"] == letter_id]


def test_a_step_takes_one_decision_and_only_once_it_waits_in_its_queue(backend: Backend) -> None:
    letter = replace(create(backend, "contract-steps"), round=1)
    tx = backend.transaction()
    backend.repo.add_steps(tx, letter, AT)
    tx.commit()
    first = backend.repo.get_step(letter.id, 1, 1)
    assert first.waiting and first.waiting_since == AT  # the submit's Put put it in its queue
    assert _queued(backend, "KASI-LAYANAN", letter.id) == [1]
    assert not backend.repo.get_step(letter.id, 1, 2).waiting and _queued(backend, "KABID-APTIKA", letter.id) == []
    with pytest.raises(Conflict):
        _decide(backend, letter, 2, "KABID-APTIKA")  # not in its queue yet

    _decide(backend, letter, 1, "KASI-LAYANAN")
    with pytest.raises(Conflict):
        _decide(backend, letter, 1, "KASI-LAYANAN")  # decided already
    assert _queued(backend, "KASI-LAYANAN", letter.id) == []
    assert backend.repo.enter_queue(backend.repo.step_wait(letter, 1, LATER, 60)) is False  # decided: stays out
    assert _queued(backend, "KASI-LAYANAN", letter.id) == []
    assert backend.repo.enter_queue(backend.repo.step_wait(letter, 2, LATER, 60)) is True
    assert backend.repo.enter_queue(backend.repo.step_wait(letter, 2, "2026-03-09T09:00:00+08:00", 60)) is True
    second = backend.repo.get_step(letter.id, 1, 2)
    assert second.waiting and second.waiting_since == LATER  # entered again: its first time is kept
    assert _queued(backend, "KABID-APTIKA", letter.id) == [2]
    _decide(backend, letter, 2, "KABID-APTIKA")
    tx = backend.transaction()
    backend.repo.add_steps(tx, letter, AT)
    with pytest.raises(Conflict, match="already submitted"):
        tx.commit()


def test_a_closed_or_withdrawn_step_never_enters_its_queue(backend: Backend) -> None:
    letter = replace(create(backend, "contract-closed"), round=1)
    tx = backend.transaction()
    backend.repo.add_steps(tx, letter, AT)
    tx.commit()
    tx = backend.transaction()
    backend.repo.withdraw_step(tx, letter.id, 1, 1)
    backend.repo.close_steps(tx, letter.id, 1, [2, 3])
    tx.commit()
    assert _queued(backend, "KASI-LAYANAN", letter.id) == []
    for index in (1, 2):
        assert backend.repo.enter_queue(backend.repo.step_wait(letter, index, LATER, 60)) is False
        assert not backend.repo.get_step(letter.id, 1, index).waiting
    assert _queued(backend, "KASI-LAYANAN", letter.id) == _queued(backend, "KABID-APTIKA", letter.id) == []


def test_an_asked_paraf_waits_in_its_queue_from_the_approval_that_asks_it(backend: Backend) -> None:
    letter = replace(create(backend, "contract-paraf"), round=1)
    tx = backend.transaction()
    backend.repo.add_steps(tx, letter, AT)
    tx.commit()
    asked = replace(letter, steps=[replace(letter.steps[0], paraf=(Paraf(position="SEKRETARIS", title="Sekretaris"),)),
                                   *letter.steps[1:]])
    tx = backend.transaction()
    backend.repo.add_paraf(tx, asked, 1, LATER)
    tx.commit()
    assert backend.repo.get_paraf(letter.id, 1, 1, "SEKRETARIS").waiting
    assert [row["kind"] for row in backend.repo.list_approvals(ORG, "SEKRETARIS", 10, None).items
            if row["letter_id"] == letter.id] == ["paraf"]
    tx = backend.transaction()
    backend.repo.record_paraf(tx, letter.id, 1, 1, "SEKRETARIS", Decision.APPROVE, by="sekretaris", note=None,
                              at=LATER)
    tx.commit()
    assert backend.repo.list_approvals(ORG, "SEKRETARIS", 10, None).items == []
    [branch] = backend.repo.paraf_branches(asked, 1, LATER, 60)
    assert backend.repo.enter_queue(branch) is False  # initialled: stays out


def test_a_copy_is_delivered_once(backend: Backend) -> None:
    letter = replace(create(backend, "contract-copies"), number="000.1.2/1/DISKOMINFOS/2026")
    for attempt in range(2):
        backend.repo.put_box_entries(letter, [("sent", "KADIS"), ("cc", "KABID-APTIKA")], AT)  # again: same items
        if attempt:
            with pytest.raises(CopyExists):
                backend.repo.put_box_entry(letter, "inbox", "SEKRETARIS", AT)
        else:
            backend.repo.put_box_entry(letter, "inbox", "SEKRETARIS", AT)
        backend.repo.mark_delivered(letter.id, ALL_DELIVERED, AT)
    assert backend.repo.copies(letter.id) == {"BOX#inbox#SEKRETARIS": None, "BOX#sent#KADIS": None,
                                              "BOX#cc#KABID-APTIKA": None, ALL_DELIVERED: None}
    assert [row["id"] for row in backend.repo.list_box("inbox", ORG, "SEKRETARIS", 10, None).items] == [letter.id]
    assert [row["id"] for row in backend.repo.list_box("cc", ORG, "KABID-APTIKA", 10, None).items] == [letter.id]


@pytest.fixture(params=["fake", "dynamo"])
def dispatch_repo(request: pytest.FixtureRequest) -> DispatchRepo:
    """The external deliveries' repository, once per implementation."""
    if request.param == "dynamo":
        request.getfixturevalue("dynamo_backend")  # the moto table
        return DispatchRepository()
    return FakeDispatchRepo()


def test_a_delivery_is_stored_once_emailed_or_dispatched_once(dispatch_repo: DispatchRepo) -> None:
    moment = datetime(2026, 3, 2, 9, 0, tzinfo=WITA)
    email = ExternalDelivery(letter_id="contract-dispatch", id="to-00", org=ORG, role="to", name="PT Bali",
                             channel="email", state="pending", email="info@example.co.id")
    by_hand = replace(email, id="to-01", channel="manual", email=None, reason="tidak ada alamat email")
    assert dispatch_repo.add(email, moment) and dispatch_repo.add(by_hand, moment)
    assert not dispatch_repo.add(email, moment)  # a redelivered event
    dispatch_repo.mark_sent(dispatch_repo.list("contract-dispatch")[0], "2026-03-02T09:01:00+08:00", "m-1")
    assert [(d.id, d.state) for d in dispatch_repo.list("contract-dispatch")] == [("to-00", "sent"),
                                                                                  ("to-01", "pending")]
    assert [d.id for d in dispatch_repo.by_state(ORG, "pending", 10, None).items] == ["to-01"]
    marked = dispatch_repo.mark_dispatched("contract-dispatch", "to-01", by="operator.kominfo", at=moment,
                                           via="pos", receipt="RR1", note=None)
    assert (marked.state, marked.dispatched_by, marked.receipt) == ("dispatched", "operator.kominfo", "RR1")
    with pytest.raises(Conflict):
        dispatch_repo.mark_dispatched("contract-dispatch", "to-01", by="operator.kominfo", at=moment, via="pos",
                                      receipt=None, note=None)
    with pytest.raises(NotFound):
        dispatch_repo.mark_dispatched("contract-dispatch", "to-09", by="operator.kominfo", at=moment, via="pos",
                                      receipt=None, note=None)
    assert [d.id for d in dispatch_repo.by_state(ORG, "dispatched", 10, None).items] == ["to-01"]


def test_a_copy_s_notification_written_twice_is_one_notification_and_one_alert(dynamo_backend: Backend) -> None:
    notifications = NotificationRepository()
    for _attempt in range(2):  # a fan-out resumed after the notification, before the box entry
        notifications.add_once("pos:DISKOMINFOS:SEKRETARIS", "contract-once#BOX#inbox#SEKRETARIS", AT,
                               type="letter.received", title="Surat masuk", body="Uji kontrak", record_type="letter",
                               record_id="contract-once")
    rows = notifications.list("pos:DISKOMINFOS:SEKRETARIS", 10, None).items
    assert [row["record_id"] for row in rows] == ["contract-once"]
    due = [item for item in NotificationItem.due.query(ALERTS_DUE_PK) if item.record_id == "contract-once"]
    assert len(due) == 1
