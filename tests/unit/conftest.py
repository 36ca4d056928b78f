"""Unit-test helpers: settings built in memory, no AWS."""

from __future__ import annotations

import pytest

from chalicelib.config import Settings

SECRET = "unit-test-secret-that-is-long-enough-for-hs256"


def make_settings(**overrides: object) -> Settings:
    """Settings of the test stage with local tokens; override any field."""
    values: dict[str, object] = {
        "stage": "test", "region": "ap-southeast-3", "table_name": "t", "files_bucket": "f",
        "archive_bucket": "a", "events_topic_arn": "arn:aws:sns:ap-southeast-3:123456789012:e",
        "signing_key_id": "k", "approval_state_machine_arn": "arn:aws:states:ap-southeast-3:123456789012:stateMachine:s",
        "auth_mode": "local", "local_jwt_secret": SECRET, "cognito_user_pool_id": "", "cognito_app_client_id": "",
        "public_base_url": "https://kantor.example.go.id", "token_ttl_seconds": 3600, "page_size_default": 25,
        "page_size_max": 100,
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture
def settings() -> Settings:
    """Settings of the test stage with local HS256 tokens."""
    return make_settings()
