"""Signing letters: what signing needs (resolved at submit), the number, the PDF, the KMS signature,
the archive entry and the public verification item; the signed PDF afterwards.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import datetime
from typing import Any

from chalicelib.adapters.files import letter_pdf_key
from chalicelib.adapters.sequences import with_retries
from chalicelib.config_letters import LetterSettings
from chalicelib.domain.acting import acting_title
from chalicelib.domain.archive import paperless_pages
from chalicelib.domain.distribution_lists import expand, names_lists
from chalicelib.domain.document import printed_fields
from chalicelib.domain.errors import Conflict, NotFound, ValidationFailed
from chalicelib.domain.events import Event
from chalicelib.domain.identity import Principal
from chalicelib.domain.letter_chain import decide_step, seat_of
from chalicelib.domain.letter_records import LetterRecord, OrgStructure, ReviewStep, Verification, execution_name
from chalicelib.domain.letters import (
    Decision,
    Letter,
    LetterState,
    RecipientKind,
    check_transition,
    content_hash,
    format_number,
    inbox_positions,
    number_sequence,
    recipient_line,
    signed_document,
)
from chalicelib.domain.org import split_ref
from chalicelib.domain.signatures import PassphraseRequired
from chalicelib.domain.timefmt import WITA, indonesian_date, iso, now_wita
from chalicelib.services import letters_ports as port
from chalicelib.services.letters_certified import (
    REFUSALS,
    certified_copy_key,
    certified_view,
    certify,
    is_certified,
    record_refusal,
)
from chalicelib.services.letters_common import (
    SYSTEM,
    LetterAccess,
    end_wait,
    letter_view,
    logger,
    new_verification_code,
    outcome,
)
from chalicelib.services.letters_delivery import CLAIM, Delivery, signed_lines, with_claim
from chalicelib.services.signer_port import CertifiedChoice


class Signing:
    """The signatory's approval: number, signature, archive and delivery of a letter, and its signed PDF."""

    def __init__(self, access: LetterAccess, settings: LetterSettings, signer: port.Signer,
                 archive_files: port.FileStore, archive_repo: port.ArchiveRepo, classification_repo: port.ClassificationRepo,
                 workflow: port.Workflow, delivery: Delivery, public_base_url: str, certified: CertifiedChoice,
                 list_repo: port.DistributionListRepo, sequence_repo: port.SequenceRepo,
                 letterheads: port.LetterheadPrinter) -> None:
        self.access, self.settings, self.signer, self.workflow = access, settings, signer, workflow
        self.letter_repo, self.org_repo = access.letter_repo, access.org_repo
        self.archive_files, self.archive_repo, self.classification_repo = archive_files, archive_repo, classification_repo
        self.list_repo, self.sequence_repo, self.letterheads = list_repo, sequence_repo, letterheads
        self.delivery, self.public_base_url, self.certified = delivery, public_base_url, certified

    def prepare(self, letter: Letter, structure: OrgStructure) -> dict[str, Any]:
        """What signing needs, resolved at submit (and again at signing when the letter names a distribution
        list): letterhead, the signer, and where the letter goes — its lists expanded, each recipient once.
        """
        if names_lists(letter):
            letter = expand(letter, self.list_repo.all(), own_positions=set(structure.positions),
                            own_units=set(structure.units))
        signing_org, signer_code = split_ref(letter.signatory, letter.org)
        # A letter signed above the drafter's org is that office's: its letterhead, place and number register.
        office = structure if signing_org == letter.org else self.letter_repo.structure(signing_org)
        signer = office.positions[signer_code]
        nip = None
        if signer.holder:
            try:
                nip = self.org_repo.get_user(signer.holder).nip
            except NotFound:
                nip = None
        orgs: list[dict[str, Any]] = []
        for i, r in enumerate(letter.recipients()):
            if r.kind is RecipientKind.ORG and r.code:
                try:
                    other = self.letter_repo.structure(r.code)
                except NotFound as exc:
                    raise ValidationFailed.field(f"recipients.{i}.code", f"no org {r.code}") from exc
                # An org receives a letter through its head, as the other sources of incoming letters do.
                heads = sorted((p for p in other.positions.values() if p.reports_to is None),
                               key=lambda p: p.level.rank)
                orgs.append({"code": r.code, "name": other.org.name, "head": heads[0].code if heads else None})
        names: dict[str, str] = {**structure.unit_names, **{p.code: p.title for p in structure.positions.values()},
                 **{o["code"]: o["name"] for o in orgs}}
        return {"org_name": office.org.name, "city": office.org.city, "org_address": office.org.address,
                "signing_org": signing_org,
                "lines": {"addressees": [recipient_line(r, names) for r in letter.addressees],
                          "cc": [recipient_line(r, names) for r in letter.cc]},
                "number_format": office.org.number_format,
                "unit_code": signer.unit,
                "signer": {"holder": signer.holder, "name": signer.holder_name, "nip": nip, "title": signer.title},
                "inbox": inbox_positions(letter.addressees, structure.positions),
                "cc": inbox_positions(letter.cc, structure.positions), "orgs": orgs,
                "recipients": [len(letter.addressees), len(letter.cc)]}

    def sign(self, principal: Principal, record: LetterRecord, stored: ReviewStep | None,
             passphrase: str | None = None) -> dict[str, Any]:
        """The signatory's approval: claim the number, then render, sign and send; the copies follow.

        Only the claim (number, step decision, state `signing`) races for the number, so a lost race costs
        one small transaction, never a PDF or a KMS call. If rendering or signing fails after the claim, the
        letter stays `signing` with its number and the `letter.signing` reaction completes it. A signer with a
        certified signature (TTE) is checked with the signing service before the claim (an unregistered signer,
        an inactive certificate or a service down leave the letter at its step) and signs with `passphrase`;
        a refused signature leaves the letter `signing` with the reason until the signatory sends it again.
        """
        if names_lists(record.letter):  # a list may have changed since the submit: expanded (and checked) again
            record = replace(record, prepared=self.prepare(record.letter, self.letter_repo.structure(record.letter.org)))
        signer = self._signer_block(principal, record.prepared)
        nik = self.certified.nik_of(record.prepared.get("signing_org") or record.letter.org, signer.get("holder"))
        # Only the signing step's decision carries a passphrase; a drafter who signs on submit seals the letter.
        if nik is not None and self.certified.service is not None and stored is not None:
            if not passphrase:
                raise PassphraseRequired.field("passphrase", "surat ini ditandatangani dengan tanda tangan "
                                                             "elektronik tersertifikasi: masukkan passphrase TTE Anda")
            self.certified.service.check(nik)
            signer["certified"] = True
        record = with_retries(lambda: self._claim(principal, record, stored, signer))
        letter = self.complete(record, principal, passphrase=passphrase)
        if letter.state is LetterState.SIGNING:
            return self._answer(letter, stored, False)
        delivered = stored is not None and end_wait(
            self.workflow, execution_name(letter.id, letter.round, int(stored.index)), "signed")
        return self._answer(letter, stored, delivered)

    @staticmethod
    def _answer(letter: Letter, stored: ReviewStep | None, delivered: bool) -> dict[str, Any]:
        if stored is None:
            return letter_view(letter)
        return outcome(letter, int(stored.index), Decision.APPROVE, delivered)

    def _signer_block(self, principal: Principal, prepared: dict[str, Any]) -> dict[str, Any]:
        """The signature block: the seat's holder, or the acting holder in their own name and acting title."""
        signer = dict(prepared["signer"])
        if principal.acting is not None or principal.username != signer.get("holder"):
            user = self.org_repo.get_user(principal.username)
            signer.update(holder=user.username, name=user.full_name, nip=user.nip)
        if principal.acting is not None:
            signer.update(title=acting_title(principal.acting.kind, signer["title"]), acting=principal.acting.kind)
        return signer

    def _claim(self, principal: Principal, record: LetterRecord, stored: ReviewStep | None,
               signer: dict[str, Any]) -> LetterRecord:
        """One small transaction: the next number, the signatory's decision, state `signing` and its event, which
        also keeps what completing the signing needs (signer block, moment, step: see `with_claim`).
        """
        letter, prepared = record.letter, record.prepared
        moment = now_wita()
        now = iso(moment)
        tx = self.access.transaction()
        register = prepared.get("signing_org") or letter.org  # the signing office's register
        seq = self.sequence_repo.reserve(number_sequence(register, moment.astimezone(WITA).year), tx)
        number = format_number(prepared["number_format"], classification=letter.classification, seq=seq,
                               org_code=register, year=moment.year, month=moment.month,
                               unit_code=prepared.get("unit_code"))
        steps = letter.steps
        if stored is not None:
            steps = decide_step(steps, int(stored.index), Decision.APPROVE, by=principal.username,
                                position=seat_of(principal, letter) or "", note=None, at=now)
            self.letter_repo.record_decision(tx, letter.id, letter.round, int(stored.index), Decision.APPROVE,
                                      by=principal.username, position=seat_of(principal, letter) or "", note=None,
                                      at=now)
        check_transition(letter.state, LetterState.SIGNING)
        dropped = [a.id for a in letter.attachments if a.state != "confirmed"]  # never uploaded: not part of it
        claimed = replace(letter, state=LetterState.SIGNING, steps=steps, number=number, updated_at=now,
                          attachments=[a for a in letter.attachments if a.state == "confirmed"])
        signing = {"by": principal.username, "position": principal.position, "signer": signer, "at": now,
                   "step": int(stored.index) if stored is not None else None}
        record = self.letter_repo.record_event(tx, record, self.access.event(
            principal, "signing", letter, LetterState.SIGNING, at=now,
            data={"number": number, CLAIM: signing, **({"dropped_attachments": dropped} if dropped else {})}))
        saved = self.letter_repo.save(tx, replace(record, letter=claimed, prepared={**prepared, "signing": signing}))
        self.access.counters.signed(tx, letter, stored, now)
        tx.commit()
        return saved

    def complete(self, record: LetterRecord, principal: Principal = SYSTEM, *, announce: bool = True,
                 passphrase: str | None = None) -> Letter:
        """Render, sign and send a letter in `signing`; on failure it stays `signing` and (`announce`) the
        `letter.signing` event asks the system to complete it again. Returns the letter as it now is.
        A refused certified signature is recorded on the letter's trail (never the passphrase) and raised.
        """
        try:
            letter, data = self._sign(record, principal, passphrase)
        except REFUSALS as refusal:
            record_refusal(self.access, record, principal, refusal)
            raise
        except Conflict:  # completed meanwhile by a retry of the same signing
            return self.letter_repo.get(record.letter.id).letter
        except Exception:  # noqa: BLE001 - the letter keeps its number and state signing; the system retries
            logger.exception("signing not completed yet", extra={"letter_id": record.letter.id})
            if announce:  # the reaction retrying it is delivered again instead: no second event
                self.access.publish(Event.LETTER_SIGNING, record.letter, number=record.letter.number)
            return record.letter
        self._store_pdf(letter, data)
        self.access.publish(Event.LETTER_SIGNED, letter, number=letter.number)
        self.access.publish(Event.LETTER_SENT, letter, number=letter.number,
                            orgs=[o["code"] for o in record.prepared.get("orgs", [])])
        if self.delivery.in_request(record):
            try:
                self.delivery.deliver_now(replace(record, letter=letter))
            except Exception:  # noqa: BLE001 - the letter.sent reaction resumes the fan-out
                logger.exception("copies not all delivered yet", extra={"letter_id": letter.id})
        return letter

    def resume(self, letter_id: str, *, retry_later: bool = True, passphrase: str | None = None) -> str:
        """Complete a signing left in `signing` (the `letter.signing` reaction, overdue steps, the signatory asking
        again). Failing again raises for a reaction (`retry_later`: its event is delivered again); a request
        answers with the letter still `signing` instead. A certified signature needs the signatory's passphrase:
        without it the system leaves the letter waiting for them.
        """
        record = self.letter_repo.get(letter_id)
        if record.letter.state is not LetterState.SIGNING:
            return "not signing"
        record = with_claim(self.letter_repo, record)
        if (record.prepared.get("signing") or {}).get("signer", {}).get("certified") and not passphrase:
            if retry_later:
                return "waiting for the signatory"
            raise PassphraseRequired.field("passphrase", "surat ini menunggu tanda tangan elektronik "
                                                         "tersertifikasi: masukkan passphrase TTE Anda")
        letter = self.complete(record, announce=not retry_later, passphrase=passphrase)
        if letter.state is LetterState.SIGNING:
            if not retry_later:
                return "signing"
            raise RuntimeError(f"signing of {letter_id} failed again")
        step = (record.prepared.get("signing") or {}).get("step")
        if step is not None:
            end_wait(self.workflow, execution_name(letter.id, letter.round, int(step)), "signed")
        return "signed"

    def _sign(self, record: LetterRecord, principal: Principal,
              passphrase: str | None = None) -> tuple[Letter, bytes]:
        """PDF, its certified signature (TTE) when the signer has one, content hash, KMS seal; then the commit."""
        letter, prepared = record.letter, record.prepared
        signing = prepared["signing"]
        signer = signing["signer"]
        claimed_at = datetime.fromisoformat(signing["at"])
        now = iso(now_wita())
        check_transition(letter.state, LetterState.SIGNED)
        number = letter.number or ""
        code = new_verification_code()
        lines = signed_lines(letter, prepared)
        document = signed_document(letter, number=number, date=indonesian_date(claimed_at), place=prepared["city"],
                                   org_name=prepared["org_name"], signer_title=signer["title"],
                                   signer_name=signer.get("name"), signer_nip=signer.get("nip"),
                                   signer_acting=signer.get("acting"))
        document["printed"] = printed_fields(
            government=self.settings.government, org_address=prepared.get("org_address") or "",
            signed_on=claimed_at.astimezone(WITA).date(), addressees=lines["addressees"], cc=lines["cc"],
            verification_code=code, verification_url=f"{self.public_base_url}/public/verify/{code}",
            letterhead=self.letterheads.printed(prepared.get("signing_org") or letter.org))
        rendered = self.letterheads.render(document, created=datetime.fromisoformat(now))
        data = rendered.data
        if signer.get("certified"):
            certified = certify(self.certified, rendered, prepared.get("signing_org") or letter.org, signer.get("holder"),
                                passphrase, number, prepared["city"])
            data = certified.data
            document["signature"] = certified_view(certified)
        pdf_sha256 = hashlib.sha256(data).hexdigest()
        document["pdf"] = {"sha256": pdf_sha256, "pages": rendered.pages}  # the signature covers the PDF too
        digest = content_hash(document)
        signature, key_id = self.signer.sign(digest)
        signed = replace(letter, state=LetterState.SIGNED, signed_at=now, content_hash=digest, signature=signature,
                         signing_key_id=key_id, signed_document=document, verification_code=code,
                         pdf_key=letter_pdf_key(letter.id), pdf_sha256=pdf_sha256, pdf_pages=rendered.pages,
                         updated_at=now)
        sent = self._commit_signed(record, principal, signed, data if signer.get("certified") else None)
        return sent, data

    def _commit_signed(self, record: LetterRecord, principal: Principal, signed: Letter,
                       certified_pdf: bytes | None) -> Letter:
        """One transaction of a constant size: the letter signed and sent, its audit event, counters; the
        verification item and a certified PDF are written just before, the drafter's notification and the archive
        entry with the copies (`Delivery`).
        """
        letter, prepared, now, number = record.letter, record.prepared, signed.signed_at or "", signed.number or ""
        inbox, cc, orgs = prepared.get("inbox", []), prepared.get("cc", []), prepared.get("orgs", [])
        tx = self.access.transaction()
        # One event for both facts (signed, and sent to these boxes and orgs): one audit item fewer to write.
        record = self.letter_repo.record_event(tx, record, self.access.event(
            principal, "signed", letter, LetterState.SENT, at=now,
            data={"number": number, "content_hash": signed.content_hash, "key_id": signed.signing_key_id,
                  "inbox": inbox, "cc": cc, "orgs": [o["code"] for o in orgs]}))
        sent = replace(signed, state=LetterState.SENT)
        self.letter_repo.save(tx, replace(record, letter=sent))
        self.archive_repo.add_verification(Verification(
            code=signed.verification_code or "", letter_id=letter.id, org=letter.org, number=number, signed_at=now,
            security=letter.security.value, document=signed.signed_document or {},
            content_hash=signed.content_hash or "", signature=signed.signature or "",
            signing_key_id=signed.signing_key_id or "", pdf_sha256=signed.pdf_sha256 or ""))
        addressees, copies = prepared.get("recipients") or [len(letter.addressees), len(letter.cc)]
        pages = signed.pdf_pages or 0
        self.archive_repo.count_signed(tx, letter.org, pages=pages,
                                       paperless_pages=paperless_pages(pages, addressees, copies))
        # Written just before: a verification item and a certified PDF are single writes outside the transaction.
        if certified_pdf is not None:  # it cannot be rendered again: kept under its hash before the letter is signed
            self.archive_files.put(certified_copy_key(letter.id, signed.pdf_sha256 or ""), certified_pdf, "application/pdf")
        tx.commit()
        return replace(sent, version=letter.version + 1)

    # ------------------------------------------------------------ the signed PDF

    def _store_pdf(self, letter: Letter, data: bytes) -> None:
        """Put the PDF rendered at signing into the archive bucket, after the signing committed.

        If the put fails the letter stays signed with the PDF's SHA-256 recorded; the `letter.signed` reaction
        (`ensure_pdf`) renders it again from the stored signed document — the same bytes — and puts it.
        """
        try:
            self.archive_files.put(letter_pdf_key(letter.id), data, "application/pdf")
        except Exception:  # noqa: BLE001 - repaired by the letter.signed reaction
            logger.exception("signed PDF not archived yet", extra={"letter_id": letter.id})

    def ensure_pdf(self, letter_id: str) -> str:
        """The archive holds the signed PDF: render it again from the signed document when it is missing (a
        certified one: copy it from where it was kept before the commit).
        """
        letter = self.letter_repo.get(letter_id).letter
        if not letter.pdf_key or not letter.signed_document or not letter.signed_at:
            return "not signed"
        if self.archive_files.exists(letter.pdf_key):
            return "present"
        if is_certified(letter.signed_document):  # the service's signature cannot be made again: its kept copy
            data = self.archive_files.get(certified_copy_key(letter.id, letter.pdf_sha256 or ""))
        else:
            created = datetime.fromisoformat(letter.signed_at)
            data = self.letterheads.render(letter.signed_document, created=created).data
        if hashlib.sha256(data).hexdigest() != letter.pdf_sha256:
            logger.error("the re-rendered PDF differs from the signed one", extra={"letter_id": letter.id})
            return "mismatch"
        self.archive_files.put(letter.pdf_key, data, "application/pdf")
        return "restored"

    def pdf_link_of(self, letter: Letter) -> dict[str, Any]:
        """A short-lived link to the signed PDF of a letter the caller may read."""
        if not letter.pdf_key:
            raise Conflict("the letter has no signed PDF", details={"state": letter.state.value})
        link = self.archive_files.presign_download(letter.pdf_key, f"{letter.number or letter.id}.pdf", "application/pdf")
        return {**link, "sha256": letter.pdf_sha256, "pages": letter.pdf_pages}

    def verify(self, principal: Principal, letter_id: str) -> dict[str, Any]:
        """Recompute the content hash of the signed document and check the KMS signature."""
        letter = self.access.readable(principal, letter_id).letter
        if letter.signed_document is None or not letter.signature or not letter.content_hash:
            raise Conflict("the letter is not signed yet", details={"state": letter.state.value})
        hash_matches = content_hash(letter.signed_document) == letter.content_hash
        signature_valid = self.signer.verify(letter.content_hash, letter.signature, letter.signing_key_id)
        return {"letter_id": letter.id, "number": letter.number, "signed_at": letter.signed_at,
                "content_hash": letter.content_hash, "hash_matches": hash_matches,
                "signature_valid": signature_valid, "valid": hash_matches and signature_valid,
                "document": letter.signed_document}
