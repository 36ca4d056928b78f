"""Kantor Virtual API: routes, authorizer, middleware and error mapping — nothing else.

Each area declares its routes in `chalicelib/api/routes/`; they are installed here with the
JWT authorizer, and one middleware adds correlation ids, logs, metrics and the error shape.
"""

from __future__ import annotations

import sys
from typing import Any

from chalice import AuthResponse, Chalice
from chalice.app import AuthRequest

from chalicelib.adapters import tokens
from chalicelib.api import http
from chalicelib.api.cors import cors_middleware
from chalicelib.api.observability import http_middleware, logger
from chalicelib.api.route_table import ROUTES
from chalicelib.bootstrap import container
from chalicelib.config import get_settings
from chalicelib.domain.errors import Unauthenticated


def refuse_chalice_deploy(argv: list[str]) -> None:
    """`chalice deploy` would create the functions without the template's table, topics, queues and roles: the
    stack is deployed with `make deploy` (chalice package + the template + CloudFormation) only.
    """
    if argv and argv[0].endswith("chalice") and "deploy" in argv[1:]:
        raise SystemExit("chalice deploy is not how Kantor Virtual is deployed: it would create the functions "
                         "without the template's resources. Use `make deploy STAGE=dev|prod` (docs/deploy.md).")


refuse_chalice_deploy(sys.argv)
app = Chalice(app_name="kantor-virtual")
app.log = logger  # type: ignore[assignment]
app.register_middleware(cors_middleware, "http")  # first: around everything, errors included
app.register_middleware(http_middleware, "http")


class TokenRejected(Exception):
    """Raised by the authorizer; API Gateway answers 401 only for the message 'Unauthorized'."""

    def __init__(self) -> None:
        super().__init__("Unauthorized")


@app.authorizer(ttl_seconds=300)
def jwt_auth(auth_request: AuthRequest) -> AuthResponse:
    """Verify the bearer token (local issuer or Cognito) and pass the caller on to the routes."""
    try:
        principal = tokens.verify_token(get_settings(), auth_request.token)
    except Unauthenticated as exc:
        raise TokenRejected() from exc
    return AuthResponse(routes=["*"], principal_id=principal.username,
                        context={"role": principal.role.value, "org": principal.org or "",
                                 "position": principal.position or ""})


http.install(app, jwt_auth, ROUTES)


@app.lambda_function(name="on_event")
def on_event(event: dict[str, Any], context: Any) -> dict[str, int]:
    """Domain events from the SNS topic (subscribed in infra/template.yaml) to their reactions."""
    from chalicelib import reactions  # loaded by the first event: the API and its authorizer never need it

    return {"reactions": reactions.handle(event)}


@app.schedule("rate(1 hour)", name="sweep_overdue")
def sweep_overdue(event: Any) -> dict[str, int]:
    """Notify dispositions that passed their deadline (each once)."""
    return container().dispositions.sweep_overdue()


@app.schedule("rate(1 minute)", name="deliver_staff_alerts")
def deliver_staff_alerts(event: Any) -> dict[str, int]:
    """E-mail and SMS of new notifications to the people of their seats (held through their quiet hours)."""
    return container().staff_alerts.deliver_due()


@app.schedule("cron(0 23 * * ? *)", name="send_daily_digest")  # 07:00 WITA
def send_daily_digest(event: Any) -> dict[str, int]:
    """The morning digest of what waits for leaders."""
    return container().staff_digest.send_all()


@app.schedule("cron(5 16 * * ? *)", name="roll_month_counters")  # 00:05 WITA, daily: a missed run is caught up
def roll_month_counters(event: Any) -> dict[str, int]:
    """Move each org's figures of past months from its gauges item to its month items."""
    from chalicelib.domain.timefmt import now_wita
    from chalicelib.services import monitoring

    container()  # binds the table
    return monitoring.roll_months(now_wita())
