from dataclasses import replace

import pytest

from chalicelib.domain.classification import (
    BUILTIN,
    ClassificationChange,
    Source,
    changed_entry,
    classification,
    effective_table,
    parent_code,
    retention_rule,
    usable_classification,
)
from chalicelib.domain.errors import Conflict, ValidationFailed
from chalicelib.domain.retention import FinalAction, RetentionRule

AT = "2026-11-29T10:00:00+08:00"
ELECTRONIC = ClassificationChange("Surat Elektronik", 4, 6, "permanen")


def _field(exc: pytest.ExceptionInfo[ValidationFailed]) -> str:
    return exc.value.details[0]["field"]


def test_the_parent_of_a_code_is_one_level_up_and_a_group_has_none():
    assert parent_code("000.1.2") == "000.1"
    assert parent_code("500.12") == "500"
    assert parent_code("000") is None


def test_stored_entries_override_built_in_ones_and_new_codes_sort_by_number():
    override = replace(BUILTIN["005"], active_years=3, source=Source.CUSTOM, version=1)
    new = changed_entry(BUILTIN, "000.1.10", ELECTRONIC, by="admin", at=AT)
    table = effective_table([override, new])
    assert table["005"].active_years == 3 and table["000.1.2"] == BUILTIN["000.1.2"]
    order = list(table)
    assert order.index("000.1.3") < order.index("000.1.10") < order.index("000.2")
    assert len(table) == len(BUILTIN) + 1


def test_a_new_code_is_custom_at_version_one_with_who_and_when():
    entry = changed_entry(BUILTIN, "000.1.2.1", ELECTRONIC, by="admin", at=AT)
    assert (entry.source, entry.version, entry.updated_by, entry.updated_at) == (Source.CUSTOM, 1, "admin", AT)
    assert entry.rule == RetentionRule(4, 6, FinalAction.PERMANEN)


@pytest.mark.parametrize("code", ["12", "0001", "000.", "000.1.2.3.4", "000.1234", "abc", "000/1"])
def test_a_code_must_look_like_a_classification_code(code):
    with pytest.raises(ValidationFailed) as exc:
        changed_entry(BUILTIN, code, ELECTRONIC, by="admin", at=AT)
    assert _field(exc) == "code"


def test_a_new_code_needs_a_parent_that_exists_and_is_not_retired():
    with pytest.raises(ValidationFailed, match="000.6 is not in the table"):
        changed_entry(BUILTIN, "000.6.1", ELECTRONIC, by="admin", at=AT)
    retired = effective_table([replace(BUILTIN["000.1.3"], retired=True, source=Source.CUSTOM, version=1)])
    with pytest.raises(ValidationFailed, match="retired"):
        changed_entry(retired, "000.1.3.1", ELECTRONIC, by="admin", at=AT)


def test_an_existing_child_of_a_retired_code_can_still_be_changed():
    table = effective_table([replace(BUILTIN["000.1"], retired=True, source=Source.CUSTOM, version=1)])
    assert changed_entry(table, "000.1.2", ELECTRONIC, by="admin", at=AT).name == "Surat Elektronik"


@pytest.mark.parametrize(("change", "field"), [
    (replace(ELECTRONIC, name="  "), "name"),
    (replace(ELECTRONIC, name="x" * 201), "name"),
    (replace(ELECTRONIC, active_years=-1), "active_years"),
    (replace(ELECTRONIC, inactive_years=101), "inactive_years"),
    (replace(ELECTRONIC, final_action="hapus"), "final_action"),
])
def test_bad_fields_are_named(change, field):
    with pytest.raises(ValidationFailed) as exc:
        changed_entry(BUILTIN, "999", change, by="admin", at=AT)
    assert _field(exc) == field


def test_a_stored_entry_changes_only_at_the_version_it_was_read_with():
    stored = effective_table([changed_entry(BUILTIN, "005", ELECTRONIC, by="admin", at=AT)])
    assert stored["005"].version == 1
    assert changed_entry(stored, "005", replace(ELECTRONIC, version=1), by="admin", at=AT).version == 2
    for stale in (None, 2):
        with pytest.raises(Conflict):
            changed_entry(stored, "005", replace(ELECTRONIC, version=stale), by="admin", at=AT)
    with pytest.raises(Conflict):  # a built-in code never changed has no version to send
        changed_entry(BUILTIN, "005", replace(ELECTRONIC, version=1), by="admin", at=AT)


def test_a_retired_code_stays_readable_but_is_not_usable_for_new_letters():
    table = effective_table([replace(BUILTIN["005"], retired=True, source=Source.CUSTOM, version=1)])
    assert classification(table, "005").retired
    assert retention_rule(table, "005") == RetentionRule(1, 1, FinalAction.MUSNAH)
    with pytest.raises(ValidationFailed, match="retired") as exc:
        usable_classification(table, "005")
    assert _field(exc) == "classification"
    with pytest.raises(ValidationFailed, match="not a classification code"):
        usable_classification(table, "999.9")
