from dataclasses import replace

from chalicelib.domain.audit import GENESIS, AuditEvent, seal, verify_chain


def _trail(n: int) -> list[AuditEvent]:
    events, prev = [], GENESIS
    for seq in range(1, n + 1):
        event = seal(AuditEvent(record="LETTER#1", seq=seq, at=f"2026-11-29T10:0{seq}:00+08:00", actor="staf.kominfo",
                                action=f"step{seq}", note="catatan"), prev)
        events.append(event)
        prev = event.hash
    return events


def test_an_untouched_trail_verifies():
    events = _trail(4)
    check = verify_chain(events, expected_head=events[-1].hash, expected_count=4)
    assert check.valid and check.events == 4 and check.first_broken_seq is None


def test_an_edited_note_is_named_as_the_first_broken_event():
    events = _trail(4)
    events[1] = replace(events[1], note="diubah diam-diam")
    check = verify_chain(events, expected_head=_trail(4)[-1].hash, expected_count=4)
    assert not check.valid and check.first_broken_seq == 2


def test_a_deleted_event_in_the_middle_is_detected_where_it_was():
    events = _trail(4)
    del events[2]
    check = verify_chain(events)
    assert not check.valid and check.first_broken_seq == 3


def test_a_deleted_last_event_is_caught_by_the_record_count():
    events = _trail(4)
    head = events[-1].hash
    check = verify_chain(events[:-1], expected_head=head, expected_count=4)
    assert not check.valid and check.first_broken_seq == 4


def test_a_rehashed_forgery_does_not_link_to_its_successor():
    events = _trail(3)
    forged = seal(replace(events[0], note="palsu"), GENESIS)
    check = verify_chain([forged, *events[1:]])
    assert not check.valid and check.first_broken_seq == 2
