"""boto3 clients, created on first use and cached per container (never at import time)."""

from __future__ import annotations

from functools import cache
from typing import Any

import boto3
from botocore.config import Config

_CONFIG = Config(retries={"mode": "standard", "max_attempts": 3}, connect_timeout=3, read_timeout=10)


@cache
def _session() -> boto3.session.Session:
    # One session: its loader parses each service model once per container.
    return boto3.session.Session()


@cache
def client(service: str, region: str) -> Any:
    """A cached client; the endpoint comes from the environment (AWS_ENDPOINT_URL locally)."""
    extra = {"config": Config(signature_version="s3v4").merge(_CONFIG)} if service == "s3" else {"config": _CONFIG}
    return _session().client(service, region_name=region, **extra)


def reset() -> None:
    """Forget cached clients (tests, between AWS mocks)."""
    client.cache_clear()
