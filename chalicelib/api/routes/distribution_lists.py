"""Routes: distribution lists (daftar distribusi), kept by the province-wide admin, read by every employee."""

from __future__ import annotations

from typing import Any

from chalice import Response

from chalicelib.api import http
from chalicelib.api import schemas_distribution_lists as s
from chalicelib.api.schemas import page_of
from chalicelib.bootstrap import container

r = http.router("distribution-lists")


@r.route("/distribution-lists", response=page_of(s.DistributionListOut), errors=(401, 403))
def list_distribution_lists() -> Any:
    """Every distribution list of the province with its members, by name (staff; one page).

    A letter names a list as an addressee or cc with `{"kind": "list", "code": id}`.
    """
    return container().distribution_lists.list(http.principal())


@r.route("/distribution-lists", "POST", body=s.DistributionListIn, response=s.DistributionListOut, status=201,
         errors=(400, 401, 403, 409, 422), idempotent_create=True)
def create_distribution_list() -> Any:
    """Create a distribution list (province-wide admin): orgs, units, positions or external parties, at most 500.

    Units and positions are those of the org that sends the letter (a member the sender's org does not have is
    left out, and so is the sender's own org). An `id` already taken is 409.
    """
    return container().distribution_lists.create(http.principal(), http.body(s.DistributionListIn),
                                                 http.idempotency_key())


@r.route("/distribution-lists/{list_id}", response=s.DistributionListOut, errors=(401, 403, 404))
def get_distribution_list(list_id: str) -> Any:
    """One distribution list with its members (staff)."""
    return container().distribution_lists.get(http.principal(), list_id)


@r.route("/distribution-lists/{list_id}", "PUT", body=s.DistributionListPut, response=s.DistributionListOut,
         errors=(400, 401, 403, 404, 409))
def put_distribution_list(list_id: str) -> Any:
    """Replace a list's name, description and members, with the `version` it was read at (stale: 409).

    Letters signed before keep the recipients they were sent to; letters signed afterwards get the new members.
    """
    return container().distribution_lists.put(http.principal(), list_id, http.body(s.DistributionListPut))


@r.route("/distribution-lists/{list_id}", "DELETE", status=204, errors=(401, 403, 404, 409),
         query={"version": "the version the list was read at (changed since: 409)"})
def delete_distribution_list(list_id: str) -> Any:
    """Delete a distribution list (province-wide admin); a letter still naming it is refused at signing (400)."""
    version = http.query_param("version")
    container().distribution_lists.delete(http.principal(), list_id, int(version) if version and version.isdigit()
                                          else None)
    return Response(body="", status_code=204)
