"""`make run`: the whole system on an embedded AWS, on loopback only.

Starts moto's server in this process (127.0.0.1, state machines executing), builds every resource
of infra/template.yaml, seeds the demo province, relays SNS events to the app's handlers, and serves
the API with Chalice's local server. Data lives in memory: Ctrl-C ends it all and frees the ports.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
import threading
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
SHUTDOWN_SECONDS = 10


def start_embedded_aws(port: int) -> Any:
    """The embedded AWS: moto's server on loopback in this process, executing state machines; `.stop()` ends it."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address=HOST, port=port, verbose=False)
    server.start()
    request = urllib.request.Request(
        f"http://{HOST}:{port}/moto-api/config", method="POST",
        data=json.dumps({"stepfunctions": {"execute_state_machine": True}}).encode(),
        headers={"Content-Type": "application/json"},
    )
    urllib.request.urlopen(request, timeout=10).read()  # noqa: S310 - loopback only
    return server


def _stage_environment() -> dict[str, str]:
    config = json.loads((ROOT / ".chalice" / "config.json").read_text())
    return {**config.get("environment_variables", {}), **config["stages"]["local"]["environment_variables"]}


def main(argv: list[str] | None = None) -> int:
    """Run the local stack until Ctrl-C."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")), help="API port")
    parser.add_argument("--aws-port", type=int, default=int(os.environ.get("AWS_PORT", "5000")),
                        help="embedded AWS (moto) port")
    args = parser.parse_args(argv)

    os.environ.update({
        "AWS_ACCESS_KEY_ID": "local", "AWS_SECRET_ACCESS_KEY": "local", "AWS_DEFAULT_REGION": "ap-southeast-3",
        "AWS_REGION": "ap-southeast-3", "AWS_ENDPOINT_URL": f"http://{HOST}:{args.aws_port}",
        "PUBLIC_BASE_URL": f"http://{HOST}:{args.port}",
        # The state machine's service integrations call back into the embedded AWS at localhost:MOTO_PORT.
        "MOTO_PORT": str(args.aws_port),
    })
    os.environ.update(_stage_environment())
    os.environ.pop("AWS_PROFILE", None)

    # The embedded AWS logs every call it serves; the API's own request lines are what a user reads.
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    moto = start_embedded_aws(args.aws_port)
    from chalice.cli.factory import CLIFactory
    from chalice.local import LocalDevServer

    from chalicelib import bootstrap
    from infra import local_stack, seed
    from infra.local_gateway import ProjectRequestHandler

    local_stack.serialize_moto_dynamodb()
    local_stack.untrack_moto_models()
    os.environ.update(local_stack.build(endpoint_url=os.environ["AWS_ENDPOINT_URL"]))
    from infra import local_bsre  # the certified signing service of the demo's Sekda, on loopback

    bsre, bsre_env = local_bsre.start_for_local_stack(os.environ["AWS_REGION"], os.environ["AWS_ENDPOINT_URL"])
    os.environ.update(bsre_env)
    bootstrap.reset()
    users = seed.seed(bootstrap.container())

    sys.path.insert(0, str(ROOT))
    factory = CLIFactory(str(ROOT))
    config = factory.create_config_obj(chalice_stage_name="local")
    app = factory.load_chalice_app(os.environ)
    server = LocalDevServer(app, config, HOST, args.port, handler_cls=ProjectRequestHandler)

    stop = threading.Event()
    from app import deliver_staff_alerts, on_event, roll_month_counters  # the module chalice just loaded
    from infra.event_pump import EventPump, run_schedule

    pump = EventPump(os.environ["EVENTS_TOPIC_ARN"], on_event, region=os.environ["AWS_REGION"],
                     endpoint_url=os.environ["AWS_ENDPOINT_URL"])
    threading.Thread(target=pump.run, args=(stop,), daemon=True).start()
    # Staff alerts go out every minute when deployed, every 15 s here (to the embedded SES and SNS), two minutes
    # (`DUE_LAG`) after their notification in both. The 07:00 digest has no local clock: the tests call
    # `send_daily_digest` with the time they choose.
    threading.Thread(target=run_schedule, args=(stop, 15, deliver_staff_alerts, "deliver-staff-alerts"),
                     daemon=True).start()
    # The move of past months' counters runs daily when deployed, hourly here (a stack left running over a month's end).
    threading.Thread(target=run_schedule, args=(stop, 3600, roll_month_counters, "roll-month-counters"),
                     daemon=True).start()

    def _stop(*_: Any) -> None:
        stop.set()

    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    thread = threading.Thread(target=server.server.serve_forever, daemon=True)
    thread.start()
    _print_banner(args.port, args.aws_port, users)
    # Wake up now and then: the kernel may deliver Ctrl-C to another thread, and Python runs the handler only when
    # the main thread next executes; an endless wait would never see it.
    while not stop.wait(timeout=0.5):
        pass

    def shut_down() -> None:
        # Printing happens here too: a reader that stopped draining our output must not keep the ports.
        print("\nStopping: the API, then the embedded AWS (in-memory data is discarded).", flush=True)
        server.shutdown()
        server.server.server_close()
        bsre.stop()
        moto.stop()

    closing = threading.Thread(target=shut_down, daemon=True)
    closing.start()
    closing.join(timeout=SHUTDOWN_SECONDS)
    if closing.is_alive():
        # A server thread still busy (a client holding a connection, an execution mid-call) must not keep
        # the ports: leaving the process closes every socket at once.
        _say_without_blocking(f"Stopped after {SHUTDOWN_SECONDS} s without waiting for busy threads.")
        os._exit(0)
    return 0


def _say_without_blocking(message: str) -> None:
    """Write a last line to stderr unless that would block (a full pipe nobody reads)."""
    try:
        os.set_blocking(2, False)
        os.write(2, (message + "\n").encode())
    except OSError:
        pass


def _print_banner(port: int, aws_port: int, users: dict[str, list[str]]) -> None:
    url = f"http://{HOST}:{port}"
    lines = [
        "",
        "Kantor Virtual is running on an embedded AWS (moto, in memory: nothing is kept after Ctrl-C).",
        f"  web app        {url}/   (the API also answers under {url}/api/…)",
        f"  API            {url}",
        f"  API docs       {url}/docs",
        f"  embedded AWS   http://{HOST}:{aws_port}  (tables, buckets, topic, key, state machine of infra/)",
        "",
        "Demo users (no password in the local stage; POST /auth/dev-login gives a token):",
    ]
    for role in ("admin", "auditor", "operator", "employee", "public"):
        lines.append(f"  {role:<9} {', '.join(users.get(role, []))}")
    from infra.local_bsre import DEMO_ORGS, DEMO_SIGNERS

    lines += ["", f"Certified signatures (TTE, local BSrE stand-in) for {', '.join(DEMO_ORGS)}: approve the signing step "
              "with the passphrase in the decision body:"]
    lines += [f"  {username:<9} passphrase {passphrase}" for username, (_, _, passphrase) in DEMO_SIGNERS.items()]
    lines += [
        "",
        "Try it:",
        f"  TOKEN=$(curl -s -X POST {url}/auth/dev-login -H 'Content-Type: application/json' \\",
        "          -d '{\"username\": \"admin\"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)[\"token\"])')",
        f"  curl -s {url}/me -H \"Authorization: Bearer $TOKEN\"",
        "",
        "In a browser, a tracking code or the QR code of a signed letter opens a page (Indonesian):",
        f"  {url}/public/track/<kode lacak>    {url}/public/verify/<kode verifikasi>",
        "",
        "Ctrl-C stops everything.",
    ]
    print("\n".join(lines), flush=True)


if __name__ == "__main__":
    sys.exit(main())
