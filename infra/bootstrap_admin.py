"""Create the first admin of a deployed stack: the Cognito account and the matching user record.

Nobody can call the admin routes before an admin exists, so the first one is made here, with the operator's
AWS credentials: a Cognito user in the `admin` group (custom:org when given, Cognito mails
a temporary password) and the user record, written through the same service the API uses. The app's
settings are read from the deployed API function, so the record lands in the stack's own table.
Running it again with the same username is harmless.

    python -m infra.bootstrap_admin --stack-name kantor-virtual-prod --username admin
        --full-name "Administrator Provinsi" --email admin@example.go.id   (one line; see docs/deploy.md)
"""

from __future__ import annotations

import argparse
import os
from typing import Any

import boto3

from chalicelib import bootstrap
from chalicelib.domain.identity import Principal, Role

BOOTSTRAP = Principal(username="bootstrap-admin", role=Role.ADMIN)
ADMIN_GROUP = "admin"


def bootstrap_admin(cognito: Any, user_pool_id: str, container: bootstrap.Container, *, username: str, email: str,
                    full_name: str, org: str | None = None) -> dict[str, Any]:
    """Create (or complete) the admin's user record and Cognito account; returns the user record."""
    data = {"username": username, "full_name": full_name, "role": Role.ADMIN.value, "org": org, "position": None,
            "nip": None, "email": email, "phone": None, "extra": None}
    # The idempotency key makes a rerun (say, after Cognito failed) replay the first result, not a conflict.
    _, user = container.org_admin.create_user(BOOTSTRAP, data, idempotency_key=f"bootstrap-admin:{username}")
    attributes = [{"Name": "email", "Value": email}, {"Name": "email_verified", "Value": "true"},
                  {"Name": "name", "Value": full_name}]
    if org:
        attributes.append({"Name": "custom:org", "Value": org})
    try:
        cognito.admin_create_user(UserPoolId=user_pool_id, Username=username, UserAttributes=attributes,
                                  DesiredDeliveryMediums=["EMAIL"])
    except cognito.exceptions.UsernameExistsException:
        pass
    cognito.admin_add_user_to_group(UserPoolId=user_pool_id, Username=username, GroupName=ADMIN_GROUP)
    return user


def deployed_environment(stack_name: str, region: str) -> dict[str, str]:
    """The environment of the stack's API function (the template names it `<stack>-api`)."""
    config = boto3.client("lambda", region_name=region).get_function_configuration(FunctionName=f"{stack_name}-api")
    return config["Environment"]["Variables"]


def main(argv: list[str] | None = None) -> None:
    """Bootstrap the first admin of a deployed stack."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stack-name", required=True)
    parser.add_argument("--region", default=os.environ.get("AWS_REGION", "ap-southeast-3"))
    parser.add_argument("--username", required=True)
    parser.add_argument("--email", required=True)
    parser.add_argument("--full-name", required=True)
    parser.add_argument("--org", help="an org code for an org admin (the org must exist); omit for the province")
    args = parser.parse_args(argv)
    env = deployed_environment(args.stack_name, args.region)
    os.environ.update({**env, "AWS_REGION": args.region})
    bootstrap.reset()
    user = bootstrap_admin(boto3.client("cognito-idp", region_name=args.region), env["COGNITO_USER_POOL_ID"],
                           bootstrap.container(), username=args.username, email=args.email,
                           full_name=args.full_name, org=args.org)
    print(f"admin {user['username']} created; Cognito mailed a temporary password to {args.email}")


if __name__ == "__main__":
    main()
