"""Acting holders (Plt / Plh): dates, length by kind, the holder, overlaps, the title, and what an acting
holder may read — plain rules, no AWS."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from chalicelib.domain.acting import (
    MAX_DAYS,
    ActingKind,
    Appointment,
    acting_title,
    active_for,
    check_new,
    end_early,
    pending,
)
from chalicelib.domain.errors import Conflict, Forbidden, ValidationFailed
from chalicelib.domain.identity import Acting, Principal, Role
from chalicelib.domain.letters import (
    Letter,
    LetterState,
    LetterType,
    Recipient,
    RecipientKind,
    Security,
    Step,
    StepKind,
    Urgency,
    can_read,
)
from chalicelib.domain.org import Level

TODAY = date(2026, 3, 2)


def appointment(start: int = 0, days: int = 3, username: str = "sekretaris", kind: str = "plh",
                id_: str = "a1") -> Appointment:
    first = TODAY + timedelta(days=start)
    return Appointment(id=id_, org="DISKOMINFOS", position="KADIS", username=username, kind=ActingKind(kind),
                       start=first, end=first + timedelta(days=days - 1), appointed_by="admin",
                       appointed_at="2026-03-02T08:00:00+08:00")


def field_of(error: pytest.ExceptionInfo[ValidationFailed]) -> str:
    return error.value.details[0]["field"]


def test_a_plh_of_31_days_is_allowed_and_one_of_32_is_not() -> None:
    check_new(appointment(days=MAX_DAYS["plh"]), [], holder="kadis", today=TODAY)
    with pytest.raises(ValidationFailed) as error:
        check_new(appointment(days=MAX_DAYS["plh"] + 1), [], holder="kadis", today=TODAY)
    assert field_of(error) == "to"


def test_a_plt_may_run_longer() -> None:
    check_new(appointment(days=90, kind="plt"), [], holder=None, today=TODAY)


def test_the_last_day_is_not_before_the_first() -> None:
    bad = replace(appointment(), end=TODAY - timedelta(days=1))
    with pytest.raises(ValidationFailed) as error:
        check_new(bad, [], holder="kadis", today=TODAY)
    assert field_of(error) == "to"


def test_an_appointment_does_not_start_in_the_past() -> None:
    with pytest.raises(ValidationFailed) as error:
        check_new(appointment(start=-1), [], holder="kadis", today=TODAY)
    assert field_of(error) == "from"


def test_the_holder_does_not_act_for_their_own_position() -> None:
    with pytest.raises(ValidationFailed) as error:
        check_new(appointment(username="kadis"), [], holder="kadis", today=TODAY)
    assert field_of(error) == "username"


def test_overlapping_days_conflict_and_adjacent_days_do_not() -> None:
    existing = [appointment(days=3, id_="old")]
    with pytest.raises(Conflict):
        check_new(appointment(start=2, id_="new", username="kabid"), existing, holder="kadis", today=TODAY)
    check_new(appointment(start=3, id_="new", username="kabid"), existing, holder="kadis", today=TODAY)


def test_an_ended_or_past_appointment_frees_its_days() -> None:
    ended = end_early(appointment(days=5), by="admin", at="2026-03-02T09:00:00+08:00")
    past = appointment(start=-10, days=3, id_="past")
    assert pending([ended, past], TODAY) == []
    check_new(appointment(username="kabid", id_="new"), [ended, past], holder="kadis", today=TODAY)


def test_an_appointment_ends_once() -> None:
    ended = end_early(appointment(), by="admin", at="2026-03-02T09:00:00+08:00")
    with pytest.raises(Conflict):
        end_early(ended, by="admin", at="2026-03-02T10:00:00+08:00")


def test_the_status_follows_the_calendar() -> None:
    assert appointment(start=1).status(TODAY) == "scheduled"
    assert appointment().status(TODAY) == "active"
    assert appointment(start=-5, days=2).status(TODAY) == "expired"
    assert end_early(appointment(), by="a", at="t").status(TODAY) == "ended"


def test_only_the_appointee_acts_and_only_on_the_appointed_days() -> None:
    schedule = [appointment(start=1)]
    with pytest.raises(Forbidden) as error:
        active_for(schedule, "KADIS", "sekretaris", TODAY)
    assert "KADIS" in error.value.message
    assert active_for(schedule, "KADIS", "sekretaris", TODAY + timedelta(days=1)).id == "a1"
    with pytest.raises(Forbidden):
        active_for(schedule, "KADIS", "kabid", TODAY + timedelta(days=1))


def test_the_title_carries_plh_or_plt() -> None:
    assert acting_title("plh", "Kepala Dinas") == "Plh. Kepala Dinas"
    assert acting_title(ActingKind.PLT, "Kepala Dinas") == "Plt. Kepala Dinas"


def _sent_letter(security: Security, steps: list[Step]) -> Letter:
    return Letter(id="l1", org="DISKOMINFOS", type=LetterType.NOTA_DINAS, classification="000.1.2", subject="s",
                  body="b", addressees=[Recipient(kind=RecipientKind.POSITION, code="KADIS")], cc=[],
                  signatory="SEKRETARIS", security=security, urgency=Urgency.BIASA, drafter="x",
                  drafter_position="ANALIS", state=LetterState.SENT, created_at="t", updated_at="t", steps=steps)


PLH_OF_HEAD = Principal(username="kabid", role=Role.EMPLOYEE, org="DISKOMINFOS", position="KADIS",
                        acting=Acting(kind="plh", appointment="a1", own_position="KABID"))


def test_an_acting_holder_reads_a_plain_letter_addressed_to_the_position() -> None:
    assert can_read(_sent_letter(Security.BIASA, []), PLH_OF_HEAD, None)


def test_an_acting_holder_does_not_read_a_secret_letter_addressed_to_the_position() -> None:
    assert not can_read(_sent_letter(Security.RAHASIA, []), PLH_OF_HEAD, None)
    holder = replace(PLH_OF_HEAD, username="kadis", acting=None)
    assert can_read(_sent_letter(Security.RAHASIA, []), holder, None)


def test_an_acting_holder_reads_a_secret_letter_whose_step_they_decided_themself() -> None:
    step = Step(index=1, kind=StepKind.REVIEW, position="KADIS", title="Kepala Dinas", level=Level.II,
                decided_by="kabid")
    assert can_read(_sent_letter(Security.RAHASIA, [step]), PLH_OF_HEAD, None)


def test_an_acting_holder_does_not_read_a_secret_letter_the_seat_decided_before_the_appointment() -> None:
    step = Step(index=1, kind=StepKind.REVIEW, position="KADIS", title="Kepala Dinas", level=Level.II,
                decided_by="kadis")
    assert not can_read(_sent_letter(Security.RAHASIA, [step]), PLH_OF_HEAD, None)
