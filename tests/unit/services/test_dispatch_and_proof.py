"""Dispatch to external recipients and the public proof of a signed letter, against the fakes."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace

import pytest

from chalicelib.adapters.files import letter_pdf_key
from chalicelib.domain.errors import Conflict, Forbidden, NotFound, ValidationFailed
from chalicelib.domain.identity import Principal, Role
from chalicelib.services.dispatch import DispatchService
from chalicelib.services.proof import ProofService
from tests.fakes.province import FakeLetters
from tests.fakes.services import FakeDispatchRepo
from tests.unit.services.conftest import sent_letter

EXTERNAL = [{"kind": "external", "name": "PT Bali Digital Nusantara", "address": "Jl. Bypass Ngurah Rai 1",
             "email": "info@example.co.id"},
            {"kind": "external", "name": "Universitas Udayana", "address": "Jl. Kampus Bukit Jimbaran"}]
OPERATOR = Principal(username="operator.kominfo", role=Role.OPERATOR, org="DISKOMINFOS", position="OPERATOR-KOMINFO")


@dataclass
class FakeNotifier:
    """Emails sent, in order."""

    sent: list[tuple[str, str, bytes]] = field(default_factory=list)

    def email_with_attachment(self, to: str, subject: str, text: str, filename: str, data: bytes,
                              content_type: str = "application/pdf") -> str:
        self.sent.append((to, filename, data))
        return f"message-{len(self.sent)}"


def dispatch_of(fakes: FakeLetters, notifier: FakeNotifier, repo: FakeDispatchRepo) -> DispatchService:
    """The dispatch service on the fakes (no public submissions in these cases)."""
    return DispatchService(repo, fakes.letter_repo, fakes.incoming_repo, None,  # type: ignore[arg-type]
                           fakes.archive_files, notifier, fakes.service(), "https://kantor.test")


def test_external_recipients_are_emailed_once_or_listed_for_the_operator(fakes: FakeLetters) -> None:
    letter = sent_letter(fakes.service(), addressees=EXTERNAL, cc=[])
    notifier, repo = FakeNotifier(), FakeDispatchRepo()
    dispatch = dispatch_of(fakes, notifier, repo)
    assert dispatch.deliver(letter["id"]) == {"emailed": 1, "manual": 1}
    assert dispatch.deliver(letter["id"]) == {"emailed": 0, "manual": 1}  # a redelivered event: no second email
    (to, filename, data), = notifier.sent
    assert to == "info@example.co.id" and filename == letter["number"].replace("/", "-") + ".pdf"
    assert data == fakes.archive_files.get(letter_pdf_key(letter["id"]))
    pending = dispatch.org_list(OPERATOR, "pending", 10, None)["items"]
    assert [(p["id"], p["reason"]) for p in pending] == [("to-01", "tidak ada alamat email")]
    marked = dispatch.mark_dispatched(OPERATOR, letter["id"], "to-01", {"via": "pos", "receipt": "RR123"})
    assert (marked["state"], marked["dispatched_by"], marked["receipt"]) == ("dispatched", "operator.kominfo", "RR123")
    with pytest.raises(Conflict):
        dispatch.mark_dispatched(OPERATOR, letter["id"], "to-01", {"via": "pos"})
    other = Principal(username="operator.biroumum", role=Role.OPERATOR, org="BIROUMUM",
                      position="OPERATOR-BIROUMUM")
    with pytest.raises(Forbidden):
        dispatch.mark_dispatched(other, letter["id"], "to-00", {"via": "kurir"})


def test_a_secret_letter_is_never_emailed(fakes: FakeLetters) -> None:
    letter = sent_letter(fakes.service(), addressees=EXTERNAL[:1], cc=[], security="rahasia")
    notifier, repo = FakeNotifier(), FakeDispatchRepo()
    assert dispatch_of(fakes, notifier, repo).deliver(letter["id"]) == {"emailed": 0, "manual": 1}
    (delivery,) = repo.list(letter["id"])
    assert notifier.sent == [] and delivery.subject is None and "rahasia" in (delivery.reason or "")


def test_the_verification_code_proves_the_letter_and_its_file(fakes: FakeLetters) -> None:
    letter = sent_letter(fakes.service())
    proof = ProofService(fakes.archive_repo, fakes.signer, fakes.archive_files)
    code = letter["verification_code"]
    shown = proof.verify(code)
    assert (shown["valid"], shown["number"], shown["restricted"]) == (True, letter["number"], False)
    assert shown["signer"]["name"] == "I Gede Pramana Putra"
    original = fakes.archive_files.get(letter_pdf_key(letter["id"]))
    assert proof.check_file(code, original)["original"] is True
    changed = proof.check_file(code, original + b"\n")
    assert changed["original"] is False and changed["sha256"] == hashlib.sha256(original + b"\n").hexdigest()
    with pytest.raises(ValidationFailed):
        proof.check_file(code, b"")
    with pytest.raises(NotFound):
        proof.verify("NOSUCHCODE")
    record = fakes.archive_repo.verifications[code]
    fakes.archive_repo.verifications[code] = replace(record, document={**record.document, "subject": "Palsu"})
    assert proof.verify(code)["valid"] is False


def test_a_restricted_letter_shows_only_its_number_date_org_and_validity(fakes: FakeLetters) -> None:
    letter = sent_letter(fakes.service(), security="terbatas")
    shown = ProofService(fakes.archive_repo, fakes.signer).verify(letter["verification_code"])
    assert shown["restricted"] is True and shown["valid"] is True and "subject" not in shown
