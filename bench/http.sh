#!/usr/bin/env bash
# HTTP throughput benchmark on loopback only: wrk against (1) nginx serving the exact bytes
# of a danvan unit page as a static file, (2) danvan's unit page logged in as bdv, and
# (3) danvan's login page. Prints req/s, p99 latency and the ratio to nginx. Printed, never
# asserted.
#
# Fairness on a 2-core machine: nginx runs 1 worker and both servers are pinned to CPU 0,
# wrk (1 thread) to CPU 1, when taskset exists. Knobs: BENCH_DURATION (seconds, default 10),
# BENCH_CONNECTIONS (default 64), BENCH_UNIT_PATH (default: first unit linked from /units),
# DANVAN_BIN (default build/danvan).
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

# --- danvan with the demo province
"$BIN" demo --db "$tmp/db" --no-serve >"$tmp/demo.log" 2>&1 || { cat "$tmp/demo.log" >&2; exit 1; }
app_port=$(free_port)
app="http://127.0.0.1:$app_port"
DANVAN_ACCESS_LOG=off "${SERVER_CPU[@]}" "$BIN" serve --db "$tmp/db" --listen "127.0.0.1:$app_port" \
  >"$tmp/danvan.log" 2>&1 &
pids+=($!)
wait_http "$app/healthz"

# Log in as bdv through the real form: GET /login (cookie + _csrf), POST the form.
jar="$tmp/cookies"
curl -s -c "$jar" -b "$jar" "$app/login" >"$tmp/login.html"
# The form with the password field (the page may have other forms), its inputs one a line.
form=$(tr '\n' ' ' <"$tmp/login.html" | grep -oiP '<form\b.*?</form>' | grep -iE 'type="?password' | head -1 || true)
inputs=$(grep -oiE '<input[^>]*>' <<<"${form:-$(cat "$tmp/login.html")}" || true)
attr() {  # NAME: the value of attribute NAME of the tag on stdin, quoted or not
  sed -nE "s/.*[[:space:]]$1=(\"([^\"]*)\"|'([^']*)'|([^[:space:]>]+)).*/\2\3\4/p" | head -1
}
csrf=$(grep -iE 'name="?_csrf' <<<"$inputs" | attr value | sed 's/&quot;/"/g; s/&amp;/\&/g')
user_field=$(grep -iE 'type="?(text|email)' <<<"$inputs" | attr name)
pass_field=$(grep -iE 'type="?password' <<<"$inputs" | attr name)
status=$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" \
  -H "Origin: $app" \
  --data-urlencode "_csrf=$csrf" \
  --data-urlencode "${user_field:-username}=bdv" \
  --data-urlencode "${pass_field:-password}=demo-bdv-2025" \
  "$app/login")
case "$status" in 30?) ;; *) echo "bench: login as bdv failed (HTTP $status)" >&2; exit 1 ;; esac
# The jar's cookies as one header; curl marks HttpOnly ones with a "#HttpOnly_" prefix.
cookie=$(sed -E 's/^#HttpOnly_//' "$jar" | awk -F'\t' '!/^#/ && NF >= 7 { printf "%s%s=%s", sep, $6, $7; sep = "; " }')

# The unit page: BENCH_UNIT_PATH, else the first /units/<id> link on /units.
unit_path=${BENCH_UNIT_PATH:-}
if [ -z "$unit_path" ]; then
  unit_path=$(curl -s -H "Cookie: $cookie" "$app/units" |
    grep -oE 'href="/units/[^"/?#]+"' | grep -vE '/units/(new|search|import|export)"' |
    head -1 | sed -E 's/href="([^"]*)"/\1/')
fi
[ -n "$unit_path" ] || { echo "bench: no unit link on /units; set BENCH_UNIT_PATH" >&2; exit 1; }

# nginx workers run as an unprivileged user: they must reach www/ (711: pass, not list).
chmod 711 "$tmp"
mkdir -m 755 "$tmp/www"
save_page() {  # NAME PATH [curl args...]: the page's bytes as www/NAME.html for nginx
  local name=$1 path=$2; shift 2
  local code
  code=$(curl -s -o "$tmp/www/$name.html" -w '%{http_code}' "$@" "$app$path")
  [ "$code" = 200 ] || { echo "bench: GET $path → $code" >&2; exit 1; }
}
save_page unit "$unit_path" -H "Cookie: $cookie"
unit_bytes=$(stat -c %s "$tmp/www/unit.html")
# A leaf unit (a commune): the last unit link on the province page.
leaf_path=$(curl -s -H "Cookie: $cookie" "$app$unit_path" | grep -oE 'href="/units/[0-9]+"' | tail -1 | sed -E 's/href="([^"]*)"/\1/')
save_page leaf "$leaf_path" -H "Cookie: $cookie"
save_page login /login

# --- nginx: one worker, the unit page's bytes as a static file
ngx_port=$(free_port)
cat >"$tmp/nginx.conf" <<EOF
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
EOF
"${SERVER_CPU[@]}" nginx -e "$tmp/nginx-error.log" -p "$tmp" -c "$tmp/nginx.conf" &
pids+=($!)
wait_http "http://127.0.0.1:$ngx_port/unit.html"

# --- wrk runs
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

echo "wrk -t1 -c$CONNS -d${DURATION}s on 127.0.0.1; province page $unit_path ($unit_bytes bytes), commune page $leaf_path" >&2
# Each danvan page right after nginx serving its exact bytes; the ratio is to that run.
run "nginx: province page bytes" "http://127.0.0.1:$ngx_port/unit.html"
run "danvan province page (bdv)" "$app$unit_path" -H "Cookie: $cookie"
run "nginx: commune page bytes" "http://127.0.0.1:$ngx_port/leaf.html"
run "danvan commune page (bdv)" "$app$leaf_path" -H "Cookie: $cookie"
run "nginx: login page bytes" "http://127.0.0.1:$ngx_port/login.html"
run "danvan login page" "$app/login"

echo
printf '%-28s %12s %10s %10s %8s\n' target 'req/s' 'p99 ms' 'vs nginx' 'non-2xx'
base=0
for r in "${results[@]}"; do
  IFS='|' read -r name rps p99 bad <<<"$r"
  case "$name" in nginx*) base=$rps ;; esac
  ratio=$(awk -v a="$rps" -v b="$base" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else print "-" }')
  printf '%-28s %12s %10s %10s %8s\n' "$name" "$rps" "$p99" "$ratio" "$bad"
done
echo
echo "target: unit page >= 0.5x nginx serving the same bytes"
