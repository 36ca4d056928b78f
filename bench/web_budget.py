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
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.support import LocalStack

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


def lighthouse_scores(binary: str) -> dict[str, float]:
    """Lighthouse (mobile, the default form factor) on the home page of a fresh local stack."""
    with LocalStack() as stack:
        with tempfile.TemporaryDirectory() as tmp:
            report = Path(tmp) / "report.json"
            subprocess.run([binary, f"{stack.base}/", "--quiet", "--output=json", f"--output-path={report}",
                            "--only-categories=performance,accessibility",
                            "--chrome-flags=--headless=new --no-sandbox"],
                           check=True, env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")})
            categories = json.loads(report.read_text())["categories"]
            return {name: round(category["score"] * 100) for name, category in categories.items()}


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
