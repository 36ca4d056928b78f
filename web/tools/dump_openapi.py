"""Write the API's OpenAPI document to a file (or stdout), offline: no server, no AWS.

`npm run gen:api` (or `make web-api`) feeds it to openapi-typescript to regenerate the web client's types.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def render() -> str:
    """The document as the web client's generator reads it (stable key order, trailing newline)."""
    sys.path.insert(0, str(ROOT))
    # The document reads a few settings (the page-size maximum); it names no resource, so the local stage's
    # settings with placeholder resource names describe the API exactly as `make run` serves it.
    config = json.loads((ROOT / ".chalice" / "config.json").read_text())
    for name, value in {**config.get("environment_variables", {}),
                        **config["stages"]["local"]["environment_variables"]}.items():
        os.environ.setdefault(name, value)
    for name in ("TABLE_NAME", "FILES_BUCKET", "ARCHIVE_BUCKET", "EVENTS_TOPIC_ARN", "SIGNING_KEY_ID",
                 "APPROVAL_STATE_MACHINE_ARN", "SENDER_EMAIL"):
        os.environ.setdefault(name, "offline")
    from chalicelib.api.openapi import document

    return json.dumps(document(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def main(argv: list[str]) -> int:
    """Write the document to argv[0], or print it."""
    text = render()
    if argv:
        Path(argv[0]).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
