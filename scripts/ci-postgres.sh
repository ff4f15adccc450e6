#!/usr/bin/env bash
# Install (Debian package) and start a throw-away PostgreSQL cluster on 127.0.0.1 for the store
# integration tests.  Prints the connection URL on its last line, e.g.
#   export MARSAD_TEST_PG_URL="$(bash scripts/ci-postgres.sh | tail -n1)"
# Idempotent: a cluster already running in $MARSAD_PG_DIR is reused.
# Env: MARSAD_PG_DIR (default /tmp/marsad-pg), MARSAD_PG_PORT (default 54329).
set -euo pipefail
DIR="${MARSAD_PG_DIR:-/tmp/marsad-pg}"
PORT="${MARSAD_PG_PORT:-54329}"
DB=marsad_test
USER_NAME=marsad

bindir() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)
  echo "$d"
}
BIN=$(bindir)
if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ]; then
  echo "installing postgresql (apt-get)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  BIN=$(bindir)
fi

# initdb/postgres refuse to run as root: use the 'postgres' system user when we are root.
run() {
  if [ "$(id -u)" = 0 ]; then
    su postgres -s /bin/bash -c "$*"
  else
    bash -c "$*"
  fi
}

if [ ! -f "$DIR/PG_VERSION" ]; then
  mkdir -p "$DIR"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR"
  run "'$BIN/initdb' -D '$DIR' -A trust -U $USER_NAME -E UTF8 --locale=C.UTF-8" >&2
fi
if ! run "'$BIN/pg_ctl' -D '$DIR' status" >/dev/null 2>&1; then
  run "'$BIN/pg_ctl' -D '$DIR' -l '$DIR/server.log' -w start -o \"-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off\"" >&2
fi
if ! "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U $USER_NAME -d postgres -tAc "select 1 from pg_database where datname='$DB'" | grep -q 1; then
  "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U $USER_NAME $DB >&2
fi
echo "postgresql://$USER_NAME@127.0.0.1:$PORT/$DB"
