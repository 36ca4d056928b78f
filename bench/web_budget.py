"""The public home's first load: compressed JS against the 200 KB budget, and Lighthouse's mobile scores.

    python -m bench.web_budget            # JS size of web/dist (make web first)
    python -m bench.web_budget --lighthouse  # also Lighthouse (mobile) against a local stack, if installed

The JS figure is what a browser downloads to show `/`: the entry script and the modules it preloads
(route chunks load later, on their pages), gzip-compressed as the local gateway and CloudFront send them.
Lighthouse is not a dependency of the app (it is large): `cd web && npm install --no-save lighthouse`
makes it available; it drives Debian's Chromium (CHROME_PATH, default /usr/bin/chromium), offline.
Exits 1 when a budget is missed.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "web" / "dist"
JS_BUDGET_KB = 200
PERFORMANCE_BUDGET = 90
ACCESSIBILITY_BUDGET = 95


def first_load_js() -> dict[str, int]:
    """Compressed bytes of each JS file the home page loads before any route chunk."""
    html = (DIST / "index.html").read_text()
    names = (re.findall(r'<script[^>]+src="([^"]+\.js)"', html)
             + re.findall(r'<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"', html))
    return {name: len(gzip.compress((DIST / name.lstrip("/")).read_bytes(), 6)) for name in dict.fromkeys(names)}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def lighthouse_scores(binary: str) -> dict[str, float]:
    """Lighthouse (mobile, the default form factor) on the home page of a fresh local stack."""
    port, aws_port = _free_port(), _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    stack = subprocess.Popen([sys.executable, "-m", "infra.run_local", "--port", str(port), "--aws-port", str(aws_port)],
                             cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/public/orgs", timeout=2).read()  # noqa: S310
                break
            except OSError:
                if time.monotonic() > deadline or stack.poll() is not None:
                    raise RuntimeError("the local stack did not start") from None
                time.sleep(0.5)
        with tempfile.TemporaryDirectory() as tmp:
            report = Path(tmp) / "report.json"
            subprocess.run([binary, f"http://127.0.0.1:{port}/", "--quiet", "--output=json", f"--output-path={report}",
                            "--only-categories=performance,accessibility",
                            "--chrome-flags=--headless=new --no-sandbox"],
                           check=True, env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")})
            categories = json.loads(report.read_text())["categories"]
            return {name: round(category["score"] * 100) for name, category in categories.items()}
    finally:
        stack.terminate()
        stack.wait(timeout=20)


def main(argv: list[str]) -> int:
    if not (DIST / "index.html").is_file():
        print("web/dist is missing: run `make web` first")
        return 1
    files = first_load_js()
    total_kb = sum(files.values()) / 1024
    for name, size in files.items():
        print(f"  {name:<40} {size / 1024:7.1f} KB gzip")
    ok = total_kb <= JS_BUDGET_KB
    print(f"public home, first load: {total_kb:.1f} KB of compressed JS (budget {JS_BUDGET_KB} KB) {'ok' if ok else 'OVER'}")
    if "--lighthouse" in argv:
        binary = shutil.which("lighthouse") or str(ROOT / "web" / "node_modules" / ".bin" / "lighthouse")
        if not Path(binary).exists():
            print("lighthouse is not installed: cd web && npm install --no-save lighthouse")
            return 1
        scores = lighthouse_scores(binary)
        perf, a11y = scores.get("performance", 0), scores.get("accessibility", 0)
        print(f"Lighthouse (mobile) on /: performance {perf} (budget {PERFORMANCE_BUDGET}), "
              f"accessibility {a11y} (budget {ACCESSIBILITY_BUDGET})")
        ok = ok and perf >= PERFORMANCE_BUDGET and a11y >= ACCESSIBILITY_BUDGET
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
