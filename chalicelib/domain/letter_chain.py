"""The review chain of a letter and who may sign it: planning the chain from the drafter up to the signatory,
starting a round, deciding a step, and how long a step may wait. Pure rules: no AWS here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from chalicelib.domain.errors import ValidationFailed
from chalicelib.domain.letter_types import MINIMUM_LEVELS
from chalicelib.domain.letters import (
    STEP_STATE_OF,
    Decision,
    LetterState,
    LetterType,
    Step,
    StepKind,
    StepState,
    Urgency,
)
from chalicelib.domain.org import Level, Position, chain_up

# ---------------------------------------------------------------- chain and signing authority


@dataclass(frozen=True)
class SigningAuthority:
    """Lowest level that may sign each letter type (configurable; default: the catalogue)."""

    minimum: Mapping[str, Level]
    default: Level = Level.IV

    @classmethod
    def parse(cls, text: str) -> SigningAuthority:
        """From 'surat_keputusan=II,surat_edaran=II,*=IV'."""
        minimum: dict[str, Level] = {}
        default = Level.IV
        for part in filter(None, (p.strip() for p in text.split(","))):
            name, _, level = part.partition("=")
            if name.strip() == "*":
                default = Level(level.strip())
            else:
                minimum[LetterType(name.strip()).value] = Level(level.strip())
        return cls(minimum=minimum, default=default)

    def required(self, letter_type: LetterType) -> Level:
        """The lowest level allowed to sign `letter_type`."""
        return self.minimum.get(letter_type.value, self.default)

    def check(self, letter_type: LetterType, signatory: Position) -> None:
        """400 on `signatory` when its level is below what the type needs."""
        required = self.required(letter_type)
        if signatory.level.rank > required.rank:
            raise ValidationFailed.field(
                "signatory", f"a {letter_type.value} is signed at level {required.value} or above; "
                             f"{signatory.code} is level {signatory.level.value}")


DEFAULT_SIGNING_AUTHORITY = SigningAuthority(minimum=MINIMUM_LEVELS)  # the catalogue's levels


@dataclass(frozen=True)
class ChainPlan:
    """The steps of a round and how the signatory signs (a.n. / u.b.)."""

    steps: list[Step]
    on_behalf_of: str | None
    by_order_of: str | None


def plan_chain(drafter_position: str, signatory: str, letter_type: LetterType, positions: Mapping[str, Position],
               max_review_steps: int, authority: SigningAuthority) -> ChainPlan:
    """Steps from the drafter's position up `reports_to` to the signatory.

    Reviewers are the positions strictly between drafter and signatory; when there are more than
    `max_review_steps`, the ones nearest the signatory are kept (the senior paraf). No step when the
    drafter signs. The signatory signs *a.n.* the head of the org when not the head, and *u.b.* its
    own superior when that superior is not the head either.
    """
    if signatory not in positions:
        raise ValidationFailed.field("signatory", f"no position {signatory} in this org")
    path = chain_up(drafter_position, positions, stop_at=signatory)
    if not path or path[-1].code != signatory:
        raise ValidationFailed.field("signatory", "must be your own position or one of its superiors")
    signer = positions[signatory]
    authority.check(letter_type, signer)
    head = chain_up(signatory, positions)[-1]
    on_behalf_of = head.title if head.code != signer.code else None
    by_order_of = None
    if on_behalf_of and signer.reports_to and signer.reports_to != head.code:
        by_order_of = positions[signer.reports_to].title
    if len(path) == 1:
        return ChainPlan([], on_behalf_of, by_order_of)
    reviewers = path[1:-1][-max_review_steps:] if max_review_steps > 0 else []
    steps = [Step(index=i, kind=StepKind.REVIEW, position=p.code, title=p.title, level=p.level)
             for i, p in enumerate(reviewers, start=1)]
    steps.append(Step(index=len(steps) + 1, kind=StepKind.SIGN, position=signer.code, title=signer.title,
                      level=signer.level))
    return ChainPlan(steps, on_behalf_of, by_order_of)


def start_round(steps: list[Step]) -> list[Step]:
    """A fresh round: the first step is current, the others pending, no decisions."""
    return [Step(index=s.index, kind=s.kind, position=s.position, title=s.title, level=s.level,
                 state=StepState.CURRENT if s.index == 1 else StepState.PENDING) for s in steps]


def decide_step(steps: list[Step], index: int, decision: Decision, *, by: str, position: str, note: str | None,
                at: str) -> list[Step]:
    """The steps after a decision on step `index` (approving makes the next one current)."""
    result = []
    for s in steps:
        if s.index == index:
            s = replace(s, state=STEP_STATE_OF[decision], decision=decision, decided_by=by,
                        decided_position=position, note=note, decided_at=at)
        elif s.index == index + 1 and decision is Decision.APPROVE:
            s = replace(s, state=StepState.CURRENT)
        result.append(s)
    return result


def state_after(step: Step, decision: Decision) -> LetterState:
    """The letter's state after `decision` on `step`."""
    if decision is Decision.REJECT:
        return LetterState.REJECTED
    if decision is Decision.REVISE:
        return LetterState.REVISION_REQUESTED
    return LetterState.SENT if step.kind is StepKind.SIGN else LetterState.IN_REVIEW


def check_note(decision: Decision, note: str | None) -> None:
    """`revise` and `reject` need a note for the drafter."""
    if decision is not Decision.APPROVE and not (note or "").strip():
        raise ValidationFailed.field("note", f"a note is required to {decision.value}")


# ---------------------------------------------------------------- deadlines


@dataclass(frozen=True)
class ReviewDeadlines:
    """How long a step may wait before it is overdue, per urgency (seconds)."""

    seconds: Mapping[str, int]

    @classmethod
    def parse(cls, text: str) -> ReviewDeadlines:
        """From 'biasa=259200,segera=86400,sangat_segera=14400'; every urgency must be given."""
        values = {}
        for part in filter(None, (p.strip() for p in text.split(","))):
            name, _, seconds = part.partition("=")
            values[Urgency(name.strip()).value] = int(seconds)
        missing = {u.value for u in Urgency} - set(values)
        if missing:
            raise ValueError(f"review deadlines missing for {', '.join(sorted(missing))}")
        return cls(values)

    def of(self, urgency: Urgency) -> int:
        """Seconds a step of a letter of this urgency may wait."""
        return self.seconds[urgency.value]


DEFAULT_DEADLINES = ReviewDeadlines({Urgency.BIASA.value: 3 * 86400, Urgency.SEGERA.value: 86400,
                                     Urgency.SANGAT_SEGERA.value: 4 * 3600})
