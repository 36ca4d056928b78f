"""The counters a letter's review moves (services/monitoring.py ReviewCounters), against a fake counter store."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import replace

from chalicelib.adapters.dynamo import Transaction
from chalicelib.domain.letter_records import ReviewStep
from chalicelib.domain.letters import Decision, LetterState
from chalicelib.services.monitoring import ReviewCounters
from tests.unit.test_letter_rules import _letter

AT = "2026-12-03T10:00:00+08:00"


class Store:
    def __init__(self) -> None:
        self.gauges: Counter[str] = Counter()
        self.figures: Counter[str] = Counter()

    def count(self, tx: Transaction, org: str, at: str, *, gauges: Mapping[str, int] | None = None,
              figures: Mapping[str, int] | None = None) -> None:
        self.gauges.update(gauges or {})
        self.figures.update(figures or {})


def test_a_round_left_by_a_coordinator_s_revision_leaves_no_letter_in_review() -> None:
    store = Store()
    counters = ReviewCounters(store)  # type: ignore[arg-type]
    draft = _letter(state=LetterState.DRAFT)
    in_review = replace(draft, state=LetterState.IN_REVIEW)
    counters.submitted(Transaction(), draft, in_review, AT)
    first = in_review.steps[0]
    counters.decided(Transaction(), in_review, first, Decision.APPROVE, LetterState.IN_REVIEW,
                     ReviewStep(letter_id="L", org="O", round=1, index=first.index, requested_at=AT), AT)
    assert store.gauges["letters_in_review"] == 1  # at the next step's level while the coordinators initial
    assert sum(v for k, v in store.gauges.items() if k.startswith("letters_waiting_at_level_")) == 1
    counters.paraf_revised(Transaction(), in_review, first, AT)
    assert {name: n for name, n in store.gauges.items() if n} == {}  # nothing left in review, at no level
    assert store.figures["review_step_count"] == 1
