"""Reliability soak on loopback: kill -9 during ingest, readers during an ingest, reader fuzz.

    scripts/soak.sh [--kills 20] [--fuzz 2000] [--pg postgresql://127.0.0.1/...] [--workdir DIR]

Prints one count per line; every count but the totals should be 0. It touches nothing but
a fresh work folder (a temporary one by default) and, with --pg, fresh schemas it drops.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-c", "from crossroads.cli import main; main()"]
PLACES = [
    "Tajikistan",
    "Uzbekistan",
    "Kyrgyzstan",
    "Kazakhstan",
    "Afghanistan",
    "Pakistan",
    "Dushanbe",
    "Tashkent",
    "Bishkek",
    "Osh",
    "Termez",
    "Khujand",
]
FILLER = (
    "council market winter road valley river bridge farmers traders season water prices "
    "harvest village district school clinic power line canal workers"
).split()
Counts = tuple[int, int, int, int]
"""One article's (mentions, relations, events, quotes)."""


def corpus(folder: Path, n: int, seed: int = 1) -> None:
    """n made-up briefs naming states and places, far enough apart not to be near-duplicates."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        sents = []
        for _ in range(rng.randint(15, 30)):
            a, b = rng.sample(PLACES, 2)
            sents.append(
                rng.choice(
                    [
                        f"Officials of {a} met envoys from {b} on {rng.randint(1, 28)} May 2023.",
                        f"{a} and {b} signed a {rng.choice(FILLER)} agreement in {rng.choice(PLACES)}.",
                        " ".join(rng.choice(FILLER) for _ in range(12)).capitalize() + ".",
                    ]
                )
            )
        (folder / f"brief-{i:03d}.txt").write_text(
            f"Brief {i}: {rng.choice(FILLER)} {rng.choice(FILLER)}\n\n" + " ".join(sents) + "\n",
            encoding="utf-8",
        )


# -- processes ------------------------------------------------------------------------------
def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            kids.setdefault(int(stat[stat.rindex(")") + 2 :].split()[1]), []).append(
                int(entry.name)
            )
    return kids


def descendants(pid: int) -> set[int]:
    kids, out, todo = _children(), set(), [pid]
    while todo:
        for k in kids.get(todo.pop(), []):
            out.add(k)
            todo.append(k)
    return out


def running(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"


# -- stores ---------------------------------------------------------------------------------
def snapshot(url: str) -> dict[str, Counts]:
    """Per article: (mentions, relations, events, quotes) counts."""
    sys.path.insert(0, str(ROOT / "src"))
    from crossroads.store import open_store

    with open_store(url) as store:
        return {
            d.id: (
                len(store.mentions(doc=d.id)),
                len(store.relations(doc=d.id)),
                len(store.events(doc=d.id)),
                len(store.quotes(doc=d.id)),
            )
            for d in store.documents()
            if d.kind == "article"
        }


def corrupt(url: str) -> bool:
    if url.startswith("postgresql"):
        return False  # PostgreSQL's own crash safety; partial documents are checked below
    with sqlite3.connect(url) as conn:
        ok = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        fk = conn.execute("PRAGMA foreign_key_check").fetchall()
    return not ok or bool(fk)


def partial(url: str, clean: dict[str, Counts]) -> int:
    """Stored articles whose readings differ from a clean run's (a half-written document)."""
    return sum(1 for doc, counts in snapshot(url).items() if clean.get(doc) != counts)


