"""The review chain of a letter and who may sign it: planning the chain from the drafter up to the signatory,
starting a round, deciding a step, and how long a step may wait. Pure rules: no AWS here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from chalicelib.domain.errors import ValidationFailed
from chalicelib.domain.identity import Principal
from chalicelib.domain.letter_types import MINIMUM_LEVELS
from chalicelib.domain.letters import (
    STEP_STATE_OF,
    Decision,
    Letter,
    LetterState,
    LetterType,
    Paraf,
    Step,
    StepKind,
    StepState,
    Urgency,
    chain_positions,
)
from chalicelib.domain.org import Level, Org, Position, canonical_ref, chain_up, position_ref

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


def hierarchy(home_org: str, structures: Sequence[tuple[Org, Mapping[str, Position]]]) -> dict[str, Position]:
    """The positions a chain from `home_org` may climb, keyed by how `home_org` names them (`CODE` at home,
    `ORG/CODE` elsewhere), each `reports_to` spelled the same way; the head of an org reports to the position
    the org is coordinated by (its Asisten in the Setda, the Sekda to the Gubernur).
    """
    climbable: dict[str, Position] = {}
    for org, positions in structures:
        link = canonical_ref(org.coordinated_by, home_org) if org.coordinated_by else None
        for p in positions.values():
            up = position_ref(org.code, p.reports_to, home_org) if p.reports_to else link
            code = position_ref(org.code, p.code, home_org)
            climbable[code] = replace(p, code=code, reports_to=up if up != code else None)
    return climbable


def plan_chain(drafter_position: str, signatory: str, letter_type: LetterType, positions: Mapping[str, Position],
               max_review_steps: int, authority: SigningAuthority) -> ChainPlan:
    """Steps from the drafter's position up `reports_to` to the signatory.

    Reviewers are the positions strictly between drafter and signatory. Of the drafter's own org, when there
    are more than `max_review_steps`, the ones nearest the signatory are kept (the senior paraf); every office
    above the org that the chain climbs through (`hierarchy`) reviews. No step when the drafter signs. The
    signatory signs *a.n.* the head of its org when not the head, and *u.b.* its own superior when that
    superior is not the head either.
    """
    if signatory not in positions:
        where = "above your org" if "/" in signatory else "in this org"
        raise ValidationFailed.field("signatory", f"no position {signatory} {where}")
    path = chain_up(drafter_position, positions, stop_at=signatory)
    if not path or path[-1].code != signatory:
        raise ValidationFailed.field("signatory", "must be your own position or one of its superiors")
    signer = positions[signatory]
    authority.check(letter_type, signer)
    head = [p for p in chain_up(signatory, positions) if p.org == signer.org][-1]
    on_behalf_of = head.title if head.code != signer.code else None
    by_order_of = None
    if on_behalf_of and signer.reports_to and signer.reports_to != head.code:
        by_order_of = positions[signer.reports_to].title
    if len(path) == 1:
        return ChainPlan([], on_behalf_of, by_order_of)
    home = path[0].org
    own = [p for p in path[1:-1] if p.org == home]
    reviewers = [*(own[-max_review_steps:] if max_review_steps > 0 else []),
                 *(p for p in path[1:-1] if p.org != home)]
    steps = [Step(index=i, kind=StepKind.REVIEW, position=p.code, title=p.title, level=p.level)
             for i, p in enumerate(reviewers, start=1)]
    steps.append(Step(index=len(steps) + 1, kind=StepKind.SIGN, position=signer.code, title=signer.title,
                      level=signer.level))
    return ChainPlan(steps, on_behalf_of, by_order_of)


def seat_of(principal: Principal, letter: Letter) -> str | None:
    """The caller's position as the letter names it: its code in the letter's org, `ORG/CODE` in another."""
    if not principal.org or not principal.position:
        return None
    return position_ref(principal.org, principal.position, letter.org)


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


# ---------------------------------------------------------------- paraf koordinasi

MAX_COORDINATORS = 5


def check_coordinators(letter: Letter, step: Step, coordinators: Sequence[str],
                       positions: Mapping[str, Position]) -> tuple[Paraf, ...]:
    """The paraf koordinasi a reviewer asks for when approving `step`: existing positions (`CODE` or `ORG/CODE`)
    not yet on the letter's chain, each once; none on the signature (it signs at once).
    """
    if step.kind is StepKind.SIGN:
        raise ValidationFailed.field("coordinators", "the signatory's approval signs the letter: ask for paraf "
                                                     "koordinasi on a review step")
    if len(coordinators) > MAX_COORDINATORS:
        raise ValidationFailed.field("coordinators", f"at most {MAX_COORDINATORS} coordinators per step")
    taken = {letter.drafter_position, letter.signatory, *chain_positions(letter)}
    paraf = []
    for i, ref in enumerate(coordinators):
        if ref not in positions:
            raise ValidationFailed.field(f"coordinators.{i}", f"no position {ref}")
        if ref in taken:
            raise ValidationFailed.field(f"coordinators.{i}", f"{ref} is on this letter's chain already")
        taken.add(ref)
        paraf.append(Paraf(position=ref, title=positions[ref].title))
    return tuple(paraf)


def ask_paraf(steps: list[Step], index: int, paraf: tuple[Paraf, ...]) -> list[Step]:
    """Step `index` (approved) waits for its paraf koordinasi: the next step is not current until all initialled."""
    return [replace(s, paraf=paraf) if s.index == index else
            replace(s, state=StepState.PENDING) if s.index == index + 1 else s for s in steps]


def waiting_paraf(letter: Letter, seat: str | None) -> tuple[Step, Paraf] | None:
    """The paraf koordinasi of the letter waiting for `seat`, with its step."""
    if letter.state is not LetterState.IN_REVIEW:
        return None
    return next(((s, p) for s in letter.steps for p in s.paraf
                 if p.position == seat and p.state is StepState.CURRENT), None)


def decided_paraf(letter: Letter, seat: str | None) -> tuple[Step, Paraf] | None:
    """The latest paraf koordinasi `seat` decided in this round (to recognise a retry)."""
    return next(((s, p) for s in reversed(letter.steps) for p in s.paraf
                 if p.position == seat and p.decision is not None), None)


def decide_paraf(steps: list[Step], index: int, seat: str, decision: Decision, *, by: str, note: str | None,
                 at: str) -> list[Step]:
    """The steps after `seat` decided its paraf on step `index`: the last initial makes the next step current, a
    revision leaves the other paraf pending (closed with the round).
    """
    result: list[Step] = []
    ready = False
    for s in steps:
        if s.index == index:
            ended = decision is not Decision.APPROVE  # the round ends: the other branches wait no more
            paraf = tuple(replace(p, state=STEP_STATE_OF[decision], decision=decision, decided_by=by, note=note,
                                  decided_at=at) if p.position == seat else
                          replace(p, state=StepState.PENDING) if ended and p.state is StepState.CURRENT else p
                          for p in s.paraf)
            s = replace(s, paraf=paraf)
            ready = all(p.state is StepState.APPROVED for p in paraf)
        elif s.index == index + 1 and ready:
            s = replace(s, state=StepState.CURRENT)
        result.append(s)
    return result


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
