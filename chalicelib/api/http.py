"""Route registration shared by every area: request parsing, the caller, responses, OpenAPI metadata.

Each area module declares its routes on a `Router`; `app.py` installs them all with the authorizer,
so an area never imports the app and the OpenAPI document is built from the same declarations.
"""

from __future__ import annotations

import importlib
import json
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from chalice import Chalice, Response
from chalice.app import Request
from pydantic import BaseModel
from pydantic import ValidationError as PydanticValidationError

from chalicelib.api import contract
from chalicelib.api import errors as api_errors
from chalicelib.domain.errors import DomainError, ValidationFailed
from chalicelib.domain.identity import Principal, Role

JSON = "application/json"
ACTING_HEADER = "X-Acting-For"
IDEMPOTENCY_KEY_RE = re.compile(r"^[A-Za-z0-9._:-]{8,128}$")
MAX_JSON_DEPTH = 32  # the deepest schema nests 4 levels; deeper bodies are refused before validation


@dataclass(frozen=True)
class Param:
    """A query parameter typed in the OpenAPI document as the route enforces it (a plain string by default)."""

    description: str
    schema: dict[str, Any] = field(default_factory=lambda: {"type": "string"})
    required: bool = False
    page_size: bool = False  # a `limit` whose maximum is the stage's page size maximum (PAGE_SIZE_MAX)

    @classmethod
    def enum(cls, description: str, values: Iterable[str]) -> Param:
        """One of `values` (400 naming the parameter otherwise)."""
        return cls(description, {"type": "string", "enum": list(values)})

    @classmethod
    def boolean(cls, description: str) -> Param:
        """`true` or `false`."""
        return cls(description, {"type": "boolean"})

    @classmethod
    def day(cls, description: str) -> Param:
        """A date like 2026-11-29."""
        return cls(description, {"type": "string", "format": "date"})

    @classmethod
    def limit(cls, description: str, maximum: int | None = None) -> Param:
        """A page size from 1 to `maximum` (default: the stage's PAGE_SIZE_MAX)."""
        schema: dict[str, Any] = {"type": "integer", "minimum": 1, **({"maximum": maximum} if maximum else {})}
        return cls(description, schema, page_size=maximum is None)


CODE_PARAM_SCHEMA = {"type": "string", "pattern": r"^[A-Z0-9][A-Z0-9._-]{0,31}$"}
LIST_QUERY: dict[str, str | Param] = {
    "limit": Param.limit("page size (default 25, at most 100)"),
    "next": "cursor from the previous page",
}


@dataclass
class RouteSpec:
    """One route as declared by an area, with what the OpenAPI document says about it."""

    path: str
    method: str
    handler: Callable[..., Any]
    summary: str
    tag: str
    auth: bool = True
    body: type[BaseModel] | None = None
    response: type[BaseModel] | None = None
    status: int = 200
    errors: tuple[int, ...] = ()
    query: dict[str, str | Param] = field(default_factory=dict)  # name → description, or typed
    idempotent_create: bool = False
    content_types: tuple[str, ...] = (JSON,)
    produces: str = JSON
    html_page: bool = False  # a browser (Accept: text/html) gets the answer as a page for people
    acting: bool = False  # honours X-Acting-For: the caller may act for a position (Plt / Plh)
    optional_auth: bool = False  # without the authorizer, but a bearer token, when sent, names the caller


