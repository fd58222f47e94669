"""The web UI in a real browser: Debian's chromium driven by Playwright against a real
`crossroads serve` on a free loopback port, over the sample store of tests/web/sample.py.

Run with `pytest -m browser tests/web`. Screenshots of the main pages go to
test-artifacts/screenshots/ (CROSSROADS_SCREENSHOTS=docs/screenshots refreshes the README's);
a failing test leaves a screenshot in test-artifacts/.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import sample

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(),
        reason=f"{CHROMIUM} is absent: install Debian's chromium "
        "(apt-get install -y chromium) to run the browser tests",
    ),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(web_store, tmp_path_factory):
    """A real `crossroads serve` in a subprocess; yields its base URL."""
    from crossroads.web.app import VENDOR

    if not (VENDOR / "leaflet" / "leaflet.js").exists():
        pytest.fail("front-end libraries are not built: run scripts/build_frontend.sh first")
    port = _free_port()
    log_path = tmp_path_factory.mktemp("serve") / "serve.log"
    log = open(log_path, "wb")  # noqa: SIM115 - open for the server's life, closed after it stops
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from crossroads.cli import main; main()",
            "serve",
            "--db",
            web_store[0],
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(base + "/api/stats", timeout=2) as resp:
                json.load(resp)
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                log.close()
                pytest.fail(
                    f"crossroads serve did not start:\n{log_path.read_text(errors='replace')}"
                )
            time.sleep(0.2)
    yield base
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    log.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, request):
    """A fresh page that records console errors; screenshot to test-artifacts/ on failure."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside: list[str] = []

    def offline(route):  # the UI must work with no network: nothing leaves the loopback
        url = route.request.url
        if url.startswith(("http://127.0.0.1:", "data:", "blob:")):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", offline)
    pg = context.new_page()
    pg.outside_requests = outside
    pg.console_errors = []
    pg.on("console", lambda m: pg.console_errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.console_errors.append(f"pageerror: {e}"))
    yield pg
    rep = getattr(request.node, "rep_call", None)
    if rep is not None and rep.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.name)
        pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    context.close()


def test_browser_journey_search_entity_evidence_reader(page, server, docs):
    page.goto(server + "/")
    page.fill("#q", "Tajikistan")
    page.press("#q", "Enter")
    page.wait_for_url(re.compile(r"\?q=Tajikistan"))
    page.click(".hits a.primary:text-is('Tajikistan')")
    page.wait_for_url(re.compile(r"/entities/e:country/tj$"))
    assert page.inner_text("h1").startswith("Tajikistan")
    fact = page.locator(
        "details.fact", has=page.locator("a", has_text="Collective Security Treaty")
    )
    fact.first.locator("summary .pred").click()
    evidence = fact.first.locator("a.evlink", has_text="Water talks in Batken").first
    evidence.click()
    talks = docs["talks"]
    start, _ = sample.sentence(talks, "Tajikistan has been a member of the CSTO since 1994")
    page.wait_for_url(re.compile(rf"/documents/{re.escape(talks.id)}\?hl={start}-\d+#s-{start}"))
    marked = page.evaluate(
        "Array.from(document.querySelectorAll('#doctext .hl')).map(n => n.textContent).join('')"
    )
    assert "member of the CSTO since 1994" in marked
    assert page.locator(f"#s-{start}").count() == 1
    assert page.locator(f"#f-{start}.active").count() == 1  # its facts shown beside it
    assert not page.console_errors


def test_browser_search_is_keyboard_navigable(page, server):
    page.goto(server + "/documents")
    page.keyboard.press("/")
    page.keyboard.type("Batken")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"\?q=Batken"))
    page.focus("#q")
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("document.activeElement.className")
    assert "primary" in focused
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/(entities|documents)/"))


def test_browser_map_shows_markers_and_lists_facts(page, server):
    page.goto(server + "/map")
    page.wait_for_selector("path.cr-marker")
    assert page.locator("path.cr-marker").count() >= 3
    assert (
        page.locator(".leaflet-overlay-pane path").count() > page.locator("path.cr-marker").count()
    )
    page.goto(server + "/map?type=Place")
    page.wait_for_selector("path.cr-marker")
    assert page.locator("path.cr-marker").count() == 1
    page.locator("path.cr-marker").first.click(force=True)
    page.wait_for_selector("#map-panel h2 a")
    assert page.inner_text("#map-panel h2") == "Batken"
    assert "CONSULT" in page.inner_text("#map-panel")
    assert not page.console_errors


def test_browser_network_renders_nodes(page, server):
    page.goto(server + "/network?entity=Tajikistan")
    page.wait_for_selector("#network canvas")
    assert int(page.get_attribute("#network", "data-nodes")) >= 3
    assert not page.console_errors


def test_browser_timeline_renders_items(page, server):
    page.goto(server + "/timeline?entity=Kyrgyzstan")
    page.wait_for_selector("#timeline .vis-item")
    assert page.locator("#timeline .vis-item").count() >= 1
    assert not page.console_errors


