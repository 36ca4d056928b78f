"""The certified signing service (BSrE, API v2) over HTTPS: its client credentials, NIKs and trusted roots from
Secrets Manager; short timeouts and few retries so a slow service never holds a request past API Gateway's 29 s;
its refusals re-raised as the domain's (`domain/signatures.py`).

The secret (JSON): `{"url", "client_id", "client_secret", "signers": {username: NIK}, "trust_roots": [PEM]}`.
NIKs are personal data: they live only in this secret (encrypted with KMS by Secrets Manager, every read in
CloudTrail), are sent only to the signing service, and are shown masked. The passphrase is passed through once
and never logged: no log line here includes a request body.
"""

from __future__ import annotations

import base64
import json
import threading
import time
import urllib.error
import urllib.request
from typing import Any

from chalicelib.adapters import aws, pades
from chalicelib.domain.signatures import (
    CertificateNotValid,
    CertifiedPdf,
    SignatureBox,
    SignerNotEnrolled,
    SigningUnavailable,
    WrongPassphrase,
)

NOT_REGISTERED = 1110
WRONG_PASSPHRASE = 2031
CERTIFICATE_NOT_VALID = 2021
CONNECT_AND_STATUS_TIMEOUT = 5.0  # seconds: a status check or a connection
SIGN_TIMEOUT = 20.0  # seconds: one signature (API Gateway cuts a request at 29 s)
ATTEMPTS = 2  # a status check is retried once; a signature only when the request never reached the service
SECRET_TTL = 300.0  # seconds a container keeps the secret (a rotated credential is picked up within minutes)


