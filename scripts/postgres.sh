#!/usr/bin/env bash
# Private PostgreSQL clusters for the local platform and its tests (Debian's postgresql-common).
# Sourced by run.sh, test.sh and .ci/run; also runnable: scripts/postgres.sh up NAME PORT ROLE PASSWORD
# Each purpose gets its own cluster (port, data directory), bound to 127.0.0.1 only.
set -euo pipefail

pg_log() { printf '[postgres] %s\n' "$*" >&2; }

pg_as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

pg_install() {
  if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || ! command -v pg_createcluster >/dev/null 2>&1; then
    pg_log "installing PostgreSQL from Debian packages"
    pg_as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive pg_as_root apt-get install -y -qq postgresql >/dev/null
  fi
}

pg_version() { ls /usr/lib/postgresql | sort -V | tail -1; }

pg_bin() { echo "/usr/lib/postgresql/$(pg_version)/bin"; }

# pg_up NAME PORT: create the cluster if missing, configure it for loopback, start it, wait until it answers.
pg_up() {
  local name=$1 port=$2 ver
  pg_install
  ver=$(pg_version)
  if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$ver $name"; then
    pg_log "creating cluster $ver/$name on port $port"
    pg_as_root pg_createcluster "$ver" "$name" --port "$port" -- --auth-local=peer --auth-host=scram-sha-256 >/dev/null
  fi
  local conf="/etc/postgresql/$ver/$name/conf.d/platform.conf"
  pg_as_root mkdir -p "$(dirname "$conf")"
  {
    echo "listen_addresses = '127.0.0.1'"
    echo "port = $port"
    echo "max_connections = ${PG_MAX_CONNECTIONS:-300}"
    echo "shared_buffers = 128MB"
    # Throwaway clusters (tests) trade durability for speed; the platform cluster keeps the defaults.
    if [ "${PG_EPHEMERAL:-0}" = 1 ]; then
      echo "fsync = off"; echo "synchronous_commit = off"; echo "full_page_writes = off"
    fi
  } | pg_as_root tee "$conf" >/dev/null
  # The server runs as postgres and must read it, whatever umask the caller has.
  pg_as_root chown postgres:postgres "$conf"
  pg_as_root chmod 644 "$conf"
  local status
  status=$(pg_lsclusters -h | awk -v v="$ver" -v n="$name" '$1==v && $2==n {print $4}')
  if [ "$status" != online ]; then
    pg_as_root pg_ctlcluster "$ver" "$name" start || [ $? = 2 ]
  fi
  local i
  for i in $(seq 1 60); do
    if "$(pg_bin)/pg_isready" -q -h 127.0.0.1 -p "$port"; then return 0; fi
    sleep 0.5
  done
  pg_log "cluster $name did not become ready on port $port"; return 1
}

# pg_down NAME: stop the cluster (no error if it is not running).
pg_down() { pg_as_root pg_ctlcluster "$(pg_version)" "$1" stop >/dev/null 2>&1 || true; }

# pg_drop NAME: stop and remove the cluster.
pg_drop() { pg_as_root pg_dropcluster --stop "$(pg_version)" "$1" >/dev/null 2>&1 || true; }

# pg_psql PORT SQL...: run SQL as the postgres OS user over the local socket.
pg_psql() {
  local port=$1; shift
  if [ "$(id -u)" = 0 ]; then
    su postgres -c "psql -X -q -v ON_ERROR_STOP=1 -p $port -d postgres -tA" <<<"$*"
  else
    sudo -u postgres psql -X -q -v ON_ERROR_STOP=1 -p "$port" -d postgres -tA <<<"$*"
  fi
}

# pg_role PORT ROLE PASSWORD [SUPERUSER]: create or update a login role.
pg_role() {
  local port=$1 role=$2 pw=$3 su=${4:-}
  local attrs="LOGIN"; [ -n "$su" ] && attrs="LOGIN SUPERUSER CREATEDB CREATEROLE"
  pg_psql "$port" "DO \$\$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$role') THEN CREATE ROLE \"$role\" $attrs; END IF;
    ALTER ROLE \"$role\" $attrs PASSWORD '$pw';
  END \$\$;"
}

# pg_database PORT DB OWNER: create a database if missing.
pg_database() {
  local port=$1 db=$2 owner=$3
  if [ -z "$(pg_psql "$port" "SELECT 1 FROM pg_database WHERE datname = '$db'")" ]; then
    pg_psql "$port" "CREATE DATABASE \"$db\" OWNER \"$owner\" TEMPLATE template0 ENCODING 'UTF8'"
  fi
}

pg_random_secret() { head -c 24 /dev/urandom | base64 | tr -d '/+=' | head -c 32; }

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  cmd=${1:-}; shift || true
  case "$cmd" in
    up) pg_up "$1" "$2"; [ $# -ge 4 ] && pg_role "$2" "$3" "$4" superuser; true ;;
    down) pg_down "$1" ;;
    drop) pg_drop "$1" ;;
    *) echo "usage: $0 up NAME PORT [ROLE PASSWORD] | down NAME | drop NAME" >&2; exit 2 ;;
  esac
fi
