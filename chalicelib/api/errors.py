"""The one table that maps domain errors to HTTP, and the error body of DESIGN §6."""

from __future__ import annotations

from typing import Any

from chalicelib.domain import errors

STATUS_BY_ERROR: dict[type[errors.DomainError], int] = {
    errors.ValidationFailed: 400,
    errors.Unauthenticated: 401,
    errors.Forbidden: 403,
    errors.NotFound: 404,
    errors.Conflict: 409,
    errors.PayloadTooLarge: 413,
    errors.IdempotencyKeyReused: 422,
    errors.TooManyRequests: 429,
    errors.ServiceUnavailable: 503,
}

# Chalice's own error responses (raised before our code runs) and what we call them.
CHALICE_ERROR_CODES = {
    400: "bad_request",
    405: "method_not_allowed",
    415: "unsupported_media_type",
    500: "internal_error",
}


def status_of(error: errors.DomainError) -> int:
    """HTTP status of a domain error (the nearest mapped base class wins)."""
    for cls in type(error).__mro__:
        if cls in STATUS_BY_ERROR:
            return STATUS_BY_ERROR[cls]
    return 400


def error_body(code: str, message: str, details: Any = None, correlation_id: str | None = None) -> dict[str, Any]:
    """`{"error": {"code", "message", "details", "correlation_id"}}`."""
    return {
        "error": {
            "code": code,
            "message": message,
            "details": details if details is not None else [],
            "correlation_id": correlation_id,
        }
    }
