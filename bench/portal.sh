#!/usr/bin/env bash
# Public portal benchmark on loopback: wrk against nginx serving the exact bytes of the home
# page (/) and of the seed article's page (/bai-viet/<slug>) as static files, then danvan
# serving the same pages to anonymous readers (no cookie), in the same run. Prints req/s,
# p99 latency and the ratio to nginx; targets (printed, never asserted): >= 0.8x nginx,
# p99 <= 5 ms at 64 connections.
#
# Fairness on a 2-core machine: nginx runs 1 worker and both servers are pinned to CPU 0,
# wrk (1 thread) to CPU 1, when taskset exists. Knobs: BENCH_DURATION (seconds, default 10),
# BENCH_CONNECTIONS (default 64), DANVAN_BIN (default build/danvan).
set -euo pipefail
cd "$(dirname "$0")/.."

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
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  if [ -n "${BENCH_KEEP_TMP:-}" ]; then echo "bench: kept $tmp" >&2; else rm -rf "$tmp"; fi
}
trap cleanup EXIT INT TERM

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

# --- danvan with the demo province and the demo articles (the seed article among them)
"$BIN" demo --db "$tmp/db" --no-serve >"$tmp/demo.log" 2>&1 || { cat "$tmp/demo.log" >&2; exit 1; }
app_port=$(free_port)
app="http://127.0.0.1:$app_port"
DANVAN_ACCESS_LOG=off DANVAN_BASE_URL="$app" "${SERVER_CPU[@]}" "$BIN" serve --db "$tmp/db" \
  --listen "127.0.0.1:$app_port" >"$tmp/danvan.log" 2>&1 &
pids+=($!)
wait_http "$app/healthz"

# The seed article: its link on the home page, else on the later list pages.
article_path=${BENCH_ARTICLE_PATH:-}
for page in "" "?trang=2" "?trang=3" "?trang=4"; do
  [ -n "$article_path" ] && break
  article_path=$(curl -s "$app/$page" | grep -oE 'href="/bai-viet/ban-thuong-vu-tinh-uy-to-chuc-hoi-nghi[^"/]*"' |
    head -1 | sed -E 's/href="([^"]*)"/\1/' || true)
done
[ -n "$article_path" ] || { echo "bench: the seed article is not linked from /; set BENCH_ARTICLE_PATH" >&2; exit 1; }

chmod 711 "$tmp"
mkdir -m 755 "$tmp/www"
save_page() {  # NAME PATH: the page's bytes (as an anonymous reader gets them) for nginx
  local code
  code=$(curl -s -o "$tmp/www/$1.html" -w '%{http_code}' "$app$2")
  [ "$code" = 200 ] || { echo "bench: GET $2 → $code" >&2; exit 1; }
}
save_page home /
save_page article "$article_path"

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
wait_http "http://127.0.0.1:$ngx_port/home.html"

results=()
run() {  # NAME URL [wrk args...]
  local name=$1 url=$2; shift 2
  local out rps p99 non2xx
  out=$("${CLIENT_CPU[@]}" wrk -t1 -c"$CONNS" -d"${DURATION}s" --latency "$@" "$url")
  rps=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")
  p99=$(awk '$1 == "99%" { v = $2
      if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) }
      else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 }
      printf "%.2f", v }' <<<"$out")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' <<<"$out")
  results+=("$name|$rps|$p99|${non2xx:-0}")
  echo "$name: $rps req/s, p99 $p99 ms${non2xx:+, $non2xx non-2xx}" >&2
}

echo "wrk -t1 -c$CONNS -d${DURATION}s on 127.0.0.1, anonymous; home / ($(stat -c %s "$tmp/www/home.html") bytes)," \
  "article $article_path ($(stat -c %s "$tmp/www/article.html") bytes)" >&2
# Each danvan page right after nginx serving its exact bytes; the ratio is to that run.
run "nginx: home page bytes" "http://127.0.0.1:$ngx_port/home.html"
run "danvan home page" "$app/"
run "nginx: article page bytes" "http://127.0.0.1:$ngx_port/article.html"
run "danvan article page" "$app$article_path"

echo
printf '%-28s %12s %10s %10s %8s\n' target 'req/s' 'p99 ms' 'vs nginx' 'non-2xx'
base=0
for r in "${results[@]}"; do
  IFS='|' read -r name rps p99 bad <<<"$r"
  case "$name" in nginx*) base=$rps; ratio='1.00x' ;;
    *) ratio=$(awk -v a="$rps" -v b="$base" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else print "-" }') ;;
  esac
  printf '%-28s %12s %10s %10s %8s\n' "$name" "$rps" "$p99" "$ratio" "$bad"
done
echo
echo "targets: danvan >= 0.8x nginx req/s, p99 <= 5 ms at $CONNS connections"
