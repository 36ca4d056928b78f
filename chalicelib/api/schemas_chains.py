"""Schemas of paraf koordinasi (the parallel branches of a review step)."""

from __future__ import annotations

from pydantic import Field

from chalicelib.api.schemas import Schema, StepStateName


class ParafOut(Schema):
    """A paraf koordinasi asked on a step: a position of another unit or org initials before the next step."""

    position: str = Field(description="CODE of the letter's org, ORG/CODE of another")
    title: str
    state: StepStateName
    decision: str | None
    decided_by: str | None
    note: str | None
    decided_at: str | None
