from datetime import date

import pytest

from chalicelib.domain.archive import (
    ArchiveEntry,
    RecordKind,
    paperless_pages,
    parse_query,
    parse_ref,
    record_words,
    to_csv,
    words,
)
from chalicelib.domain.classification import BUILTIN, retention_rule
from chalicelib.domain.errors import ValidationFailed
from chalicelib.domain.retention import FinalAction, retention_dates


def _entry(**changes) -> ArchiveEntry:
    fields = dict(kind=RecordKind.LETTER, id="a" * 32, org="DISKOMINFOS", date="2026-11-29",
                  at="2026-11-29T10:00:00+08:00", number="005/2/DISKOMINFOS/2026", subject="Undangan rapat",
                  type="undangan", classification="005", security="biasa", sender="Dinas Kominfos",
                  recipients=["Sekretaris Dinas", "Biro Umum"], inactive_from="2027-11-29", action_due="2028-11-29",
                  final_action="musnah", pages=2, words=["no:005/2/diskominfos/2026", "undangan", "rapat"])
    fields.update(changes)
    return ArchiveEntry(**fields)


def test_search_words_fold_case_and_accents_and_drop_short_words_and_stopwords():
    assert words("Undangan Rapat dan Évaluasi di Kantor — e-Government") == [
        "undangan", "rapat", "evaluasi", "kantor", "government"]


def test_a_record_is_found_by_its_whole_number_first_and_its_words_capped():
    tokens = record_words(["000.1.2/17/DISKOMINFOS/2026"], ["kata " + " ".join(f"w{i:03d}" for i in range(40))])
    assert tokens[0] == "no:000.1.2/17/diskominfos/2026" and len(tokens) == 24


def test_a_query_with_a_slash_is_a_whole_number_and_otherwise_its_words_each_filter():
    assert parse_query("X", {"q": "005/2/DISKOMINFOS/2026"}, BUILTIN).tokens == ("no:005/2/diskominfos/2026",)
    assert parse_query("X", {"q": "rapat koordinasi"}, BUILTIN).tokens == ("rapat", "koordinasi")


def test_only_dates_are_served_by_the_key_and_every_other_filter_reads_more_than_it_returns():
    assert not parse_query("X", {"from": "2026-01-01", "to": "2026-02-01"}, BUILTIN).filtered
    assert all(parse_query("X", params, BUILTIN).filtered
               for params in ({"q": "rapat"}, {"classification": "005"}, {"type": "undangan"}, {"kind": "incoming"}))


def test_filters_not_served_by_the_key_are_applied_to_the_page():
    query = parse_query("DISKOMINFOS", {"q": "rapat undangan", "type": "undangan", "kind": "letter"}, BUILTIN)
    assert query.matches(_entry())
    assert not query.matches(_entry(type="surat_dinas"))
    assert not query.matches(_entry(words=["rapat"]))


@pytest.mark.parametrize(("params", "field"), [({"q": "di"}, "q"), ({"classification": "999"}, "classification"),
                                               ({"from": "29-11-2026"}, "from"), ({"kind": "arsip"}, "kind")])
def test_bad_filters_name_their_field(params, field):
    with pytest.raises(ValidationFailed) as raised:
        parse_query("X", params, BUILTIN)
    assert raised.value.details[0]["field"] == field


def test_an_archive_reference_names_a_kind_and_an_id():
    assert parse_ref("letter-" + "b" * 32) == (RecordKind.LETTER, "b" * 32)
    with pytest.raises(ValidationFailed):
        parse_ref("letter-../x")


def test_every_classification_has_a_retention_rule_with_a_final_action():
    for code in BUILTIN:
        assert retention_rule(BUILTIN, code).final_action in set(FinalAction)
    dates = retention_dates(date(2026, 11, 29), retention_rule(BUILTIN, "900.1"))  # APBD: 5 + 5 years, permanen
    assert (dates.action_due, dates.final_action) == (date(2036, 11, 29), FinalAction.PERMANEN)


def test_the_csv_starts_with_a_bom_and_an_indonesian_header():
    text = to_csv([_entry()])
    assert text.startswith("\ufeffRekaman,Jenis Arsip,Nomor,Tanggal,Hal")
    assert "Surat Keluar,005/2/DISKOMINFOS/2026,2026-11-29,Undangan rapat" in text


def test_pages_not_printed_are_pages_times_addressees_and_cc():
    assert paperless_pages(2, 3, 1) == 8
