"""`chalice deploy` is refused with a pointer to `make deploy`; packaging, local serving and Lambda are not."""

from __future__ import annotations

import pytest

from app import refuse_chalice_deploy


@pytest.mark.parametrize("argv", [["/x/.venv/bin/chalice", "deploy"], ["chalice", "--debug", "deploy", "--stage", "prod"]])
def test_chalice_deploy_is_refused_with_the_way_to_deploy(argv: list[str]) -> None:
    with pytest.raises(SystemExit, match="make deploy"):
        refuse_chalice_deploy(argv)


@pytest.mark.parametrize("argv", [["chalice", "package", "--stage", "prod", "build"], ["chalice", "local"],
                                  ["/var/runtime/bootstrap.py"], ["pytest", "deploy"], []])
def test_packaging_serving_and_lambda_import_the_app(argv: list[str]) -> None:
    refuse_chalice_deploy(argv)
