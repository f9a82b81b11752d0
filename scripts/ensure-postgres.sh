#!/usr/bin/env bash
# The storage contract suite also runs against a local PostgreSQL (TEST_DATABASE_URL, by default
# postgres://postgres@127.0.0.1:5432/test). Starts the local cluster when it is down, and installs
# it when missing: a cluster installed here is a throwaway test server, so it gets trust auth on
# loopback and a `test` database. Idempotent and quiet on success. PGPORT and PG_CLUSTER pick
# another local cluster than 5432 / main.
set -euo pipefail

host=127.0.0.1
port="${PGPORT:-5432}"
cluster="${PG_CLUSTER:-main}"
ready() { command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h "$host" -p "$port" >/dev/null 2>&1; }
require_root() {
  if [ "$(id -u)" != "0" ]; then
    echo "PostgreSQL on $host:$port is $1: run 'sudo bash $0' (needed when TEST_DATABASE_URL is set)." >&2
    exit 1
  fi
}

if ready; then exit 0; fi

installed_here=false
if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ -z "$(ls /etc/postgresql 2>/dev/null)" ]; then
  require_root "not installed"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq postgresql >/dev/null
  installed_here=true
fi

version="$(ls /etc/postgresql | sort -V | tail -n 1)"
if [ "$installed_here" = true ]; then
  cat >"/etc/postgresql/$version/$cluster/pg_hba.conf" <<'EOF'
local all all trust
host all all 127.0.0.1/32 trust
host all all ::1/128 trust
EOF
fi

# Starting a cluster that is already starting fails: the wait below decides, the output is kept for errors.
start_output="$(pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" start 2>&1)" || true
for _ in $(seq 1 60); do
  if ready; then break; fi
  sleep 0.5
done
if ! ready; then
  echo "PostgreSQL $version did not become ready on $host:$port." >&2
  [ -n "$start_output" ] && echo "$start_output" >&2
  exit 1
fi

if ! psql -w -h "$host" -p "$port" -U postgres -d postgres -tAc "select 1 from pg_database where datname = 'test'" | grep -q 1; then
  psql -w -q -h "$host" -p "$port" -U postgres -d postgres -c 'create database test' >/dev/null
fi
