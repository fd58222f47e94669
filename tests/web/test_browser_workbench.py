"""The workbench journeys in a real Chromium against a real `crossroads serve` (fixtures in
test_browser.py): a faceted search, an event-map filter, an edge click that reaches its
evidence, an upload that appears in the document list, downloads the matching libraries read.
"""

from __future__ import annotations

import re

import pytest
from test_browser import CHROMIUM, browser, page, server  # noqa: F401  (shared fixtures)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not __import__("pathlib").Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is absent"
    ),
]


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
    page.wait_for_load_state("networkidle")
    page.wait_for_selector(".cr-ev")
    marker = page.locator(".cr-ev").first
    assert marker.get_attribute("tabindex") == "0"
    marker.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("#map-panel .map-events li")
    assert "CONSULT" in page.inner_text("#map-panel")
    assert page.locator("#map-panel a.evlink").first.get_attribute("href").startswith("/documents/")


def _click_graph(tab, js_target: str) -> None:
    """Click a cytoscape element where it is drawn (js_target: an expression on CR.cy)."""
    pos = tab.evaluate(
        f"(() => {{ const el = {js_target}; const p = el.isEdge() ? "
        "el.renderedMidpoint() : el.renderedPosition(); return [p.x, p.y]; })()"
    )
    box = tab.locator("#network").bounding_box()
    tab.mouse.click(box["x"] + pos[0], box["y"] + pos[1])


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
    marked = page.evaluate(
        "Array.from(document.querySelectorAll('#doctext .hl')).map(n => n.textContent).join('')"
    )
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


@pytest.fixture(scope="module")
def write_server(tmp_path_factory):
    """A second `crossroads serve --write`, over its own copy of the sample store."""
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    import sample

    path = str(tmp_path_factory.mktemp("write") / "write.db")
    sample.build(path)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from crossroads.cli import main; main()",
            "serve",
            "--write",
            "--db",
            path,
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(base + "/api/stats", timeout=2).read()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail("crossroads serve --write did not start")
            time.sleep(0.2)
    yield base
    proc.terminate()
    proc.wait(timeout=10)


def test_browser_upload_appears_in_the_document_list(page, write_server, tmp_path):  # noqa: F811
    good = tmp_path / "border-note.txt"
    good.write_text(
        "Tajikistan and Kyrgyzstan agreed on 4 April 2022 to reopen the crossing "
        "near Batken for traders.",
        encoding="utf-8",
    )
    bad = tmp_path / "photo.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n0000")
    page.goto(write_server + "/documents")
    assert "border-note.txt" not in page.inner_text("#doc-table")
    page.set_input_files("#upload-files", [str(good), str(bad)])
    page.click("#upload button[type=submit]")
    page.wait_for_selector("#upload-log li.muted", timeout=120_000)  # the 'Done.' line
    log = page.inner_text("#upload-log")
    assert "border-note.txt" in log and "added: 1 new document" in log
    assert "photo.png" in log and "failed: photo.png: unsupported format" in log
    assert "border-note.txt" in page.inner_text("#doc-table")
    page.goto(write_server + "/documents")  # and it stays there
    assert "border-note.txt" in page.inner_text("#doc-table")
    assert not page.console_errors and not page.outside_requests


def test_browser_ftm_download_opens_in_followthemoney(page, server, tmp_path):  # noqa: F811
    import json

    from followthemoney import model

    page.goto(server + "/documents")
    with page.expect_download() as info:
        page.click("#downloads a:text('FollowTheMoney')")
    path = tmp_path / "store.ftm.json"
    info.value.save_as(str(path))
    proxies = [
        model.get_proxy(json.loads(line)) for line in path.read_text().splitlines() if line.strip()
    ]
    schemata = {p.schema.name for p in proxies}
    assert {"Article", "Person"} <= schemata
    assert any("Tajikistan" in p.get("name") for p in proxies)


def test_browser_basing_matrix_fits_its_box(page, server):  # noqa: F811
    page.goto(server + "/analyses/basing")
    page.wait_for_selector("#basing-matrix")
    table = page.evaluate("document.getElementById('basing-matrix').scrollWidth")
    box = page.evaluate("document.querySelector('.tablewrap').clientWidth")
    assert table <= box, (table, box)


def test_browser_a_pack_timeline_item_stays_in_the_tool(page, server):  # noqa: F811
    page.goto(server + "/timeline?entity=Tajikistan&mode=pack")
    page.wait_for_selector("#timeline .vis-item.tl-pack")
    before = page.url
    page.locator("#timeline .vis-item.tl-pack").first.click()
    page.wait_for_timeout(300)
    assert page.url == before and not page.outside_requests
    assert page.locator("#tl-list li.active").count() == 1
    assert page.locator("#tl-list details.srclink[open]").count() == 0  # link only on request


def test_browser_pages_have_one_id_each(page, server, docs):  # noqa: F811
    for url in (
        f"/documents/{docs['talks'].id}",
        "/",
        "/map",
        "/network?entity=Tajikistan",
        "/events",
        "/quotes",
        "/entities/e:country/tj",
    ):
        page.goto(server + url)
        page.wait_for_load_state("networkidle")
        dupes = page.evaluate(
            "(() => { const seen = {};"
            " for (const n of document.querySelectorAll('[id]'))"
            "   seen[n.id] = (seen[n.id] || 0) + 1;"
            " return Object.keys(seen).filter(k => seen[k] > 1); })()"
        )
        assert not dupes, (url, dupes)


def test_browser_timeline_labels_are_readable_and_not_cut_off(page, server):  # noqa: F811
    page.goto(server + "/timeline?entity=Tajikistan&mode=both")
    page.wait_for_selector("#timeline .vis-item")
    assert page.get_attribute("#timeline", "data-bands") == "2"
    assert page.inner_text("#timeline .vis-labelset") == "Reporting\nKnowledge pack"
    labels = page.locator("#timeline .vis-item-content").all_inner_texts()
    assert labels and not any("_" in text for text in labels)
    cut = page.evaluate(
        "(() => { const box = document.querySelector('#timeline .vis-center')"
        ".getBoundingClientRect(); return [...document.querySelectorAll("
        "'#timeline .vis-item.vis-point')].filter(n => "
        "n.getBoundingClientRect().right > box.right + 1).length; })()"
    )
    assert cut == 0


def test_browser_timeline_window_brushes_the_list(page, server):  # noqa: F811
    page.goto(server + "/timeline?entity=Tajikistan&mode=both")
    page.wait_for_selector("#timeline .vis-item")
    rows = page.locator("#tl-list li[data-date]")
    total = rows.count()
    assert total > 2 and page.locator("#tl-list li[data-date]:visible").count() == total
    page.evaluate(
        "CR.tl.setWindow(new Date(Date.UTC(2021, 0, 1)), "
        "new Date(Date.UTC(2021, 11, 31)), {animation: false})"
    )
    visible = page.locator("#tl-list li[data-date]:visible")
    for _ in range(50):  # the list follows once the timeline reports the new window
        if visible.count() < total:
            break
        page.wait_for_timeout(100)
    assert 0 < visible.count() < total
    assert all(
        d.startswith("2021") for d in visible.evaluate_all("els => els.map(e => e.dataset.date)")
    )
    assert "2021-01-01" in page.get_attribute("#tl-links .to-events", "href")
