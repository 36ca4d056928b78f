"""Distribution lists (daftar distribusi, e.g. *Seluruh Perangkat Daerah*): named lists of recipients kept by
the province-wide admin, named by a letter's addressees or cc (`{"kind": "list", "code": list_id}`) and expanded
when the letter is submitted and again when it is signed. Pure rules: no AWS here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from chalicelib.domain.errors import ValidationFailed
from chalicelib.domain.letters import Letter, Recipient, RecipientKind

MAX_RECIPIENTS = 500  # addressees + cc of a letter once its lists are expanded; and members of one list


@dataclass(frozen=True)
class DistributionList:
    """A named list of recipients (orgs, units, positions, external parties: the shapes of a letter's)."""

    id: str
    name: str
    members: list[dict[str, Any]]
    description: str | None = None
    version: int = 0
    updated_at: str = ""
    updated_by: str = ""


def _key(r: Recipient) -> tuple[str, ...]:
    if r.kind is RecipientKind.EXTERNAL:
        return ("external", (r.email or "").lower(), (r.name or "").strip().lower())
    return (r.kind.value, r.code or "")


def _member(raw: Mapping[str, Any]) -> Recipient:
    return Recipient(kind=RecipientKind(raw["kind"]), code=raw.get("code"), name=raw.get("name"),
                     address=raw.get("address"), email=raw.get("email"))


def names_lists(letter: Letter) -> bool:
    """Whether the letter's addressees or cc name a distribution list."""
    return any(r.kind is RecipientKind.LIST for r in letter.recipients())


def expand(letter: Letter, lists: Mapping[str, DistributionList], *, own_positions: set[str],
           own_units: set[str]) -> Letter:
    """The letter with each named list replaced by its members; each recipient once (an addressee is not cc'd
    again). Members that do not apply to the sender are left out: its own org, and positions or units its org does
    not have (a list is province-wide). More than MAX_RECIPIENTS after expansion, or an unknown list: 400.
    """
    seen: set[tuple[str, ...]] = set()

    def side(field_name: str, recipients: list[Recipient]) -> list[Recipient]:
        out: list[Recipient] = []
        for i, r in enumerate(recipients):
            if r.kind is RecipientKind.LIST:
                chosen = lists.get(r.code or "")
                if chosen is None:
                    raise ValidationFailed.field(f"{field_name}.{i}.code", f"no distribution list {r.code}")
                members = [_member(m) for m in chosen.members]
                members = [m for m in members if _applies(m, letter.org, own_positions, own_units)]
            else:
                members = [r]
            for m in members:
                if _key(m) not in seen:
                    seen.add(_key(m))
                    out.append(m)
        return out

    addressees = side("addressees", letter.addressees)
    cc = side("cc", letter.cc)
    if len(addressees) + len(cc) > MAX_RECIPIENTS:
        raise ValidationFailed.field("addressees", f"at most {MAX_RECIPIENTS} addressees and cc together once the "
                                     f"distribution lists are expanded (here {len(addressees) + len(cc)})")
    return replace(letter, addressees=addressees, cc=cc)


def _applies(member: Recipient, org: str, positions: set[str], units: set[str]) -> bool:
    if member.kind is RecipientKind.ORG:
        return member.code != org
    if member.kind is RecipientKind.POSITION:
        return member.code in positions
    if member.kind is RecipientKind.UNIT:
        return member.code in units
    return True