def test_browser_stored_markup_never_runs(page, server, docs):
    hostile = docs["hostile"]
    for url in (
        f"/documents/{hostile.id}",
        "/?q=reader+note",
        "/documents",
        "/entities/e:country/kg",
        f"/documents/{hostile.id}?hl=0-10",
    ):
        page.goto(server + url)
        page.wait_for_load_state("load")
        assert page.evaluate("window.__xss === undefined"), url
        assert page.locator("#main img[onerror], #main script").count() == 0, url
    page.goto(server + f"/documents/{hostile.id}")
    assert "<script>window.__xss = 'script';</script>" in page.inner_text("#doctext")
    assert page.inner_text("h1").startswith("<script>")


PAGES = [
    "/",
    "/?q=Tajikistan",
    "/?q=Kyrgyzstan&year=2021",
    "/entities",
    "/entities/e:country/tj",
    "/entities/e:country/tj?mode=pack",
    "/entities/e:person/dilshod-rahmonzoda",
    "/documents",
    "/quotes",
    "/events",
    "/events?type=CONSULT",
    "/map",
    "/map?type=CONSULT&date_from=2021",
    "/network",
    "/network?entity=Tajikistan&mode=both&cap=4",
    "/timeline?entity=Tajikistan&mode=both",
    "/network?entity=Tajikistan&depth=2",
    "/timeline",
    "/analyses",
    "/analyses/basing",
    "/analyses/corridors",
    "/analyses/spillover",
    "/analyses/conflicts",
    "/docs",
    "/sources",
]


@pytest.mark.parametrize("url", PAGES)
def test_browser_page_has_no_console_errors(page, server, url):
    page.goto(server + url)
    page.wait_for_load_state("networkidle")
    assert not page.console_errors, page.console_errors
    assert not page.outside_requests, page.outside_requests


def test_browser_document_reader_has_no_console_errors(page, server, docs):
    page.goto(server + f"/documents/{docs['talks'].id}")
    page.wait_for_load_state("networkidle")
    assert not page.console_errors


def test_browser_entity_page_is_readable_on_a_phone(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    pg = context.new_page()
    pg.goto(server + "/entities/e:country/tj")
    pg.wait_for_load_state("networkidle")
    assert pg.evaluate("document.documentElement.scrollWidth") <= 400
    context.close()


def test_browser_screenshots_of_main_pages(page, server, docs):
    """Screenshots to test-artifacts/screenshots/ (or $CROSSROADS_SCREENSHOTS, e.g.
    docs/screenshots when refreshing the ones the README shows)."""
    out = Path(os.environ.get("CROSSROADS_SCREENSHOTS") or ARTIFACTS / "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    talks = docs["talks"]
    start, end = sample.sentence(
        talks,
        "Tajikistan has been a member of the CSTO since 1994, a "
        "commitment that shapes its security choices.",
    )
    shots = {
        "entity": "/entities/e:country/tj",
        "map": "/map",
        "network": "/network?entity=Tajikistan&mode=both",
        "search": "/?q=Kyrgyzstan",
        "events": "/events",
        "timeline": "/timeline?entity=Tajikistan&mode=both",
        "document": f"/documents/{talks.id}?hl={start}-{end}#s-{start}",
    }
    # what each shot must show, checked before it is taken: a blank or broken page fails
    shows = {
        "entity": lambda: (
            page.inner_text("h1").startswith("Tajikistan")
            and "member of the CSTO since 1994" in page.inner_text("details.fact[open]")
        ),
        "map": lambda: page.locator("path.cr-marker").count() >= 3,
        "network": lambda: (
            int(page.get_attribute("#network", "data-nodes") or 0) >= 3
            and page.locator("#network canvas").count() >= 1
        ),
        "search": lambda: (
            page.locator(".hit").count() >= 1 and "Kyrgyzstan" in page.inner_text(".results")
        ),
        "events": lambda: page.locator(".events-table tbody tr").count() >= 1,
        "timeline": lambda: page.locator(".vis-item").count() >= 1,
        "document": lambda: (
            "member of the CSTO since 1994"
            in page.evaluate(
                "Array.from(document.querySelectorAll('#doctext .hl')).map(n => n.textContent)"
                ".join('')"
            )
            and page.locator(f"#s-{start}").count() == 1
        ),
    }
    for name, url in shots.items():
        page.goto(server + url)
        page.wait_for_load_state("networkidle")
        if name == "entity":  # show one fact opened to its evidence sentence
            page.locator(
                "details.fact", has=page.locator("a", has_text="Collective Security")
            ).first.locator("summary .pred").click()
        page.wait_for_timeout(800)
        assert shows[name](), f"the {name} page does not show what its screenshot is for"
        shot = out / f"{name}.png"
        page.screenshot(path=str(shot))
        assert shot.stat().st_size > 10_000  # an image of a page, not an empty frame
    assert not page.console_errors and not page.outside_requests
