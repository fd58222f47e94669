"""The workbench journeys in a real Chromium against a real `crossroads serve` (fixtures in
test_browser.py): a faceted search, an event-map filter, an edge click that reaches its
evidence, an upload that appears in the document list, downloads the matching libraries read.
"""
from __future__ import annotations

import re

import pytest
from test_browser import CHROMIUM, browser, page, server  # noqa: F401  (shared fixtures)

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not __import__("pathlib").Path(CHROMIUM).exists(),
                                 reason=f"{CHROMIUM} is absent")]


def test_browser_faceted_search_narrows_results(page, server):  # noqa: F811
    page.goto(server + "/?q=Kyrgyzstan")
    docs = page.locator("#results .group:has(h2:text('Documents')) li.hit")
    assert docs.count() == 3
    page.click("#facets [data-facet='year'] a:text-is('2020')")
    page.wait_for_url(re.compile(r"year=2020"))
    assert docs.count() == 1
    assert "apricot" in docs.first.inner_text()
    assert page.locator("#facets [data-facet='year'] a.on").inner_text() == "2020"
    page.click("#facets [data-facet='year'] a.on")  # choosing it again clears it
    page.wait_for_url(re.compile(r"^(?!.*year=)"))
    assert docs.count() == 3
    assert not page.console_errors and not page.outside_requests


def test_browser_event_map_filter_changes_the_markers(page, server):  # noqa: F811
    page.goto(server + "/map")
    page.wait_for_selector(".cr-ev")
    box = page.locator("#map")
    assert box.get_attribute("data-events") == "1"
    page.select_option("#f-type", "ASSAULT")
    assert box.get_attribute("data-events") == "0"
    assert page.locator(".cr-ev").count() == 0
    assert "type=ASSAULT" in page.url  # the filter lives in the URL
    page.select_option("#f-type", "CONSULT")
    assert page.locator(".cr-ev").count() == 1
    assert "type=CONSULT" in page.url
    assert page.get_attribute("#events-link", "href") == "/events?type=CONSULT"
    page.goto(server + "/map?mode=planned")
    page.wait_for_selector("#map[data-events]", state="attached")
    assert box.get_attribute("data-events") == "0"
    assert not page.console_errors and not page.outside_requests


def test_browser_event_markers_are_reachable_by_keyboard(page, server):  # noqa: F811
    page.goto(server + "/map")
    page.wait_for_selector(".cr-ev")
    marker = page.locator(".cr-ev").first
    assert marker.get_attribute("tabindex") == "0"
    marker.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("#map-panel .map-events li")
    assert "CONSULT" in page.inner_text("#map-panel")
    assert page.locator("#map-panel a.evlink").first.get_attribute("href").startswith("/documents/")
