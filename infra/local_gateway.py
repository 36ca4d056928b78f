"""Chalice's local API Gateway, answering its own errors as the deployed gateway does.

The deployed API maps API Gateway's errors (unknown route, no or bad token) to the project's error
shape with the GatewayResponses of infra/template.yaml. Chalice's local gateway (used by
`chalice local` and its test client) has its own fixed bodies; this renders the template's
instead, and turns the authorizer's 'Unauthorized' exception into a 401 as API Gateway does.
"""

from __future__ import annotations

import uuid
from http.server import BaseHTTPRequestHandler
from typing import Any

from chalice.local import (
    ChaliceRequestHandler,
    ForbiddenError,
    LocalGateway,
    LocalGatewayAuthorizer,
    LocalGatewayException,
    NotAuthorizedError,
)
from chalice.test import Client, TestHTTPClient

from infra.local_stack import gateway_responses

_TYPE_OF_LOCAL_ERROR = {
    401: "UNAUTHORIZED",
    403: "ACCESS_DENIED",
}


def render(response_type: str, request_id: str) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and body of a gateway response of the template."""
    spec = gateway_responses().get(response_type) or gateway_responses()["DEFAULT_5XX"]
    body = spec["ResponseTemplates"]["application/json"].replace("$context.requestId", request_id)
    status = int(spec.get("StatusCode", 500))
    return status, {"Content-Type": "application/json", "X-Correlation-Id": request_id}, body.encode()


class _Authorizer(LocalGatewayAuthorizer):
    def authorize(self, raw_path: str, lambda_event: Any, lambda_context: Any) -> Any:
        try:
            return super().authorize(raw_path, lambda_event, lambda_context)
        except LocalGatewayException:
            raise
        except Exception as exc:
            if str(exc) == "Unauthorized":
                raise NotAuthorizedError({}, b"") from exc
            raise


class GatewayError(LocalGatewayException):
    """A gateway-level error rendered from the template (Chalice's servers send it as it is)."""

    def __init__(self, status: int, headers: dict[str, str], body: bytes) -> None:
        super().__init__(headers, body)
        self.CODE = status


class ProjectLocalGateway(LocalGateway):
    """LocalGateway whose own errors look like the deployed API's."""

    def __init__(self, app_object: Any, config: Any) -> None:
        super().__init__(app_object, config)
        self._authorizer = _Authorizer(app_object)

    def handle_request(self, method: str, path: str, headers: Any, body: Any) -> Any:
        """Handle a request; gateway-level errors come back rendered from the template."""
        request_id = str(uuid.uuid4())
        try:
            return super().handle_request(method, path, headers, body)
        except ForbiddenError as exc:
            unknown_route = b"Missing Authentication Token" in (exc.body or b"") or b"Credential" in (exc.body or b"")
            raise GatewayError(*render("MISSING_AUTHENTICATION_TOKEN" if unknown_route else "ACCESS_DENIED",
                                       request_id)) from exc
        except GatewayError:
            raise
        except LocalGatewayException as exc:
            raise GatewayError(*render(_TYPE_OF_LOCAL_ERROR.get(exc.CODE, "DEFAULT_5XX"), request_id)) from exc


class _TestHTTPClient(TestHTTPClient):
    def __init__(self, app: Any, config: Any) -> None:
        super().__init__(app, config)
        self._local_gateway = ProjectLocalGateway(app, config)


class ProjectRequestHandler(ChaliceRequestHandler):
    """`chalice local`'s request handler over the project's gateway."""

    def __init__(self, request: Any, client_address: Any, server: Any, app_object: Any, config: Any) -> None:
        self.local_gateway = ProjectLocalGateway(app_object, config)
        BaseHTTPRequestHandler.__init__(self, request, client_address, server)


class ProjectTestClient(Client):
    """Chalice's test client over the project's local gateway."""

    @property
    def http(self) -> TestHTTPClient:
        """HTTP client whose gateway errors match the deployed API."""
        if self._http_client is None:
            self._http_client = _TestHTTPClient(self._app, self._chalice_config)
        return self._http_client
