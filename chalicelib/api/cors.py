"""CORS: browsers on the stage's allowed origins may call the API; every other origin gets no grant.

The allowed origins are a stage parameter (`AllowedOrigins` in infra/template.yaml, `ALLOWED_ORIGINS` in the
functions' environment, comma separated). The web app served by the stack's CloudFront distribution calls the
API on its own origin (`/api/*`) and needs no grant; the list is for front ends on another origin (a
developer's `npm run dev`, a partner's portal). API Gateway sends preflight requests (OPTIONS, added to every
path by infra/package.py) to the API function, answered here without reaching a route or the authorizer.
"""

from __future__ import annotations

from collections.abc import Callable

from chalice import Response
from chalice.app import Request

from chalicelib.config import get_settings

ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS"
ALLOWED_HEADERS = "Authorization, Content-Type, Idempotency-Key, X-Acting-For, X-Correlation-Id"
EXPOSED_HEADERS = "X-Correlation-Id, Location, Retry-After"
# How long a browser may reuse a preflight's answer: Chromium caps it at 2 hours, Firefox at 24.
PREFLIGHT_MAX_AGE_SECONDS = 7200


def grant(origin: str | None) -> dict[str, str]:
    """The CORS headers of a response to a request from `origin` (only `Vary` for an origin not allowed)."""
    if origin and origin in get_settings().allowed_origins:
        return {"Access-Control-Allow-Origin": origin, "Access-Control-Expose-Headers": EXPOSED_HEADERS,
                "Vary": "Origin"}
    return {"Vary": "Origin"}


def preflight(origin: str | None) -> Response:
    """The answer to a preflight request: 204, with the grant only for an allowed origin."""
    headers = grant(origin)
    if "Access-Control-Allow-Origin" in headers:
        headers.update({"Access-Control-Allow-Methods": ALLOWED_METHODS,
                        "Access-Control-Allow-Headers": ALLOWED_HEADERS,
                        "Access-Control-Max-Age": str(PREFLIGHT_MAX_AGE_SECONDS)})
    return Response(body="", status_code=204, headers=dict(headers))


def cors_middleware(request: Request, get_response: Callable[[Request], Response]) -> Response:
    """Answer preflights; add the grant (or only `Vary: Origin`) to every other response, errors included."""
    origin = request.headers.get("origin")
    if request.method == "OPTIONS":
        return preflight(origin)
    response = get_response(request)
    response.headers.update(grant(origin))
    return response
