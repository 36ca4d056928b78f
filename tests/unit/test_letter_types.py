"""The catalogue of letter types: valid schemas, a sample of every type that fits, wrong fields refused by path."""

from __future__ import annotations

import copy

import pytest
from jsonschema import Draft202012Validator

from chalicelib.domain.errors import NotFound, ValidationFailed
from chalicelib.domain.letter_chain import DEFAULT_SIGNING_AUTHORITY
from chalicelib.domain.letter_types import CATALOGUE, FREE_TEXT_TYPES, LetterType, check_fields, spec_of
from chalicelib.domain.org import Level
from tests.letter_type_samples import SAMPLES

CODES = [t.value for t in LetterType]


def paths(error: ValidationFailed) -> list[str]:
    return [d["field"] for d in error.details]


@pytest.mark.parametrize("code", CODES)
def test_every_type_publishes_a_valid_draft_2020_12_schema(code):
    schema = CATALOGUE[LetterType(code)].schema
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["additionalProperties"] is False


@pytest.mark.parametrize("code", CODES)
def test_a_sample_of_every_type_fits_its_schema(code):
    sample = SAMPLES[code]
    check_fields(LetterType(code), sample["fields"], sample.get("body"))


def test_the_catalogue_covers_the_regulations_groups_and_keeps_the_eight_old_codes():
    assert {t.value for t in FREE_TEXT_TYPES} == {"surat_dinas", "nota_dinas", "undangan", "surat_edaran",
                                                  "surat_tugas", "surat_keputusan", "pengumuman", "surat_keterangan"}
    groups = {s.group.value for s in CATALOGUE.values()}
    assert groups == {"arahan", "korespondensi", "khusus"} and len(CATALOGUE) == 21


def test_todays_signing_levels_hold_for_the_old_types_and_the_catalogue_sets_the_new_ones():
    assert DEFAULT_SIGNING_AUTHORITY.required(LetterType.SURAT_KEPUTUSAN) is Level.II
    assert DEFAULT_SIGNING_AUTHORITY.required(LetterType.SURAT_EDARAN) is Level.II
    assert DEFAULT_SIGNING_AUTHORITY.required(LetterType.SURAT_DINAS) is Level.IV
    assert DEFAULT_SIGNING_AUTHORITY.required(LetterType.PERJANJIAN) is Level.II
    assert DEFAULT_SIGNING_AUTHORITY.required(LetterType.NOTULA) is Level.IV


def test_a_wrong_nip_in_the_people_of_a_surat_tugas_is_refused_with_its_path():
    fields = copy.deepcopy(SAMPLES["surat_tugas"]["fields"])
    fields["pegawai"][1]["nip"] = "12345"
    with pytest.raises(ValidationFailed) as error:
        check_fields(LetterType.SURAT_TUGAS, fields, None)
    assert paths(error.value) == ["fields.pegawai[1].nip"]


def test_an_undangan_needs_a_real_date_and_a_time_or_selesai():
    fields = copy.deepcopy(SAMPLES["undangan"]["fields"])
    fields["hari_tanggal"], fields["waktu"]["selesai"] = "2026-02-30", "sore"
    with pytest.raises(ValidationFailed) as error:
        check_fields(LetterType.UNDANGAN, fields, "Dengan hormat")
    assert paths(error.value) == ["fields.hari_tanggal", "fields.waktu.selesai"]


def test_missing_and_unknown_fields_are_named():
    fields = {k: v for k, v in SAMPLES["surat_keputusan"]["fields"].items() if k != "diktum"}
    with pytest.raises(ValidationFailed) as error:
        check_fields(LetterType.SURAT_KEPUTUSAN, {**fields, "lampiran": "x"}, None)
    assert paths(error.value) == ["fields", "fields"]
    assert "diktum" in str(error.value.details) and "lampiran" in str(error.value.details)


def test_more_than_200_people_are_refused():
    fields = copy.deepcopy(SAMPLES["surat_tugas"]["fields"])
    fields["pegawai"] = fields["pegawai"][:1] * 201
    with pytest.raises(ValidationFailed) as error:
        check_fields(LetterType.SURAT_TUGAS, fields, None)
    assert paths(error.value) == ["fields.pegawai"]


def test_a_new_type_needs_its_fields_and_an_old_one_may_stay_free_text():
    with pytest.raises(ValidationFailed) as error:
        check_fields(LetterType.NOTULA, None, None)
    assert paths(error.value) == ["fields"]
    check_fields(LetterType.SURAT_KEPUTUSAN, None, "Menetapkan ...")


def test_free_text_is_required_where_the_annex_has_it_and_refused_where_nothing_prints_it():
    with pytest.raises(ValidationFailed) as missing:
        check_fields(LetterType.SURAT_DINAS, {}, "  ")
    with pytest.raises(ValidationFailed) as unprinted:
        check_fields(LetterType.NOTULA, SAMPLES["notula"]["fields"], "Catatan bebas")
    assert paths(missing.value) == paths(unprinted.value) == ["body"]


def test_an_unknown_type_is_not_found():
    with pytest.raises(NotFound):
        spec_of("sertifikat")
    assert spec_of("undangan").view()["schema"]["title"] == "Surat Undangan"


def test_fields_refuse_the_characters_every_free_text_refuses():
    from chalicelib.api.schemas import CONTROL_CHARACTERS as refused_in_free_text
    from chalicelib.domain.letter_types.fields import CONTROL_CHARACTERS

    assert CONTROL_CHARACTERS == refused_in_free_text
    fields = copy.deepcopy(SAMPLES["notula"]["fields"])
    fields["keputusan"][0] = "Disetujui \u202egnarul"
    with pytest.raises(ValidationFailed) as error:
        check_fields(LetterType.NOTULA, fields, None)
    assert paths(error.value) == ["fields.keputusan[0]"]
