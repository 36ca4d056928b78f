"""Routes: the OpenAPI document and its offline rendering."""

from __future__ import annotations

from chalice import Response

from chalicelib.api import http, openapi

r = http.router("meta")


@r.route("/openapi.json", auth=False)
def openapi_json() -> Response:
    """The OpenAPI 3.1 document of every route."""
    return http.json_response(openapi.document())


@r.route("/docs", auth=False, produces="text/html")
def docs() -> Response:
    """Human-readable API documentation (works offline)."""
    return Response(body=openapi.render_html(openapi.document()), status_code=200,
                    headers={"Content-Type": "text/html; charset=utf-8"})
