"""Cost of `import app` against importing its third-party dependencies alone (DESIGN §8: at most 1.3×).

Each figure is the median, over fresh `python -c` processes, of the time the imports take inside the
process (interpreter start-up excluded, it is the same for both). The two kinds of process alternate,
so drift of the machine touches both alike. Exits 1 when the ratio is over the budget.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = int(os.environ.get("IMPORT_COST_RUNS", "15"))
BUDGET = 1.3

# The baseline is derived, not hand-written: every third-party module (site-packages) that `import app`
# leaves loaded, imported in the same order without our code. The difference is what our own modules
# cost, plus what they do at import time (building the Chalice app, Powertools objects).
_LIST_DEPENDENCIES = """
import sys, sysconfig
before = set(sys.modules)
import app
site = sysconfig.get_paths()["purelib"]
for name, module in list(sys.modules.items()):
    path = getattr(module, "__file__", None) or ""
    if name not in before and path.startswith(site) and name.split(".")[0] not in OWN:
        print(name)
"""


def dependencies_code() -> str:
    """`import` lines for every third-party module that importing the app loads."""
    env = {**{k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "POWERTOOLS_"))}, **ENV}
    code = f"OWN = {OWN!r}\n" + _LIST_DEPENDENCIES
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return "".join(f"import {name}\n" for name in out.stdout.split())


APP = "import app\n"
OWN = ("app", "chalicelib", "infra")

ENV = {
    "STAGE": "test", "AUTH_MODE": "local", "LOCAL_JWT_SECRET": "import-cost-secret-that-is-long-enough",
    "AWS_DEFAULT_REGION": "ap-southeast-3", "AWS_REGION": "ap-southeast-3",
    "AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench",
    "TABLE_NAME": "t", "FILES_BUCKET": "f", "ARCHIVE_BUCKET": "a",
    "EVENTS_TOPIC_ARN": "arn:aws:sns:ap-southeast-3:123456789012:e", "SIGNING_KEY_ID": "k", "SENDER_EMAIL": "s@x.id",
    "APPROVAL_STATE_MACHINE_ARN": "arn:aws:states:ap-southeast-3:123456789012:stateMachine:s",
    "POWERTOOLS_SERVICE_NAME": "kantor-virtual", "POWERTOOLS_LOG_LEVEL": "WARNING",
    "POWERTOOLS_METRICS_DISABLED": "true", "POWERTOOLS_TRACE_DISABLED": "true",
}


def _timed(code: str) -> str:
    body = "".join(f"    {line}\n" for line in code.strip().splitlines())
    return ("import time\n_t = time.perf_counter()\nif True:\n" + body +
            "print(time.perf_counter() - _t)\n")


def once(code: str) -> float:
    """Seconds the imports of `code` take in a fresh interpreter."""
    env = {**{k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "POWERTOOLS_"))}, **ENV}
    out = subprocess.run([sys.executable, "-c", _timed(code)], cwd=ROOT, env=env, check=True,
                         capture_output=True, text=True)
    return float(out.stdout.strip().splitlines()[-1])


def medians(runs: int = RUNS) -> dict[str, float]:
    """Median import time of each kind of process."""
    codes = {"deps": dependencies_code(), "app": APP}
    samples: dict[str, list[float]] = {name: [] for name in codes}
    once(APP)  # warm the file system cache and the .pyc files first
    for _ in range(runs):
        for name, code in codes.items():
            samples[name].append(once(code))
    return {name: statistics.median(values) for name, values in samples.items()}


def own_modules() -> list[tuple[float, str]]:
    """Self time (ms) of each of our modules in one `python -X importtime -c 'import app'`, costliest first."""
    env = {**{k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "POWERTOOLS_"))}, **ENV}
    out = subprocess.run([sys.executable, "-X", "importtime", "-c", APP], cwd=ROOT, env=env, check=True,
                         capture_output=True, text=True)
    rows = []
    for line in out.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, _cumulative, name = (part.strip() for part in line.removeprefix("import time:").split("|"))
        if name.split(".")[0] in OWN:
            rows.append((int(self_us) / 1000, name))
    return sorted(rows, reverse=True)


def main() -> int:
    """Print both medians and the ratio; 1 when over budget."""
    m = medians()
    ratio = m["app"] / m["deps"]
    print(f"import cost, median of {RUNS} fresh processes each")
    print(f"  dependencies alone (every third-party module `import app` loads): {m['deps'] * 1000:7.1f} ms")
    print(f"  import app:                                                      {m['app'] * 1000:7.1f} ms")
    print(f"  ratio app / dependencies: {ratio:.2f} (budget {BUDGET}) -> {'OK' if ratio <= BUDGET else 'OVER'}")
    rows = own_modules()
    print(f"  our modules' own import time (-X importtime, one run): {sum(ms for ms, _ in rows):.1f} ms; costliest:")
    for ms, name in rows[:8]:
        print(f"    {ms:6.1f} ms  {name}")
    return 0 if ratio <= BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
