"""`make run` as a newcomer uses it: the local stack in its own process, on loopback, driven over HTTP."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import urllib.error
import urllib.request
from typing import Any

import pytest

from tests.support import LocalStack, wait_until


class Client:
    def __init__(self, base: str) -> None:
        self.base = base

    def call(self, method: str, path: str, body: Any = None, token: str | None = None) -> tuple[int, Any]:
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"null")

    def token(self, username: str) -> str:
        status, body = self.call("POST", "/auth/dev-login", {"username": username})
        assert status == 200, body
        return body["token"]


@pytest.fixture(scope="module")
def local_stack_process():
    stack = LocalStack().start()
    yield Client(stack.base), stack.banner, stack.process, (stack.port, stack.aws_port)
    if stack.process.poll() is None:
        stack.process.kill()


def test_the_banner_tells_the_url_the_demo_users_and_a_curl_example(local_stack_process):
    client, banner, _, _ = local_stack_process
    assert client.base in banner and "/docs" in banner
    assert "admin" in banner and "kadis.kominfo" in banner and "warga" in banner
    assert "curl -s -X POST" in banner and "in memory" in banner


def test_a_letter_climbs_its_chain_on_the_embedded_state_machine(local_stack_process):
    client, *_ = local_stack_process
    drafter = client.token("staf.kominfo")
    status, letter = client.call("POST", "/letters", {
        "type": "surat_dinas", "classification": "000.1.2", "subject": "Uji coba make run", "body": "Isi surat",
        "addressees": [{"kind": "position", "code": "SEKRETARIS"}], "cc": [], "signatory": "KADIS",
        "security": "biasa", "urgency": "biasa"}, drafter)
    assert status == 201, letter
    assert client.call("POST", f"/letters/{letter['id']}/submit", None, drafter)[0] == 200
    for reviewer in ("kasi.layanan", "kabid.aptika", "kadis.kominfo"):
        token = client.token(reviewer)
        wait_until(lambda t=token: any(i["letter_id"] == letter["id"] for i in client.call("GET", "/approvals",
                                                                                           None, t)[1]["items"]),
                   message=f"the step of {reviewer}")
        status, decided = client.call("POST", f"/letters/{letter['id']}/decision", {"decision": "approve"}, token)
        assert status == 200, decided
    status, signed = client.call("GET", f"/letters/{letter['id']}", None, drafter)
    assert signed["state"] == "sent" and signed["number"].startswith("000.1.2/")


def test_every_server_listens_on_loopback_only_and_ctrl_c_frees_the_ports(local_stack_process):
    _, _, process, ports = local_stack_process
    for port in ports:
        with socket.socket() as s:
            assert s.connect_ex(("127.0.0.1", port)) == 0
    listening = subprocess.run(["ss", "-ltnH"], capture_output=True, text=True).stdout if _has_ss() else ""
    for port in ports:
        assert f"0.0.0.0:{port}" not in listening and f"*:{port}" not in listening
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=60) == 0
    for port in ports:
        with socket.socket() as s:
            assert s.connect_ex(("127.0.0.1", port)) != 0


def _has_ss() -> bool:
    return subprocess.run(["sh", "-c", "command -v ss"], capture_output=True).returncode == 0
