#!/usr/bin/env bash
# pg-tmp.sh - a throwaway PostgreSQL 15 cluster for tests and benches: initdb in a temp
# directory, listening only on a unix socket there, started and stopped by its PID.
#
#   eval "$(scripts/pg-tmp.sh start [DIR])"   prints PGTMP_DIR=… PGTMP_URL=… (export them)
#   scripts/pg-tmp.sh stop DIR                 stops the server by its PID, removes DIR
#   scripts/pg-tmp.sh url DIR [DBNAME]         a connection URL for DIR's socket (creates DBNAME)
#   eval "$(scripts/pg-tmp.sh replica PRIMARY_DIR [DIR])"   a streaming replica of that cluster
#                                              (pg_basebackup -R: a hot standby on DIR's socket)
#
# initdb refuses to run as root: as root the cluster belongs to the `postgres` user (runuser).
# Durable like production: fsync and synchronous_commit stay on.
set -euo pipefail

PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
[ -x "$PGBIN/initdb" ] || { echo "pg-tmp: no PostgreSQL server (apt-get install postgresql)" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

url_of() { # DIR DBNAME
  printf 'postgresql:///%s?host=%s' "$2" "$1"
}

new_dir() { # [DIR]: DIR (or a new temp one) made, owned by the server's user, mode 700
  local d=${1:-}
  if [ -z "$d" ]; then d=$(mktemp -d /tmp/dv-pg-XXXXXX); fi
  mkdir -p "$d"
  [ "$(id -u)" -ne 0 ] || chown postgres: "$d"
  chmod 700 "$d"
  echo "$d"
}

serve_dir() { # DIR: starts the cluster of DIR/data and prints its variables
  as_owner "$PGBIN/pg_ctl" -D "$1/data" -l "$1/server.log" -w -t 60 start >/dev/null ||
    { cat "$1/server.log" >&2; exit 1; }
  # the socket is writable by everyone: tests run as root, the server as postgres
  chmod 755 "$1"
  echo "PGTMP_DIR=$1"
  echo "PGTMP_URL='$(url_of "$1" postgres)'"
}

cmd=${1:-}
case "$cmd" in
  start)
    dir=$(new_dir "${2:-}")
    as_owner "$PGBIN/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    cat >>"$dir/data/postgresql.conf" <<EOF
listen_addresses = ''
unix_socket_directories = '$dir'
max_connections = 300
shared_buffers = 128MB
synchronous_commit = on
fsync = on
log_min_messages = warning
log_min_error_statement = panic
EOF
    serve_dir "$dir"
    ;;
  url)
    dir=$2
    db=${3:-postgres}
    if [ "$db" != postgres ]; then
      "$PGBIN/psql" -X -q -h "$dir" -U postgres -d postgres -c "CREATE DATABASE \"$db\"" >/dev/null
    fi
    echo "$(url_of "$dir" "$db")&user=postgres"
    ;;
  replica)
    primary=$2
    dir=$(new_dir "${3:-}")
    # the primary's settings come along; its socket directory is replaced by this one's
    as_owner "$PGBIN/pg_basebackup" -h "$primary" -U postgres -D "$dir/data" -R -X stream -c fast \
      >"$dir/basebackup.log" 2>&1 || { cat "$dir/basebackup.log" >&2; exit 1; }
    cat >>"$dir/data/postgresql.conf" <<EOF
unix_socket_directories = '$dir'
hot_standby = on
EOF
    serve_dir "$dir"
    ;;
  stop)
    dir=$2
    if [ -f "$dir/data/postmaster.pid" ]; then
      pid=$(head -1 "$dir/data/postmaster.pid")
      kill -INT "$pid" 2>/dev/null || true # fast shutdown
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start [DIR] | url DIR [DBNAME] | replica PRIMARY_DIR [DIR] | stop DIR" >&2
    exit 2
    ;;
esac
