"""Every 2xx body checked against the schema its route declares (the one the OpenAPI document publishes).

In the test stage a mismatch is an error (the request answers 500, so the test that made it fails); in the local
stage it is logged loudly and the body still sent; deployed stages skip the check (it costs a validation per
request and proves nothing the tests did not).
"""

from __future__ import annotations

import json
import logging
from typing import Any

from pydantic import BaseModel, ValidationError

logger = logging.getLogger(__name__)
MODE_BY_STAGE = {"test": "fail", "local": "log"}


class ResponseContractViolation(RuntimeError):
    """A route answered a body its declared response schema does not accept."""


def check_response(method: str, path: str, model: type[BaseModel] | None, status: int, body: Any,
                   mode: str | None = None) -> None:
    """Validate `body` as the client receives it (JSON, strict types) against `model`; `mode` (fail, log) is the
    stage's unless given; see the module doc.
    """
    if model is None or not 200 <= status < 300:
        return
    if mode is None:
        from chalicelib.config import get_settings

        mode = MODE_BY_STAGE.get(get_settings().stage)
    if mode is None:
        return
    try:
        model.model_validate_json(json.dumps(body, ensure_ascii=False, default=str), strict=True)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'body'}: {e['msg']}"
                             for e in exc.errors(include_url=False, include_input=False))
        message = f"RESPONSE CONTRACT VIOLATION: {method} {path} answered {status} with a body that " \
                  f"{model.__name__} does not accept: {problems}"
        logger.error(message)
        if mode == "fail":
            raise ResponseContractViolation(message) from exc
