"""Settings of the letters area, read once from the environment when the letters service is first built
(apart from `config.py`, so the authorizer and the other areas never parse them).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache

from chalicelib.config import SettingsError
from chalicelib.domain.letter_chain import DEFAULT_DEADLINES, DEFAULT_SIGNING_AUTHORITY, ReviewDeadlines, SigningAuthority

DEFAULT_ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class LetterSettings:
    """Deadlines of review steps per urgency, signing authority per type, attachment size limit."""

    deadlines: ReviewDeadlines
    authority: SigningAuthority
    attachment_max_bytes: int
    max_attachments: int
    government: str = "Pemerintah Provinsi Bali"  # first line of every letterhead
    in_request_copies: int = 12  # a sent letter with more copies is delivered by the letter.sent reaction only


def load_letter_settings() -> LetterSettings:
    """From REVIEW_DEADLINES ('biasa=259200,segera=86400,sangat_segera=14400'), SIGNING_AUTHORITY
    ('surat_keputusan=II,surat_edaran=II,*=IV'), ATTACHMENT_MAX_BYTES, MAX_ATTACHMENTS and
    GOVERNMENT_NAME (the letterhead's first line) and COPIES_IN_REQUEST (how many copies the signing request
    delivers itself; more are left to the `letter.sent` reaction).
    """
    try:
        deadlines = (ReviewDeadlines.parse(os.environ["REVIEW_DEADLINES"]) if os.environ.get("REVIEW_DEADLINES")
                     else DEFAULT_DEADLINES)
        authority = (SigningAuthority.parse(os.environ["SIGNING_AUTHORITY"]) if os.environ.get("SIGNING_AUTHORITY")
                     else DEFAULT_SIGNING_AUTHORITY)
        max_bytes = int(os.environ.get("ATTACHMENT_MAX_BYTES", DEFAULT_ATTACHMENT_MAX_BYTES))
        max_attachments = int(os.environ.get("MAX_ATTACHMENTS", "10"))
        government = os.environ.get("GOVERNMENT_NAME") or "Pemerintah Provinsi Bali"
        in_request_copies = int(os.environ.get("COPIES_IN_REQUEST", "12"))
    except ValueError as exc:
        raise SettingsError(f"letters settings: {exc}") from exc
    return LetterSettings(deadlines, authority, max_bytes, max_attachments, government, in_request_copies)


@lru_cache(maxsize=1)
def get_letter_settings() -> LetterSettings:
    """The letters settings of this container, read once."""
    return load_letter_settings()
