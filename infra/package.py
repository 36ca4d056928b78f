"""Finish `chalice package --merge-template infra/template.yaml build/<stage>` into a deployable template.

Chalice's merged output (`sam.yaml`) is not deployable as it is: it repeats shared mappings as YAML aliases,
which CloudFormation refuses; the state machine's definition is still a file name in its Metadata; and the
throttling of public routes depends on which routes exist. This writes `template.json` next to it with the
ASL inlined, a throttling entry per route without an authorizer, a CORS preflight (OPTIONS) on every path
answered by the API function, and no aliases.

It also precompiles every module of `deployment.zip` (ours and the dependencies: wheels ship no bytecode, and
Lambda's file system is read-only, so without this every cold start compiles every module it imports again).
The bytecode is written as unchecked-hash .pyc files, valid whatever time stamps the zip gives the sources.

    python -m infra.package build/prod
"""

from __future__ import annotations

import argparse
import compileall
import copy
import json
import py_compile
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from infra.local_stack import INFRA, parse_template

CHALICE_OUTPUT = "sam.yaml"
DEPLOYABLE = "template.json"
DEPLOYMENT_ZIP = "deployment.zip"
LAMBDA_PYTHON = (3, 11)  # the runtime of .chalice/config.json's functions; bytecode is per Python version
LAMBDA_TASK_ROOT = "/var/task"
HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")
PREFLIGHT = "options"


def inline_definitions(template: dict[str, Any]) -> None:
    """Put each state machine's ASL file (Metadata definition_file) into its `Definition`."""
    for resource in template["Resources"].values():
        definition_file = resource.get("Metadata", {}).get("KantorVirtual", {}).get("definition_file")
        if resource["Type"] == "AWS::StepFunctions::StateMachine" and definition_file:
            resource["Properties"]["Definition"] = json.loads((INFRA / definition_file).read_text())


def public_routes(template: dict[str, Any]) -> list[tuple[str, str]]:
    """(path, METHOD) of every route of Chalice's API that has no authorizer."""
    paths = template["Resources"]["RestAPI"]["Properties"]["DefinitionBody"]["paths"]
    return [(path, method.upper()) for path, operations in paths.items() for method, operation in operations.items()
            if method in HTTP_METHODS and method != PREFLIGHT and not operation.get("security")]


def method_setting_path(path: str) -> str:
    """A route's path as API Gateway's MethodSettings want it ('/public/track/{code}' -> '/~1public~1track~1{code}')."""
    return "/" + path.replace("/", "~1")


def throttle_public_routes(template: dict[str, Any]) -> None:
    """Give every route without an authorizer the public rate limits (parameters of the template)."""
    settings = template["Resources"]["RestAPI"]["Properties"].setdefault("MethodSettings", [])
    for path, method in public_routes(template):
        settings.append({
            "ResourcePath": method_setting_path(path),
            "HttpMethod": method,
            "ThrottlingRateLimit": {"Ref": "PublicRateLimit"},
            "ThrottlingBurstLimit": {"Ref": "PublicBurstLimit"},
            "MetricsEnabled": True,
        })


def answer_preflights(template: dict[str, Any]) -> None:
    """Send every path's CORS preflight (OPTIONS, no authorizer) to the API function, which answers it.

    Chalice's own CORS answers preflights in API Gateway with one fixed origin; the allowed origins are a
    stage parameter with several values, so chalicelib/api/cors.py checks the request's origin instead.
    """
    paths = template["Resources"]["RestAPI"]["Properties"]["DefinitionBody"]["paths"]
    for operations in paths.values():
        if PREFLIGHT in operations:
            continue
        route = next(operation for method, operation in operations.items() if method in HTTP_METHODS)
        operations[PREFLIGHT] = {
            "consumes": ["application/json"], "produces": ["application/json"],
            "responses": {"204": {"description": "CORS preflight"}},
            "x-amazon-apigateway-integration": copy.deepcopy(route["x-amazon-apigateway-integration"]),
        }


def finish(chalice_template: dict[str, Any]) -> dict[str, Any]:
    """The deployable template made from Chalice's merged output (which is left unchanged)."""
    template = copy.deepcopy(chalice_template)
    inline_definitions(template)
    throttle_public_routes(template)
    answer_preflights(template)
    return template


def precompile(zip_path: Path) -> int:
    """Add unchecked-hash bytecode for every module of a deployment zip; how many modules were compiled.

    Only with the Lambda runtime's Python (bytecode of another version would be ignored, and wasted space).
    """
    if sys.version_info[:2] != LAMBDA_PYTHON:
        print(f"skipped precompiling: this is Python {sys.version_info[0]}.{sys.version_info[1]}, "
              f"the functions run {LAMBDA_PYTHON[0]}.{LAMBDA_PYTHON[1]}")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "task"
        with zipfile.ZipFile(zip_path) as source:
            source.extractall(root)
            modes = {info.filename: info.external_attr for info in source.infolist()}
        sources = sorted(p for p in root.rglob("*.py") if "__pycache__" not in p.parts)
        compileall.compile_dir(root, quiet=2, workers=1, stripdir=str(root), prependdir=LAMBDA_TASK_ROOT,
                               invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
        rebuilt = zip_path.with_suffix(".tmp")
        with zipfile.ZipFile(rebuilt, "w", zipfile.ZIP_DEFLATED) as target:
            for path in sorted(p for p in root.rglob("*") if p.is_file()):
                name = path.relative_to(root).as_posix()
                info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
                info.external_attr = modes.get(name, 0o644 << 16)
                info.compress_type = zipfile.ZIP_DEFLATED
                target.writestr(info, path.read_bytes())
        shutil.move(rebuilt, zip_path)
    return len(sources)


def main(argv: list[str] | None = None) -> None:
    """Read build/<stage>/sam.yaml, write build/<stage>/template.json."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("build_dir", type=Path, help="the output directory of `chalice package`")
    args = parser.parse_args(argv)
    template = finish(parse_template((args.build_dir / CHALICE_OUTPUT).read_text()))
    (args.build_dir / DEPLOYABLE).write_text(json.dumps(template, indent=1, sort_keys=True) + "\n")
    print(f"wrote {args.build_dir / DEPLOYABLE}")
    if (args.build_dir / DEPLOYMENT_ZIP).is_file():
        compiled = precompile(args.build_dir / DEPLOYMENT_ZIP)
        print(f"precompiled {compiled} modules into {args.build_dir / DEPLOYMENT_ZIP}")


if __name__ == "__main__":
    main()
