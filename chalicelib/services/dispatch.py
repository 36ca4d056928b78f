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

from dataclasses import asdict, replace
from typing import Any

from chalicelib.domain.errors import Conflict, Forbidden
from chalicelib.domain.identity import Principal, Role, require_role
from chalicelib.domain.letter_records import ExternalDelivery
from chalicelib.domain.letters import Letter, LetterState, RecipientKind
from chalicelib.domain.submissions import Proof, check_proof, normalize_code
from chalicelib.domain.timefmt import iso, now_wita
from chalicelib.services.dispatch_ports import (
    DispatchRepo,
    IncomingReader,
    LetterAccessService,
    LetterReader,
    SenderNotifier,
    SubmissionRepo,
)
from chalicelib.services.letters_ports import FileStore

DELIVERED_STATES = frozenset({LetterState.SENT, LetterState.ARCHIVED})


def view(delivery: ExternalDelivery) -> dict[str, Any]:
    """What the letter's readers see of one delivery."""
    shown = asdict(delivery)
    for name in ("letter_id", "org", "letter_number", "subject", "attempts", "message_id", "version"):
        del shown[name]
    return shown


def dispatch_view(delivery: ExternalDelivery) -> dict[str, Any]:
    """A row of the org's dispatch list: the delivery and which letter it carries."""
    return {**view(delivery), "letter_id": delivery.letter_id, "letter_number": delivery.letter_number,
            "subject": delivery.subject}


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

    def __init__(self, dispatch_repo: DispatchRepo, letter_repo: LetterReader, incoming_repo: IncomingReader,
                 submission_repo: SubmissionRepo, archive_files: FileStore, notifier: SenderNotifier,
                 letters: LetterAccessService, public_base_url: str) -> None:
        self.dispatch_repo = dispatch_repo
        self.letter_repo = letter_repo
        self.incoming_repo = incoming_repo
        self.submission_repo = submission_repo
        self.archive_files = archive_files
        self.notifier = notifier
        self.letters = letters
        self.public_base_url = public_base_url

    # ------------------------------------------------------------ reaction

    def deliver(self, letter_id: str) -> dict[str, int]:
        """Email every external recipient not emailed yet, record the manual ones, offer a reply to its sender."""
        letter = self.letter_repo.get(letter_id).letter
        if letter.state not in DELIVERED_STATES or not letter.pdf_key or not letter.number:
            return {"emailed": 0, "manual": 0}
        if letter.in_reply_to:
            self._offer_reply(letter)
        planned = plan(letter)
        if not planned:
            return {"emailed": 0, "manual": 0}
        existing = {delivery.id: delivery for delivery in self.dispatch_repo.list(letter.id)}
        data: bytes | None = None
        emailed = manual = 0
        moment = now_wita()
        for entry in planned:
            delivery = existing.get(entry["id"])
            if delivery is None:
                delivery = ExternalDelivery(
                    letter_id=letter.id, id=entry["id"], org=letter.org, role=entry["role"], name=entry["name"],
                    channel=entry["channel"], state="pending", letter_number=letter.number,
                    subject=None if letter.security.secret else letter.subject, address=entry["address"],
                    email=entry["email"], reason=entry["reason"])
                if not self.dispatch_repo.add(delivery, moment):  # a concurrent delivery of the event got there first
                    continue
            if delivery.channel != "email" or delivery.state != "pending":
                manual += delivery.channel == "manual" and delivery.state == "pending"
                continue
            if data is None:
                self.letters.ensure_pdf(letter.id)
                data = self.archive_files.get(letter.pdf_key)
            self._email(letter, delivery, data)
            emailed += 1
        return {"emailed": emailed, "manual": manual}

    def _email(self, letter: Letter, delivery: ExternalDelivery, data: bytes) -> None:
        """Send one delivery's email with the signed PDF, then record that it went out."""
        number = str(letter.number)
        url = f"{self.public_base_url}/public/verify/{letter.verification_code}" if letter.verification_code else None
        message_id = self.notifier.email_with_attachment(
            str(delivery.email), f"[{number}] {letter.subject}", email_text(letter, delivery.name, url),
            pdf_filename(number), data)
        self.dispatch_repo.mark_sent(replace(delivery, state="sent"), iso(now_wita()), message_id)

    def _offer_reply(self, letter: Letter) -> None:
        incoming = self.incoming_repo.get(str(letter.in_reply_to))
        if incoming.tracking_code and letter.pdf_key and letter.number:
            date = (letter.signed_document or {}).get("date") or ""
            self.submission_repo.record_reply(incoming.tracking_code, letter.number, date, letter.pdf_key)

    # ------------------------------------------------------------ routes

    def list(self, principal: Principal, letter_id: str) -> dict[str, Any]:
        """How a letter reached its external recipients (its readers; one GetItem + one Query)."""
        letter = self.letters.readable(principal, letter_id).letter
        return {"letter_id": letter.id, "items": [view(d) for d in self.dispatch_repo.list(letter.id)]}

    def org_list(self, principal: Principal, state: str, limit: int, cursor: str | None) -> dict[str, Any]:
        """My org's letters to send by hand or post (pending, oldest first) or sent so (newest first); operators."""
        require_role(principal, Role.OPERATOR)
        page = self.dispatch_repo.by_state(str(principal.org), state, limit, cursor)
        return {"items": [dispatch_view(d) for d in page.items], "next": page.next}

    def mark_dispatched(self, principal: Principal, letter_id: str, delivery_id: str,
                        data: dict[str, Any]) -> dict[str, Any]:
        """An operator of the letter's org records that a delivery went out by hand or post."""
        require_role(principal, Role.OPERATOR)
        letter = self.letter_repo.get(letter_id).letter
        if principal.org != letter.org:
            raise Forbidden("this letter belongs to another org", details={"org": letter.org})
        delivery = self.dispatch_repo.mark_dispatched(letter.id, delivery_id, by=principal.username, at=now_wita(),
                                                      via=data["via"], receipt=data.get("receipt"),
                                                      note=data.get("note"))
        return view(delivery)

    def reply_link(self, code: str, proof: Proof) -> dict[str, Any]:
        """The signed reply to a submission, for its sender (the secret or the owner's account): a short-lived link."""
        keys = self.submission_repo.unlock(normalize_code(code))
        check_proof(proof, keys.secret_hash, keys.owner)
        pdf_key, number = keys.reply_pdf_key, keys.reply_number
        if not pdf_key or not number:
            raise Conflict("no reply letter has been sent for this submission yet", details={"state": "no_reply"})
        link = self.archive_files.presign_download(pdf_key, pdf_filename(number), "application/pdf")
        return {"number": number, **link}
