# bench/lib.sh - the set-up the HTTP benchmarks share (http.sh, portal.sh; submit.sh takes
# cleanup, free_port and wait_http), sourced from the repository root after
# `set -euo pipefail`: knobs and tool checks, CPU pinning, the temp directory and its
# clean-up, free loopback ports, waiting for a URL, the pages nginx serves, nginx itself,
# and wrk runs collected into `results`.

# Knobs (BENCH_DURATION, BENCH_CONNECTIONS, DANVAN_BIN), tools, CPU pinning, $tmp and the
# clean-up of everything started (pids) when the script ends.
bench_setup() {
  BIN=${DANVAN_BIN:-$PWD/build/danvan}
  DURATION=${BENCH_DURATION:-10}
  CONNS=${BENCH_CONNECTIONS:-64}
  for tool in wrk nginx curl; do
    command -v "$tool" >/dev/null || { echo "bench: $tool missing (scripts/install-deps.sh bench)" >&2; exit 1; }
  done
  [ -x "$BIN" ] || { echo "bench: $BIN not built (make build)" >&2; exit 1; }

  SERVER_CPU=() CLIENT_CPU=()
  if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then
    SERVER_CPU=(taskset -c 0) CLIENT_CPU=(taskset -c 1)
  fi

  tmp=$(mktemp -d)
  pids=()
  results=()
  trap cleanup EXIT INT TERM
}

cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  if [ -n "${bench_pgdir:-}" ]; then scripts/pg-tmp.sh stop "$bench_pgdir"; bench_pgdir=; fi
  if [ -n "${BENCH_KEEP_TMP:-}" ]; then echo "bench: kept $tmp" >&2; else rm -rf "$tmp"; fi
}

# A loopback port nobody listens on (bash's /dev/tcp connect fails).
free_port() {
  local p
  for _ in $(seq 1 100); do
    p=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
  echo "bench: no free port" >&2; exit 1
}

wait_http() {  # URL: wait up to 20 s for a 200
  for _ in $(seq 1 200); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$1" || true)" = 200 ] && return 0
    sleep 0.1
  done
  echo "bench: $1 not ready" >&2; exit 1
}

# $tmp/www for nginx. Its workers run as an unprivileged user: they must reach www/
# (711: pass, not list).
www_init() {
  chmod 711 "$tmp"
  mkdir -m 755 "$tmp/www"
}

save_page() {  # NAME PATH [curl args...]: the page's bytes from danvan ($app) as www/NAME.html
  local name=$1 path=$2; shift 2
  local code
  code=$(curl -s -o "$tmp/www/$name.html" -w '%{http_code}' "$@" "$app$path")
  [ "$code" = 200 ] || { echo "bench: GET $path → $code" >&2; exit 1; }
}

# nginx with one worker serving $tmp/www on a free port ($ngx_port), pinned like danvan;
# returns when www/FILE answers 200.
nginx_start() {  # FILE
  ngx_port=$(free_port)
  cat >"$tmp/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $tmp/nginx.pid;
error_log $tmp/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  default_type text/html;
  client_body_temp_path $tmp/nginx-body;
  proxy_temp_path $tmp/nginx-proxy;
  fastcgi_temp_path $tmp/nginx-fastcgi;
  uwsgi_temp_path $tmp/nginx-uwsgi;
  scgi_temp_path $tmp/nginx-scgi;
  server {
    listen 127.0.0.1:$ngx_port;
    root $tmp/www;
  }
}
CONF
  "${SERVER_CPU[@]}" nginx -e "$tmp/nginx-error.log" -p "$tmp" -c "$tmp/nginx.conf" &
  pids+=($!)
  wait_http "http://127.0.0.1:$ngx_port/$1"
}

# One wrk run: req/s, p99 (ms) and non-2xx appended to results as "NAME|rps|p99|non2xx".
# CPU seconds (user + system, all threads) that process PID has used so far.
cpu_of() {  # PID
  awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.6f", ($12 + $13) / hz }' "/proc/$1/stat" 2>/dev/null || echo 0
}

# With CPU_PID set (the server under test), each result also carries the server's CPU time
# per request in microseconds: unlike req/s and p99, it hardly moves when other processes
# take the machine's cores.
run() {  # NAME URL [wrk args...]
  local name=$1 url=$2; shift 2
  local out rps p99 non2xx cpu0="" cpu_us=""
  [ -n "${CPU_PID:-}" ] && cpu0=$(cpu_of "$CPU_PID")
  out=$("${CLIENT_CPU[@]}" wrk -t1 -c"$CONNS" -d"${DURATION}s" --latency "$@" "$url")
  if [ -n "$cpu0" ]; then
    local n
    n=$(awk '/requests in/ { print $1 }' <<<"$out")
    cpu_us=$(awk -v a="$cpu0" -v b="$(cpu_of "$CPU_PID")" -v n="${n:-0}" 'BEGIN { if (n > 0) printf "%.1f", (b - a) * 1e6 / n; else print "-" }')
  fi
  rps=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")
  p99=$(awk '$1 == "99%" { v = $2
      if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) }
      else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 }
      printf "%.2f", v }' <<<"$out")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' <<<"$out")
  results+=("$name|$rps|$p99|${non2xx:-0}${cpu_us:+|$cpu_us}")
  echo "$name: $rps req/s, p99 $p99 ms${non2xx:+, $non2xx non-2xx}${cpu_us:+, server CPU $cpu_us us/request}" >&2
}

# The backend a bench serves: BENCH_DB=sqlite (default) serves the SQLite FILE as it is;
# BENCH_DB=pg starts a throwaway PostgreSQL (scripts/pg-tmp.sh: fsync and
# synchronous_commit on, durable like production), copies FILE into it with `danvan copy`
# and sets bench_db to its URL. The cluster stops with cleanup.
bench_store() {  # FILE: sets bench_db
  bench_db=$1
  [ "${BENCH_DB:-sqlite}" = pg ] || return 0
  bench_pgdir=$(mktemp -d /tmp/dv-bench-pg-XXXXXX)
  scripts/pg-tmp.sh start "$bench_pgdir" >/dev/null
  bench_db=$(scripts/pg-tmp.sh url "$bench_pgdir" danvan)
  "$BIN" copy --from "$1" --to "$bench_db" >"$tmp/copy.log" 2>&1 || { cat "$tmp/copy.log" >&2; exit 1; }
  echo "bench: PostgreSQL $(psql -X -A -t -d "$bench_db" -c 'SHOW server_version') on a unix socket," \
    "synchronous_commit=$(psql -X -A -t -d "$bench_db" -c 'SHOW synchronous_commit'), store copied from SQLite"
}

bench_sql() {  # SQL: one query on the store being served (sqlite3 or psql), rows as a|b
  if [ "${BENCH_DB:-sqlite}" = pg ]; then psql -X -q -A -t -F '|' -d "$bench_db" -c "$1"
  else sqlite3 "$bench_db" "$1"; fi
}
