"""The request being handled is per thread: `make run` serves concurrent requests on threads."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from chalicelib import bootstrap
from chalicelib.api import http
from chalicelib.domain.identity import Principal


class FakeIdentity:
    """Every claimed caller has an active account (the lookup itself is tested in test_accounts)."""

    def caller(self, claimed: Principal) -> tuple[Principal, None]:
        return claimed, None


class FakeContainer:
    identity = FakeIdentity()


@pytest.fixture(autouse=True)
def accounts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bootstrap, "container", FakeContainer)


class FakeRequest:
    def __init__(self, name: str) -> None:
        self.name = name
        self.context: dict[str, Any] = {"authorizer": {"principalId": name, "role": "employee"}}
        self.headers: dict[str, str] = {}


def test_a_request_bound_on_another_thread_does_not_replace_this_threads_request() -> None:
    first_bound, second_bound = threading.Event(), threading.Event()
    seen: dict[str, str] = {}

    def first() -> None:
        http.bind_request(FakeRequest("pertama"))  # type: ignore[arg-type]
        first_bound.set()
        second_bound.wait(timeout=10)
        seen["first"] = http.principal().username

    def second() -> None:
        first_bound.wait(timeout=10)
        http.bind_request(FakeRequest("kedua"))  # type: ignore[arg-type]
        seen["second"] = http.principal().username
        second_bound.set()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert seen == {"first": "pertama", "second": "kedua"}


def test_binding_a_request_forgets_the_previous_requests_caller() -> None:
    http.bind_request(FakeRequest("pertama"))  # type: ignore[arg-type]
    assert http.principal().username == "pertama"
    http.bind_request(FakeRequest("kedua"))  # type: ignore[arg-type]
    assert http.principal().username == "kedua"
