"""Getting a signed letter to people outside the government (pengiriman surat keluar).

When a letter is sent, positions, units and other orgs get it in their boxes and incoming queues. External
addressees and cc (a company, a citizen, a university) get it here: by email with the signed PDF attached when
they have an address and the letter is not secret, otherwise an operator of the org sends it by hand or post and
records how (`POST /letters/{id}/deliveries/{delivery_id}/dispatched`). A reply letter to a public submission is
also offered to its sender on the tracking page, to fetch with the submission's secret (or, for a submission
sent from a public account, with that account's token).

Events arrive at least once: each delivery is an item written before its email goes out and marked after, so a
redelivered event sends only what was not sent (an email may go out twice if the process dies between the send
and the mark — a duplicate beats a letter that never arrives).
"""

from __future__ import annotations

from typing import Any

from chalicelib.adapters.dispatch_repo import (
    DeliveryItem,
    DispatchRepository,
    delivery_pk,
    dispatch_pk,
    dispatch_sk,
    dispatch_view,
    view,
)
from chalicelib.adapters.files import FileStore
from chalicelib.adapters.incoming_repo import IncomingRepository
from chalicelib.adapters.letter_repo import LetterRepository
from chalicelib.adapters.notifier import SenderNotifier
from chalicelib.adapters.submission_repo import SubmissionRepository
from chalicelib.domain.errors import Conflict, Forbidden
from chalicelib.domain.identity import Principal, Role, require_role
from chalicelib.domain.letters import Letter, LetterState, RecipientKind
from chalicelib.domain.submissions import Proof, check_proof, normalize_code
from chalicelib.domain.timefmt import iso, now_wita

DELIVERED_STATES = frozenset({LetterState.SENT, LetterState.ARCHIVED})


def plan(letter: Letter) -> list[dict[str, Any]]:
    """One delivery per external addressee and cc: email when possible, otherwise by hand (with the reason)."""
    planned = []
    for role, group in (("to", letter.addressees), ("cc", letter.cc)):
        for index, recipient in enumerate(group):
            if recipient.kind is not RecipientKind.EXTERNAL:
                continue
            if letter.security.secret:
                channel, reason = "manual", "surat bersifat rahasia: dikirim tertutup, tidak lewat email"
            elif not recipient.email:
                channel, reason = "manual", "tidak ada alamat email"
            else:
                channel, reason = "email", None
            planned.append({"id": f"{role}-{index:02d}", "role": role, "name": recipient.name or "-",
                            "address": recipient.address, "email": recipient.email, "channel": channel,
                            "reason": reason})
    return planned


def pdf_filename(number: str) -> str:
    """A signed letter's file name: its number with '/' as '-' ('000.1.2-1-DISKOMINFOS-2026.pdf')."""
    return f"{number.replace('/', '-')}.pdf"


def email_text(letter: Letter, name: str, verify_url: str | None) -> str:
    """The covering note of a delivery email (Indonesian)."""
    document = letter.signed_document or {}
    lines = [f"Yth. {name},", "", f"Terlampir surat dari {document.get('org_name') or letter.org}:",
             f"Nomor   : {letter.number}", f"Tanggal : {document.get('date') or '-'}", f"Hal     : {letter.subject}",
             "", "Surat ini ditandatangani secara elektronik."]
    if verify_url:
        lines.append(f"Keasliannya dapat diperiksa di {verify_url}")
    lines += ["", "Pesan ini dikirim otomatis oleh Kantor Virtual; mohon tidak membalas email ini."]
    return "\n".join(lines)


