"""Root pytest configuration: in CI (CROSSROADS_REQUIRE_SERVICES=1) a test marked
``postgres`` or ``browser`` that skips for a missing service fails instead, so a green
run always means the real PostgreSQL and Chromium were exercised."""

from __future__ import annotations

import os

import pytest

SERVICE_MARKERS = ("postgres", "browser")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if (
        os.environ.get("CROSSROADS_REQUIRE_SERVICES") == "1"
        and report.skipped
        and any(item.get_closest_marker(m) for m in SERVICE_MARKERS)
    ):
        report.outcome = "failed"
        report.longrepr = f"service test skipped in CI: {report.longrepr}"
