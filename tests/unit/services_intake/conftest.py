"""A small province in memory: the intake services wired to the fakes of tests/fakes_intake (no moto)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest

from chalicelib.domain.identity import Principal, Role
from chalicelib.domain.org import Level, Org, Position, Unit
from chalicelib.domain.timefmt import iso, now_wita
from chalicelib.services.dispositions import DispositionService
from chalicelib.services.incoming import IncomingService
from chalicelib.services.public import PublicService
from chalicelib.services.sender_notices import SenderNoticeService
from chalicelib.services.verification import VerificationService
from tests.fakes_intake.outside import (
    FakeClassificationRepo,
    FakeEvents,
    FakeFiles,
    FakeOrgRepo,
    FakeSenderMessages,
)
from tests.fakes_intake.records import FakeDispositionRepo, FakeIncomingRepo, FakeNotificationRepo, FakeReceipts
from tests.fakes_intake.store import FakeTransaction, Store
from tests.fakes_intake.submissions import FakeSubmissionRepo

ORG = "DISKOMINFOS"
BASE_URL = "https://kantor.example.go.id"
CITIZEN = {"sender_type": "citizen", "name": "Ni Luh Gede Sukmawati", "email": "sukmawati@example.com",
           "phone": "081234567890", "org": ORG, "kind": "letter",
           "subject": "Permohonan data jaringan internet desa", "body": "Dengan hormat, kami memohon data ..."}
OPERATOR = Principal(username="operator.kominfo", role=Role.OPERATOR, org=ORG)
OTHER_OPERATOR = Principal(username="operator.dinkes", role=Role.OPERATOR, org="DINKES")
KADIS = Principal(username="kadis.kominfo", role=Role.EMPLOYEE, org=ORG, position="KADIS")
KABID = Principal(username="kabid.aptika", role=Role.EMPLOYEE, org=ORG, position="KABID-APTIKA")
KASI = Principal(username="kasi.layanan", role=Role.EMPLOYEE, org=ORG, position="KASI-LAYANAN")
SEKRETARIS = Principal(username="sekretaris.kominfo", role=Role.EMPLOYEE, org=ORG, position="SEKRETARIS")


def org_repo() -> FakeOrgRepo:
    """Two orgs; DISKOMINFOS with a head, a secretary, a field head and a section head under the field."""
    orgs = {ORG: Org(code=ORG, name="Dinas Komunikasi, Informatika dan Statistik", address="Jl. Basuki Rahmat",
                     city="Denpasar"),
            "DINKES": Org(code="DINKES", name="Dinas Kesehatan", address="Jl. Melati", city="Denpasar")}
    units = [Unit(org=ORG, code="APTIKA", name="Bidang Aplikasi Informatika")]
    positions = [
        Position(org=ORG, code="KADIS", title="Kepala Dinas", level=Level.II),
        Position(org=ORG, code="SEKRETARIS", title="Sekretaris", level=Level.III, reports_to="KADIS"),
        Position(org=ORG, code="KABID-APTIKA", title="Kepala Bidang Aptika", level=Level.III, unit="APTIKA",
                 reports_to="KADIS"),
        Position(org=ORG, code="KASI-LAYANAN", title="Kepala Seksi Layanan", level=Level.IV, unit="APTIKA",
                 reports_to="KABID-APTIKA"),
        Position(org="DINKES", code="KADIS", title="Kepala Dinas", level=Level.II),
    ]
    return FakeOrgRepo(orgs=orgs, units=units, positions=positions)


@dataclass
class World:
    """The fakes and the services built on them."""

    store: Store
    submissions: FakeSubmissionRepo
    incoming_repo: FakeIncomingRepo
    disposition_repo: FakeDispositionRepo
    orgs: FakeOrgRepo
    files: FakeFiles
    events: FakeEvents
    messages: FakeSenderMessages
    public: PublicService
    verification: VerificationService
    incoming: IncomingService
    dispositions: DispositionService
    sender_notices: SenderNoticeService

    def submit(self, **changes: Any) -> dict[str, Any]:
        """A citizen's letter submitted; the receipt (code and secret)."""
        status, receipt = self.public.submit({**CITIZEN, **changes}, None, source_ip="203.0.113.7")
        assert status == 201
        return receipt

    def accepted_letter(self, **changes: Any) -> dict[str, Any]:
        """A submission accepted by the operator: the incoming letter it became."""
        code = self.submit(**changes)["code"]
        sid = self.submissions.unlock(code).submission_id
        accepted = self.verification.verify(OPERATOR, sid, {"decision": "accept"})
        return self.incoming.get(KADIS, accepted["incoming_id"])

    def notified(self, record_type: str | None = None) -> list[tuple[str, str]]:
        """(recipient, type) of every committed notification."""
        return [(n["recipient"], n["type"]) for n in self.store.notifications
                if record_type is None or n["record_type"] == record_type]


def deadline(days: float = 3) -> str:
    """A deadline `days` from now (WITA)."""
    return iso(now_wita() + timedelta(days=days))


@pytest.fixture
def world() -> World:
    """A fresh province in memory for each test (building it costs microseconds)."""
    store = Store()
    submissions, incoming_repo = FakeSubmissionRepo(store), FakeIncomingRepo(store)
    disposition_repo, notification_repo = FakeDispositionRepo(store), FakeNotificationRepo(store)
    orgs, files, events, messages = org_repo(), FakeFiles(), FakeEvents(), FakeSenderMessages()
    classifications = FakeClassificationRepo()
    archive = FakeFiles()

    def new_tx() -> FakeTransaction:
        return FakeTransaction(store)

    return World(
        store=store, submissions=submissions, incoming_repo=incoming_repo, disposition_repo=disposition_repo,
        orgs=orgs, files=files, events=events, messages=messages,
        public=PublicService(submissions, orgs, files, events, BASE_URL, new_tx=new_tx),
        verification=VerificationService(submissions, incoming_repo, orgs, notification_repo, events, files,
                                         classifications, new_tx=new_tx),
        incoming=IncomingService(incoming_repo, disposition_repo, orgs, notification_repo, files, events,
                                 NoLetters(), archive, classifications, new_tx=new_tx, receipts=FakeReceipts(store)),
        dispositions=DispositionService(disposition_repo, incoming_repo, submissions, orgs, notification_repo,
                                        events, NoLetters(), new_tx=new_tx),
        sender_notices=SenderNoticeService(submissions, messages, BASE_URL),
    )


class NoLetters:
    """No outgoing letters exist in these tests."""

    def get(self, letter_id: str) -> Any:
        """Always NotFound."""
        from chalicelib.domain.errors import NotFound

        raise NotFound("no such letter")
