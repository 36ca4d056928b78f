"""Planning a letter's chain across the offices above the drafter's org (the signatory may be of another org)."""

from __future__ import annotations

from collections.abc import Mapping

from chalicelib.domain.errors import NotFound
from chalicelib.domain.letter_chain import ChainPlan, SigningAuthority, hierarchy, plan_chain
from chalicelib.domain.letter_records import OrgStructure
from chalicelib.domain.letters import LetterType
from chalicelib.domain.org import Position, canonical_ref, split_ref
from chalicelib.services.letters_ports import LetterRepo


def climbable(letter_repo: LetterRepo, structure: OrgStructure, signatory: str) -> Mapping[str, Position]:
    """The positions a chain to `signatory` may climb: the drafter's org alone when the signatory is of it (no
    read), else with the orgs above it along `coordinated_by` (one Query each).
    """
    home = structure.org.code
    if "/" not in canonical_ref(signatory, home):
        return structure.positions
    structures = [structure]
    org = structure.org
    while org.coordinated_by:
        code = split_ref(org.coordinated_by, org.code)[0]
        if code in {s.org.code for s in structures}:
            break
        try:
            above = letter_repo.structure(code)
        except NotFound:
            break
        structures.append(above)
        org = above.org
    return hierarchy(home, [(s.org, s.positions) for s in structures])


def plan(letter_repo: LetterRepo, structure: OrgStructure, drafter_position: str, signatory: str,
         letter_type: LetterType, authority: SigningAuthority) -> tuple[str, ChainPlan]:
    """The signatory as the letter names it (`CODE` of the own org, `ORG/CODE` of another) and its chain."""
    signatory = canonical_ref(signatory, structure.org.code)
    positions = climbable(letter_repo, structure, signatory)
    return signatory, plan_chain(drafter_position, signatory, letter_type, positions,
                                 structure.org.max_review_steps, authority)
