#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the tests, on 127.0.0.1 with trust auth.
#
#   .ci/postgres.sh start   # prints `export CROSSROADS_TEST_PG=postgresql://...` and writes it
#                           # (without `export`) to $CROSSROADS_PG_ENV (/tmp/crossroads-pg.env)
#   .ci/postgres.sh stop    # stops the cluster and deletes its files
#
#   eval "$(.ci/postgres.sh start)" && pytest tests/store; .ci/postgres.sh stop
#
# `start` reuses a cluster this script already started. Installs the server with apt when it
# is missing (CI runs as root); runs the server as user postgres when started as root.
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PG_DIR=${CROSSROADS_PG_DIR:-/tmp/crossroads-pg}
PG_ENV=${CROSSROADS_PG_ENV:-/tmp/crossroads-pg.env}
PG_PORT=${CROSSROADS_PG_PORT:-55432}

log() { echo "postgres.sh: $*" >&2; }

as_owner() {   # run a command as the cluster's owner
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

install_server() {
    if [ -x "$PG_BIN/initdb" ]; then return; fi
    if [ "$(id -u)" != 0 ]; then
        log "no PostgreSQL server in $PG_BIN; install it: sudo apt-get install -y postgresql"
        exit 1
    fi
    log "installing PostgreSQL (apt)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
    # the Debian package starts its own cluster on 5432; ours does not need it
    if command -v pg_ctlcluster >/dev/null; then pg_ctlcluster 15 main stop >&2 2>&1 || true; fi
}

print_url() {
    local url="postgresql://postgres@127.0.0.1:$1/postgres"
    echo "CROSSROADS_TEST_PG=$url" >"$PG_ENV"
    echo "export CROSSROADS_TEST_PG=$url"
}

start() {
    install_server
    if [ -f "$PG_DIR/port" ] && as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" status >/dev/null 2>&1; then
        log "already running"
        print_url "$(cat "$PG_DIR/port")"
        return
    fi
    rm -rf "$PG_DIR"
    mkdir -p "$PG_DIR"
    if [ "$(id -u)" = 0 ]; then chown postgres: "$PG_DIR"; fi
    local port=$PG_PORT
    while port_busy "$port"; do port=$((port + 1)); done
    as_owner "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U postgres -E UTF8 --no-sync >/dev/null
    as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 start \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_DIR -c fsync=off \
            -c synchronous_commit=off -c full_page_writes=off" >/dev/null
    echo "$port" >"$PG_DIR/port"
    log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port ($PG_DIR)"
    print_url "$port"
}

stop() {
    if [ -d "$PG_DIR/data" ]; then
        as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$PG_DIR" "$PG_ENV"
    log "stopped"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
