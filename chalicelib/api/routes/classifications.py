"""Routes: the classification and retention table (kode klasifikasi and JRA)."""

from __future__ import annotations

from typing import Any

from chalicelib.api import http
from chalicelib.api import schemas_letters as s
from chalicelib.api.schemas import page_of
from chalicelib.bootstrap import container

r = http.router("classifications")


@r.route("/classifications", response=page_of(s.ClassificationOut), errors=(401, 403))
def list_classifications() -> Any:
    """The effective classification table: codes with their retention years, retired ones marked (staff).

    The built-in table overridden and extended by the province-wide admin's entries, in code order, in one page.
    A change is seen by every server within a minute.
    """
    return container().classifications.list(http.principal())


@r.route("/classifications/{code}", "PUT", body=s.ClassificationIn, response=s.ClassificationOut,
         errors=(400, 401, 403, 409))
def put_classification(code: str) -> Any:
    """Add a code, or change a code's name, retention or retirement (province-wide admin).

    A new code (201) needs a parent code (000.1 for 000.1.2) that exists and is not retired. Changing a code the
    admin changed before needs the `version` it was read with (stale: 409). Retention dates already given to
    signed or registered records are kept: a change applies to records signed or registered afterwards.
    """
    return container().classifications.put(http.principal(), code, http.body(s.ClassificationIn))
