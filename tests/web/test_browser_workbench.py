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


def _click_graph(page, js_target: str) -> None:
    """Click a cytoscape element where it is drawn (js_target: an expression on CR.cy)."""
    pos = page.evaluate(f"(() => {{ const el = {js_target}; const p = el.isEdge() ? "
                        "el.renderedMidpoint() : el.renderedPosition(); return [p.x, p.y]; })()")
    box = page.locator("#network").bounding_box()
    page.mouse.click(box["x"] + pos[0], box["y"] + pos[1])


def test_browser_network_edge_click_reaches_its_evidence(page, server, docs):  # noqa: F811
    page.goto(server + "/network?entity=Tajikistan")
    page.wait_for_selector("#network canvas")
    page.wait_for_function("() => window.CR && window.CR.cy")
    _click_graph(page, "CR.cy.edges().filter(e => e.data('predicate') === 'member_of')[0]")
    link = page.locator("#net-panel a.evlink").first
    link.wait_for()
    assert "Collective Security Treaty Organization" in page.inner_text("#net-panel h2")
    link.click()
    page.wait_for_url(re.compile(rf"/documents/{re.escape(docs['talks'].id)}\?hl=\d+-\d+"))
    marked = page.evaluate("Array.from(document.querySelectorAll('#doctext .hl'))"
                           ".map(n => n.textContent).join('')")
    assert "member of the CSTO since 1994" in marked
    assert not page.console_errors and not page.outside_requests


def test_browser_network_node_click_expands_it(page, server):  # noqa: F811
    page.goto(server + "/network?entity=Dilshod%20Rahmonzoda")
    page.wait_for_function("() => window.CR && window.CR.cy")
    before = int(page.get_attribute("#network", "data-nodes"))
    _click_graph(page, "CR.cy.getElementById('e:country/tj')")
    for _ in range(100):  # (wait_for_function with a string is eval, which the CSP forbids)
        if int(page.get_attribute("#network", "data-nodes")) > before:
            break
        page.wait_for_timeout(100)
    assert "expanded" in page.inner_text("#net-panel")
    assert page.evaluate("CR.cy.getElementById('e:org/csto').nonempty()")
    assert not page.console_errors


def test_browser_network_graphml_download_opens_in_networkx(page, server, tmp_path):  # noqa: F811
    import networkx as nx
    page.goto(server + "/network?entity=Tajikistan")
    page.wait_for_function("() => window.CR && window.CR.cy")
    with page.expect_download() as info:
        page.click("#graphml")
    path = tmp_path / "shown.graphml"
    info.value.save_as(str(path))
    g = nx.read_graphml(path)
    shown = int(page.get_attribute("#network", "data-nodes"))
    assert g.number_of_nodes() == shown
    assert g.nodes["e:country/tj"]["name"] == "Tajikistan"
    assert any(d["predicate"] == "member_of" for _, _, d in g.edges(data=True))
