"""Role and org-scope rules every service applies."""

from __future__ import annotations

import pytest

from chalicelib.domain.errors import Forbidden
from chalicelib.domain.identity import (
    Principal,
    Role,
    can_see_org_people,
    require_global_admin,
    require_org_admin,
    require_role,
    require_staff,
)

GLOBAL_ADMIN = Principal("admin", Role.ADMIN)
ORG_ADMIN = Principal("admin.kominfo", Role.ADMIN, org="DISKOMINFOS")
OPERATOR = Principal("operator.kominfo", Role.OPERATOR, org="DISKOMINFOS")
EMPLOYEE = Principal("staf.kominfo", Role.EMPLOYEE, org="DISKOMINFOS", position="PRANATA-KOMPUTER")
CITIZEN = Principal("warga", Role.PUBLIC)


def test_an_admin_without_an_org_is_the_province_wide_admin() -> None:
    assert GLOBAL_ADMIN.is_global_admin
    assert not ORG_ADMIN.is_global_admin
    assert not Principal("x", Role.OPERATOR).is_global_admin


@pytest.mark.parametrize("who", [GLOBAL_ADMIN, ORG_ADMIN, OPERATOR, EMPLOYEE])
def test_admins_operators_and_employees_are_staff(who: Principal) -> None:
    assert who.is_staff
    require_staff(who)


def test_the_public_is_not_staff() -> None:
    assert not CITIZEN.is_staff
    with pytest.raises(Forbidden):
        require_staff(CITIZEN)


def test_require_role_accepts_any_listed_role_and_refuses_others() -> None:
    require_role(OPERATOR, Role.ADMIN, Role.OPERATOR)
    with pytest.raises(Forbidden) as raised:
        require_role(EMPLOYEE, Role.ADMIN, Role.OPERATOR)
    assert raised.value.details == {"role": "employee"}


def test_only_the_province_wide_admin_passes_require_global_admin() -> None:
    require_global_admin(GLOBAL_ADMIN)
    for who in (ORG_ADMIN, OPERATOR, CITIZEN):
        with pytest.raises(Forbidden):
            require_global_admin(who)


def test_an_org_admin_administers_their_own_org_only() -> None:
    require_org_admin(ORG_ADMIN, "DISKOMINFOS")
    with pytest.raises(Forbidden):
        require_org_admin(ORG_ADMIN, "BIROUMUM")


def test_the_province_wide_admin_administers_every_org() -> None:
    require_org_admin(GLOBAL_ADMIN, "BIROUMUM")


def test_an_operator_does_not_administer_their_org() -> None:
    with pytest.raises(Forbidden):
        require_org_admin(OPERATOR, "DISKOMINFOS")


def test_an_orgs_people_are_visible_to_its_admins_and_operators_and_the_global_admin() -> None:
    assert can_see_org_people(ORG_ADMIN, "DISKOMINFOS")
    assert can_see_org_people(OPERATOR, "DISKOMINFOS")
    assert can_see_org_people(GLOBAL_ADMIN, "BIROUMUM")


def test_an_orgs_people_are_hidden_from_employees_other_orgs_and_the_public() -> None:
    assert not can_see_org_people(EMPLOYEE, "DISKOMINFOS")
    assert not can_see_org_people(ORG_ADMIN, "BIROUMUM")
    assert not can_see_org_people(OPERATOR, "BIROUMUM")
    assert not can_see_org_people(CITIZEN, "DISKOMINFOS")
