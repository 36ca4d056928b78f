"""The OpenAPI 3.1 document, built from the routes' own declarations, and an offline HTML rendering."""

from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from typing import Any

from pydantic import BaseModel

from chalicelib.api import http
from chalicelib.api.schemas import ErrorOut

TITLE = "Kantor Virtual API"
VERSION = "1.0.0"
ERROR_TEXT = {
    400: "Bad input: the details name each field",
    401: "No valid token",
    403: "Your role or org may not do this",
    404: "No such record (or none you may see)",
    409: "Conflict: duplicate, stale version or wrong state",
    413: "Too large",
    415: "Unsupported media type: send the Content-Type the request body documents",
    422: "Idempotency-Key reused with a different request",
    429: "Too many requests",
}

ACTING_PARAMETER = {
    "name": http.ACTING_HEADER, "in": "header", "required": False,
    "description": "act for this position (its code) as its acting holder (Plt / Plh): needs an appointment of "
                   "the caller for the position in force today (WITA), else 403; the caller's own position is "
                   "the same as leaving the header out",
    "schema": {"type": "string", "pattern": r"^[A-Z0-9][A-Z0-9._-]{0,31}$"},
}


class ComponentNameCollision(ValueError):
    """Two different schemas would be published under one component name (the last one would win)."""


def _ref(model: type[BaseModel], components: dict[str, Any]) -> dict[str, str]:
    schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
    for name, definition in schema.pop("$defs", {}).items():
        _register(components, name, definition)
    _register(components, model.__name__, schema)
    return {"$ref": f"#/components/schemas/{model.__name__}"}


def _register(components: dict[str, Any], name: str, definition: dict[str, Any]) -> None:
    if name in components and components[name] != definition:
        raise ComponentNameCollision(f"two different schemas are named {name}: rename one (schema classes are "
                                     "published under their class name)")
    components[name] = definition


@lru_cache(maxsize=1)
def document() -> dict[str, Any]:
    """OpenAPI 3.1 for every declared route."""
    components: dict[str, Any] = {}
    error_ref = _ref(ErrorOut, components)
    paths: dict[str, Any] = {}
    for spec in http.load_routes():
        paths.setdefault(spec.path, {})[spec.method.lower()] = _operation(spec, components, error_ref)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": TITLE,
            "version": VERSION,
            "description": "Kantor Virtual — official correspondence, approvals, submissions and archive of a "
                           "provincial government. Times are ISO 8601 with the WITA offset (+08:00).",
        },
        "paths": paths,
        "components": {
            "schemas": components,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}},
        },
    }


