#!/usr/bin/env bash
# Citizens' benchmark on loopback (issue 15), printed, never asserted:
#  1. the public status page of a tracking code (/kien-nghi/ma/CODE) and the Dân vận khéo
#     gallery (/dan-van-kheo) under wrk, each right after nginx serving the same bytes as a
#     static file (bench/portal.sh's method: one nginx worker, both servers pinned to CPU 0,
#     wrk to CPU 1); targets >= 0.8x nginx req/s and p99 <= 5 ms at 64 connections;
#  2. petition submission through the public form, durable (DANVAN_SYNC=full: an answered
#     petition is committed and on disk), 64 connections, each request a new petition
#     (bench/citizen_submit.lua); target >= 1,000/s. Each request comes from its own citizen's
#     address through X-Forwarded-For (the server trusts 127.0.0.1 as its proxy, as behind
#     deploy/nginx-danvan.conf), so the limits per address and contact and the duplicate check
#     all stay on, at their defaults.
# Knobs: BENCH_DURATION (10 s), BENCH_CONNECTIONS (64), CITIZEN_SUBMIT_DURATION (10 s),
# DANVAN_BIN (build/danvan).
set -euo pipefail
cd "$(dirname "$0")/.."

. bench/lib.sh
bench_setup
command -v sqlite3 >/dev/null || { echo "bench: sqlite3 missing" >&2; exit 1; }
SUBMIT_DURATION=${CITIZEN_SUBMIT_DURATION:-10}

"$BIN" demo --db "$tmp/db" --no-serve >"$tmp/demo.log" 2>&1 || { cat "$tmp/demo.log" >&2; exit 1; }
app_port=$(free_port)
app="http://127.0.0.1:$app_port"
DANVAN_ACCESS_LOG=off DANVAN_SYNC=full DANVAN_TRUSTED_PROXIES=127.0.0.1 DANVAN_BASE_URL="$app" "${SERVER_CPU[@]}" "$BIN" serve --db "$tmp/db" \
  --listen "127.0.0.1:$app_port" >"$tmp/danvan.log" 2>&1 &
pids+=($!)
app_pid=$!
wait_http "$app/healthz"

code=$(curl -s "$app/kien-nghi/tra-loi" | grep -oE 'href="/kien-nghi/ma/KN-[A-Z0-9-]+"' | head -1 | sed -E 's/.*ma\/([^"]+)"/\1/')
[ -n "$code" ] || { echo "bench: no published petition in the demo" >&2; exit 1; }
www_init
save_page status "/kien-nghi/ma/$code"
save_page gallery /dan-van-kheo
nginx_start status.html

echo "wrk -t1 -c$CONNS -d${DURATION}s on 127.0.0.1, anonymous; /kien-nghi/ma/$code ($(stat -c %s "$tmp/www/status.html") bytes)," \
  "/dan-van-kheo ($(stat -c %s "$tmp/www/gallery.html") bytes)" >&2
run "nginx: status page bytes" "http://127.0.0.1:$ngx_port/status.html"
CPU_PID=$app_pid run "danvan status page" "$app/kien-nghi/ma/$code"
run "nginx: gallery bytes" "http://127.0.0.1:$ngx_port/gallery.html"
CPU_PID=$app_pid run "danvan gallery" "$app/dan-van-kheo"

echo
printf '%-28s %12s %10s %10s %8s\n' target 'req/s' 'p99 ms' 'vs nginx' 'non-2xx'
base=0
for r in "${results[@]}"; do
  IFS='|' read -r name rps p99 bad _ <<<"$r"
  case "$name" in nginx*) base=$rps; ratio='1.00x' ;;
    *) ratio=$(awk -v a="$rps" -v b="$base" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else print "-" }') ;;
  esac
  printf '%-28s %12s %10s %10s %8s\n' "$name" "$rps" "$p99" "$ratio" "$bad"
done
echo "targets: danvan >= 0.8x nginx req/s, p99 <= 5 ms at $CONNS connections"

# --- petition submission, durable
jar="$tmp/cookies"
curl -s -c "$jar" -b "$jar" "$app/kien-nghi/gui" >"$tmp/form.html"
csrf=$(grep -oE 'name="_csrf" value="[^"]+"' "$tmp/form.html" | head -1 | sed -E 's/.*value="([^"]+)"/\1/')
cookie=$(sed 's/^#HttpOnly_//' "$jar" | awk '!/^#/ && NF >= 7 { printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }')
category=$(grep -oE '<option value="[0-9]+"' "$tmp/form.html" | head -1 | grep -oE '[0-9]+')
commune=$(sed -n '/name="commune_id"/,/<\/select>/p' "$tmp/form.html" | grep -oE '<option value="[0-9]+"' | head -1 | grep -oE '[0-9]+')
before=$(sqlite3 "$tmp/db" "SELECT count(*) FROM petitions")
echo
echo "== petition submission: $CONNS connections, ${SUBMIT_DURATION}s, DANVAN_SYNC=full ($(nproc) cores)"
out=$(CITIZEN_COOKIE="$cookie" CITIZEN_CSRF="$csrf" CITIZEN_ORIGIN="$app" CITIZEN_CATEGORY="$category" \
  CITIZEN_COMMUNE="$commune" "${CLIENT_CPU[@]}" wrk -t2 -c"$CONNS" -d"${SUBMIT_DURATION}s" --latency \
  -s bench/citizen_submit.lua "$app/kien-nghi/gui")
echo "$out" | grep -E 'Requests/sec|50%|99%|petitions:|other answers' || true
after=$(sqlite3 "$tmp/db" "SELECT count(*) FROM petitions")
echo "petitions in the store afterwards: $((after - before)) new"
echo "target: >= 1,000 durable submissions/s at $CONNS connections"