class Router:
    """Routes of one area (a tag in the OpenAPI document)."""

    def __init__(self, tag: str) -> None:
        self.tag = tag
        self.specs: list[RouteSpec] = []

    def route(self, path: str, method: str = "GET", **kwargs: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """Declare a route; see RouteSpec for the keyword arguments."""

        def decorate(handler: Callable[..., Any]) -> Callable[..., Any]:
            summary = kwargs.pop("summary", None) or (handler.__doc__ or "").strip().splitlines()[0]
            self.specs.append(RouteSpec(path=path, method=method, handler=handler, summary=summary, tag=self.tag,
                                        **kwargs))
            return handler

        return decorate


ROUTERS: list[Router] = []


def router(tag: str) -> Router:
    """A new router registered for installation and documentation."""
    r = Router(tag)
    ROUTERS.append(r)
    return r


ROUTE_MODULES = ("identity", "meta", "notifications", "orgs", "classifications", "letters", "public", "submissions",
                 "incoming", "archive", "proof", "dispatch", "my_submissions", "distribution_lists",
                 "org_structure", "letterhead", "letter_types")


def load_routes() -> list[RouteSpec]:
    """Import every area's route module (declaring its routes) and return all declarations."""
    for name in ROUTE_MODULES:
        importlib.import_module(f"chalicelib.api.routes.{name}")
    specs = [spec for r in ROUTERS for spec in r.specs]
    # In the order of ROUTE_MODULES whatever order the modules were first imported in (a request loads its area
    # first); declaration order within a module.
    return sorted(specs, key=lambda spec: ROUTE_MODULES.index(spec.handler.__module__.rsplit(".", 1)[-1]))


def route_table() -> list[tuple[str, str, str, str, bool, tuple[str, ...]]]:
    """The routes as plain data: path, method, module, function, auth, content types."""
    return [(s.path, s.method, s.handler.__module__, s.handler.__name__, s.auth, tuple(s.content_types))
            for s in load_routes()]


def install(app: Chalice, authorizer: Any, table: list[tuple[str, str, str, str, bool, tuple[str, ...]]]) -> None:
    """Register every route of `table` on the app; an area's module is imported by its first request.

    Chalice needs the routes when the app is imported; the areas' schemas, rules and services are needed only
    when one of their routes is called, so the authorizer and the events function never load them.
    """
    for path, method, module, function, auth, content_types in table:
        for content_type in content_types:  # e.g. a PDF body: API Gateway passes it as binary
            if content_type != JSON and content_type not in app.api.binary_types:
                app.api.binary_types.append(content_type)
        app.route(
            path,
            methods=[method],
            authorizer=authorizer if auth else None,
            content_types=list(content_types),
            name=f"{method.lower()}_{module.rsplit('.', 1)[-1]}_{function}",
        )(_lazy_view(path, method, module, function))


def _lazy_view(path: str, method: str, module: str, function: str) -> Callable[..., Any]:
    resolved: list[RouteSpec] = []

    def view(**path_params: Any) -> Response:
        if not resolved:
            handler = getattr(importlib.import_module(module), function)
            resolved.append(next(s for r in ROUTERS for s in r.specs
                                 if s.handler is handler and (s.path, s.method) == (path, method)))
        return _respond(resolved[0], path_params)

    view.__name__ = function
    return view


def _respond(spec: RouteSpec, path_params: dict[str, Any]) -> Response:
    _current()["spec"] = spec
    try:
        result = spec.handler(**path_params)
    except DomainError as error:
        return error_response(error)
    if isinstance(result, Response):
        return result
    status, body = result if isinstance(result, tuple) else (spec.status, result)
    contract.check_response(spec.method, spec.path, spec.response, status, body)
    return json_response(body, status)


# ---------------------------------------------------------------- request helpers

_local = threading.local()


def _current() -> dict[str, Any]:
    """The request state of the calling thread: a Lambda container handles one request at a time, but `make run` (Chalice's
    local server) serves each request on its own thread.
    """
    if not hasattr(_local, "state"):
        _local.state = {}
    state: dict[str, Any] = _local.state
    return state


def bind_request(request: Request) -> None:
    """Remember the request this thread is handling."""
    _local.state = {"request": request}


def request() -> Request:
    """The request being handled."""
    bound: Request = _current()["request"]
    return bound


def principal() -> Principal:
    """The caller, from the authorizer's context; acting for a position when the route honours `X-Acting-For`.

    The appointment is checked on every such request (one GetItem), so ending it takes effect at once.
    """
    state = _current()
    if "principal" in state:
        known: Principal = state["principal"]
        return known
    context = request().context.get("authorizer") or {}
    claimed = Principal(
        username=context["principalId"],
        role=Role(context["role"]),
        org=context.get("org") or None,
        position=context.get("position") or None,
    )
    from chalicelib.bootstrap import container

    caller, state["caller"] = container().identity.caller(claimed)
    code = (request().headers.get(ACTING_HEADER.lower()) or "").strip()
    spec = state.get("spec")
    if code and code != caller.position and spec is not None and spec.acting:
        caller = container().acting.act_for(caller, code)
    state["principal"] = caller
    return caller


def caller_record() -> Any:
    """The caller's user record, as read once per request to authenticate them."""
    principal()
    return _current()["caller"]


def source_ip() -> str | None:
    """The client's address as API Gateway saw it (never a header the client could set)."""
    return (request().context.get("identity") or {}).get("sourceIp") or None


def optional_principal() -> Principal | None:
    """On a route without the authorizer: the caller of a bearer token when one is sent (None without one).

    Verified by the authorizer's own code; an invalid or expired token is 401, never treated as no token.
    """
    header = request().headers.get("authorization")
    if not header:
        return None
    from chalicelib.adapters import tokens  # loaded by the authorizer already
    from chalicelib.bootstrap import container
    from chalicelib.config import get_settings

    caller, _ = container().identity.caller(tokens.verify_token(get_settings(), header))
    return caller


def body(model: type[BaseModel]) -> dict[str, Any]:
    """The JSON body validated by `model`; 400 naming each bad field."""
    raw = request().raw_body
    if not raw:
        raise ValidationFailed("a JSON body is required", details=[{"field": "body", "message": "missing"}])
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ValidationFailed("the body is not valid JSON",
                               details=[{"field": "body", "message": f"invalid JSON: {exc}"}]) from exc
    except RecursionError as exc:  # ~1,000 levels of `[` exhaust the parser's stack
        raise _too_deep() from exc
    if _depth(data) > MAX_JSON_DEPTH:  # shallower than the parser's limit, still deeper than any schema
        raise _too_deep()
    return validate(model, data)


def _too_deep() -> ValidationFailed:
    return ValidationFailed("the body is nested too deeply", details=[
        {"field": "body", "message": f"JSON nested more than {MAX_JSON_DEPTH} levels deep"}])


def _depth(data: Any) -> int:
    """How deeply arrays and objects nest in `data` (iteratively: a deep body must not exhaust the stack)."""
    deepest, stack = 0, [(data, 1)]
    while stack:
        value, level = stack.pop()
        if isinstance(value, (dict, list)):
            deepest = max(deepest, level)
            stack.extend((child, level + 1) for child in (value.values() if isinstance(value, dict) else value))
    return deepest


def validate(model: type[BaseModel], data: Any) -> dict[str, Any]:
    """Validate `data` with `model` and return it as a plain dict (domain errors on failure)."""
    try:
        return model.model_validate(data).model_dump()
    except PydanticValidationError as exc:
        details = [
            {"field": ".".join(str(p) for p in e["loc"]) or "body", "message": e["msg"]}
            for e in exc.errors(include_url=False, include_input=False)
        ]
        fields = ", ".join(d["field"] for d in details)
        raise ValidationFailed(f"invalid input: {fields}", details=details) from exc


def query_param(name: str, default: str | None = None) -> str | None:
    """One query-string parameter."""
    params = request().query_params
    return params.get(name, default) if params else default


def paging(default: int, maximum: int) -> tuple[int, str | None]:
    """`limit` (1..maximum) and the `next` cursor of a list request."""
    raw = query_param("limit")
    limit = default
    if raw is not None:
        if not re.fullmatch(r"[0-9]{1,6}", raw) or not 1 <= int(raw) <= maximum:  # not isdigit(): '²' is a digit
            raise ValidationFailed.field("limit", f"a whole number from 1 to {maximum}")
        limit = int(raw)
    return limit, query_param("next")


def idempotency_key() -> str | None:
    """The `Idempotency-Key` header, checked for shape."""
    value = request().headers.get("idempotency-key")
    if value is not None and not IDEMPOTENCY_KEY_RE.match(value):
        raise ValidationFailed.field("Idempotency-Key", "8-128 characters: letters, digits, '.', '_', ':' or '-'")
    return value


# ---------------------------------------------------------------- responses


def json_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    """A JSON response (non-ASCII kept readable)."""
    return Response(body=json.dumps(body, ensure_ascii=False, default=str), status_code=status,
                    headers={"Content-Type": "application/json; charset=utf-8", **(headers or {})})


def error_response(error: DomainError) -> Response:
    """The response of a domain error (the correlation id is added by the middleware)."""
    return json_response(api_errors.error_body(error.code, error.message, error.details), api_errors.status_of(error))
