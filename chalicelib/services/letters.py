"""Use cases of official letters, one part per responsibility: drafting (`letters_drafting`), attachments
(`letters_attachments`), review (`letters_review`), signing (`letters_signing`) and delivery
(`letters_delivery`). `LetterService` wires them over the same access rules and is what routes and other
services call.
"""

from __future__ import annotations

from chalicelib.adapters.archive_repo import ArchiveRepository
from chalicelib.adapters.audit_repo import AuditRepository
from chalicelib.adapters.classification_repo import ClassificationRepository
from chalicelib.adapters.events import EventPublisher
from chalicelib.adapters.files import FileStore
from chalicelib.adapters.incoming_repo import IncomingRepository
from chalicelib.adapters.letter_repo import LetterRepository
from chalicelib.adapters.notification_repo import NotificationRepository
from chalicelib.adapters.org_repo import OrgRepository
from chalicelib.adapters.signer import Signer
from chalicelib.adapters.workflow import ApprovalWorkflow
from chalicelib.config_letters import LetterSettings
from chalicelib.services.letters_attachments import Attachments
from chalicelib.services.letters_common import LetterAccess, acting_row, letter_view, new_verification_code
from chalicelib.services.letters_delivery import Delivery
from chalicelib.services.letters_drafting import Drafting
from chalicelib.services.letters_review import Review
from chalicelib.services.letters_signing import Signing
from chalicelib.services.signer_port import CertifiedChoice

__all__ = ["LetterService", "acting_row", "letter_view", "new_verification_code"]


class LetterService:
    """Letters from draft to sent; every use case checks the caller first."""

    def __init__(self, settings: LetterSettings, repo: LetterRepository, org_repo: OrgRepository,
                 audit: AuditRepository, notifications: NotificationRepository, events: EventPublisher,
                 workflow: ApprovalWorkflow, signer: Signer, files: FileStore, archive: FileStore,
                 incoming: IncomingRepository, archive_repo: ArchiveRepository,
                 classification_repo: ClassificationRepository, public_base_url: str, *,
                 certified: CertifiedChoice | None = None) -> None:
        self.access = LetterAccess(repo, org_repo, notifications, events)
        self.drafting = Drafting(self.access, settings, audit, classification_repo)
        self.attachments = Attachments(self.access, settings, files)
        self.delivery = Delivery(self.access, incoming, archive_repo, classification_repo, settings.in_request_copies)
        self.signing = Signing(self.access, settings, signer, archive, archive_repo, classification_repo, workflow,
                               self.delivery, public_base_url, certified or CertifiedChoice((), None))
        self.review = Review(self.access, settings, workflow, self.signing)
        # The names routes, reactions and other services call.
        self.readable = self.access.readable
        self.create = self.drafting.create
        self.get = self.drafting.get
        self.update = self.drafting.update
        self.timeline = self.drafting.timeline
        self.add_attachment = self.attachments.add
        self.confirm_attachment = self.attachments.confirm
        self.download_attachment = self.attachments.download
        self.submit = self.review.submit
        self.decide = self.review.decide
        self.handle_overdue = self.review.handle_overdue
        self.approvals = self.review.approvals
        self.ensure_pdf = self.signing.ensure_pdf
        self.pdf_link = self.signing.pdf_link
        self.verify = self.signing.verify
        self.list_box = self.delivery.list_box
        self.fan_out = self.delivery.fan_out
        self.resume_signing = self.signing.resume
