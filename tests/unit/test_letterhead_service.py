"""The letterhead use cases against in-memory fakes: who may edit, what a bad logo leaves behind, and what a
letter signed now prints."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from chalicelib.domain.errors import Forbidden, NotFound, ValidationFailed
from chalicelib.domain.identity import Principal, Role
from chalicelib.domain.org import Org
from chalicelib.services.letterhead import Letterheads
from tests.fakes.letterheads import FakeLetterheads, FakeLogos

ADMIN = Principal(username="admin.kominfo", role=Role.ADMIN, org="DISKOMINFOS")
OTHER = Principal(username="admin.setda", role=Role.ADMIN, org="SETDA")
LINES = {"government": "Pemerintah Provinsi Bali", "org_name": "Dinas Kominfo", "address": "Jl. Panjaitan 7",
         "balinese": "ᬩᬮᬶ"}


class FakeOrgs:
    def get_org(self, code: str) -> Org:
        if code != "DISKOMINFOS":
            raise NotFound(f"no org {code}")
        return Org(code=code, name="Dinas Komunikasi", address="Jl. D.I. Panjaitan No. 7", city="Denpasar")


@pytest.fixture
def service() -> Letterheads:
    return Letterheads(FakeLetterheads(FakeOrgs()), FakeLogos(), "Pemerintah Provinsi Bali")


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_letter_signed_now_prints_the_edited_lines(service):
    assert service.printed("DISKOMINFOS")["letterhead_name"] == "Dinas Komunikasi"  # the default
    service.update(ADMIN, "DISKOMINFOS", LINES)
    printed = service.printed("DISKOMINFOS")
    assert printed["letterhead_name"] == "Dinas Kominfo" and printed["balinese_line"] == "ᬩᬮᬶ"


def test_another_orgs_admin_may_not_edit_it(service):
    with pytest.raises(Forbidden):
        service.update(OTHER, "DISKOMINFOS", LINES)
    with pytest.raises(Forbidden):
        service.upload_logo(OTHER, "DISKOMINFOS", _png())


def test_an_image_that_does_not_draw_is_refused_and_not_kept(service):
    broken = _png()[:33] + bytes(200)  # a valid PNG header over garbage
    with pytest.raises(ValidationFailed):
        service.upload_logo(ADMIN, "DISKOMINFOS", broken)
    assert service.logo_repo.images == {} and "DISKOMINFOS" not in service.letterhead_repo.items


def test_an_uploaded_logo_is_named_by_its_digest_in_what_a_letter_prints(service):
    view = service.upload_logo(ADMIN, "DISKOMINFOS", _png())
    assert service.printed("DISKOMINFOS")["logo"]["sha256"] == view["logo"]["sha256"]
    assert service.preview(ADMIN, "DISKOMINFOS")["pages"] == 1
