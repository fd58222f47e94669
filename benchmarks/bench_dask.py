"""How ingest with ``--dask`` scales from one Dask worker to more, on the same texts.

    .venv/bin/python benchmarks/bench_dask.py FOLDER [FOLDER ...] [--workers 2] [--json]

Copies the files of every FOLDER into one temporary folder (use distinct articles: a
near-duplicate is stored once and not extracted), starts a local Dask cluster of one worker
and then of ``--workers`` workers (one thread each), and times ``crossroads ingest --dask``
of the folder into a new SQLite store twice per cluster: cold (the workers load the model on
their first batch) and warm (a second run on the same workers). Prints seconds and the
speed-up of the larger cluster; the machine should be otherwise idle.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from distributed import LocalCluster


def _ingest(folder: Path, store: Path, address: str) -> float:
    env = {**os.environ, "CROSSROADS_DB": str(store)}
    cmd = [sys.executable, "-c", "from crossroads.cli import cli; cli()", "ingest"]
    t = time.perf_counter()
    done = subprocess.run(
        [*cmd, "--dask", address, str(folder)],
        check=False,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise SystemExit(f"{folder}: ingest failed: {done.stderr.strip()[-300:]}")
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", nargs="+", type=Path)
    ap.add_argument("--workers", type=int, default=2, help="the larger cluster's workers")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "texts"
        folder.mkdir()
        for src in args.folders:
            for f in sorted(p for p in src.iterdir() if p.is_file()):
                (folder / f"{src.name}_{f.name}").write_bytes(f.read_bytes())
        out["files"] = len(list(folder.iterdir()))
        for n in sorted({1, args.workers}):
            with LocalCluster(  # type: ignore[no-untyped-call]  # unannotated in distributed
                n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None
            ) as cluster:
                for run in ("cold", "warm"):
                    store = Path(tmp) / f"{n}-{run}.db"
                    out[f"{n}_{run}_s"] = round(
                        _ingest(folder, store, cluster.scheduler_address), 1
                    )
        for run in ("cold", "warm"):
            out[f"speedup_{run}"] = round(out[f"1_{run}_s"] / out[f"{args.workers}_{run}_s"], 2)
    out["load_avg"] = round(os.getloadavg()[0], 1)
    print(json.dumps(out) if args.json else "\n".join(f"{k:16s} {v}" for k, v in out.items()))


if __name__ == "__main__":
    main()
