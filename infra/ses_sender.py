"""The SES identity that mails senders of submissions, verified on the embedded AWS (moto).

In the deployment the identity (SENDER_EMAIL) is verified once by the domain's DNS records; moto only
needs `verify_email_identity`. Used by the tests and to be called by the local stack after `build()`.
"""

from __future__ import annotations

import boto3

DEFAULT_SENDER = "noreply@kantor-virtual.local"


def verify_sender(address: str = DEFAULT_SENDER, region: str = "ap-southeast-3",
                  endpoint_url: str | None = None) -> str:
    """Verify `address` as an SES identity; returns it."""
    boto3.session.Session(region_name=region).client("ses", endpoint_url=endpoint_url).verify_email_identity(
        EmailAddress=address)
    return address
