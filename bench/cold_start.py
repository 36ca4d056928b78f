"""`import app` as Lambda runs it: from the deployment package `make package` built, on a read-only disk.

Lambda's file system is read-only and wheels ship no bytecode, so a package without .pyc files compiles every
module it imports at every cold start. `make package` precompiles the package (infra/package.py); this prints
the median time of `import app` in fresh processes from the package as built, and from the same package with
its bytecode removed, with nothing but the package and the standard library on the path.

    make package STAGE=dev && python -m bench.cold_start build/dev/deployment.zip
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

_MEASURE = ("import sys, time; sys.path.insert(0, '.'); t = time.perf_counter(); import app; "
            "print((time.perf_counter() - t) * 1000)")


def median_import_ms(task_root: Path, runs: int) -> float:
    """Median milliseconds of `import app` in fresh interpreters (no site-packages, no bytecode written)."""
    env = {"PATH": "/usr/bin:/bin", "PYTHONDONTWRITEBYTECODE": "1"}
    times = [float(subprocess.run([sys.executable, "-S", "-c", _MEASURE], cwd=task_root, env=env, check=True,
                                  capture_output=True, text=True).stdout) for _ in range(runs)]
    return statistics.median(times)


def main(argv: list[str] | None = None) -> None:
    """Unpack the package twice (as built, and without bytecode) and time `import app` in each."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("zip", type=Path, nargs="?", default=Path("build/dev/deployment.zip"))
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args(argv)
    if not args.zip.is_file():
        sys.exit(f"{args.zip} is missing: run `make package STAGE=dev` first")
    with tempfile.TemporaryDirectory() as tmp:
        built, bare = Path(tmp) / "built", Path(tmp) / "bare"
        with zipfile.ZipFile(args.zip) as package:
            package.extractall(built)
        shutil.copytree(built, bare)
        for cache in sorted(bare.rglob("__pycache__"), reverse=True):
            shutil.rmtree(cache)
        with_bytecode, without = median_import_ms(built, args.runs), median_import_ms(bare, args.runs)
    pyc = sum(1 for name in zipfile.ZipFile(args.zip).namelist() if name.endswith(".pyc"))
    print(f"cold `import app` from {args.zip} (median of {args.runs} fresh processes, read-only as on Lambda)")
    print(f"  as packaged ({pyc} modules precompiled): {with_bytecode:7.1f} ms")
    print(f"  the same without bytecode:              {without:7.1f} ms  ({without / with_bytecode:.1f}x slower)")


if __name__ == "__main__":
    main()