def ingest(args: list[str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [*CLI, "ingest", *args, "-q"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def kill_loop(
    url: str,
    folder: Path,
    kills: int,
    clean: dict[str, Counts],
    out: dict[str, int],
    run_seconds: float,
) -> None:
    """kill -9 an ingest at a random moment of its run (``run_seconds``: a clean run's
    length), check the store and the processes; then resume and compare with a clean run."""
    rng = random.Random(7)
    for _ in range(kills):
        proc = ingest([str(folder), "--db", url])
        time.sleep(rng.uniform(0.2, 0.9) * run_seconds)
        seen = {p for p in descendants(proc.pid) if running(p)}
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        out["kills"] += 1
        deadline = time.monotonic() + 10
        while (left := [p for p in seen if running(p)]) and time.monotonic() < deadline:
            time.sleep(0.2)
        out["orphaned processes"] += len(left)
        for p in left:
            os.kill(p, signal.SIGKILL)
        out["corrupt stores"] += corrupt(url)
        out["partial documents"] += partial(url, clean)
    done = ingest([str(folder), "--db", url])
    done.wait()
    out["resumed runs unlike a clean run"] += snapshot(url) != clean


# -- readers during an ingest -----------------------------------------------------------------
def readers_during_ingest(url: str, folder: Path, out: dict[str, int], n_readers: int = 8) -> None:
    with socketserver_port() as port:
        server = subprocess.Popen(
            [*CLI, "serve", "--db", url, "--port", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/api/stats", timeout=2).read()
                break
            except OSError:
                if time.monotonic() > deadline:
                    out["reader errors"] += 1
                    return
                time.sleep(0.3)
        proc = ingest([str(folder), "--db", url])
        stop = threading.Event()
        lock = threading.Lock()
        paths = [
            "/api/stats",
            "/api/documents?limit=50",
            "/api/entities?limit=50",
            "/api/search?q=" + urllib.parse.quote("Tajikistan agreement"),
            "/api/events",
            "/",
            "/documents",
        ]

        def http_reader(i: int) -> None:
            rng = random.Random(i)
            while not stop.is_set():
                try:
                    with urllib.request.urlopen(base + rng.choice(paths), timeout=30) as resp:
                        resp.read()
                        ok = resp.status == 200
                except Exception:  # noqa: BLE001  (every failure counts)
                    ok = False
                with lock:
                    out["HTTP requests"] += 1
                    out["reader errors"] += not ok

        def cli_reader(i: int) -> None:
            cmds = [["documents", "-n", "20"], ["search", "Tashkent"], ["entities", "-n", "20"]]
            while not stop.is_set():
                r = subprocess.run(
                    [*CLI, *cmds[i % 3], "--db", url], capture_output=True, check=False
                )  # a failure is counted, not raised
                with lock:
                    out["CLI runs"] += 1
                    out["reader errors"] += r.returncode != 0
                i += 1

        threads = [
            threading.Thread(target=http_reader if i < n_readers - 2 else cli_reader, args=(i,))
            for i in range(n_readers)
        ]
        for t in threads:
            t.start()
        proc.wait()
        stop.set()
        for t in threads:
            t.join()
    finally:
        server.terminate()
        server.wait()


class socketserver_port:
    """A free loopback port (bound, then released for the server)."""

    def __enter__(self) -> int:
        import socket

        self.s = socket.socket()
        self.s.bind(("127.0.0.1", 0))
        port: int = self.s.getsockname()[1]
        return port

    def __exit__(self, *exc: object) -> None:
        self.s.close()


# -- fuzz ----------------------------------------------------------------------------------
def fuzz(n: int, limit: float, out: dict[str, int]) -> None:
    """n mutated text, HTML and PDF inputs each, read under the time limit in a child."""
    sys.path.insert(0, str(ROOT / "src"))
    sys.path.insert(0, str(ROOT / "tests" / "ingest"))
    from ingest_files import make_pdf  # type: ignore[import-not-found]  # on sys.path just above

    from crossroads.exc import InputError
    from crossroads.ingest.worker import ReaderProcess

    rng = random.Random(11)
    text = (ROOT / "examples" / "briefs" / "01-basing-after-withdrawal.txt").read_bytes()
    html = (ROOT / "examples" / "briefs" / "03-armed-groups-north.html").read_bytes()
    pdf = make_pdf([["The commission met in Osh on Tuesday.", "Its members agreed."]] * 3)

    def mutate(data: bytes) -> bytes:
        b = bytearray(data)
        for _ in range(rng.randint(1, 40)):
            op = rng.random()
            i = rng.randrange(len(b) or 1)
            if op < 0.4 and b:
                b[i] = rng.randrange(256)
            elif op < 0.6:
                b[i:i] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
            elif op < 0.8 and b:
                del b[i : i + rng.randint(1, 64)]
            else:
                b[i:i] = rng.choice(
                    [
                        b"<div>",
                        b"</p>",
                        b"<br>" * 50,
                        b"\x00",
                        b"\xff\xfe",
                        b"endstream",
                        b"obj",
                        b"\r\n\r\n",
                        b"<<",
                        b">>",
                    ]
                )
        return bytes(b)

    reader = ReaderProcess(limit)
    try:
        for name, seed in (("fuzz.txt", text), ("fuzz.html", html), ("fuzz.pdf", pdf)):
            for _ in range(n):
                started = time.monotonic()
                try:
                    reader.load_bytes(mutate(seed), name, 5 * 1024 * 1024)
                except InputError as exc:
                    if exc.reason.startswith("timeout"):
                        out["hangs over the limit"] += 1
                    elif exc.reason.startswith(("cannot be read (", "the reading process died")):
                        out["reader errors"] += 1
                        print(f"  {name}: {exc.reason}", file=sys.stderr)
                out["fuzzed files"] += 1
                if time.monotonic() - started > limit + 5:
                    out["hangs over the limit"] += 1
    finally:
        reader.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kills", type=int, default=20)
    ap.add_argument("--pg-kills", type=int, default=5)
    ap.add_argument("--fuzz", type=int, default=2000, help="fuzzed files per reader")
    ap.add_argument("--files", type=int, default=60, help="briefs in the ingested corpus")
    ap.add_argument("--read-timeout", type=float, default=10)
    ap.add_argument(
        "--pg",
        default=os.environ.get("CROSSROADS_TEST_PG"),
        help="PostgreSQL server for the PostgreSQL kills (default $CROSSROADS_TEST_PG)",
    )
    ap.add_argument("--workdir", type=Path, default=None)
    args = ap.parse_args()
    os.environ["PYTHONPATH"] = os.pathsep.join(
        [str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]
    )
    os.environ["CROSSROADS_READ_TIMEOUT"] = str(args.read_timeout)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="crossroads-soak-"))
    folder = work / "corpus"
    corpus(folder, args.files)
    keys = [
        "kills",
        "corrupt stores",
        "partial documents",
        "orphaned processes",
        "resumed runs unlike a clean run",
        "HTTP requests",
        "CLI runs",
        "reader errors",
        "fuzzed files",
        "hangs over the limit",
    ]
    out = dict.fromkeys(keys, 0)
    started = time.monotonic()

    clean_url = str(work / "clean.db")
    t = time.monotonic()
    ingest([str(folder), "--db", clean_url]).wait()
    run_seconds = time.monotonic() - t
    clean = snapshot(clean_url)
    print(f"clean run: {len(clean)} articles in {run_seconds:.0f} s", flush=True)
    kill_loop(str(work / "killed.db"), folder, args.kills, clean, out, run_seconds)
    print(f"after SQLite kills: {json.dumps(out)}", flush=True)
    if args.pg and args.pg_kills:
        import psycopg

        schema = f"soak_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(args.pg, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {schema}")
        sep = "&" if "?" in args.pg else "?"
        try:
            kill_loop(
                f"{args.pg}{sep}options=-csearch_path%3D{schema}",
                folder,
                args.pg_kills,
                clean,
                out,
                run_seconds,
            )
        finally:
            with psycopg.connect(args.pg, autocommit=True) as conn:
                conn.execute(f"DROP SCHEMA {schema} CASCADE")
        print(f"after PostgreSQL kills: {json.dumps(out)}", flush=True)
    readers_during_ingest(str(work / "read.db"), folder, out)
    print(f"after readers: {json.dumps(out)}", flush=True)
    fuzz(args.fuzz, args.read_timeout, out)
    print(f"\nsoak finished in {time.monotonic() - started:.0f} s (work folder {work})")
    for k in keys:
        print(f"{k:32s} {out[k]}")
    bad = sum(
        out[k]
        for k in (
            "corrupt stores",
            "partial documents",
            "orphaned processes",
            "resumed runs unlike a clean run",
            "reader errors",
            "hangs over the limit",
        )
    )
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
