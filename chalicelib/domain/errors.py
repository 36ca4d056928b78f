"""Domain errors: raised by rules and services, mapped to HTTP in one table (`api/errors.py`)."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """Base of every error a user can cause; `code` is stable and machine-readable."""

    code = "error"

    def __init__(self, message: str, *, details: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details if details is not None else {}


class ValidationFailed(DomainError):
    """Input is malformed; `details` is a list of `{"field", "message"}`."""

    code = "validation_error"

    @classmethod
    def field(cls, field: str, message: str) -> ValidationFailed:
        """One invalid field."""
        return cls(f"{field}: {message}", details=[{"field": field, "message": message}])


class Unauthenticated(DomainError):
    """No valid identity."""

    code = "unauthenticated"


class Forbidden(DomainError):
    """The caller is known but may not do this."""

    code = "forbidden"


class NotFound(DomainError):
    """No such record, or none the caller may see."""

    code = "not_found"


class Conflict(DomainError):
    """Duplicate, stale version, or a state that does not allow the action."""

    code = "conflict"


class IdempotencyKeyReused(DomainError):
    """The same Idempotency-Key was sent with a different request."""

    code = "idempotency_key_reused"


class PayloadTooLarge(DomainError):
    """A body or file is larger than allowed."""

    code = "payload_too_large"


class TooManyRequests(DomainError):
    """A rate limit was reached."""

    code = "too_many_requests"
