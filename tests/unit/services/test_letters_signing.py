"""Signing letters against the fakes: gap-free numbers, the seal and its verification, the archive entry and the
public verification record, a drafter who signs, a seal that fails and is completed later, and a certified
signature (TTE) with its passphrase.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import pytest

from chalicelib.adapters.dynamo import Transaction
from chalicelib.adapters.files import letter_pdf_key
from chalicelib.domain.archive import RecordKind
from chalicelib.domain.signatures import CertifiedPdf, PassphraseRequired, SignatureBox, WrongPassphrase
from chalicelib.services.signer_port import CertifiedChoice
from tests.fakes.province import FakeLetters, staff
from tests.fakes.services import FakeSequenceRepo, FakeSigner
from tests.unit.services.conftest import CHAIN, DRAFTER, approve, draft, sent_letter

PASSPHRASE = "rahasia-kadis"


def test_a_signed_letter_is_sealed_archived_verifiable_and_sent(fakes: FakeLetters) -> None:
    letters = fakes.service()
    letter = sent_letter(letters)
    assert letter["state"] == "sent" and letter["number"].startswith("000.1.2/1/DISKOMINFOS/")
    assert letter["signed_by"]["name"] == "I Gede Pramana Putra"
    checked = letters.verify(staff(DRAFTER), letter["id"])
    assert checked["valid"] and checked["hash_matches"] and checked["signature_valid"]
    assert fakes.archive_files.exists(letter_pdf_key(letter["id"]))
    entry = fakes.archive_repo.get(RecordKind.LETTER, letter["id"])
    assert (entry.number, entry.classification) == (letter["number"], "000.1.2")
    assert fakes.archive_repo.verifications[letter["verification_code"]].content_hash == letter["content_hash"]
    assert fakes.archive_repo.signed["DISKOMINFOS#letters"] == 1
    assert [e.action for e in fakes.letter_repo.trail(letter["id"])][-2:] == ["signing", "signed"]
    assert fakes.events.types()[-2:] == ["letter.signed", "letter.sent"]


def test_a_tampered_signed_document_fails_verification(fakes: FakeLetters) -> None:
    letters = fakes.service()
    letter = sent_letter(letters)
    record = fakes.letter_repo.records[letter["id"]]
    document = {**(record.letter.signed_document or {}), "subject": "Hal yang lain"}
    fakes.letter_repo.records[letter["id"]] = replace(record, letter=replace(record.letter, signed_document=document))
    checked = letters.verify(staff(DRAFTER), letter["id"])
    assert (checked["hash_matches"], checked["valid"]) == (False, False)


@dataclass
class RacingSequences(FakeSequenceRepo):
    """A counter another request takes a number from, between this request's read and its commit, `races` times."""

    races: int = 1
    reserved: list[int] = field(default_factory=list)

    def reserve(self, name: str, tx: Transaction) -> int:
        value = super().reserve(name, tx)
        self.reserved.append(value)
        if self.races:
            self.races -= 1
            self.values[name] = self.values.get(name, 0) + 1  # the other request commits first
        return value


def test_numbers_stay_gap_free_when_a_signing_loses_the_race_for_one(fakes: FakeLetters) -> None:
    fakes.sequence_repo = RacingSequences()
    letters = fakes.service()
    letter = sent_letter(letters)
    assert fakes.sequence_repo.reserved == [1, 2]  # lost number 1 to the other request, took 2 on the retry
    assert letter["number"].startswith("000.1.2/2/DISKOMINFOS/")
    assert [e.action for e in fakes.letter_repo.trail(letter["id"])].count("signing") == 1
    second = sent_letter(letters)
    assert second["number"].startswith("000.1.2/3/DISKOMINFOS/")


def test_a_drafter_who_is_the_signatory_signs_at_submit(fakes: FakeLetters) -> None:
    letters = fakes.service()
    letter = draft(letters, who="kadis.kominfo", addressees=[{"kind": "position", "code": "SEKRETARIS"}], cc=[])
    assert letter["chain"] == []
    signed = letters.submit(staff("kadis.kominfo"), letter["id"])
    assert (signed["state"], signed["number"][:12]) == ("sent", "000.1.2/1/DI")
    assert fakes.workflow.executions == {}  # no review round
    assert fakes.letter_repo.copies(letter["id"])["BOX#inbox#SEKRETARIS"] is None


