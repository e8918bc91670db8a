#!/usr/bin/env bash
# Stops the server started by start-test-postgres.sh and removes its data.
set -euo pipefail
[ -n "${TEST_PG_DIR:-}" ] || { echo "TEST_PG_DIR is not set" >&2; exit 1; }
su postgres -s /bin/sh -c "'$TEST_PG_BIN/pg_ctl' -D '$TEST_PG_DIR/data' -m fast -w stop" >&2 || true
rm -rf "$TEST_PG_DIR"
