"""Read-path scale benchmark: p50/p95 of every entity and analysis endpoint over HTTP.

    .venv/bin/python benchmarks/bench_store.py --docs 1000 [--backend sqlite|postgres|both]
                                               [--repeat 20] [--json]
                                               [--keep PATH] [--keep-schema NAME]

It extracts a seed corpus once (the repository's example and held-out texts, plus the
evaluation texts of ``CROSSROADS_EVAL_DIR`` when that is set, read at run time), then builds a
store of N distinct documents by cloning the seed documents and their extracted rows under new
document ids: clones link to the same entities, so an entity's knowledge grows with N as it
would in a real store. The store is served by uvicorn on loopback in a child process, and each
endpoint is requested --repeat times after one warm-up (the analyses' memo is switched off, so
every request computes). PostgreSQL runs need ``--pg URL`` or ``CROSSROADS_TEST_PG``; each run
uses a fresh schema in that database and drops it afterwards. ``--keep PATH`` (SQLite) and
``--keep-schema NAME`` (PostgreSQL) keep the built store and reuse it on the next run, so a
100k store is built once while its read paths are re-measured (it is migrated on open).

Printed per backend: p50/p95 ms and SQL queries per request for each endpoint, response size,
the 1-minute load average after it, store bytes per document and the server's peak RSS.
``--json`` prints one JSON object per backend: {"docs": N, "backend": ..., "endpoints": {"profile": {"p50_ms": ..., "p95_ms": ...}}}.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import uuid
from dataclasses import replace
from pathlib import Path
from typing import Any

from crossroads.model import Document, Evidence, Extraction
from crossroads.store import open_store
from crossroads.store.base import Store

ROOT = Path(__file__).resolve().parent.parent
REPO_SEEDS = ["examples/briefs", "tests/eval/heldout", "tests/eval/heldout2"]
EVAL_SEEDS = ["corpus", "train/corpus"]
BATCH = 200
BUDGET_S = 30.0  # stop repeating one endpoint after this long (the slow ones at 10k+)

SERVER = r"""
import sys, threading, uvicorn
from crossroads.store.sql import SQLStore
from crossroads.web import create_app
from crossroads.web.memo import Memo

count = [0]
lock = threading.Lock()
for name in ("_rows", "_x"):
    inner = getattr(SQLStore, name)
    def counted(self, *a, _inner=inner, **k):
        with lock:
            count[0] += 1
        return _inner(self, *a, **k)
    setattr(SQLStore, name, counted)
app = create_app(sys.argv[1])
app.state.memo = Memo(size=0)        # every request computes its answer

@app.middleware("http")
async def queries(request, call_next):
    before = count[0]
    response = await call_next(request)
    response.headers["x-bench-queries"] = str(count[0] - before)
    return response

uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")
"""


def seed_store(path: Path) -> None:
    """Extract the seed texts into a SQLite store (the CLI's ingest, one process)."""
    inputs = [str(ROOT / p) for p in REPO_SEEDS]
    eval_dir = os.environ.get("CROSSROADS_EVAL_DIR")
    if eval_dir:
        base = Path(eval_dir) if Path(eval_dir).is_absolute() else ROOT / eval_dir
        inputs += [str(base / p) for p in EVAL_SEEDS if (base / p).is_dir()]
    cmd = [
        sys.executable,
        "-c",
        "from crossroads.cli import main; main()",
        "ingest",
        *inputs,
        "--db",
        str(path),
        "--quiet",
        "--processes",
        "1",
    ]
    subprocess.run(cmd, check=True, cwd=ROOT)


def read_seeds(path: Path) -> list[tuple[Document, Extraction]]:
    """Every seed article with everything read from it."""
    out = []
    with open_store(path) as store:
        for doc in store.documents():
            if doc.kind != "article" or doc.duplicate_of:
                continue
            mentions = store.mentions(doc=doc.id)
            ids = dict.fromkeys(m.entity for m in mentions)
            ents = [e for e in (store.get_entity(i) for i in ids) if e is not None]
            out.append(
                (
                    doc,
                    Extraction(
                        doc.id,
                        ents,
                        mentions,
                        store.relations(doc=doc.id),
                        store.events(doc=doc.id),
                        store.quotes(doc=doc.id),
                    ),
                )
            )
    return out


def clone(doc: Document, x: Extraction, n: int) -> tuple[Document, Extraction]:
    """Copy n of a seed document: a new id and text (one line added at the end, so offsets
    hold), the same entities."""
    text = doc.text + f"\n\nBench copy {n}."
    digest = hashlib.sha1(text.encode()).hexdigest()
    new_id = "d:" + digest[:20]

    def ev(e: Evidence) -> Evidence:
        return Evidence(new_id, e.start, e.end)

    copy = replace(
        doc,
        id=new_id,
        text=text,
        content_hash=digest,
        parent=None,
        source=f"bench/{n:07d}/{Path(doc.source).name}",
        meta={},
    )
    return copy, Extraction(
        new_id,
        x.entities,
        [replace(m, doc=new_id) for m in x.mentions],
        [replace(r, evidence=ev(r.evidence)) for r in x.relations],
        [replace(e, evidence=ev(e.evidence)) for e in x.events],
        [replace(q, evidence=ev(q.evidence)) for q in x.quotes],
    )


def build(store: Store, seeds: list[tuple[Document, Extraction]], docs: int) -> float:
    """Add ``docs`` clones in batches; returns the seconds it took."""
    t = time.perf_counter()
    for start in range(0, docs, BATCH):
        batch = [clone(*seeds[i % len(seeds)], i) for i in range(start, min(docs, start + BATCH))]
        store.add_documents([d for d, _ in batch], [x for _, x in batch])
    return time.perf_counter() - t


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def get(url: str) -> tuple[float, int, int]:
    """(ms, bytes, SQL queries) of one GET; raises on a non-200 answer."""
    t = time.perf_counter()
    with urllib.request.urlopen(url, timeout=600) as resp:
        body = resp.read()
        queries = int(resp.headers.get("x-bench-queries") or 0)
    return (time.perf_counter() - t) * 1000, len(body), queries


def endpoints(store: Store) -> dict[str, str]:
    """The requests to time, about the store's most mentioned entity."""
    top = store.entities(limit=1)[0][0]
    eid = urllib.parse.quote(top.id, safe=":/")
    q = urllib.parse.quote(top.name.split()[0])
    ent = urllib.parse.quote(top.id, safe="")
    return {
        "search": f"/api/search?q={q}",
        "search_html": f"/?q={q}",
        "entity_html": f"/entities/{eid}",
        "profile": f"/api/entities/{eid}",
        "facts": f"/api/facts?entity={ent}",
        "timeline": f"/api/timeline?entity={ent}",
        "network_1": f"/api/network?entity={ent}&depth=1",
        "network_2": f"/api/network?entity={ent}&depth=2",
        "conflicts": f"/api/conflicts?entity={ent}",
        "conflicts_all": "/api/conflicts",
        "basing": "/api/analyze/basing?power=United%20States&hosts=Central%20Asia,Pakistan",
        "corridors": "/api/analyze/corridors?from=Kazakhstan",
        "spillover": "/api/analyze/spillover?country=Tajikistan",
    }


def peak_rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def pg(url: str, sql: str) -> Any:
    """One statement on a PostgreSQL URL (the benchmark's own schemas and sizes)."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        cur = conn.execute(sql)
        return cur.fetchone() if cur.description else None


def store_bytes(url: str) -> int:
    if url.startswith("postgres"):
        return int(
            pg(
                url,
                "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
                "JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = current_schema() AND c.relkind = 'r'",
            )[0]
        )
    path = Path(url.removeprefix("sqlite:///"))
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))


def run_backend(
    backend: str, seeds: list[tuple[Document, Extraction]], args: argparse.Namespace, tmp: Path
) -> dict[str, Any]:
    schema = None
    drop = None
    reuse = False
    if backend == "sqlite":
        db = Path(args.keep) if args.keep else tmp / "bench.db"
        reuse = db.exists()
        url = f"sqlite:///{db}"
    else:
        base = args.pg or os.environ.get("CROSSROADS_TEST_PG")
        if not base:
            raise SystemExit("postgres: give --pg URL or set CROSSROADS_TEST_PG")
        schema = args.keep_schema or "bench_" + uuid.uuid4().hex[:8]
        if not schema.isidentifier():
            raise SystemExit(f"--keep-schema {schema!r}: not a plain SQL name")
        reuse = bool(pg(base, f"SELECT 1 FROM pg_namespace WHERE nspname = '{schema.lower()}'"))
        if not reuse:
            pg(base, f"CREATE SCHEMA {schema}")
        drop = None if args.keep_schema else schema
        sep = "&" if "?" in base else "?"
        url = f"{base}{sep}options=-csearch_path%3D{schema}"
    try:
        with open_store(url) as store:
            build_s = 0.0
            if reuse:
                kept = store.stats().get("documents", 0)
                if kept != args.docs:
                    raise SystemExit(f"kept store {url}: holds {kept} documents, not {args.docs}")
            else:
                build_s = build(store, seeds, args.docs)
                if schema:  # fresh planner statistics and visibility map, as autovacuum
                    pg(url, "VACUUM ANALYZE")  # would leave a store that grew over days
            size = store_bytes(url)
            stats = store.stats()
            paths = endpoints(store)
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-c", SERVER, url, str(port)],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
        )
        try:
            base_url = f"http://127.0.0.1:{port}"
            for _ in range(300):
                try:
                    urllib.request.urlopen(base_url + "/api/stats", timeout=5)
                    break
                except OSError:
                    time.sleep(0.2)
            results: dict[str, dict[str, Any]] = {}
            load_before = os.getloadavg()[0]  # other work on the machine slows every figure
            for name, path in paths.items():
                if args.only and name not in args.only:
                    continue
                try:
                    _, size_b, queries = get(base_url + path)  # warm-up
                except OSError as exc:
                    results[name] = {"error": str(exc)[:200]}
                    continue
                times = []
                start = time.perf_counter()
                for _ in range(args.repeat):
                    times.append(get(base_url + path)[0])
                    if time.perf_counter() - start > BUDGET_S:
                        break
                times.sort()
                results[name] = {
                    "p50_ms": round(statistics.median(times), 1),
                    "p95_ms": round(times[max(0, round(0.95 * len(times)) - 1)], 1),
                    "n": len(times),
                    "queries": queries,
                    "bytes": size_b,
                    "load": round(os.getloadavg()[0], 1),
                }
            rss = peak_rss_mb(server.pid)
        finally:
            server.terminate()
            server.wait(timeout=30)
    finally:
        if drop:
            pg(args.pg or os.environ["CROSSROADS_TEST_PG"], f"DROP SCHEMA {drop} CASCADE")
    return {
        "docs": args.docs,
        "backend": backend,
        "endpoints": results,
        "store_bytes_per_doc": round(size / max(1, args.docs)),
        "stats": stats,
        "build_s": round(build_s, 1),
        "serve_peak_rss_mb": round(rss, 1),
        "load_avg": [round(load_before, 1), round(os.getloadavg()[0], 1)],
    }


def table(result: dict[str, Any]) -> str:
    lines = [
        (
            f"### {result['backend']}, {result['docs']:,} documents "
            f"({result['store_bytes_per_doc']:,} store bytes/doc, serve peak RSS "
            f"{result['serve_peak_rss_mb']:.0f} MB, built in {result['build_s']} s, "
            f"load {result['load_avg'][0]}-{result['load_avg'][1]})"
        ),
        "| endpoint | p50 ms | p95 ms | SQL queries | response KB | load |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, r in result["endpoints"].items():
        if "error" in r:
            lines.append(f"| {name} | error: {r['error']} | | | | |")
        else:
            lines.append(
                f"| {name} | {r['p50_ms']:,.0f} | {r['p95_ms']:,.0f} | "
                f"{r['queries']:,} | {r['bytes'] / 1024:,.0f} | {r['load']} |"
            )
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1000, help="Documents in the store.")
    ap.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="sqlite")
    ap.add_argument("--repeat", type=int, default=20, help="Requests per endpoint.")
    ap.add_argument("--pg", help="PostgreSQL URL (default: CROSSROADS_TEST_PG).")
    ap.add_argument("--seed-db", help="Reuse (or make) the extracted seed store here.")
    ap.add_argument("--only", action="append", help="Time only this endpoint (repeatable).")
    ap.add_argument("--json", action="store_true", help="One JSON object per backend.")
    ap.add_argument("--keep", help="SQLite: build the store at this path once, reuse it after.")
    ap.add_argument("--keep-schema", help="PostgreSQL: keep (and reuse) the store in this schema.")
    args = ap.parse_args()
    if args.docs < 1:
        raise SystemExit(f"--docs: must be at least 1, not {args.docs}")
    tmp = Path(tempfile.mkdtemp(prefix="crossroads-bench-"))
    try:
        seed = Path(args.seed_db) if args.seed_db else tmp / "seed.db"
        if not seed.exists():
            seed_store(seed)
        seeds = read_seeds(seed)
        if not seeds:
            raise SystemExit(f"{seed}: no extracted articles to clone")
        backends = ["sqlite", "postgres"] if args.backend == "both" else [args.backend]
        for backend in backends:
            result = run_backend(backend, seeds, args, tmp)
            print(json.dumps(result) if args.json else table(result), flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
