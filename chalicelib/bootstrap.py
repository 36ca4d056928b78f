"""Composition root: builds the services with their adapters, once per container.

Nothing here runs at import time: AWS clients and table bindings are made on first use, so moto
can patch first and a cold start stays small. Tests call `reset()` between AWS mocks.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from chalicelib.adapters import aws, dynamo
from chalicelib.config import Settings, get_settings

if TYPE_CHECKING:  # the adapters and services are imported when first built (cold start, authorizer)
    from chalicelib.adapters.archive_repo import ArchiveRepository
    from chalicelib.adapters.audit_repo import AuditRepository
    from chalicelib.adapters.classification_repo import ClassificationRepository
    from chalicelib.adapters.cognito import CognitoDirectory
    from chalicelib.adapters.disposition_repo import DispositionRepository
    from chalicelib.adapters.events import EventPublisher
    from chalicelib.adapters.files import FileStore
    from chalicelib.adapters.incoming_repo import IncomingRepository
    from chalicelib.adapters.letter_repo import LetterRepository
    from chalicelib.adapters.notification_repo import NotificationRepository
    from chalicelib.adapters.notifier import SenderNotifier
    from chalicelib.adapters.org_repo import OrgRepository
    from chalicelib.adapters.signer import Signer
    from chalicelib.adapters.submission_repo import SubmissionRepository
    from chalicelib.adapters.workflow import ApprovalWorkflow
    from chalicelib.domain.staff_alerts import Channel
    from chalicelib.services.acting import ActingService
    from chalicelib.services.archive import ArchiveService
    from chalicelib.services.classifications import ClassificationService
    from chalicelib.services.dispatch import DispatchService
    from chalicelib.services.dispositions import DispositionService
    from chalicelib.services.distribution_lists import DistributionListService
    from chalicelib.services.identity import IdentityService
    from chalicelib.services.incoming import IncomingService
    from chalicelib.services.letterhead import Letterheads
    from chalicelib.services.letters import LetterService
    from chalicelib.services.notifications import NotificationService
    from chalicelib.services.org_admin import OrgAdminService
    from chalicelib.services.org_structure import OrgStructureService
    from chalicelib.services.proof import ProofService
    from chalicelib.services.public import PublicService
    from chalicelib.services.replies import ReplyService
    from chalicelib.services.sender_notices import SenderNoticeService
    from chalicelib.services.signer_port import CertifiedChoice
    from chalicelib.services.staff_alerts import StaffAlertService, StaffChannel
    from chalicelib.services.staff_digest import StaffDigestService
    from chalicelib.services.verification import VerificationService


@dataclass
class Container:
    """The services of one container, built lazily from settings."""

    settings: Settings

    def __post_init__(self) -> None:
        dynamo.bind(self.settings)

    @cached_property
    def org_repo(self) -> OrgRepository:
        """Org structure storage."""
        from chalicelib.adapters.org_repo import OrgRepository

        return OrgRepository()

    @cached_property
    def audit_repo(self) -> AuditRepository:
        """Audit trails (hash-chained)."""
        from chalicelib.adapters.audit_repo import AuditRepository

        return AuditRepository()

    @cached_property
    def notification_repo(self) -> NotificationRepository:
        """In-app notifications."""
        from chalicelib.adapters.notification_repo import NotificationRepository

        return NotificationRepository()

    @cached_property
    def events(self) -> EventPublisher:
        """Domain events on SNS."""
        from chalicelib.adapters.events import EventPublisher

        return EventPublisher(self.settings.events_topic_arn, self.settings.region)

    @cached_property
    def files(self) -> FileStore:
        """Uploaded attachments."""
        from chalicelib.adapters.files import FileStore

        return FileStore(self.settings.files_bucket, self.settings.region)

    @cached_property
    def archive_files(self) -> FileStore:
        """Signed originals (Object Lock in the deployment)."""
        from chalicelib.adapters.files import FileStore

        return FileStore(self.settings.archive_bucket, self.settings.region)

    @cached_property
    def incoming_repo(self) -> IncomingRepository:
        """Incoming letters (surat masuk)."""
        from chalicelib.adapters.incoming_repo import IncomingRepository

        return IncomingRepository(self.audit_repo, self.archive_repo)

    @cached_property
    def letter_repo(self) -> LetterRepository:
        """Letters, their review steps and boxes."""
        from chalicelib.adapters.letter_repo import LetterRepository

        return LetterRepository(self.audit_repo)

    @cached_property
    def archive_repo(self) -> ArchiveRepository:
        """Archive entries, verification codes and dashboard counters."""
        from chalicelib.adapters.archive_repo import ArchiveRepository

        return ArchiveRepository()

    @cached_property
    def workflow(self) -> ApprovalWorkflow:
        """The approval state machine."""
        from chalicelib.adapters.workflow import ApprovalWorkflow

        return ApprovalWorkflow(self.settings.approval_state_machine_arn, self.settings.region)

    @cached_property
    def signer(self) -> Signer:
        """Electronic signatures (KMS)."""
        from chalicelib.adapters.signer import Signer

        return Signer(self.settings.signing_key_id, self.settings.region)

    @cached_property
    def certified(self) -> CertifiedChoice:
        """Certified signatures (BSrE) for the enrolled signers of the orgs configured for them."""
        from chalicelib.services.signer_port import CertifiedChoice

        service = None
        if self.settings.bsre_secret_id:
            from chalicelib.adapters.bsre import BsreClient

            service = BsreClient(self.settings.bsre_secret_id, self.settings.region)
        return CertifiedChoice(self.settings.certified_signing_orgs, service)

    @cached_property
    def classification_repo(self) -> ClassificationRepository:
        """The effective classification and retention table (cached per container)."""
        from chalicelib.adapters.classification_repo import ClassificationRepository

        return ClassificationRepository()

    @cached_property
    def classifications(self) -> ClassificationService:
        """Reading and changing the classification and retention table."""
        from chalicelib.services.classifications import ClassificationService

        return ClassificationService(self.classification_repo)

    @cached_property
    def letters(self) -> LetterService:
        """Letter use cases."""
        from chalicelib.adapters import monitoring_repo, sequences
        from chalicelib.adapters.distribution_list_repo import DistributionListRepository
        from chalicelib.adapters.receipt_repo import ReceiptRepository
        from chalicelib.config_letters import get_letter_settings
        from chalicelib.services.letters import LetterService
        from chalicelib.services.letters_ports import LetterPorts

        ports = LetterPorts(self.letter_repo, self.org_repo, self.notification_repo, self.events, self.workflow,
                            self.signer, self.files, self.archive_files, self.incoming_repo, self.archive_repo,
                            self.classification_repo, DistributionListRepository(), sequences, monitoring_repo,
                            self.letterheads, ReceiptRepository())
        return LetterService(get_letter_settings(), ports, self.settings.public_base_url, certified=self.certified)

    @cached_property
    def letterheads(self) -> Letterheads:
        """Org letterheads: their admins' settings, logos in the archive bucket."""
        from chalicelib.adapters.letterhead_repo import LetterheadRepository, LogoStore
        from chalicelib.config_letters import get_letter_settings
        from chalicelib.services.letterhead import Letterheads

        return Letterheads(LetterheadRepository(), LogoStore(self.archive_files), get_letter_settings().government)

    @cached_property
    def distribution_lists(self) -> DistributionListService:
        """Distribution lists (daftar distribusi) of the province."""
        from chalicelib.adapters.distribution_list_repo import DistributionListRepository
        from chalicelib.services.distribution_lists import DistributionListService

        return DistributionListService(DistributionListRepository())

    @cached_property
    def notifications(self) -> NotificationService:
        """Notification use cases."""
        from chalicelib.adapters.staff_alert_repo import PreferenceRepository
        from chalicelib.services.notifications import NotificationService

        return NotificationService(self.notification_repo, PreferenceRepository())

    @cached_property
    def staff_alerts(self) -> StaffAlertService:
        """E-mail and SMS to the people of a seat, by their preferences."""
        from chalicelib.adapters import staff_alert_repo as repos
        from chalicelib.services.staff_alerts import StaffAlertService

        return StaffAlertService(repos.StaffAlertRepository(), repos.PreferenceRepository(),
                                 repos.StaffDirectoryRepository(self.org_repo), self.staff_channels,
                                 self.settings.public_base_url)

    @cached_property
    def staff_channels(self) -> dict[Channel, StaffChannel]:
        """The ways to reach staff outside the app, in the order they are preferred (e-mail, then SMS)."""
        from chalicelib.adapters.staff_channels import EmailChannel, SmsChannel
        from chalicelib.domain.staff_alerts import Channel

        return {Channel.EMAIL: EmailChannel(self.settings.sender_email, self.settings.region),
                Channel.SMS: SmsChannel(self.settings.region)}

    @cached_property
    def staff_digest(self) -> StaffDigestService:
        """The morning digest of what waits for leaders."""
        from chalicelib.adapters import staff_alert_repo as repos
        from chalicelib.adapters.staff_work_repo import StaffWorkRepository
        from chalicelib.services.staff_digest import StaffDigestService

        return StaffDigestService(self.org_repo, StaffWorkRepository(self.letter_repo, self.disposition_repo),
                                  repos.StaffDirectoryRepository(self.org_repo), repos.PreferenceRepository(),
                                  repos.StaffAlertRepository(), self.staff_channels, self.settings.public_base_url)

    @cached_property
    def org_admin(self) -> OrgAdminService:
        """Admin use cases."""
        from chalicelib.services.org_admin import OrgAdminService

        return OrgAdminService(self.org_repo, self.user_directory, email_required=self.settings.auth_mode == "cognito")

    @cached_property
    def user_directory(self) -> CognitoDirectory | None:
        """The user pool accounts sign in with; every stage has one (moto's in the local and test stages)."""
        if not self.settings.cognito_user_pool_id:
            return None
        from chalicelib.adapters.cognito import CognitoDirectory

        return CognitoDirectory(self.settings.cognito_user_pool_id, self.settings.region)

    @cached_property
    def org_structure(self) -> OrgStructureService:
        """Edits of an org's units and positions."""
        from chalicelib.adapters.structure_repo import StructureRepository
        from chalicelib.services.org_structure import OrgStructureService

        return OrgStructureService(self.org_repo, StructureRepository())

    @cached_property
    def acting(self) -> ActingService:
        """Acting holders (Plt / Plh)."""
        from chalicelib.services.acting import ActingService

        return ActingService(self.org_repo)

    @cached_property
    def identity(self) -> IdentityService:
        """Login and profile."""
        from chalicelib.services.identity import IdentityService

        return IdentityService(self.settings, self.org_repo)

    # -- submissions, incoming letters and dispositions (G2C / G2B)
    @cached_property
    def submission_repo(self) -> SubmissionRepository:
        """Public submissions and their tracking items."""
        from chalicelib.adapters.submission_repo import SubmissionRepository

        return SubmissionRepository(self.audit_repo)

    @cached_property
    def disposition_repo(self) -> DispositionRepository:
        """Dispositions (disposisi)."""
        from chalicelib.adapters.disposition_repo import DispositionRepository

        return DispositionRepository(self.audit_repo)

    @cached_property
    def sender_notifier(self) -> SenderNotifier:
        """Email (SES) and SMS (SNS) to senders outside the government."""
        from chalicelib.adapters.notifier import SenderNotifier

        return SenderNotifier(self.settings.sender_email, self.settings.region)

    @cached_property
    def public(self) -> PublicService:
        """Submitting and tracking without an account."""
        from chalicelib.services.public import PublicService

        return PublicService(self.submission_repo, self.org_repo, self.files, self.events,
                             self.settings.public_base_url)

    @cached_property
    def verification(self) -> VerificationService:
        """Operators' verification of submissions."""
        from chalicelib.services.verification import VerificationService

        return VerificationService(self.submission_repo, self.incoming_repo, self.org_repo, self.notification_repo,
                                   self.events, self.files, self.classification_repo)

    @cached_property
    def incoming(self) -> IncomingService:
        """The incoming register."""
        from chalicelib.adapters.receipt_repo import ReceiptRepository
        from chalicelib.services.incoming import IncomingService

        return IncomingService(self.incoming_repo, self.disposition_repo, self.org_repo, self.notification_repo,
                               self.files, self.events, self.letter_repo, self.archive_files, self.classification_repo,
                               receipts=ReceiptRepository())

    @cached_property
    def dispositions(self) -> DispositionService:
        """Dispositions down the hierarchy."""
        from chalicelib.services.dispositions import DispositionService

        return DispositionService(self.disposition_repo, self.incoming_repo, self.submission_repo, self.org_repo,
                                  self.notification_repo, self.events, self.letter_repo)

    @cached_property
    def replies(self) -> ReplyService:
        """Reply letters drafted from incoming letters, and the answer they give when sent."""
        from chalicelib.services.replies import ReplyService

        return ReplyService(self.incoming_repo, self.disposition_repo, self.submission_repo, self.letters,
                            self.letter_repo, self.events, self.org_repo)

    @cached_property
    def dispatch(self) -> DispatchService:
        """Deliveries of sent letters to external addressees, and replies to public senders."""
        from chalicelib.adapters.dispatch_repo import DispatchRepository
        from chalicelib.services.dispatch import DispatchService

        return DispatchService(DispatchRepository(), self.letter_repo, self.incoming_repo, self.submission_repo,
                               self.archive_files, self.sender_notifier, self.letters, self.settings.public_base_url)

    @cached_property
    def sender_notices(self) -> SenderNoticeService:
        """Messages to senders at each step of their submission."""
        from chalicelib.services.sender_notices import SenderNoticeService

        return SenderNoticeService(self.submission_repo, self.sender_notifier, self.settings.public_base_url)

    # -- the archive and public verification
    @cached_property
    def archive(self) -> ArchiveService:
        """Archive search and export, retention, legal holds, dashboard, record timelines."""
        from chalicelib.adapters.record_trails import RecordTrailRepository
        from chalicelib.services.archive import ArchiveService

        return ArchiveService(self.archive_repo, self.letter_repo, self.incoming_repo, self.submission_repo,
                              RecordTrailRepository(self.audit_repo), self.classification_repo, self.org_repo)

    @cached_property
    def proof(self) -> ProofService:
        """Public verification of signed letters."""
        from chalicelib.services.proof import ProofService

        return ProofService(self.archive_repo, self.signer, self.archive_files, self.certified)


_container: Container | None = None


def container() -> Container:
    """The container of this process."""
    global _container
    if _container is None:
        _container = Container(get_settings())
    return _container


def reset() -> None:
    """Forget settings and services (tests, after changing the environment)."""
    global _container
    _container = None
    get_settings.cache_clear()
    letters_config = sys.modules.get("chalicelib.config_letters")
    if letters_config is not None:  # loaded with the letters service, if it was built
        letters_config.get_letter_settings.cache_clear()
    classifications = sys.modules.get("chalicelib.adapters.classification_repo")
    if classifications is not None:  # the table cached by this container belongs to the account being left
        classifications.reset_cache()
    aws.reset()
