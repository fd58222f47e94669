"""Server response time of every web page over a store, as a p50/p95 table.

    .venv/bin/python benchmarks/bench_pages.py STORE [--repeat N]

STORE is a store path or URL, e.g. one built with
``crossroads ingest examples/briefs CORPUS --db pages.db``. Each page is requested N times
(after one warm-up request) in-process through the ASGI app, so the time is the server's:
routing, store reads, analyses and template rendering, without the network. Goal: p95 under
150 ms for every page. Prints a Markdown table for the closing note.
"""

from __future__ import annotations

import argparse
import statistics
import time

from fastapi.testclient import TestClient

from crossroads.store import open_store
from crossroads.web import create_app

PAGES = [
    "/",
    "/?q=Taliban",
    "/?q=%22Central+Asia%22+-Russia",
    "/?q=Taliban&year=2021",
    "/entities",
    "/entities/e:country/tj",
    "/entities/e:group/taliban",
    "/entities/e:country/tj?mode=both",
    "/documents",
    "{document}",
    "/quotes",
    "/events",
    "/events?type=CONSULT",
    "/map",
    "/network",
    "/network?entity=Taliban&depth=2",
    "/network?entity=Taliban&depth=2&mode=both",
    "/timeline?entity=Tajikistan",
    "/timeline?entity=Tajikistan&mode=both",
    "/analyses/basing",
    "/analyses/corridors",
    "/analyses/spillover",
    "/analyses/conflicts",
    "/api/search?q=ISKP",
    "/api/export?format=graphml",
]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("store")
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    with open_store(args.store) as store:
        docs = store.documents(limit=1)
    first = f"/documents/{docs[0].id}" if docs else "/documents"
    print(f"| page | p50 ms | p95 ms | max ms |  ({args.repeat} requests each)")
    print("| --- | ---: | ---: | ---: |")
    worst = 0.0
    with TestClient(create_app(args.store)) as client:
        for page in PAGES:
            url = page.replace("{document}", first)
            resp = client.get(url)
            if resp.status_code != 200:
                raise SystemExit(f"{url}: HTTP {resp.status_code}: {resp.text[:200]}")
            times = []
            for _ in range(args.repeat):
                t = time.perf_counter()
                client.get(url)
                times.append((time.perf_counter() - t) * 1000)
            times.sort()
            p95 = times[max(0, round(0.95 * len(times)) - 1)]
            worst = max(worst, p95)
            print(f"| `{url}` | {statistics.median(times):.0f} | {p95:.0f} | {times[-1]:.0f} |")
    print(f"\nworst p95: {worst:.0f} ms ({'under' if worst < 150 else 'OVER'} the 150 ms goal)")


if __name__ == "__main__":
    main()
