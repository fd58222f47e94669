"""The inputs whose last ingest into a store failed, so `ingest --retry-failed` reads only those.

Kept per store (its URL, password left out) in a small JSON file in the user's cache folder
($XDG_CACHE_HOME/crossroads, else ~/.cache/crossroads), so it works the same for SQLite and
PostgreSQL stores and the store's schema is untouched. Paths are kept absolute.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from crossroads.store.sql import redact


def _file(store_url: str) -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "crossroads"
    return base / f"failed-{hashlib.sha1(redact(store_url).encode()).hexdigest()[:16]}.json"


def load(store_url: str) -> dict[str, str]:
    """Input path -> reason of its last failure, for the store at ``store_url``."""
    try:
        data = json.loads(_file(store_url).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def update(store_url: str, failed: dict[str, str], ok: set[str]) -> None:
    """Add this run's failures and drop the inputs it stored (standard input is not kept)."""

    def key(item: str) -> str:
        return str(Path(item).absolute())

    state = load(store_url)
    for item in ok:
        state.pop(key(item), None)
    state.update({key(i): r for i, r in failed.items() if i not in ("-", "stdin")})
    path = _file(store_url)
    try:
        if state:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            tmp.write_text(json.dumps(state, indent=1, ensure_ascii=False), encoding="utf-8")
            tmp.replace(path)
        else:
            path.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only home: retrying is then by naming the files again
