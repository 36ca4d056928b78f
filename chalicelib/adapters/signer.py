"""Electronic signatures with a KMS asymmetric key (ECC_NIST_P256, ECDSA_SHA_256) over a content hash.

What is signed is the 32 bytes of the content hash as a RAW message (KMS hashes them once more with SHA-256):
the standard ECDSA-SHA256 over a small file, so anyone holding the public key can check a letter offline with
`openssl dgst -sha256 -verify key.pem -signature sig.der hash.bin`, and moto, which treats every message as
RAW, signs exactly as KMS does.
"""

from __future__ import annotations

import base64
import threading
from typing import Any

from chalicelib.adapters import aws

ALGORITHM = "ECDSA_SHA_256"

# Public keys by key ARN, fetched once per container: a public key never changes for a given key (rotation makes
# a new key with a new ARN, and every signature records the ARN of the key that made it).
_PUBLIC_KEYS: dict[str, Any] = {}
_PUBLIC_KEYS_LOCK = threading.Lock()


class Signer:
    """Signs and verifies SHA-256 digests; the private key never leaves KMS."""

    def __init__(self, key_id: str, region: str) -> None:
        self.key_id = key_id
        self.region = region

    def _kms(self) -> Any:
        return aws.client("kms", self.region)

    def sign(self, digest_hex: str) -> tuple[str, str]:
        """The base64 signature of a SHA-256 digest and the ARN of the key that made it."""
        result = self._kms().sign(KeyId=self.key_id, Message=bytes.fromhex(digest_hex), MessageType="RAW",
                                  SigningAlgorithm=ALGORITHM)
        return base64.b64encode(result["Signature"]).decode(), result["KeyId"]

    def verify(self, digest_hex: str, signature_b64: str, key_id: str | None = None) -> bool:
        """True when the signature matches the digest under the key.

        Verified locally with the key's public half (what AWS recommends for public verification): the first
        verification of a key calls KMS GetPublicKey, every later one costs no AWS call.
        """
        from cryptography.exceptions import InvalidSignature
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import ec

        public_key, _ = self._public_key(key_id or self.key_id)
        try:
            public_key.verify(base64.b64decode(signature_b64, validate=True), bytes.fromhex(digest_hex),
                              ec.ECDSA(hashes.SHA256()))
        except (InvalidSignature, ValueError):
            return False
        return True

    def _public_key(self, key_id: str) -> tuple[Any, bytes]:
        cached = _PUBLIC_KEYS.get(key_id)
        if cached is None:
            from cryptography.hazmat.primitives.serialization import load_der_public_key

            result = self._kms().get_public_key(KeyId=key_id)
            der = result["PublicKey"]
            cached = (load_der_public_key(der), der)
            with _PUBLIC_KEYS_LOCK:
                _PUBLIC_KEYS[key_id] = cached
                _PUBLIC_KEYS[result["KeyId"]] = cached
        return cached
