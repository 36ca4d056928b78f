"""`make package` ships bytecode: every module of the deployment zip gets an unchecked-hash .pyc, so a cold
start on Lambda's read-only file system does not compile the app and its dependencies again."""

from __future__ import annotations

import importlib
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from infra import package

pytestmark = pytest.mark.skipif(sys.version_info[:2] != package.LAMBDA_PYTHON, reason="bytecode is per version")


def _zip(path: Path, files: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files.items():
            z.writestr(name, text)
    return path


def test_every_module_gets_bytecode_that_python_uses_without_checking_the_source(tmp_path):
    built = _zip(tmp_path / "deployment.zip", {
        "app.py": "ANSWER = 42\n",
        "chalicelib/__init__.py": "",
        "chalicelib/rules.py": "def double(x):\n    return 2 * x\n",
        "requirements-data/README.txt": "not python",
    })
    assert package.precompile(built) == 3
    with zipfile.ZipFile(built) as z:
        names = set(z.namelist())
        z.extractall(tmp_path / "task")
    tag = sys.implementation.cache_tag
    assert {f"__pycache__/app.{tag}.pyc", f"chalicelib/__pycache__/rules.{tag}.pyc",
            "app.py", "chalicelib/rules.py", "requirements-data/README.txt"} <= names
    # An unchecked-hash .pyc is used even when the source's time stamp (or content) differs: prove it by
    # changing the source after the build; the import still runs the packaged bytecode.
    (tmp_path / "task" / "app.py").write_text("ANSWER = 0\n")
    check = ("import sys; sys.path.insert(0, sys.argv[1]); import app, chalicelib.rules; "
             "print(app.ANSWER, chalicelib.rules.double(21), app.__cached__ is not None)")
    out = subprocess.run([sys.executable, "-c", check, str(tmp_path / "task")], capture_output=True, text=True,
                         check=True, env={"PATH": "/usr/bin:/bin"}).stdout.split()
    assert out == ["42", "42", "True"]


def test_tracebacks_name_the_files_where_lambda_has_them(tmp_path):
    built = _zip(tmp_path / "deployment.zip", {"boom.py": "def fail():\n    raise ValueError('x')\n"})
    package.precompile(built)
    with zipfile.ZipFile(built) as z:
        data = z.read(f"__pycache__/boom.{sys.implementation.cache_tag}.pyc")
    code = importlib._bootstrap_external._compile_bytecode(memoryview(data)[16:])  # type: ignore[attr-defined]
    assert code.co_filename == "/var/task/boom.py"


def test_file_modes_survive_the_rebuild(tmp_path):
    path = tmp_path / "deployment.zip"
    with zipfile.ZipFile(path, "w") as z:
        info = zipfile.ZipInfo("bin/tool")
        info.external_attr = 0o755 << 16
        z.writestr(info, "#!/bin/sh\n")
    package.precompile(path)
    with zipfile.ZipFile(path) as z:
        assert z.getinfo("bin/tool").external_attr >> 16 == 0o755
