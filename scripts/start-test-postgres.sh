#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for tests and benchmarks, and prints its URL.
# Usage: eval "$(bash scripts/start-test-postgres.sh [PORT])"  → exports TEST_DATABASE_URL and TEST_PG_DIR
# Stop it with: bash scripts/stop-test-postgres.sh
set -euo pipefail
PORT="${1:-54329}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ]; then
  echo "PostgreSQL server binaries not found; installing the postgresql package" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) >&2
  BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
fi
DIR="$(mktemp -d /tmp/lumen-pg.XXXXXX)"
chown postgres:postgres "$DIR"
# initdb refuses to run as root: run the server as the postgres user.
su postgres -s /bin/sh -c "'$BIN/initdb' -D '$DIR/data' -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8" >&2
su postgres -s /bin/sh -c "'$BIN/pg_ctl' -D '$DIR/data' -l '$DIR/log' -w -o \"-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 -c shared_buffers=1GB -c work_mem=64MB -c maintenance_work_mem=512MB\" start" >&2
echo "export TEST_PG_DIR='$DIR' TEST_PG_BIN='$BIN'"
echo "export TEST_DATABASE_URL='postgres://postgres@127.0.0.1:$PORT/postgres'"