def _operation(spec: http.RouteSpec, components: dict[str, Any], error_ref: dict[str, str]) -> dict[str, Any]:
    parameters: list[dict[str, Any]] = [
        {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
        for name in re.findall(r"{(\w+)}", spec.path)
    ]
    parameters += [_query_parameter(name, param) for name, param in spec.query.items()]
    if spec.idempotent_create:
        parameters.append({"name": "Idempotency-Key", "in": "header", "required": False,
                           "description": "repeat a create safely: the same key returns the first response",
                           "schema": {"type": "string", "pattern": http.IDEMPOTENCY_KEY_RE.pattern}})
    if spec.acting:
        parameters.append(ACTING_PARAMETER)
    ok: dict[str, Any] = {"description": "OK" if spec.status == 200 else "Created"}
    if spec.response is not None:
        ok["content"] = {spec.produces: {"schema": _ref(spec.response, components)}}
    elif spec.produces != http.JSON:
        ok["content"] = {spec.produces: {"schema": {"type": "string"}}}
    page = {"text/html": {"schema": {"type": "string", "description": "a page in Indonesian for browsers "
                                                                      "(sent when Accept prefers text/html)"}}}
    if spec.html_page:
        ok["content"] = {**ok.get("content", {}), **page}
    responses: dict[str, Any] = {str(spec.status): ok}
    takes_body = spec.body is not None or spec.content_types != (http.JSON,)
    codes = set(spec.errors) | ({401} if spec.auth or spec.optional_auth else set()) | {500} | \
        ({415} if takes_body else set())
    for code in sorted(codes):
        responses[str(code)] = {"description": ERROR_TEXT.get(code, "Internal error"),
                                "content": {"application/json": {"schema": error_ref}}}
        if spec.html_page and code == 404:
            responses[str(code)]["content"].update(page)
    operation: dict[str, Any] = {
        "operationId": f"{spec.method.lower()}_{spec.handler.__name__}",
        "summary": spec.summary,
        "tags": [spec.tag],
        "parameters": parameters,
        "responses": responses,
        "security": [{"bearer": []}] if spec.auth else [{}, {"bearer": []}] if spec.optional_auth else [],
    }
    if spec.body is not None:
        operation["requestBody"] = {"required": True,
                                    "content": {"application/json": {"schema": _ref(spec.body, components)}}}
    elif spec.content_types != (http.JSON,):  # a file as the body, e.g. the PDF to verify
        operation["requestBody"] = {"required": True, "content": {
            ct: {"schema": {"type": "string", "contentMediaType": ct}} for ct in spec.content_types}}
    return operation


def _query_parameter(name: str, param: str | http.Param) -> dict[str, Any]:
    if isinstance(param, str):
        param = http.Param(param)
    schema = dict(param.schema)
    if param.page_size:
        from chalicelib.config import get_settings

        schema["maximum"] = get_settings().page_size_max
    return {"name": name, "in": "query", "required": param.required, "description": param.description,
            "schema": schema}


def render_html(doc: dict[str, Any]) -> str:
    """A self-contained page listing every route, its parameters, body and responses (no scripts, no CDN)."""
    out = [
        "<!doctype html><html lang='id'><head><meta charset='utf-8'>",
        f"<title>{html.escape(doc['info']['title'])} — Dokumentasi API</title>",
        "<style>body{font-family:system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#222}"
        "h2{border-bottom:2px solid #0a5;padding-bottom:.2rem}details{margin:.4rem 0;border:1px solid #ddd;"
        "border-radius:6px;padding:.4rem .8rem}summary{cursor:pointer}code,pre{background:#f5f5f5;border-radius:4px}"
        "pre{padding:.6rem;overflow:auto;font-size:.85rem}.m{display:inline-block;width:4.5rem;font-weight:bold}"
        ".get{color:#06c}.post{color:#0a5}.patch{color:#c80}.delete{color:#c33}.lock{color:#888}</style>",
        "</head><body>",
        f"<h1>{html.escape(doc['info']['title'])} <small>v{html.escape(doc['info']['version'])}</small></h1>",
        f"<p>{html.escape(doc['info']['description'])}</p>",
        "<p>Mesin-baca: <a href='openapi.json'>openapi.json</a>. Kirim token sebagai "
        "<code>Authorization: Bearer &lt;token&gt;</code>.</p>",
    ]
    by_tag: dict[str, list[tuple[str, str, dict[str, Any]]]] = {}
    for path, methods in doc["paths"].items():
        for method, op in methods.items():
            by_tag.setdefault(op["tags"][0], []).append((path, method, op))
    for tag, ops in by_tag.items():
        out.append(f"<h2 id='{html.escape(tag)}'>{html.escape(tag)}</h2>")
        for path, method, op in ops:
            lock = "" if op["security"] and {} not in op["security"] else " <span class='lock'>(publik)</span>"
            out.append(f"<details><summary><span class='m {method}'>{method.upper()}</span>"
                       f"<code>{html.escape(path)}</code> — {html.escape(op['summary'])}{lock}</summary>")
            if op["parameters"]:
                out.append("<p><b>Parameter</b></p><ul>")
                for p in op["parameters"]:
                    text = html.escape(p.get("description", ""))
                    out.append(f"<li><code>{html.escape(p['name'])}</code> ({p['in']}) {text}</li>")
                out.append("</ul>")
            if "requestBody" in op and "application/json" not in op["requestBody"]["content"]:
                types = ", ".join(op["requestBody"]["content"])
                out.append(f"<p><b>Body</b> a file: <code>{html.escape(types)}</code></p>")
            elif "requestBody" in op:
                ref = op["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
                schema = doc["components"]["schemas"][ref]
                out.append(f"<p><b>Body</b> <code>{html.escape(ref)}</code></p>"
                           f"<pre>{html.escape(json.dumps(schema, indent=2, ensure_ascii=False))}</pre>")
            out.append("<p><b>Respons</b></p><ul>")
            for code, response in op["responses"].items():
                out.append(f"<li><code>{code}</code> {html.escape(response['description'])}</li>")
            out.append("</ul></details>")
    out.append("</body></html>")
    return "".join(out)
