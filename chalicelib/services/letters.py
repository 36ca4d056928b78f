"""Use cases of official letters, one part per responsibility: drafting (`letters_drafting`), attachments
(`letters_attachments`), review (`letters_review`), signing (`letters_signing`) and delivery
(`letters_delivery`). `LetterService` wires them over the same access rules and is what routes and other
services call.
"""

from __future__ import annotations

from chalicelib.config_letters import LetterSettings
from chalicelib.services.letters_attachments import Attachments
from chalicelib.services.letters_common import LetterAccess, acting_row, letter_view, new_verification_code
from chalicelib.services.letters_delivery import Delivery
from chalicelib.services.letters_drafting import Drafting
from chalicelib.services.letters_ports import LetterPorts
from chalicelib.services.letters_review import Review
from chalicelib.services.letters_signing import Signing
from chalicelib.services.letters_withdraw import Withdrawal
from chalicelib.services.read_receipts import ReadReceipts
from chalicelib.services.signer_port import CertifiedChoice

__all__ = ["LetterService", "acting_row", "letter_view", "new_verification_code"]


class LetterService:
    """Letters from draft to sent; every use case checks the caller first."""

    def __init__(self, settings: LetterSettings, ports: LetterPorts, public_base_url: str, *,
                 certified: CertifiedChoice | None = None) -> None:
        p = ports
        self.access = LetterAccess(p.letter_repo, p.org_repo, p.notification_repo, p.events, p.counter_repo,
                                   p.transactions)
        self.drafting = Drafting(self.access, settings, p.classification_repo)
        self.attachments = Attachments(self.access, settings, p.files)
        self.delivery = Delivery(self.access, p.incoming_repo, p.classification_repo, p.archive_repo,
                                 settings.in_request_copies)
        self.signing = Signing(self.access, settings, p.signer, p.archive_files, p.archive_repo,
                               p.classification_repo, p.workflow, self.delivery, public_base_url,
                               certified or CertifiedChoice((), None), p.list_repo, p.sequence_repo, p.letterheads)
        self.review = Review(self.access, settings, p.workflow, self.signing)
        self.withdrawal = Withdrawal(self.access, p.workflow)
        self.receipts = ReadReceipts(self.access, p.receipts, self.signing)
        # The names routes, reactions and other services call.
        self.readable = self.access.readable
        self.create = self.drafting.create
        self.get = self.receipts.get
        self.update = self.drafting.update
        self.timeline = self.drafting.timeline
        self.add_attachment = self.attachments.add
        self.confirm_attachment = self.attachments.confirm
        self.download_attachment = self.attachments.download
        self.submit = self.review.submit
        self.decide = self.review.decide
        self.withdraw = self.withdrawal.withdraw
        self.handle_overdue = self.review.handle_overdue
        self.approvals = self.review.approvals
        self.ensure_pdf = self.signing.ensure_pdf
        self.pdf_link = self.receipts.pdf_link
        self.verify = self.signing.verify
        self.list_box = self.delivery.list_box
        self.fan_out = self.delivery.fan_out
        self.resume_signing = self.signing.resume
