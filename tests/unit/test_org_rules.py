"""Rules of the organisation structure: levels, reporting lines, number formats, user fields."""

from __future__ import annotations

import pytest

from chalicelib.domain.errors import ValidationFailed
from chalicelib.domain.identity import Role
from chalicelib.domain.org import (
    DEFAULT_NUMBER_FORMAT,
    Level,
    Position,
    chain_up,
    check_code,
    check_number_format,
    check_reports_to,
    check_user_fields,
)

NIP = "197202151998031005"


def position(code: str, level: Level, reports_to: str | None = None, org: str = "DISKOMINFOS") -> Position:
    return Position(org=org, code=code, title=code.title(), level=level, reports_to=reports_to)


def field_of(error: ValidationFailed) -> str:
    return error.details[0]["field"]


# ---------------------------------------------------------------- levels


def test_levels_rank_from_eselon_one_down_to_staff() -> None:
    assert [level.rank for level in (Level.I, Level.II, Level.III, Level.IV, Level.STAFF)] == [1, 2, 3, 4, 5]


def test_a_level_is_above_only_the_levels_below_it() -> None:
    assert Level.II.is_above(Level.III)
    assert Level.IV.is_above(Level.STAFF)
    assert not Level.III.is_above(Level.III)
    assert not Level.STAFF.is_above(Level.I)


# ---------------------------------------------------------------- reporting line


def test_reports_to_a_higher_position_of_the_same_org_is_accepted() -> None:
    check_reports_to(Level.IV, position("KABID", Level.III), "DISKOMINFOS")


def test_reports_to_must_exist() -> None:
    with pytest.raises(ValidationFailed) as raised:
        check_reports_to(Level.IV, None, "DISKOMINFOS")
    assert field_of(raised.value) == "reports_to"


def test_reports_to_must_sit_in_the_same_org() -> None:
    with pytest.raises(ValidationFailed) as raised:
        check_reports_to(Level.IV, position("KARO", Level.II, org="BIROUMUM"), "DISKOMINFOS")
    assert field_of(raised.value) == "reports_to"


@pytest.mark.parametrize("superior_level", [Level.IV, Level.STAFF])
def test_reports_to_must_sit_higher_than_the_new_position(superior_level: Level) -> None:
    with pytest.raises(ValidationFailed) as raised:
        check_reports_to(Level.IV, position("PEER", superior_level), "DISKOMINFOS")
    assert field_of(raised.value) == "reports_to"


# ---------------------------------------------------------------- codes and number formats


def test_codes_are_short_upper_case_identifiers() -> None:
    assert check_code("code", "KASI-LAYANAN") == "KASI-LAYANAN"
    with pytest.raises(ValidationFailed) as raised:
        check_code("code", "kasi layanan")
    assert field_of(raised.value) == "code"


def test_the_default_number_format_is_valid() -> None:
    assert check_number_format(DEFAULT_NUMBER_FORMAT) == DEFAULT_NUMBER_FORMAT


def test_a_number_format_may_use_every_known_placeholder() -> None:
    fmt = "{classification}/{seq}/{unit_code}/{org_code}/{month}/{year}"
    assert check_number_format(fmt) == fmt


def test_a_number_format_with_an_unknown_placeholder_is_refused() -> None:
    with pytest.raises(ValidationFailed) as raised:
        check_number_format("{seq}/{year}/{secret}")
    assert field_of(raised.value) == "number_format"
    assert "secret" in raised.value.details[0]["message"]


@pytest.mark.parametrize("fmt", ["{classification}/{org_code}/{year}", "{seq}/{org_code}", "NOMOR"])
def test_a_number_format_needs_seq_and_year_so_numbers_are_unique(fmt: str) -> None:
    with pytest.raises(ValidationFailed) as raised:
        check_number_format(fmt)
    assert field_of(raised.value) == "number_format"


# ---------------------------------------------------------------- user fields


def test_an_employee_with_org_position_and_nip_is_accepted() -> None:
    check_user_fields(Role.EMPLOYEE, "DISKOMINFOS", "KADIS", NIP)


def test_a_member_of_the_public_belongs_to_no_org() -> None:
    check_user_fields(Role.PUBLIC, None, None, None)
    with pytest.raises(ValidationFailed) as raised:
        check_user_fields(Role.PUBLIC, "DISKOMINFOS", None, None)
    assert field_of(raised.value) == "org"


def test_an_auditor_reads_with_or_without_an_org_but_holds_no_position() -> None:
    check_user_fields(Role.AUDITOR, None, None, None)
    check_user_fields(Role.AUDITOR, "DISKOMINFOS", None, None)
    with pytest.raises(ValidationFailed) as raised:
        check_user_fields(Role.AUDITOR, "DISKOMINFOS", "KADIS", None)
    assert field_of(raised.value) == "position"


@pytest.mark.parametrize("role", [Role.EMPLOYEE, Role.OPERATOR])
def test_employees_and_operators_need_an_org(role: Role) -> None:
    with pytest.raises(ValidationFailed) as raised:
        check_user_fields(role, None, None, NIP)
    assert field_of(raised.value) == "org"


def test_a_position_needs_an_org() -> None:
    with pytest.raises(ValidationFailed) as raised:
        check_user_fields(Role.ADMIN, None, "KADIS", None)
    assert field_of(raised.value) == "org"


def test_an_employee_holds_a_position() -> None:
    with pytest.raises(ValidationFailed) as raised:
        check_user_fields(Role.EMPLOYEE, "DISKOMINFOS", None, NIP)
    assert field_of(raised.value) == "position"


def test_an_employee_has_a_nip() -> None:
    with pytest.raises(ValidationFailed) as raised:
        check_user_fields(Role.EMPLOYEE, "DISKOMINFOS", "KADIS", None)
    assert field_of(raised.value) == "nip"


@pytest.mark.parametrize("nip", ["12345", "19720215199803100X", "1972021519980310051"])
def test_a_nip_has_eighteen_digits(nip: str) -> None:
    with pytest.raises(ValidationFailed) as raised:
        check_user_fields(Role.OPERATOR, "DISKOMINFOS", None, nip)
    assert field_of(raised.value) == "nip"


def test_the_province_wide_admin_needs_no_org() -> None:
    check_user_fields(Role.ADMIN, None, None, None)


# ---------------------------------------------------------------- chain up


CHAIN = {
    "STAF": position("STAF", Level.STAFF, "KASI"),
    "KASI": position("KASI", Level.IV, "KABID"),
    "KABID": position("KABID", Level.III, "KADIS"),
    "KADIS": position("KADIS", Level.II),
}


def test_chain_up_climbs_reports_to_to_the_top() -> None:
    assert [p.code for p in chain_up("STAF", CHAIN)] == ["STAF", "KASI", "KABID", "KADIS"]


def test_chain_up_stops_at_the_given_position_inclusive() -> None:
    assert [p.code for p in chain_up("STAF", CHAIN, stop_at="KABID")] == ["STAF", "KASI", "KABID"]


def test_chain_up_ends_where_a_superior_is_unknown() -> None:
    positions = {"KASI": position("KASI", Level.IV, "GONE")}
    assert [p.code for p in chain_up("KASI", positions)] == ["KASI"]


def test_chain_up_of_an_unknown_position_is_empty() -> None:
    assert chain_up("NOBODY", CHAIN) == []


def test_chain_up_refuses_a_cycle_instead_of_looping() -> None:
    cyclic = {"A": position("A", Level.IV, "B"), "B": position("B", Level.III, "A")}
    with pytest.raises(ValidationFailed) as raised:
        chain_up("A", cyclic)
    assert field_of(raised.value) == "reports_to"
