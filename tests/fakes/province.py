"""The demo province (infra/seed.py) in memory, and the letters service wired to fakes of every port."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial

from chalicelib.config_letters import LetterSettings
from chalicelib.domain.identity import Principal, Role
from chalicelib.domain.letter_chain import DEFAULT_DEADLINES, DEFAULT_SIGNING_AUTHORITY
from chalicelib.domain.letter_records import OrgStructure
from chalicelib.domain.org import Level, Org, Position, User
from chalicelib.services.letterhead import Letterheads
from chalicelib.services.letters import LetterService
from chalicelib.services.letters_ports import LetterPorts
from chalicelib.services.signer_port import CertifiedChoice
from infra.seed import CITY, ORGS
from tests.fakes.letterheads import FakeLetterheads, FakeLogos
from tests.fakes.letters import FakeLetterRepo
from tests.fakes.receipts import FakeReceipts
from tests.fakes.services import (
    FakeArchiveRepo,
    FakeClassificationRepo,
    FakeCounterRepo,
    FakeEvents,
    FakeFileStore,
    FakeIncomingRepo,
    FakeListRepo,
    FakeNotificationRepo,
    FakeOrgRepo,
    FakeSequenceRepo,
    FakeSigner,
    FakeWorkflow,
)
from tests.fakes.transaction import FakeTransaction


@dataclass
class OrgsOfStructures:
    """The orgs the letterhead service reads, from the seeded structures."""

    letter_repo: FakeLetterRepo

    def get_org(self, code: str) -> Org:
        return self.letter_repo.structure(code).org


SETTINGS = LetterSettings(DEFAULT_DEADLINES, DEFAULT_SIGNING_AUTHORITY, attachment_max_bytes=1024 * 1024,
                          max_attachments=3)
NUMBER_FORMAT = "{classification}/{seq}/{org_code}/{year}"


def province() -> tuple[dict[str, OrgStructure], FakeOrgRepo]:
    """Every seeded org's structure, and its positions and people."""
    structures: dict[str, OrgStructure] = {}
    org_repo = FakeOrgRepo()
    for seeded in ORGS:
        code = seeded["code"]
        holders = {p[3]: (p[0], p[1]) for p in seeded["people"]}
        positions = {}
        for position, title, level, unit, reports_to in seeded["positions"]:
            holder, name = holders.get(position, (None, None))
            positions[position] = Position(org=code, code=position, title=title, level=Level(level), unit=unit,
                                           reports_to=reports_to, holder=holder, holder_name=name)
            org_repo.positions[(code, position)] = positions[position]
        for username, full_name, nip, position, role in seeded["people"]:
            org_repo.users[username] = User(username=username, full_name=full_name, role=Role(role), org=code,
                                            position=position, nip=nip)
        org = Org(code=code, name=seeded["name"], address=seeded["address"], city=CITY, number_format=NUMBER_FORMAT,
                  coordinated_by=seeded.get("coordinated_by"))
        structures[code] = OrgStructure(org, positions, {u[0] for u in seeded["units"]},
                                        {u[0]: u[1] for u in seeded["units"]})
    return structures, org_repo


@dataclass
class FakeLetters:
    """The letters service over fakes, with each fake at hand for assertions."""

    letter_repo: FakeLetterRepo
    org_repo: FakeOrgRepo
    notification_repo: FakeNotificationRepo = field(default_factory=FakeNotificationRepo)
    events: FakeEvents = field(default_factory=FakeEvents)
    signer: FakeSigner = field(default_factory=FakeSigner)
    files: FakeFileStore = field(default_factory=FakeFileStore)
    archive_files: FakeFileStore = field(default_factory=FakeFileStore)
    incoming_repo: FakeIncomingRepo = field(default_factory=FakeIncomingRepo)
    archive_repo: FakeArchiveRepo = field(default_factory=FakeArchiveRepo)
    classification_repo: FakeClassificationRepo = field(default_factory=FakeClassificationRepo)
    list_repo: FakeListRepo = field(default_factory=FakeListRepo)
    sequence_repo: FakeSequenceRepo = field(default_factory=FakeSequenceRepo)
    counter_repo: FakeCounterRepo = field(default_factory=FakeCounterRepo)
    receipts: FakeReceipts = field(default_factory=FakeReceipts)
    outcomes: dict[tuple[str, str], tuple[str, int, object]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.workflow = FakeWorkflow()

    def ports(self) -> LetterPorts:
        """Every port of the letters service, each a fake."""
        return LetterPorts(self.letter_repo, self.org_repo, self.notification_repo, self.events, self.workflow,
                           self.signer, self.files, self.archive_files, self.incoming_repo, self.archive_repo,
                           self.classification_repo, self.list_repo, self.sequence_repo, self.counter_repo,
                           Letterheads(FakeLetterheads(OrgsOfStructures(self.letter_repo)), FakeLogos(), SETTINGS.government),
                           self.receipts, partial(FakeTransaction, self.outcomes))

    def service(self, settings: LetterSettings = SETTINGS, certified: CertifiedChoice | None = None) -> LetterService:
        """The letters service as the container builds it, on these fakes."""
        return LetterService(settings, self.ports(), "https://kantor.test", certified=certified)


def fake_letters() -> FakeLetters:
    """A fresh province with no letters."""
    structures, org_repo = province()
    return FakeLetters(FakeLetterRepo(structures), org_repo)


def staff(username: str) -> Principal:
    """A seeded employee signed in, in their own position."""
    for seeded in ORGS:
        for name, _, _, position, role in seeded["people"]:
            if name == username:
                return Principal(username=name, role=Role(role), org=seeded["code"], position=position)
    raise KeyError(username)
