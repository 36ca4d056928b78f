"""The catalogue over HTTP: listed with each type's JSON Schema, and a letter's fields checked against it."""

from __future__ import annotations

import copy

from tests.conftest import assert_error
from tests.integration.letters_flow import draft, letter_body
from tests.letter_type_samples import SAMPLES


def test_employees_read_the_catalogue_with_schemas_levels_and_sections(api, province):
    listed = api.get("/letter-types", as_user="staf.kominfo")
    assert listed.status_code == 200 and "max-age" in listed.headers["Cache-Control"]
    types = {t["code"]: t for t in listed.json_body["items"]}
    assert len(types) == 21 and types["surat_keputusan"]["min_level"] == "II"
    assert types["undangan"]["schema"]["required"] == ["hari_tanggal", "waktu", "tempat", "acara"]
    assert api.get("/letter-types/surat_tugas", as_user="kadis.kominfo").json_body["sections"][:3] == [
        "judul_nomor", "dasar", "perintah"]
    assert_error(api.get("/letter-types/sertifikat", as_user="staf.kominfo"), 404, "not_found")
    assert_error(api.get("/letter-types"), 401, "unauthenticated")
    assert_error(api.get("/letter-types", as_user="warga"), 403, "forbidden")


def test_a_letter_keeps_its_fields_and_wrong_ones_are_refused_by_path(api, province):
    sample = SAMPLES["surat_tugas"]
    created = draft(api, type="surat_tugas", subject=sample["subject"], body=None, fields=sample["fields"])
    assert created["fields"] == sample["fields"] and created["body"] == ""
    wrong = copy.deepcopy(sample["fields"])
    wrong["pegawai"][0]["nip"] = "19850310"
    error = assert_error(api.patch(f"/letters/{created['id']}", {"version": created["version"], "fields": wrong},
                                   as_user="staf.kominfo"), 400, "validation_error", "fields.pegawai[0].nip")
    assert "does not match" in error["details"][0]["message"]
    fixed = copy.deepcopy(sample["fields"])
    fixed["untuk"] = ["Melaksanakan pendampingan."]
    patched = api.patch(f"/letters/{created['id']}", {"version": created["version"], "fields": fixed},
                        as_user="staf.kominfo")
    assert patched.status_code == 200 and patched.json_body["fields"]["untuk"] == ["Melaksanakan pendampingan."]
    assert api.get(f"/letters/{created['id']}", as_user="staf.kominfo").json_body["fields"] == fixed


def test_a_new_type_without_its_fields_and_an_old_one_without_text_are_refused(api, province):
    assert_error(api.post("/letters", letter_body(type="notula"), as_user="staf.kominfo"), 400,
                 "validation_error", "fields")
    assert_error(api.post("/letters", letter_body(body=None), as_user="staf.kominfo"), 400, "validation_error",
                 "body")
    assert draft(api)["fields"] is None  # a free-text surat dinas as before
