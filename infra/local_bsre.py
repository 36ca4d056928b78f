"""A local stand-in for BSrE's signing service (API v2 shape) with its own test CA and timestamp authority.

`make run` starts it on loopback when some org signs with certified signatures; the tests start it in-process on
a free port. It signs PDFs as PAdES B-T with pyHanko (certificate + a timestamp of its TSA) and can be told to
refuse: a wrong passphrase, an unregistered NIK, an expired or revoked certificate, or the whole service down.

Routes (HTTP Basic auth with the client credentials):
  GET  /api/v2/user/check/status/{nik}  → {"status_code", "status": ISSUE|EXPIRED|REVOKED, "message"} or 404
  POST /api/v2/sign/pdf    {"nik", "passphrase", "signatureProperties": [{...}], "file": [base64]} → {"file": [...]}
  POST /api/v2/verify/pdf  {"file": base64} → {"conclusion": VALID|INVALID, "signatureInformations": [...]}
"""

from __future__ import annotations

import base64
import io
import json
import secrets
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

# Error codes of this stand-in (the real service documents its own; the adapter maps both by meaning).
NOT_REGISTERED = 1110
WRONG_PASSPHRASE = 2031
CERTIFICATE_NOT_VALID = 2021


@dataclass
class Enrolment:
    """A signer registered with the service: name, passphrase and the state of their certificate."""

    name: str
    passphrase: str
    status: str = "ISSUE"  # ISSUE (active), EXPIRED, REVOKED
    cert: Any = None
    key: Any = None


@dataclass
class _Pki:
    """The test root CA, the TSA and how to issue signer certificates (cryptography + asn1crypto for pyHanko)."""

    root_key: Any
    root_cert: Any
    tsa: Any
    issued: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    @staticmethod
    def _asn1(cert: Any, key: Any) -> tuple[Any, Any]:
        from asn1crypto import keys, x509
        from cryptography.hazmat.primitives import serialization

        return (x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)),
                keys.PrivateKeyInfo.load(key.private_bytes(serialization.Encoding.DER,
                                                           serialization.PrivateFormat.PKCS8,
                                                           serialization.NoEncryption())))

    @classmethod
    def create(cls) -> _Pki:
        from cryptography import x509
        from cryptography.hazmat.primitives.asymmetric import ec, rsa
        from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

        root_key = ec.generate_private_key(ec.SECP256R1())
        name = _name("Root CA BSrE Uji Lokal")
        root = _builder(name, name, root_key.public_key(), 3650).add_extension(
            x509.BasicConstraints(ca=True, path_length=None), critical=True).add_extension(
            x509.KeyUsage(digital_signature=False, content_commitment=False, key_encipherment=False,
                          data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
                          encipher_only=False, decipher_only=False), critical=True).sign(root_key, _sha256())
        tsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)  # pyHanko's own TSA signs RSA
        tsa = _builder(_name("TSA BSrE Uji Lokal"), name, tsa_key.public_key(), 3650).add_extension(
            x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.TIME_STAMPING]), critical=True).sign(
            root_key, _sha256())
        tsa_cert, tsa_pk = cls._asn1(tsa, tsa_key)
        root_asn1, _ = cls._asn1(root, root_key)
        return cls(root_key, root, DummyTimeStamper(tsa_cert, tsa_pk, certs_to_embed=[root_asn1]))

    def root_pem(self) -> str:
        """The root CA certificate (PEM): what verifiers trust."""
        from cryptography.hazmat.primitives import serialization

        return self.root_cert.public_bytes(serialization.Encoding.PEM).decode()

    def issue(self, common_name: str) -> tuple[Any, Any]:
        """A signing certificate of a person (non-repudiation), valid for two years from now; the NIK stays out
        of it (a certificate is embedded in every PDF it signs).
        """
        from cryptography import x509
        from cryptography.hazmat.primitives.asymmetric import ec

        key = ec.generate_private_key(ec.SECP256R1())
        cert = _builder(_name(common_name), self.root_cert.subject, key.public_key(), 730).add_extension(
            x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                          data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
                          encipher_only=False, decipher_only=False), critical=True).sign(self.root_key, _sha256())
        return self._asn1(cert, key)


def _sha256() -> Any:
    from cryptography.hazmat.primitives import hashes

    return hashes.SHA256()


