"""Electronic signatures with a KMS asymmetric key (ECC_NIST_P256, ECDSA_SHA_256) over a content hash."""

from __future__ import annotations

import base64
from typing import Any

from botocore.exceptions import ClientError

from chalicelib.adapters import aws

ALGORITHM = "ECDSA_SHA_256"


class Signer:
    """Signs and verifies SHA-256 digests; the private key never leaves KMS."""

    def __init__(self, key_id: str, region: str) -> None:
        self.key_id = key_id
        self.region = region

    def _kms(self) -> Any:
        return aws.client("kms", self.region)

    def sign(self, digest_hex: str) -> tuple[str, str]:
        """The base64 signature of a SHA-256 digest and the ARN of the key that made it."""
        result = self._kms().sign(KeyId=self.key_id, Message=bytes.fromhex(digest_hex), MessageType="DIGEST",
                                  SigningAlgorithm=ALGORITHM)
        return base64.b64encode(result["Signature"]).decode(), result["KeyId"]

    def verify(self, digest_hex: str, signature_b64: str, key_id: str | None = None) -> bool:
        """True when the signature matches the digest under the key."""
        try:
            result = self._kms().verify(KeyId=key_id or self.key_id, Message=bytes.fromhex(digest_hex),
                                        MessageType="DIGEST", Signature=base64.b64decode(signature_b64),
                                        SigningAlgorithm=ALGORITHM)
        except ClientError as exc:
            if exc.response["Error"]["Code"] == "KMSInvalidSignatureException":
                return False
            raise
        return bool(result["SignatureValid"])