class DispatchService:
    """Deliveries of sent letters to external addressees, and replies to public senders."""

    def __init__(self, repo: DispatchRepository, letters: LetterRepository, incoming: IncomingRepository,
                 submissions: SubmissionRepository, archive: FileStore, notifier: SenderNotifier,
                 letter_service: Any, public_base_url: str) -> None:
        self.repo = repo
        self.letters = letters
        self.incoming = incoming
        self.submissions = submissions
        self.archive = archive
        self.notifier = notifier
        self.letter_service = letter_service
        self.public_base_url = public_base_url

    # ------------------------------------------------------------ reaction

    def deliver(self, letter_id: str) -> dict[str, int]:
        """Email every external recipient not emailed yet, record the manual ones, offer a reply to its sender."""
        letter = self.letters.get(letter_id).letter
        if letter.state not in DELIVERED_STATES or not letter.pdf_key or not letter.number:
            return {"emailed": 0, "manual": 0}
        if letter.in_reply_to:
            self._offer_reply(letter)
        planned = plan(letter)
        if not planned:
            return {"emailed": 0, "manual": 0}
        existing = {item.sk: item for item in self.repo.list(letter.id)}
        data: bytes | None = None
        emailed = manual = 0
        moment = now_wita()
        for entry in planned:
            item = existing.get(entry["id"])
            if item is None:
                by_hand = entry["channel"] == "manual"
                item = DeliveryItem(delivery_pk(letter.id), entry["id"], letter_id=letter.id, org=letter.org,
                                    letter_number=letter.number,
                                    subject=None if letter.security.secret else letter.subject,
                                    role=entry["role"], name=entry["name"], address=entry["address"],
                                    email=entry["email"], channel=entry["channel"], state="pending",
                                    reason=entry["reason"], attempts=0,
                                    gsi1pk=dispatch_pk(letter.org, "pending") if by_hand else None,
                                    gsi1sk=dispatch_sk(moment, letter.id, entry["id"]) if by_hand else None)
                if not self.repo.add(item):  # a concurrent delivery of the same event got there first
                    continue
            if item.channel != "email" or item.state != "pending":
                manual += item.channel == "manual" and item.state == "pending"
                continue
            if data is None:
                self.letter_service.ensure_pdf(letter.id)
                data = self.archive.get(letter.pdf_key)
            url = (f"{self.public_base_url}/public/verify/{letter.verification_code}"
                   if letter.verification_code else None)
            message_id = self.notifier.email_with_attachment(
                str(item.email), f"[{letter.number}] {letter.subject}", email_text(letter, item.name, url),
                pdf_filename(letter.number), data)
            self.repo.mark_sent(item, iso(now_wita()), message_id)
            emailed += 1
        return {"emailed": emailed, "manual": manual}

    def _offer_reply(self, letter: Letter) -> None:
        incoming = self.incoming.get(str(letter.in_reply_to))
        if incoming.tracking_code and letter.pdf_key and letter.number:
            date = (letter.signed_document or {}).get("date") or ""
            self.submissions.record_reply(incoming.tracking_code, letter.number, date, letter.pdf_key)

    # ------------------------------------------------------------ routes

    def list(self, principal: Principal, letter_id: str) -> dict[str, Any]:
        """How a letter reached its external recipients (its readers; one GetItem + one Query)."""
        letter = self.letter_service.readable(principal, letter_id).letter
        return {"letter_id": letter.id, "items": [view(item) for item in self.repo.list(letter.id)]}

    def org_list(self, principal: Principal, state: str, limit: int, cursor: str | None) -> dict[str, Any]:
        """My org's letters to send by hand or post (pending, oldest first) or sent so (newest first); operators."""
        require_role(principal, Role.OPERATOR)
        page = self.repo.by_state(str(principal.org), state, limit, cursor)
        return {"items": [dispatch_view(item) for item in page.items], "next": page.next}

    def mark_dispatched(self, principal: Principal, letter_id: str, delivery_id: str,
                        data: dict[str, Any]) -> dict[str, Any]:
        """An operator of the letter's org records that a delivery went out by hand or post."""
        require_role(principal, Role.OPERATOR)
        letter = self.letters.get(letter_id).letter
        if principal.org != letter.org:
            raise Forbidden("this letter belongs to another org", details={"org": letter.org})
        item = self.repo.mark_dispatched(letter.id, delivery_id, by=principal.username, at=now_wita(),
                                         via=data["via"], receipt=data.get("receipt"), note=data.get("note"))
        return view(item)

    def reply_link(self, code: str, proof: Proof) -> dict[str, Any]:
        """The signed reply to a submission, for its sender (the secret or the owner's account): a short-lived link."""
        keys = self.submissions.unlock(normalize_code(code))
        check_proof(proof, keys.secret_hash, keys.owner)
        pdf_key, number = keys.reply_pdf_key, keys.reply_number
        if not pdf_key or not number:
            raise Conflict("no reply letter has been sent for this submission yet", details={"state": "no_reply"})
        link = self.archive.presign_download(pdf_key, pdf_filename(number), "application/pdf")
        return {"number": number, **link}
