"""Settings read once from the environment (set per stage in `.chalice/config.json`)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache

STAGES = ("local", "test", "dev", "prod")


class SettingsError(RuntimeError):
    """The environment of this stage is incomplete or inconsistent."""


@dataclass(frozen=True)
class Settings:
    """Typed view of the environment; one instance per Lambda container."""

    stage: str
    region: str
    table_name: str
    files_bucket: str
    archive_bucket: str
    events_topic_arn: str
    signing_key_id: str
    approval_state_machine_arn: str
    auth_mode: str  # "local" (HS256 tokens from POST /auth/dev-login) or "cognito"
    local_jwt_secret: str
    cognito_user_pool_id: str
    cognito_app_client_id: str
    public_base_url: str
    token_ttl_seconds: int
    page_size_default: int
    page_size_max: int
    sender_email: str = ""  # SES identity that mails senders of submissions (SenderIdentity in the template)
    aws_endpoint_url: str = ""  # the embedded AWS of the local stack and the tests; empty in AWS
    allowed_origins: tuple[str, ...] = ()  # browser origins granted CORS (AllowedOrigins in the template)
    # Certified signatures (TTE through BSrE): the orgs whose enrolled signers use them, and the Secrets Manager
    # secret with the service's URL, client credentials, signers' NIKs and trusted roots (empty: KMS seal only).
    certified_signing_orgs: tuple[str, ...] = ()
    bsre_secret_id: str = ""

    @property
    def dev_login_enabled(self) -> bool:
        """Dev login exists only where tokens are issued locally (local and test stages)."""
        return self.auth_mode == "local" and self.stage in ("local", "test")

    @property
    def cognito_issuer(self) -> str:
        """The `iss` claim of this stage's Cognito user pool."""
        return f"https://cognito-idp.{self.region}.amazonaws.com/{self.cognito_user_pool_id}"

    @property
    def cognito_jwks_url(self) -> str:
        """Where the pool's signing keys are published: the issuer's, or the embedded AWS's copy of them."""
        if self.aws_endpoint_url:
            return f"{self.aws_endpoint_url.rstrip('/')}/{self.cognito_user_pool_id}/.well-known/jwks.json"
        return f"{self.cognito_issuer}/.well-known/jwks.json"


def _get(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None or value == "":
        raise SettingsError(f"environment variable {name} is required")
    return value


def load_settings() -> Settings:
    """Build settings from the environment, checking what each auth mode needs."""
    stage = _get("STAGE", "local")
    if stage not in STAGES:
        raise SettingsError(f"STAGE must be one of {', '.join(STAGES)}, not {stage!r}")
    auth_mode = _get("AUTH_MODE", "local" if stage in ("local", "test") else "cognito")
    if auth_mode not in ("local", "cognito"):
        raise SettingsError("AUTH_MODE must be 'local' or 'cognito'")
    if auth_mode == "local" and stage in ("dev", "prod"):
        raise SettingsError("AUTH_MODE=local is refused outside the local and test stages")
    settings = Settings(
        stage=stage,
        region=_get("AWS_REGION", os.environ.get("AWS_DEFAULT_REGION", "ap-southeast-3")),
        table_name=_get("TABLE_NAME"),
        files_bucket=_get("FILES_BUCKET"),
        archive_bucket=_get("ARCHIVE_BUCKET"),
        events_topic_arn=_get("EVENTS_TOPIC_ARN"),
        signing_key_id=_get("SIGNING_KEY_ID"),
        approval_state_machine_arn=_get("APPROVAL_STATE_MACHINE_ARN"),
        auth_mode=auth_mode,
        local_jwt_secret=os.environ.get("LOCAL_JWT_SECRET", ""),
        cognito_user_pool_id=os.environ.get("COGNITO_USER_POOL_ID", ""),
        cognito_app_client_id=os.environ.get("COGNITO_APP_CLIENT_ID", ""),
        public_base_url=_get("PUBLIC_BASE_URL", "http://127.0.0.1:8000").rstrip("/"),
        token_ttl_seconds=int(_get("TOKEN_TTL_SECONDS", "3600")),
        page_size_default=int(_get("PAGE_SIZE_DEFAULT", "25")),
        page_size_max=int(_get("PAGE_SIZE_MAX", "100")),
        sender_email=_get("SENDER_EMAIL"),
        allowed_origins=tuple(o.strip().rstrip("/") for o in os.environ.get("ALLOWED_ORIGINS", "").split(",")
                              if o.strip()),
        certified_signing_orgs=tuple(o.strip() for o in os.environ.get("CERTIFIED_SIGNING_ORGS", "").split(",")
                                     if o.strip()),
        bsre_secret_id=os.environ.get("BSRE_SECRET_ID", ""),
        aws_endpoint_url=os.environ.get("AWS_ENDPOINT_URL_COGNITO_IDP") or os.environ.get("AWS_ENDPOINT_URL", ""),
    )
    if auth_mode == "local" and len(settings.local_jwt_secret) < 32:
        raise SettingsError("LOCAL_JWT_SECRET must be at least 32 characters")
    if settings.certified_signing_orgs and not settings.bsre_secret_id:
        raise SettingsError("BSRE_SECRET_ID is required when CERTIFIED_SIGNING_ORGS names an org")
    if auth_mode == "cognito" and not (settings.cognito_user_pool_id and settings.cognito_app_client_id):
        raise SettingsError("COGNITO_USER_POOL_ID and COGNITO_APP_CLIENT_ID are required with AUTH_MODE=cognito")
    return settings


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The settings of this container, read once."""
    return load_settings()
