"""Letterhead rules without AWS: logos checked by their bytes, the Aksara Bali line, edited lines, defaults."""

from __future__ import annotations

import io
import struct

import pytest
from PIL import Image

from chalicelib.domain.errors import PayloadTooLarge, ValidationFailed
from chalicelib.domain.letterhead import (
    JPEG,
    PNG,
    Letterhead,
    check_balinese,
    check_logo,
    default_letterhead,
    edited,
)
from chalicelib.domain.org import Org

ORG = Org(code="DISKOMINFOS", name="Dinas Kominfo", address="Jl. Panjaitan 7", city="Denpasar",
          phone="(0361) 224412", website="diskominfos.baliprov.go.id")


def _image(kind: str, size: tuple[int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size).save(buffer, format=kind)
    return buffer.getvalue()


@pytest.mark.parametrize(("kind", "content_type"), [("PNG", PNG), ("JPEG", JPEG)])
def test_a_logo_is_known_by_its_bytes_with_its_pixel_size(kind, content_type):
    logo = check_logo(_image(kind, (300, 150)), "ab" * 32)
    assert (logo.content_type, logo.width, logo.height) == (content_type, 300, 150)


@pytest.mark.parametrize("data", [b"GIF89a" + bytes(100), b"%PDF-1.7" + bytes(100), b"", b"\x89PNG\r\n\x1a\n",
                                  b"\xff\xd8\xff\xe0" + bytes(8)])
def test_anything_but_a_png_or_jpeg_is_refused(data):
    with pytest.raises(ValidationFailed):
        check_logo(data, "x")


@pytest.mark.parametrize("size", [(16, 16), (5000, 5000), (400, 80)])
def test_a_logo_of_odd_dimensions_is_refused(size):
    header = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + struct.pack(">II", *size)
    with pytest.raises(ValidationFailed):
        check_logo(header + bytes(20), "x")


def test_a_logo_over_a_megabyte_is_too_large():
    with pytest.raises(PayloadTooLarge):
        check_logo(_image("PNG", (64, 64)) + bytes(1_000_000), "x")


def test_the_balinese_line_takes_aksara_bali_only():
    assert check_balinese("  ᬩᬮᬶ   ᬤ᭄ᬯᬶᬧ  ") == "ᬩᬮᬶ ᬤ᭄ᬯᬶᬧ"
    assert check_balinese("") is None and check_balinese(None) is None
    for bad in ("Bali", "ᬩᬮᬶ Bali", "ᬩᬮᬶ\u202e"):
        with pytest.raises(ValidationFailed):
            check_balinese(bad)


def test_an_org_without_its_own_letterhead_prints_its_details():
    head = default_letterhead(ORG, "Pemerintah Provinsi Bali")
    assert head.contact == "Telepon (0361) 224412, Laman diskominfos.baliprov.go.id"
    assert head.printed()["letterhead_name"] == "Dinas Kominfo" and head.printed()["logo"] is None


def test_editing_checks_each_line_and_keeps_the_logo():
    head = Letterhead(org="X", government="G", org_name="N", address="A")
    fields = {"government": " Pemerintah  Provinsi Bali ", "org_name": "Dinas", "address": "Jalan", "balinese": "ᬩᬮᬶ"}
    changed = edited(head, fields, at="2026-12-03T10:00:00+08:00", by="admin")
    assert changed.government == "Pemerintah Provinsi Bali" and changed.balinese == "ᬩᬮᬶ" and changed.contact is None
    with pytest.raises(ValidationFailed):
        edited(head, {**fields, "address": "ᬩᬮᬶ"}, at="t", by="admin")
    with pytest.raises(ValidationFailed):
        edited(head, {**fields, "org_name": "x" * 161}, at="t", by="admin")
