"""`make run` stops on SIGTERM as on Ctrl-C (a process manager, `docker stop`, `timeout`), within 10 s."""

from __future__ import annotations

import signal
import socket
import time

from tests.integration.test_make_run import local_stack_process  # noqa: F401 - the fixture: a stack of its own

STOP_SECONDS = 10


def test_sigterm_stops_the_stack_and_frees_the_ports_even_with_a_client_connected(local_stack_process):  # noqa: F811
    client, _, process, ports = local_stack_process
    assert client.call("GET", "/openapi.json")[0] == 200
    idle = socket.create_connection(("127.0.0.1", ports[0]))  # a browser's idle keep-alive connection
    try:
        started = time.monotonic()
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=STOP_SECONDS + 5) == 0
        assert time.monotonic() - started <= STOP_SECONDS
    finally:
        idle.close()
    for port in ports:
        with socket.socket() as s:
            assert s.connect_ex(("127.0.0.1", port)) != 0
