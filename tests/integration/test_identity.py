"""POST /auth/dev-login (local and test stages only) and GET /me."""

from __future__ import annotations

import dataclasses
import time

import jwt
import pytest

from chalicelib import bootstrap
from chalicelib.adapters.tokens import LOCAL_AUDIENCE, LOCAL_ISSUER
from chalicelib.config import get_settings
from tests.conftest import TEST_ENV, Api, assert_error

pytestmark = pytest.mark.usefixtures("province")


def token_for(username: str, secret: str = TEST_ENV["LOCAL_JWT_SECRET"], **overrides: object) -> str:
    now = int(time.time())
    claims = {"iss": LOCAL_ISSUER, "aud": LOCAL_AUDIENCE, "sub": username, "iat": now, "exp": now + 60,
              "role": "admin", "org": "", "position": "", **overrides}
    return jwt.encode(claims, secret, algorithm="HS256")


# ---------------------------------------------------------------- dev login


def test_dev_login_gives_a_bearer_token_and_the_user(api: Api) -> None:
    response = api.post("/auth/dev-login", {"username": "kasi.layanan"})
    assert response.status_code == 200
    body = response.json_body
    assert (body["token_type"], body["expires_in"]) == ("Bearer", 3600)
    assert body["user"]["username"] == "kasi.layanan"
    assert body["user"]["position"] == "KASI-LAYANAN"


def test_a_dev_login_token_opens_the_api(api: Api) -> None:
    token = api.post("/auth/dev-login", {"username": "admin"}).json_body["token"]
    assert api.get("/me", headers={"Authorization": f"Bearer {token}"}).status_code == 200


def test_dev_login_of_an_unknown_user_is_not_found(api: Api) -> None:
    assert_error(api.post("/auth/dev-login", {"username": "nobody"}), 404, "not_found")


@pytest.mark.parametrize(("body", "field"), [({}, "username"), ({"username": "x"}, "username"),
                                             ({"username": "admin", "password": "x"}, "password")])
def test_dev_login_with_bad_input_names_the_field(api: Api, body: dict[str, str], field: str) -> None:
    assert_error(api.post("/auth/dev-login", body), 400, "validation_error", field=field)


@pytest.mark.parametrize("stage", ["dev", "prod"])
def test_dev_login_answers_404_in_deployed_stages(api: Api, monkeypatch: pytest.MonkeyPatch, stage: str) -> None:
    # load_settings refuses AUTH_MODE=local outside local/test, so a deployed stage runs with Cognito.
    deployed = dataclasses.replace(get_settings(), stage=stage, auth_mode="cognito", local_jwt_secret="",
                                   cognito_user_pool_id="ap-southeast-3_Example", cognito_app_client_id="client")
    monkeypatch.setattr(bootstrap, "_container", bootstrap.Container(deployed))
    response = api.post("/auth/dev-login", {"username": "admin"})
    assert_error(response, 404, "not_found")
    assert "token" not in response.json_body


# ---------------------------------------------------------------- GET /me


def test_me_shows_an_employee_with_role_org_and_position(api: Api) -> None:
    response = api.get("/me", as_user="kabid.aptika")
    assert response.status_code == 200
    me = response.json_body
    assert (me["username"], me["role"], me["org"]) == ("kabid.aptika", "employee", "DISKOMINFOS")
    assert me["position"]["code"] == "KABID-APTIKA"
    assert me["position"]["level"] == "III"
    assert me["position"]["reports_to"] == "KADIS"


def test_me_shows_the_province_wide_admin_without_org_or_position(api: Api) -> None:
    me = api.get("/me", as_user="admin").json_body
    assert (me["role"], me["org"], me["position"]) == ("admin", None, None)


def test_me_shows_a_business_user_with_their_company(api: Api) -> None:
    me = api.get("/me", as_user="usaha").json_body
    assert me["role"] == "public"
    assert me["extra"]["company_name"] == "PT Bali Digital Nusantara"


def test_me_needs_a_token(api: Api) -> None:
    assert_error(api.get("/me"), 401, "unauthenticated")


def test_an_expired_token_is_unauthenticated(api: Api) -> None:
    expired = token_for("admin", exp=int(time.time()) - 5)
    assert_error(api.get("/me", headers={"Authorization": f"Bearer {expired}"}), 401, "unauthenticated")


def test_a_token_signed_with_another_secret_is_unauthenticated(api: Api) -> None:
    forged = token_for("admin", secret="an-attacker-secret-that-is-long-enough-too")
    assert_error(api.get("/me", headers={"Authorization": f"Bearer {forged}"}), 401, "unauthenticated")


def test_a_token_without_the_bearer_scheme_is_unauthenticated(api: Api) -> None:
    assert_error(api.get("/me", headers={"Authorization": token_for("admin")}), 401, "unauthenticated")


def test_a_valid_token_for_a_user_that_does_not_exist_is_refused(api: Api) -> None:
    ghost = token_for("ghost")
    assert_error(api.get("/me", headers={"Authorization": f"Bearer {ghost}"}), 401, "unauthenticated")
