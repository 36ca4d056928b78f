"""The Cognito user pool as the directory of accounts: sign-in, groups (the role) and the attributes tokens carry.

DynamoDB keeps the user record; this adapter makes the pool agree with it. Every method is safe to repeat:
a retry after a failure halfway (or a replayed create) converges on the same account.
"""

from __future__ import annotations

from typing import Any, Protocol

from chalicelib.adapters import aws
from chalicelib.domain.org import User


class UserDirectory(Protocol):
    """The port the admin use cases provision accounts through."""

    def provision(self, user: User) -> None:
        """Create the account of a new user (an invitation is mailed); harmless when it exists."""

    def sync(self, user: User) -> None:
        """Make the account match `user`: attributes, group, enabled or disabled (and signed out)."""


def attributes(user: User) -> list[dict[str, str]]:
    """The attributes the authorizer and the web app read (custom:org, custom:position), and the contact.

    The address is the one the admin entered, so it counts as verified: invitations and password resets go there.
    The phone stays in the user record only (no SMS sign-in or recovery).
    """
    values = {"name": user.full_name, "custom:org": user.org, "custom:position": user.position}
    if user.email:
        values.update({"email": user.email, "email_verified": "true"})
    return [{"Name": name, "Value": value} for name, value in values.items() if value]


def cleared(user: User) -> list[str]:
    """The custom attributes `user` has no value for (deleted from the account, not set to '')."""
    return [name for name, value in (("custom:org", user.org), ("custom:position", user.position)) if not value]


class CognitoDirectory:
    """Accounts in the stage's user pool (moto's in the local and test stages)."""

    def __init__(self, user_pool_id: str, region: str) -> None:
        self.pool = user_pool_id
        self.region = region

    @property
    def _client(self) -> Any:
        return aws.client("cognito-idp", self.region)

    def provision(self, user: User) -> None:
        """AdminCreateUser with the invitation e-mail (a temporary password), then the role's group."""
        cognito = self._client
        try:
            cognito.admin_create_user(UserPoolId=self.pool, Username=user.username, UserAttributes=attributes(user),
                                      DesiredDeliveryMediums=["EMAIL"])
        except cognito.exceptions.UsernameExistsException:
            # A replayed create, or an account made by hand: only complete a group left out by a failure
            # halfway; never overwrite what a later change wrote.
            if self._groups(user.username):
                return
        cognito.admin_add_user_to_group(UserPoolId=self.pool, Username=user.username, GroupName=user.role.value)

    def sync(self, user: User) -> None:
        """Attributes, exactly one group (the role), and the account enabled, or disabled and signed out."""
        cognito = self._client
        try:
            cognito.admin_update_user_attributes(UserPoolId=self.pool, Username=user.username,
                                                 UserAttributes=attributes(user))
        except cognito.exceptions.UserNotFoundException:
            # A record older than provisioning: an active one gets its account now; an inactive one needs none.
            if user.active:
                self.provision(user)
            return
        if cleared(user):
            cognito.admin_delete_user_attributes(UserPoolId=self.pool, Username=user.username,
                                                 UserAttributeNames=cleared(user))
        groups = self._groups(user.username)
        for group in groups - {user.role.value}:
            cognito.admin_remove_user_from_group(UserPoolId=self.pool, Username=user.username, GroupName=group)
        if user.role.value not in groups:
            cognito.admin_add_user_to_group(UserPoolId=self.pool, Username=user.username, GroupName=user.role.value)
        if user.active:
            cognito.admin_enable_user(UserPoolId=self.pool, Username=user.username)
        else:
            cognito.admin_disable_user(UserPoolId=self.pool, Username=user.username)
            # Revokes the refresh tokens: no new ID token; the app refuses the ones still unexpired.
            cognito.admin_user_global_sign_out(UserPoolId=self.pool, Username=user.username)

    def _groups(self, username: str) -> set[str]:
        listed = self._client.admin_list_groups_for_user(UserPoolId=self.pool, Username=username)
        return {g["GroupName"] for g in listed["Groups"]}
