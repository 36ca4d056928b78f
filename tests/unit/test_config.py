"""Settings are read once from the environment and refuse unsafe or incomplete stages."""

from __future__ import annotations

import pytest

from chalicelib.config import SettingsError, load_settings

RESOURCES = {
    "TABLE_NAME": "t", "FILES_BUCKET": "f", "ARCHIVE_BUCKET": "a",
    "EVENTS_TOPIC_ARN": "arn:aws:sns:ap-southeast-3:123456789012:e", "SIGNING_KEY_ID": "k", "SENDER_EMAIL": "s@x.id",
    "APPROVAL_STATE_MACHINE_ARN": "arn:aws:states:ap-southeast-3:123456789012:stateMachine:s",
}
SECRET = "a-local-secret-of-at-least-32-characters"


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """A complete test-stage environment with local tokens; tests change what they need."""
    for key in ("COGNITO_USER_POOL_ID", "COGNITO_APP_CLIENT_ID", "TOKEN_TTL_SECONDS", "PAGE_SIZE_DEFAULT"):
        monkeypatch.delenv(key, raising=False)
    for key, value in {**RESOURCES, "STAGE": "test", "AUTH_MODE": "local", "LOCAL_JWT_SECRET": SECRET}.items():
        monkeypatch.setenv(key, value)
    return monkeypatch


def test_a_complete_test_stage_environment_loads(env: pytest.MonkeyPatch) -> None:
    settings = load_settings()
    assert (settings.stage, settings.auth_mode, settings.table_name) == ("test", "local", "t")
    assert settings.dev_login_enabled


@pytest.mark.parametrize("stage", ["dev", "prod"])
def test_local_tokens_are_refused_in_deployed_stages(env: pytest.MonkeyPatch, stage: str) -> None:
    env.setenv("STAGE", stage)
    with pytest.raises(SettingsError, match="AUTH_MODE=local"):
        load_settings()


def test_a_short_local_secret_is_refused(env: pytest.MonkeyPatch) -> None:
    env.setenv("LOCAL_JWT_SECRET", "short")
    with pytest.raises(SettingsError, match="LOCAL_JWT_SECRET"):
        load_settings()


@pytest.mark.parametrize("missing", ["COGNITO_USER_POOL_ID", "COGNITO_APP_CLIENT_ID"])
def test_cognito_needs_both_the_pool_and_the_app_client(env: pytest.MonkeyPatch, missing: str) -> None:
    env.setenv("STAGE", "prod")
    env.setenv("AUTH_MODE", "cognito")
    env.setenv("COGNITO_USER_POOL_ID", "ap-southeast-3_abc")
    env.setenv("COGNITO_APP_CLIENT_ID", "client")
    env.delenv(missing)
    with pytest.raises(SettingsError, match="COGNITO"):
        load_settings()


def test_a_deployed_stage_defaults_to_cognito_and_has_no_dev_login(env: pytest.MonkeyPatch) -> None:
    env.setenv("STAGE", "dev")
    env.delenv("AUTH_MODE")
    env.setenv("COGNITO_USER_POOL_ID", "ap-southeast-3_abc")
    env.setenv("COGNITO_APP_CLIENT_ID", "client")
    settings = load_settings()
    assert settings.auth_mode == "cognito"
    assert not settings.dev_login_enabled
    assert settings.cognito_issuer == "https://cognito-idp.ap-southeast-3.amazonaws.com/ap-southeast-3_abc"


def test_an_unknown_stage_is_refused(env: pytest.MonkeyPatch) -> None:
    env.setenv("STAGE", "staging")
    with pytest.raises(SettingsError, match="STAGE"):
        load_settings()


def test_an_unknown_auth_mode_is_refused(env: pytest.MonkeyPatch) -> None:
    env.setenv("AUTH_MODE", "basic")
    with pytest.raises(SettingsError, match="AUTH_MODE"):
        load_settings()


def test_a_missing_resource_is_named(env: pytest.MonkeyPatch) -> None:
    env.delenv("TABLE_NAME")
    with pytest.raises(SettingsError, match="TABLE_NAME"):
        load_settings()


def test_cognito_keys_come_from_the_issuer_in_aws_and_from_the_embedded_aws_locally(env: pytest.MonkeyPatch) -> None:
    env.setenv("AUTH_MODE", "cognito")
    env.setenv("COGNITO_USER_POOL_ID", "ap-southeast-3_abc")
    env.setenv("COGNITO_APP_CLIENT_ID", "client")
    env.delenv("AWS_ENDPOINT_URL", raising=False)
    env.delenv("AWS_ENDPOINT_URL_COGNITO_IDP", raising=False)
    assert load_settings().cognito_jwks_url == (
        "https://cognito-idp.ap-southeast-3.amazonaws.com/ap-southeast-3_abc/.well-known/jwks.json")
    env.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:5000")
    assert load_settings().cognito_jwks_url == "http://127.0.0.1:5000/ap-southeast-3_abc/.well-known/jwks.json"
