"""Chalice's local API Gateway, answering its own errors as the deployed gateway does, plus the web app.

The deployed API maps API Gateway's errors (unknown route, no or bad token) to the project's error
shape with the GatewayResponses of infra/template.yaml. Chalice's local gateway (used by
`chalice local` and its test client) has its own fixed bodies; this renders the template's
instead, and turns the authorizer's 'Unauthorized' exception into a 401 as API Gateway does.

`make run` serves one origin as CloudFront does when deployed: `/api/*` is the API (the prefix is
stripped), every existing root API path keeps answering, and a GET that matches no API route is the
web app (web/dist): a file of the build, or index.html for a browser asking for a page (SPA fallback).
"""

from __future__ import annotations

import gzip
import mimetypes
import uuid
from functools import lru_cache
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from chalice.local import (
    ChaliceRequestHandler,
    ForbiddenError,
    LocalGateway,
    LocalGatewayAuthorizer,
    LocalGatewayException,
    NotAuthorizedError,
    RouteMatcher,
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


API_PREFIX = "/api"
IMMUTABLE = "public, max-age=31536000, immutable"
COMPRESSIBLE = (".js", ".css", ".html", ".json", ".svg", ".webmanifest", ".txt")
mimetypes.add_type("application/manifest+json", ".webmanifest")
mimetypes.add_type("text/javascript", ".js")


def api_path(path: str) -> str | None:
    """The API path of a request under /api (`/api/me?x=1` → `/me?x=1`), or None when it is not under /api."""
    if path == API_PREFIX or path.startswith((API_PREFIX + "/", API_PREFIX + "?")):
        rest = path[len(API_PREFIX):]
        return rest if rest.startswith("/") else "/" + rest
    return None


def wants_page(accept: str | None) -> bool:
    """A browser navigating asks for text/html; an API client asking for an unknown path keeps the JSON 404."""
    return "text/html" in (accept or "")


@lru_cache(maxsize=256)
def _read(path: Path, mtime: float, compress: bool) -> bytes:
    data = path.read_bytes()
    return gzip.compress(data, 6, mtime=0) if compress else data


class StaticSite:
    """The built web app: files under `root`, hashed assets cached for a year, everything else revalidated."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    def available(self) -> bool:
        """True when the app was built (index.html exists)."""
        return (self.root / "index.html").is_file()

    def find(self, url_path: str, accept: str | None) -> Path | None:
        """The file for a GET of url_path: the file itself, or index.html for a page; None if neither."""
        relative = unquote(urlsplit(url_path).path).lstrip("/")
        candidate = (self.root / relative).resolve()
        if relative and candidate.is_file() and candidate.is_relative_to(self.root):
            return candidate
        if wants_page(accept) and "." not in Path(relative).name:
            return self.root / "index.html"
        return None

    def response(self, file: Path, accept_encoding: str | None) -> tuple[dict[str, str], bytes]:
        """Headers and body of a file (gzip when the client takes it)."""
        compress = file.suffix in COMPRESSIBLE and "gzip" in (accept_encoding or "")
        headers = {
            "Content-Type": (mimetypes.guess_type(file.name)[0] or "application/octet-stream")
            + ("; charset=utf-8" if file.suffix in COMPRESSIBLE else ""),
            "Cache-Control": IMMUTABLE if file.parent.name == "assets" else "no-cache",
            "X-Content-Type-Options": "nosniff",
            "Vary": "Accept-Encoding",
        }
        if compress:
            headers["Content-Encoding"] = "gzip"
        return headers, _read(file, file.stat().st_mtime, compress)


class ProjectRequestHandler(ChaliceRequestHandler):
    """`chalice local`'s request handler over the project's gateway, with /api/* and the web app."""

    # The web app as `make run` builds it; requests see it once web/dist/index.html exists.
    site: StaticSite | None = StaticSite(Path(__file__).resolve().parent.parent / "web" / "dist")

    def __init__(self, request: Any, client_address: Any, server: Any, app_object: Any, config: Any) -> None:
        self.local_gateway = ProjectLocalGateway(app_object, config)
        self._routes = RouteMatcher(list(app_object.routes))
        BaseHTTPRequestHandler.__init__(self, request, client_address, server)

    def _generic_handle(self) -> None:
        under_api = api_path(self.path)
        if under_api is not None:
            self.path = under_api
        elif (self.command in ("GET", "HEAD") and self.site is not None and self.site.available()
              and not self._is_api_route(self.path)):
            file = self.site.find(self.path, self.headers.get("Accept"))
            if file is not None:
                self._send_file(file)
                return
        super()._generic_handle()

    # The base class binds its verbs to its own _generic_handle at class creation.
    do_GET = do_PUT = do_POST = do_HEAD = do_DELETE = do_PATCH = do_OPTIONS = _generic_handle

    def _is_api_route(self, path: str) -> bool:
        try:
            self._routes.match_route(path)
        except ValueError:
            return False
        return True

    def _send_file(self, file: Path) -> None:
        assert self.site is not None
        headers, body = self.site.response(file, self.headers.get("Accept-Encoding"))
        self.send_response(200)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class ProjectTestClient(Client):
    """Chalice's test client over the project's local gateway."""

    @property
    def http(self) -> TestHTTPClient:
        """HTTP client whose gateway errors match the deployed API."""
        if self._http_client is None:
            self._http_client = _TestHTTPClient(self._app, self._chalice_config)
        return self._http_client
