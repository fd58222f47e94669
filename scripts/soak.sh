#!/usr/bin/env bash
# Reliability soak on loopback (see scripts/soak.py): 20 kill -9 during SQLite ingest (and 5
# on PostgreSQL when CROSSROADS_TEST_PG or --pg names a server), 8 readers during an ingest,
# and 2,000 fuzzed files per reader. Prints counts; all but the totals should be 0.
# Bounded: the whole run is stopped after SOAK_TIMEOUT seconds (default 3600).
set -u
here="$(cd "$(dirname "$0")/.." && pwd)"
py="${PYTHON:-$here/.venv/bin/python}"
exec timeout "${SOAK_TIMEOUT:-3600}" "$py" "$here/scripts/soak.py" "$@"
