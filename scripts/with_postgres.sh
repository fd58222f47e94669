#!/usr/bin/env bash
# Run a command with CROSSROADS_TEST_PG pointing at a throwaway PostgreSQL cluster on
# 127.0.0.1, stopped afterwards. Without PostgreSQL installed the command runs without it
# (the PostgreSQL tests then skip, saying why; CI installs it and requires them).
set -u
here="$(cd "$(dirname "$0")/.." && pwd)"
started=0
if [ -z "${CROSSROADS_TEST_PG:-}" ] && [ -x "$here/.ci/postgres.sh" -o -f "$here/.ci/postgres.sh" ]; then
  if bash "$here/.ci/postgres.sh" start >/dev/null; then
    started=1
    # shellcheck disable=SC1091
    . "${CROSSROADS_PG_ENV:-/tmp/crossroads-pg.env}"  # where .ci/postgres.sh wrote it
    export CROSSROADS_TEST_PG
  else
    echo "with_postgres: no PostgreSQL cluster could be started; PostgreSQL tests will skip" >&2
  fi
fi
"$@"
rc=$?
[ "$started" = 1 ] && bash "$here/.ci/postgres.sh" stop >/dev/null
exit $rc
