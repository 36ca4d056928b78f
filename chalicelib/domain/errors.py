"""Domain errors: raised by rules and services, mapped to HTTP in one table (`api/errors.py`)."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """Base of every error a user can cause; `code` is stable and machine-readable.

    `details` is always a list: `{"field", "message"}` entries for errors about a field, other
    objects for context (e.g. `{"org": ...}`), so a front end reads one shape for every error.
    """

    code = "error"

    def __init__(self, message: str, *, details: Any = None) -> None:
        super().__init__(message)
        self.message = message
        if details is None:
            details = []
        elif isinstance(details, dict):
            details = [{"message": message, **details} if "field" in details else details]
        self.details: list[dict[str, Any]] = list(details)

    @classmethod
    def field(cls, field: str, message: str) -> DomainError:
        """An error about one field."""
        return cls(f"{field}: {message}", details=[{"field": field, "message": message}])


class ValidationFailed(DomainError):
    """Input is malformed; `details` lists each bad field."""

    code = "validation_error"


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


class ServiceUnavailable(DomainError):
    """A service the action depends on (e.g. the certified signing service) is down or too slow; try again."""

    code = "service_unavailable"