def _name(common_name: str) -> Any:
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Balai Sertifikasi Elektronik (uji lokal)"),
                      x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _builder(subject: Any, issuer: Any, public_key: Any, days: int) -> Any:
    from cryptography import x509

    now = datetime.now(UTC)
    return (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer).public_key(public_key)
            .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(minutes=5))
            .not_valid_after(now + timedelta(days=days)))


class LocalBsre:
    """The service: enrolments, switches, and the HTTP server on loopback."""

    def __init__(self, client_id: str = "kantor-virtual", client_secret: str | None = None) -> None:
        self.client_id = client_id
        self.client_secret = client_secret or secrets.token_urlsafe(24)
        self.pki = _Pki.create()
        self.users: dict[str, Enrolment] = {}
        self.available = True  # False: every request answers 503 (the service is down)
        self.calls: list[str] = []  # "METHOD path" of every request, for tests counting calls
        self._server: ThreadingHTTPServer | None = None

    # ------------------------------------------------------------ setup

    def enrol(self, nik: str, name: str, passphrase: str, status: str = "ISSUE") -> None:
        """Register a signer and issue their certificate."""
        cert, key = self.pki.issue(name)
        self.users[nik] = Enrolment(name, passphrase, status, cert, key)

    def start(self, port: int = 0) -> str:
        """Serve on 127.0.0.1 (a free port by default) in a daemon thread; returns the base URL."""
        service = self

        class Handler(_Handler):
            bsre = service

        self._server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, name="local-bsre", daemon=True).start()
        return self.url

    @property
    def url(self) -> str:
        """The base URL of the running service."""
        assert self._server is not None, "the service is not started"
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def stop(self) -> None:
        """Stop serving and free the port."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def secret(self, signers: dict[str, str]) -> dict[str, Any]:
        """The Secrets Manager value the app reads for this service (URL, credentials, NIKs, trusted root)."""
        return {"url": self.url, "client_id": self.client_id, "client_secret": self.client_secret,
                "signers": signers, "trust_roots": [self.pki.root_pem()]}

    # ------------------------------------------------------------ the API

    def status(self, nik: str) -> tuple[int, dict[str, Any]]:
        """GET /api/v2/user/check/status/{nik}: whether the NIK is registered and its certificate active."""
        user = self.users.get(nik)
        if user is None:
            return 404, {"status_code": NOT_REGISTERED, "status": "NOT_REGISTERED",
                         "message": "NIK tidak terdaftar pada layanan TTE"}
        return 200, {"status_code": 1111 if user.status == "ISSUE" else CERTIFICATE_NOT_VALID,
                     "status": user.status, "message": {"ISSUE": "Sertifikat aktif", "EXPIRED": "Sertifikat kedaluwarsa",
                                                        "REVOKED": "Sertifikat dicabut"}.get(user.status, user.status)}

    def sign(self, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """POST /api/v2/sign/pdf: the PDF signed as PAdES B-T, or the reason it is refused."""
        user = self.users.get(str(body.get("nik", "")))
        if user is None:
            return 404, {"status_code": NOT_REGISTERED, "error": "NIK tidak terdaftar pada layanan TTE"}
        if user.status != "ISSUE":
            return 400, {"status_code": CERTIFICATE_NOT_VALID, "error": f"Sertifikat tidak aktif ({user.status})"}
        if not secrets.compare_digest(str(body.get("passphrase", "")).encode(), user.passphrase.encode()):
            return 400, {"status_code": WRONG_PASSPHRASE, "error": "Passphrase salah"}
        try:
            data = base64.b64decode(body["file"][0], validate=True)
            props = (body.get("signatureProperties") or [{}])[0]
        except (KeyError, IndexError, TypeError, ValueError):
            return 400, {"status_code": 2000, "error": "Berkas atau properti tanda tangan tidak sah"}
        return 200, {"file": [base64.b64encode(self._pades(data, user, props)).decode()]}

    def _pades(self, data: bytes, user: Enrolment, props: dict[str, Any]) -> bytes:
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
        from pyhanko.sign import fields, signers
        from pyhanko.sign.fields import SigSeedSubFilter
        from pyhanko.stamp import TextStampStyle
        from pyhanko_certvalidator.registry import SimpleCertificateStore

        with self.pki.lock:
            self.pki.issued += 1
            field_name = f"TTE{self.pki.issued}"
        root, _ = _Pki._asn1(self.pki.root_cert, self.pki.root_key)
        signer = signers.SimpleSigner(signing_cert=user.cert, signing_key=user.key,
                                      cert_registry=SimpleCertificateStore.from_certs([root]))
        box = None
        if props.get("tampilan", "VISIBLE") == "VISIBLE":
            x, y = float(props.get("originX", 0)), float(props.get("originY", 0))
            box = (x, y, x + float(props.get("width", 150)), y + float(props.get("height", 40)))
        spec = fields.SigFieldSpec(field_name, on_page=int(props.get("page", 1)) - 1, box=box)
        meta = signers.PdfSignatureMetadata(field_name=field_name, md_algorithm="sha256",
                                            subfilter=SigSeedSubFilter.PADES, reason=props.get("reason"),
                                            location=props.get("location"), use_pades_lta=False)
        style = TextStampStyle(stamp_text="Ditandatangani secara elektronik oleh\n%(signer)s\n%(ts)s",
                               border_width=0)
        writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
        fields.append_signature_field(writer, spec)
        out = signers.PdfSigner(meta, signer=signer, timestamper=self.pki.tsa, stamp_style=style).sign_pdf(writer)
        return out.getvalue()

    def verify(self, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """POST /api/v2/verify/pdf: the embedded signature checked against this service's root."""
        from chalicelib.adapters import pades

        try:
            data = base64.b64decode(body["file"], validate=True)
        except (KeyError, TypeError, ValueError):
            return 400, {"status_code": 2000, "error": "Berkas tidak sah"}
        found = pades.validate(data, [self.pki.root_pem()])
        return 200, {"conclusion": "VALID" if found.unchanged and found.trusted else "INVALID",
                     "signatureInformations": [found.view()] if found.present else []}


