"""Request and response schemas of the distribution lists routes (also the OpenAPI components)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from chalicelib.api.schemas import PLAIN_TEXT, Code, Name, Schema
from chalicelib.api.schemas_letters import MAX_RECIPIENTS, RecipientIn, RecipientOut


class DistributionListIn(Schema):
    """A new distribution list: members are recipients of a letter (not other lists), at most 500."""

    id: Code | None = Field(None, description="e.g. SELURUH-OPD; drawn when absent")
    name: Name = Field(description="e.g. Seluruh Perangkat Daerah")
    description: Annotated[str, StringConstraints(max_length=500), PLAIN_TEXT] | None = None
    members: list[RecipientIn] = Field(min_length=1, max_length=MAX_RECIPIENTS)


class DistributionListPut(Schema):
    """A list's new name, description and members, with the version it was read at (stale: 409)."""

    version: int = Field(ge=1)
    name: Name
    description: Annotated[str, StringConstraints(max_length=500), PLAIN_TEXT] | None = None
    members: list[RecipientIn] = Field(min_length=1, max_length=MAX_RECIPIENTS)


class DistributionListOut(Schema):
    """A distribution list with its members."""

    id: str
    name: str
    description: str | None = None
    members: list[RecipientOut]
    version: int
    updated_at: str
    updated_by: str
