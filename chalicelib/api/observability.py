"""Powertools Logger, Tracer and Metrics, and the one HTTP middleware that wires them with errors.

The middleware gives each request a correlation id (the client's `X-Correlation-Id` if well formed,
else API Gateway's request id), puts it in every log line, in the `X-Correlation-Id` response header
and in every error body, and turns Chalice's own error responses into the error shape of DESIGN §6.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.metrics import MetricUnit
from chalice import Response
from chalice.app import Request

from chalicelib.api import errors as api_errors
from chalicelib.api.http import bind_request

SERVICE = "kantor-virtual"
CORRELATION_RE = re.compile(r"^[A-Za-z0-9._:-]{8,128}$")

logger = Logger(service=SERVICE)


@lru_cache(maxsize=1)
def tracer() -> Tracer:
    """The Tracer, built on the first request: configuring X-Ray creates AWS clients (about a tenth of a
    second), which the authorizer and the events function, importing the same app, never need.
    """
    return Tracer(service=SERVICE)

metrics = Metrics(namespace="KantorVirtual", service=SERVICE)


def correlation_id_of(request: Request) -> str:
    """The client's correlation id when well formed, else the gateway's request id, else a new one."""
    supplied = request.headers.get("x-correlation-id")
    if supplied and CORRELATION_RE.match(supplied):
        return supplied
    return str(request.context.get("requestId") or uuid.uuid4())


def http_middleware(request: Request, get_response: Callable[[Request], Response]) -> Response:
    """Correlation id, logging, metrics and uniform errors around every HTTP request."""
    correlation_id = correlation_id_of(request)
    logger.set_correlation_id(correlation_id)
    logger.append_keys(method=request.method, path=request.context.get("resourcePath"))
    bind_request(request)
    tracer().put_annotation(key="correlation_id", value=correlation_id)
    response = get_response(request)
    response = _with_error_shape(response, correlation_id)
    response.headers["X-Correlation-Id"] = correlation_id
    logger.info("request done", extra={"status": response.status_code})
    metrics.add_metric(name="Requests", unit=MetricUnit.Count, value=1)
    if response.status_code >= 500:
        metrics.add_metric(name="ServerErrors", unit=MetricUnit.Count, value=1)
    metrics.flush_metrics()
    logger.remove_keys(["method", "path"])
    return response


def _with_error_shape(response: Response, correlation_id: str) -> Response:
    if response.status_code < 400 or _is_page_for_people(response):
        return response
    body: Any = response.body
    if isinstance(body, (str, bytes)):
        try:
            body = json.loads(body)
        except ValueError:
            body = {"Message": body if isinstance(body, str) else body.decode(errors="replace")}
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        body["error"]["correlation_id"] = correlation_id
    else:
        message = body.get("Message", "") if isinstance(body, dict) else str(body)
        code = api_errors.CHALICE_ERROR_CODES.get(response.status_code, "error")
        if response.status_code >= 500:
            message = "an internal error occurred; quote the correlation id when reporting it"
        body = api_errors.error_body(code, message, None, correlation_id)
    headers = {k: v for k, v in response.headers.items() if k.lower() != "content-type"}
    headers["Content-Type"] = "application/json; charset=utf-8"
    return Response(body=json.dumps(body, ensure_ascii=False), status_code=response.status_code, headers=headers)


def _is_page_for_people(response: Response) -> bool:
    """A 404 page a route chose to answer a browser with (pages.not_found_page) keeps its HTML."""
    content_type = next((v for k, v in response.headers.items() if k.lower() == "content-type"), "")
    return response.status_code < 500 and str(content_type).startswith("text/html")
