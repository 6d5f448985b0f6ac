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

. bench/lib.sh
bench_setup

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
# dv_flash is left out: a browser shows the sign-in flash once and drops it, while a replayed
# cookie would make every request a "first page after sign-in" that also clears it.
cookie=$(sed -E 's/^#HttpOnly_//' "$jar" | awk -F'\t' '!/^#/ && NF >= 7 && $6 != "dv_flash" { printf "%s%s=%s", sep, $6, $7; sep = "; " }')

# The unit page: BENCH_UNIT_PATH, else the first /units/<id> link on /units.
unit_path=${BENCH_UNIT_PATH:-}
if [ -z "$unit_path" ]; then
  unit_path=$(curl -s -H "Cookie: $cookie" "$app/units" |
    grep -oE 'href="/units/[^"/?#]+"' | grep -vE '/units/(new|search|import|export)"' |
    head -1 | sed -E 's/href="([^"]*)"/\1/')
fi
[ -n "$unit_path" ] || { echo "bench: no unit link on /units; set BENCH_UNIT_PATH" >&2; exit 1; }

www_init
save_page unit "$unit_path" -H "Cookie: $cookie"
unit_bytes=$(stat -c %s "$tmp/www/unit.html")
# A leaf unit (a commune): the last unit link on the province page.
leaf_path=$(curl -s -H "Cookie: $cookie" "$app$unit_path" | grep -oE 'href="/units/[0-9]+"' | tail -1 | sed -E 's/href="([^"]*)"/\1/')
save_page leaf "$leaf_path" -H "Cookie: $cookie"
save_page login /login

# --- nginx: one worker, the unit page's bytes as a static file
nginx_start unit.html

# --- wrk runs
echo "wrk -t1 -c$CONNS -d${DURATION}s on 127.0.0.1; province page $unit_path ($unit_bytes bytes), commune page $leaf_path" >&2
# Each danvan page right after nginx serving its exact bytes; the ratio is to that run.
# CPU_PID (danvan, pids[0]) makes each danvan run also report its CPU per request.
run "nginx: province page bytes" "http://127.0.0.1:$ngx_port/unit.html"
CPU_PID=${pids[0]} run "danvan province page (bdv)" "$app$unit_path" -H "Cookie: $cookie"
run "nginx: commune page bytes" "http://127.0.0.1:$ngx_port/leaf.html"
CPU_PID=${pids[0]} run "danvan commune page (bdv)" "$app$leaf_path" -H "Cookie: $cookie"
run "nginx: login page bytes" "http://127.0.0.1:$ngx_port/login.html"
CPU_PID=${pids[0]} run "danvan login page" "$app/login"

echo
printf '%-28s %12s %10s %10s %8s %14s\n' target 'req/s' 'p99 ms' 'vs nginx' 'non-2xx' 'CPU us/req'
base=0
for r in "${results[@]}"; do
  IFS='|' read -r name rps p99 bad cpu <<<"$r"
  case "$name" in nginx*) base=$rps ;; esac
  ratio=$(awk -v a="$rps" -v b="$base" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else print "-" }')
  printf '%-28s %12s %10s %10s %8s %14s\n' "$name" "$rps" "$p99" "$ratio" "$bad" "${cpu:--}"
done
echo
echo "target: signed-in pages >= 0.8x nginx serving the same bytes, p99 <= 5 ms"
# Both servers share CPU 0 with whatever else the machine runs: a high load means the tail
# is the scheduler's (the handler itself takes ~20-30 us at p99 on the unit page).
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