class BsreClient:
    """Checks signers and signs PDFs through the signing service."""

    def __init__(self, secret_id: str, region: str) -> None:
        self.secret_id = secret_id
        self.region = region
        self._secret: dict[str, Any] | None = None
        self._read_at = 0.0
        self._lock = threading.Lock()

    # ------------------------------------------------------------ configuration

    def secret(self) -> dict[str, Any]:
        """The service's secret, read once per container and kept a few minutes."""
        with self._lock:
            if self._secret is None or time.monotonic() - self._read_at > SECRET_TTL:
                value = aws.client("secretsmanager", self.region).get_secret_value(SecretId=self.secret_id)
                self._secret = json.loads(value["SecretString"])
                self._read_at = time.monotonic()
            return self._secret

    def enrolled_nik(self, username: str) -> str | None:
        """The NIK of an enrolled signer, or None."""
        return (self.secret().get("signers") or {}).get(username)

    def trust_roots(self) -> list[str]:
        """The PEM roots a certified signature must chain to (BSrE's)."""
        return list(self.secret().get("trust_roots") or [])

    # ------------------------------------------------------------ the API

    def check(self, nik: str) -> None:
        """Raise unless the signer's certificate is active (GET /api/v2/user/check/status/{nik})."""
        status, body = self._call("GET", f"/api/v2/user/check/status/{nik}", None, CONNECT_AND_STATUS_TIMEOUT,
                                  retry_sent=True)
        if status == 404 or body.get("status_code") == NOT_REGISTERED:
            raise SignerNotEnrolled(
                "Penanda tangan belum terdaftar pada layanan tanda tangan elektronik tersertifikasi (BSrE); "
                "ajukan pendaftaran sertifikat elektronik melalui admin instansi.")
        self._raise_for(status, body)
        if body.get("status") != "ISSUE":
            raise CertificateNotValid(
                f"Sertifikat elektronik penanda tangan tidak aktif ({body.get('status')}); perbarui sertifikat "
                "melalui admin instansi sebelum menandatangani.", details={"certificate_status": body.get("status")})

    def sign_pdf(self, data: bytes, nik: str, passphrase: str, box: SignatureBox, *, reason: str,
                 location: str) -> CertifiedPdf:
        """The PDF signed by the service (POST /api/v2/sign/pdf), with what its certificate says."""
        request = {"nik": nik, "passphrase": passphrase, "file": [base64.b64encode(data).decode()],
                   "signatureProperties": [{"tampilan": "VISIBLE", "page": box.page, "originX": box.x,
                                            "originY": box.y, "width": box.width, "height": box.height,
                                            "reason": reason, "location": location}]}
        status, body = self._call("POST", "/api/v2/sign/pdf", request, SIGN_TIMEOUT, retry_sent=False)
        self._raise_for(status, body)
        try:
            signed = base64.b64decode(body["file"][0], validate=True)
        except (KeyError, IndexError, TypeError, ValueError) as exc:
            raise SigningUnavailable("Layanan tanda tangan elektronik memberi jawaban yang tidak sah; "
                                     "coba lagi beberapa saat lagi.") from exc
        found = pades.validate(signed, self.trust_roots())
        if not (found.unchanged and found.trusted):  # never archive what a verifier would reject
            raise SigningUnavailable("Dokumen dari layanan tanda tangan elektronik tidak lolos pemeriksaan; "
                                     "coba lagi beberapa saat lagi.")
        return CertifiedPdf(signed, found.signer_name or "", found.subject or "", found.issuer or "",
                            found.serial or "", found.signed_at or "")

    @staticmethod
    def _raise_for(status: int, body: dict[str, Any]) -> None:
        code = body.get("status_code")
        if status == 200:
            return
        if code == WRONG_PASSPHRASE:
            raise WrongPassphrase.field("passphrase", "Passphrase TTE salah; periksa dan kirim lagi.")
        if status == 404 or code == NOT_REGISTERED:
            raise SignerNotEnrolled("Penanda tangan belum terdaftar pada layanan tanda tangan elektronik "
                                    "tersertifikasi (BSrE).")
        if code == CERTIFICATE_NOT_VALID:
            raise CertificateNotValid("Sertifikat elektronik penanda tangan kedaluwarsa atau dicabut; perbarui "
                                      "sertifikat melalui admin instansi.")
        raise SigningUnavailable("Layanan tanda tangan elektronik sedang tidak tersedia; surat tetap menunggu "
                                 "tanda tangan, coba lagi beberapa saat lagi.", details={"service_status": status})

    def _call(self, method: str, path: str, body: dict[str, Any] | None, timeout: float, *,
              retry_sent: bool) -> tuple[int, dict[str, Any]]:
        """One request with Basic auth; connection failures retried, timeouts and 5xx mapped to unavailable."""
        secret = self.secret()
        token = base64.b64encode(f"{secret['client_id']}:{secret['client_secret']}".encode()).decode()
        url = str(secret["url"]).rstrip("/") + path
        if not url.startswith(("https://", "http://127.0.0.1:")):  # HTTPS, or the local stand-in on loopback
            raise SigningUnavailable("Alamat layanan tanda tangan elektronik tidak sah (harus HTTPS).")
        request = urllib.request.Request(  # noqa: S310 - the scheme is checked just above
            url, method=method, data=json.dumps(body).encode() if body else None,
            headers={"Authorization": f"Basic {token}", "Content-Type": "application/json",
                     "Accept": "application/json"})
        for attempt in range(1, ATTEMPTS + 1):
            try:
                with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - URL from the secret
                    return response.status, _json(response.read())
            except urllib.error.HTTPError as exc:
                if exc.code >= 500 and retry_sent and attempt < ATTEMPTS:
                    continue
                return exc.code, _json(exc.read())
            except (TimeoutError, urllib.error.URLError, ConnectionError) as exc:
                reason = getattr(exc, "reason", exc)
                never_sent = isinstance(reason, ConnectionRefusedError)
                if (retry_sent or never_sent) and attempt < ATTEMPTS:
                    continue
                raise SigningUnavailable("Layanan tanda tangan elektronik tidak dapat dihubungi atau tidak menjawab "
                                         "tepat waktu; surat tetap menunggu tanda tangan, coba lagi beberapa saat "
                                         "lagi.") from None
        raise SigningUnavailable("Layanan tanda tangan elektronik tidak tersedia.")  # unreachable: loop returns


def _json(raw: bytes) -> dict[str, Any]:
    try:
        value = json.loads(raw or b"{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
