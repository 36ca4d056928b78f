from chalicelib import bootstrap
from chalicelib.domain.events import Event
from chalicelib.services import event_handlers


def test_a_published_event_reaches_its_reactions_once(aws, events):
    seen = []
    reaction = event_handlers.on(Event.INCOMING_REGISTERED)(lambda event: seen.append(event))
    try:
        assert bootstrap.container().events.publish(Event.INCOMING_REGISTERED, "DISKOMINFOS", "R1", {"n": 1})
        assert events.pump() == 1
        assert events.pump() == 0
    finally:
        event_handlers._REACTIONS[Event.INCOMING_REGISTERED].remove(reaction)
    assert len(seen) == 1
    assert seen[0]["type"] == "incoming.registered" and seen[0]["org"] == "DISKOMINFOS" and seen[0]["record_id"] == "R1"
    assert seen[0]["data"] == {"n": 1} and seen[0]["at"].endswith("+08:00")


def test_an_event_with_no_reaction_is_consumed_quietly(aws, events):
    bootstrap.container().events.publish("nobody.listens", None, "R2", {})
    assert events.pump() == 1


def test_the_type_attribute_names_the_event_when_the_body_does_not():
    event = event_handlers.parse_sns('{"pk": "LETTER#1"}', {"type": {"Type": "String", "Value": "approval.overdue"}})
    assert event == {"pk": "LETTER#1", "type": "approval.overdue"}
