"""Opaque list cursors: they round-trip, and one list's cursor never opens another list."""

from __future__ import annotations

import base64
import json

import pytest

from chalicelib.adapters.dynamo import decode_cursor, encode_cursor
from chalicelib.domain.errors import ValidationFailed

LAST_KEY = {"pk": {"S": "ORG#DISKOMINFOS"}, "sk": {"S": "UNIT#APTIKA"}}


def test_a_cursor_round_trips_to_the_last_evaluated_key() -> None:
    cursor = encode_cursor(LAST_KEY)
    assert cursor is not None
    assert decode_cursor(cursor, "pk", "ORG#DISKOMINFOS") == LAST_KEY


def test_a_cursor_is_url_safe_without_padding() -> None:
    cursor = encode_cursor({"pk": {"S": "ORG#X?&/+"}, "sk": {"S": "UNIT#Y"}})
    assert cursor is not None
    assert not set(cursor) & set("+/=?&")


def test_the_last_page_has_no_cursor() -> None:
    assert encode_cursor(None) is None
    assert encode_cursor({}) is None


def test_no_cursor_means_the_first_page() -> None:
    assert decode_cursor(None, "pk", "ORG#DISKOMINFOS") is None
    assert decode_cursor("", "pk", "ORG#DISKOMINFOS") is None


def test_a_cursor_of_another_partition_is_refused_naming_field_next() -> None:
    cursor = encode_cursor(LAST_KEY)
    with pytest.raises(ValidationFailed) as raised:
        decode_cursor(cursor, "pk", "ORG#BIROUMUM")
    assert raised.value.details == [{"field": "next", "message": "not a cursor returned by this list"}]


def test_a_cursor_of_another_index_is_refused() -> None:
    cursor = encode_cursor(LAST_KEY)
    with pytest.raises(ValidationFailed) as raised:
        decode_cursor(cursor, "gsi1pk", "ORG#DISKOMINFOS")
    assert raised.value.details[0]["field"] == "next"


@pytest.mark.parametrize("garbage", ["not-base64!!", "%%%", base64.urlsafe_b64encode(b"[1,2]").decode(),
                                     base64.urlsafe_b64encode(b"{oops").decode()])
def test_a_garbage_cursor_is_refused_naming_field_next(garbage: str) -> None:
    with pytest.raises(ValidationFailed) as raised:
        decode_cursor(garbage, "pk", "ORG#DISKOMINFOS")
    assert raised.value.details[0]["field"] == "next"


def test_a_hand_made_cursor_with_a_non_string_key_is_refused() -> None:
    forged = base64.urlsafe_b64encode(json.dumps({"pk": {"N": "1"}}).encode()).decode()
    with pytest.raises(ValidationFailed):
        decode_cursor(forged, "pk", "1")


def test_a_cursor_of_an_index_carries_the_index_and_table_keys() -> None:
    index_key = {"gsi1pk": {"S": "ORGS"}, "gsi1sk": {"S": "BIROUMUM"}, "pk": {"S": "ORG#BIROUMUM"},
                 "sk": {"S": "#ORG"}}
    assert decode_cursor(encode_cursor(index_key), "gsi1pk", "ORGS") == index_key


def test_a_cursor_of_another_list_in_the_same_partition_is_refused() -> None:
    units_cursor = encode_cursor(LAST_KEY)
    with pytest.raises(ValidationFailed) as raised:
        decode_cursor(units_cursor, "pk", "ORG#DISKOMINFOS", range_prefix="POS#")
    assert raised.value.details[0]["field"] == "next"


@pytest.mark.parametrize("forged", [
    {"pk": {"S": "ORG#DISKOMINFOS"}},
    {"pk": {"S": "ORG#DISKOMINFOS"}, "sk": "UNIT#A"},
    {"pk": {"S": "ORG#DISKOMINFOS"}, "sk": {"S": "UNIT#A"}, "extra": {"S": "x"}},
    {"pk": {"S": "ORG#DISKOMINFOS"}, "sk": {"S": "UNIT#A", "N": "1"}},
])
def test_a_forged_key_is_refused_before_it_reaches_dynamodb(forged: dict[str, object]) -> None:
    with pytest.raises(ValidationFailed) as raised:
        decode_cursor(encode_cursor(forged), "pk", "ORG#DISKOMINFOS", range_prefix="UNIT#")
    assert raised.value.details[0]["field"] == "next"