class FailingSigner(FakeSigner):
    """A seal that fails while `down` (KMS unavailable)."""

    down = True

    def sign(self, digest_hex: str) -> tuple[str, str]:
        if self.down:
            raise RuntimeError("KMS unavailable")
        return super().sign(digest_hex)


def test_a_failed_seal_leaves_the_letter_signing_with_its_number_until_the_system_completes_it(
        fakes: FakeLetters) -> None:
    fakes.signer = FailingSigner()
    letters = fakes.service()
    letter = draft(letters)
    letters.submit(staff(DRAFTER), letter["id"])
    for who in CHAIN:
        outcome = approve(letters, letter["id"], who)
    assert (outcome["state"], outcome["delivered"]) == ("signing", False)
    assert f"letter-{letter['id']}-r1-s3" in fakes.workflow.running  # its deadline completes the signing
    number = outcome["number"]
    assert fakes.events.types()[-1] == "letter.signing"
    fakes.signer.down = False
    assert letters.resume_signing(letter["id"]) == "signed"
    now = letters.get(staff(DRAFTER), letter["id"])
    assert (now["state"], now["number"]) == ("sent", number)  # the number claimed before is kept
    assert fakes.workflow.stopped[-1] == f"letter-{letter['id']}-r1-s3" and fakes.workflow.running == set()
    assert letters.resume_signing(letter["id"]) == "not signing"


@dataclass
class FakeCertifiedSigner:
    """BSrE in memory: one enrolled signer and their passphrase."""

    enrolled: dict[str, str] = field(default_factory=lambda: {"kadis.kominfo": "5171010101010001"})
    signed: list[str] = field(default_factory=list)

    def enrolled_nik(self, username: str) -> str | None:
        return self.enrolled.get(username)

    def check(self, nik: str) -> None:
        return None

    def sign_pdf(self, data: bytes, nik: str, passphrase: str, box: SignatureBox, *, reason: str,
                 location: str) -> CertifiedPdf:
        if passphrase != PASSPHRASE:
            raise WrongPassphrase.field("passphrase", "passphrase salah")
        self.signed.append(reason)
        return CertifiedPdf(data=data + b"\n%certified", signer_name="I Gede Pramana Putra", subject="CN=Kadis",
                            issuer="CN=BSrE", serial="01", signed_at="2026-03-02T09:00:00+08:00")


def test_a_certified_signature_needs_the_passphrase_and_a_refusal_is_on_the_trail(fakes: FakeLetters) -> None:
    service = FakeCertifiedSigner()
    letters = fakes.service(certified=CertifiedChoice(("DISKOMINFOS",), service))
    letter = draft(letters)
    letters.submit(staff(DRAFTER), letter["id"])
    approve(letters, letter["id"], "kasi.layanan")
    approve(letters, letter["id"], "kabid.aptika")
    with pytest.raises(PassphraseRequired):
        approve(letters, letter["id"], "kadis.kominfo")
    assert fakes.sequence_repo.values == {}  # asked before any number is claimed
    with pytest.raises(WrongPassphrase):
        approve(letters, letter["id"], "kadis.kominfo", passphrase="salah")
    waiting = fakes.letter_repo.get(letter["id"])
    refused = fakes.letter_repo.trail(letter["id"])[-1]
    assert waiting.letter.state.value == "signing" and (refused.action, refused.data["code"]) == (
        "signing_refused", "wrong_passphrase")
    signed = approve(letters, letter["id"], "kadis.kominfo", passphrase=PASSPHRASE)
    assert (signed["state"], signed["number"]) == ("sent", waiting.letter.number)
    document = fakes.letter_repo.get(letter["id"]).letter.signed_document or {}
    assert document["signature"]["kind"] == "tte" and len(service.signed) == 1
    assert fakes.archive_files.get(letter_pdf_key(letter["id"])).endswith(b"%certified")