class _Handler(BaseHTTPRequestHandler):
    bsre: LocalBsre
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet: the body holds passphrases
        return

    def _authorised(self) -> bool:
        expected = base64.b64encode(f"{self.bsre.client_id}:{self.bsre.client_secret}".encode()).decode()
        return secrets.compare_digest(self.headers.get("Authorization", ""), f"Basic {expected}")

    def _answer(self, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _route(self, method: str) -> None:
        self.bsre.calls.append(f"{method} {self.path}")
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        if not self.bsre.available:
            return self._answer(503, {"status_code": 5030, "error": "Layanan sedang tidak tersedia"})
        if not self._authorised():
            return self._answer(401, {"status_code": 4010, "error": "Kredensial klien tidak sah"})
        if method == "GET" and self.path.startswith("/api/v2/user/check/status/"):
            return self._answer(*self.bsre.status(self.path.rsplit("/", 1)[-1]))
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            return self._answer(400, {"status_code": 2000, "error": "JSON tidak sah"})
        if method == "POST" and self.path == "/api/v2/sign/pdf":
            return self._answer(*self.bsre.sign(body))
        if method == "POST" and self.path == "/api/v2/verify/pdf":
            return self._answer(*self.bsre.verify(body))
        return self._answer(404, {"status_code": 4040, "error": "Tidak ditemukan"})

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._route("GET")

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        self._route("POST")


# The demo province's certified signer (`make run`): the Sekretaris Daerah signs with a TTE, every other org with
# the KMS seal. The NIK and passphrase are invented for the demo.
DEMO_ORGS = ("SETDA",)
DEMO_SIGNERS = {"sekda": ("5171011201680006", "Dewa Made Indra Wirawan", "tte-sekda-demo")}


def start_for_local_stack(region: str, endpoint_url: str) -> tuple[LocalBsre, dict[str, str]]:
    """Start the service on a free loopback port with the demo signers, store its secret in the embedded Secrets
    Manager, and return it with the app's environment (`CERTIFIED_SIGNING_ORGS`, `BSRE_SECRET_ID`).
    """
    import boto3

    service = LocalBsre()
    for nik, name, passphrase in DEMO_SIGNERS.values():
        service.enrol(nik, name, passphrase)
    service.start()
    secret = service.secret({username: nik for username, (nik, _, _) in DEMO_SIGNERS.items()})
    arn = boto3.client("secretsmanager", region_name=region, endpoint_url=endpoint_url).create_secret(
        Name="kantor-virtual-local-bsre", SecretString=json.dumps(secret))["ARN"]
    return service, {"CERTIFIED_SIGNING_ORGS": ",".join(DEMO_ORGS), "BSRE_SECRET_ID": arn}
