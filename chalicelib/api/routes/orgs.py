"""Routes: orgs, units, positions and users (admin API)."""

from __future__ import annotations

from typing import Any

from chalicelib.api import http, schemas
from chalicelib.bootstrap import container

r = http.router("admin")
LIST_QUERY = http.LIST_QUERY


def _paging() -> tuple[int, str | None]:
    settings = container().settings
    return http.paging(settings.page_size_default, settings.page_size_max)


@r.route("/orgs", "POST", body=schemas.OrgIn, response=schemas.OrgOut, status=201, errors=(400, 401, 403, 409, 422),
         idempotent_create=True)
def create_org() -> Any:
    """Create an org (province-wide admin)."""
    return container().org_admin.create_org(http.principal(), http.body(schemas.OrgIn), http.idempotency_key())


@r.route("/orgs", response=schemas.page_of(schemas.OrgOut), errors=(400, 401, 403), query=LIST_QUERY)
def list_orgs() -> Any:
    """List orgs by code."""
    return container().org_admin.list_orgs(http.principal(), *_paging())


@r.route("/orgs/{org}", response=schemas.OrgOut, errors=(401, 403, 404))
def get_org(org: str) -> Any:
    """One org."""
    return container().org_admin.get_org(http.principal(), org)


@r.route("/orgs/{org}/units", "POST", body=schemas.UnitIn, response=schemas.UnitOut, status=201,
         errors=(400, 401, 403, 404, 409, 422), idempotent_create=True)
def create_unit(org: str) -> Any:
    """Create a unit in an org (that org's admin)."""
    return container().org_admin.create_unit(http.principal(), org, http.body(schemas.UnitIn),
                                             http.idempotency_key())


@r.route("/orgs/{org}/units", response=schemas.page_of(schemas.UnitOut), errors=(400, 401, 403), query=LIST_QUERY)
def list_units(org: str) -> Any:
    """List an org's units (its staff)."""
    return container().org_admin.list_units(http.principal(), org, *_paging())


@r.route("/orgs/{org}/positions", "POST", body=schemas.PositionIn, response=schemas.PositionOut, status=201,
         errors=(400, 401, 403, 404, 409, 422), idempotent_create=True)
def create_position(org: str) -> Any:
    """Create a position in an org (that org's admin)."""
    return container().org_admin.create_position(http.principal(), org, http.body(schemas.PositionIn),
                                                 http.idempotency_key())


@r.route("/orgs/{org}/positions", response=schemas.page_of(schemas.PositionOut), errors=(400, 401, 403),
         query=LIST_QUERY)
def list_positions(org: str) -> Any:
    """List an org's positions with their holders (its staff)."""
    return container().org_admin.list_positions(http.principal(), org, *_paging())


@r.route("/users", "POST", body=schemas.UserIn, response=schemas.UserOut, status=201,
         errors=(400, 401, 403, 404, 409, 422), idempotent_create=True)
def create_user() -> Any:
    """Create a user (the admin of the user's org, or the province-wide admin)."""
    return container().org_admin.create_user(http.principal(), http.body(schemas.UserIn), http.idempotency_key())


@r.route("/users", response=schemas.page_of(schemas.UserOut), errors=(400, 401, 403),
         query={**LIST_QUERY, "org": "org code (default: the caller's org)"})
def list_users() -> Any:
    """List the users of an org (its admins and operators)."""
    return container().org_admin.list_users(http.principal(), http.query_param("org"), *_paging())


@r.route("/users/{username}", "PATCH", body=schemas.UserPatchIn, response=schemas.UserOut,
         errors=(400, 401, 403, 404, 409))
def update_user(username: str) -> Any:
    """Change a user's name, contact, role or seat, or deactivate / reactivate the account (the admin of the
    user's org, or the province-wide admin).
    """
    data, sent = http.body(schemas.UserPatchIn), http.request().json_body
    return container().org_admin.update_user(http.principal(), username, {k: data[k] for k in data if k in sent})


@r.route("/orgs/{org}/positions/{code}/acting", "POST", body=schemas.ActingIn, response=schemas.AppointmentOut,
         status=201, errors=(400, 401, 403, 404, 409, 422), idempotent_create=True)
def appoint_acting(org: str, code: str) -> Any:
    """Appoint an acting holder (Plt / Plh) of a position for dated days (that org's admin)."""
    return container().acting.appoint(http.principal(), org, code, http.body(schemas.ActingIn),
                                      http.idempotency_key())


@r.route("/orgs/{org}/positions/{code}/acting", response=schemas.page_of(schemas.AppointmentOut),
         errors=(400, 401, 403), query=LIST_QUERY)
def list_acting(org: str, code: str) -> Any:
    """A position's acting appointments by start date (its org's staff)."""
    return container().acting.list(http.principal(), org, code, *_paging())


@r.route("/orgs/{org}/positions/{code}/acting/{appointment_id}/end", "POST", response=schemas.AppointmentOut,
         errors=(401, 403, 404, 409))
def end_acting(org: str, code: str, appointment_id: str) -> Any:
    """End an acting appointment early, or cancel one not started (that org's admin)."""
    return container().acting.end(http.principal(), org, code, appointment_id)
