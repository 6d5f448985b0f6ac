#!/usr/bin/env bash
# Submission throughput on loopback: 64 concurrent wrk connections POST whole 40-value
# reports (bench/submit.lua) to POST /reports/:regime/:period/:unit as one logged-in staff
# account, each request a different unit and period, for SUBMIT_DURATION seconds. The store
# is bench/gen_national.c's national units and 40-indicator monthly regime without reports,
# its periods from next year on, eight years of them (entry open; 341,760 unit-periods, more
# than 20 s at 16,000/s can use); the server runs with DANVAN_SYNC=full so that an
# acknowledged submission is committed and on disk. Prints req/s, p50/p99, the answers by
# status and the reports found in the store afterwards; asserts nothing.
# Env: SUBMIT_DURATION (20 s), SUBMIT_CONNECTIONS (64), SUBMIT_THREADS (2), SUBMIT_PROVINCES (34),
# SUBMIT_SYNC (full | normal), SUBMIT_SERVERS (1 | 2: two servers on one PostgreSQL, with
# BENCH_DB=pg), DANVAN_BIN (build/danvan), BENCH_BUILD (build: gen_national).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh # cleanup, free_port, wait_http
BIN=${DANVAN_BIN:-$PWD/build/danvan}
BUILD=${BENCH_BUILD:-build}
DURATION=${SUBMIT_DURATION:-20}
CONNS=${SUBMIT_CONNECTIONS:-64}
THREADS=${SUBMIT_THREADS:-2}
PROV=${SUBMIT_PROVINCES:-34}
SYNC=${SUBMIT_SYNC:-full}
SERVERS=${SUBMIT_SERVERS:-1} # 2: two danvan processes on the one PostgreSQL database (BENCH_DB=pg)
for tool in wrk curl sqlite3; do
  command -v "$tool" >/dev/null || { echo "bench: $tool missing (scripts/install-deps.sh bench)" >&2; exit 1; }
done
[ -x "$BIN" ] || { echo "bench: $BIN not built (make build)" >&2; exit 1; }
cmake -S . -B "$BUILD" -DDANVAN_BENCH=ON >/dev/null
cmake --build "$BUILD" --target gen_national -j2 >/dev/null

tmp=$(mktemp -d)
pids=()
trap cleanup EXIT INT TERM

# What the disk gives a durable commit: fdatasync after a 160 KB write (a batch's WAL frames),
# 200 times, in the directory the store lives in. No commit can be faster than its fsync.
disk_fsync() {
  command -v python3 >/dev/null || { echo "disk: (python3 missing: not measured)"; return; }
  python3 - "$1" <<'PY'
import os, sys, time
path = os.path.join(sys.argv[1], "fsync.probe")
fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
buf, ts = b"x" * 163840, []
for i in range(200):
    os.pwrite(fd, buf, (i % 16) * len(buf))
    t = time.perf_counter(); os.fdatasync(fd); ts.append((time.perf_counter() - t) * 1000)
os.close(fd); os.remove(path); ts.sort()
print("disk: fdatasync of 160 KB p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms" % (ts[100], ts[180], ts[198], ts[-1]))
PY
}

echo "== submit (${BENCH_DB:-sqlite}, $SERVERS server(s)): $CONNS connections, ${DURATION}s, 40-value reports, DANVAN_SYNC=$SYNC ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
year=$(( $(date -u +%Y) + 1 ))
"$BUILD/gen_national" --db "$tmp/db" --tsv data/vn-admin-units-2025.tsv --provinces "$PROV" --years 8 --from "$year" \
  --no-reports >"$tmp/gen.log" 2>&1 || { cat "$tmp/gen.log" >&2; exit 1; }
"$BIN" init --db "$tmp/db" >/dev/null 2>&1
DANVAN_PASSWORD='bench-submit-2025!' "$BIN" user add bench --name "Chuyên viên đo tải" --unit TW-BDV --role staff \
  --scope TW-BDV --email bench@danvan.local --db "$tmp/db" >/dev/null 2>"$tmp/user.log" || { cat "$tmp/user.log" >&2; exit 1; }
# The list: every (regime, period, unit) in a scrambled but fixed order
sqlite3 "$tmp/db" "SELECT r.id, p.id, u.id FROM regimes r JOIN periods p ON p.regime_id = r.id
  CROSS JOIN units u WHERE r.code = 'BC-DV-THANG' AND u.valid_to IS NULL
  ORDER BY (p.id * 7919 + u.id * 104729) % 1000003" | tr '|' ' ' >"$tmp/list.txt"
pairs=$(wc -l <"$tmp/list.txt")
BIN=$BIN bench_store "$tmp/db" # BENCH_DB=pg: the same store, copied into PostgreSQL
# Dirty pages that earlier work left (bench/reporting.sh writes gigabytes just before, in
# make bench) would be written out during the run, and on ext4 an fsync waits for whatever
# the journal commit carries: start with the disk quiet.
sync
disk_fsync "$tmp"

app_port=$(free_port)
app="http://127.0.0.1:$app_port"
DANVAN_ACCESS_LOG=off DANVAN_SYNC=$SYNC "$BIN" serve --db "$bench_db" --listen "127.0.0.1:$app_port" >"$tmp/danvan.log" 2>&1 &
pids+=($!)
wait_http "$app/healthz"

# Log in through the real form, then take the CSRF token of an entry form
jar="$tmp/cookies"
attr() { sed -nE "s/.*[[:space:]]$1=(\"([^\"]*)\"|'([^']*)'|([^[:space:]>]+)).*/\2\3\4/p" | head -1; }
curl -s -c "$jar" -b "$jar" "$app/login" >"$tmp/login.html"
csrf=$(grep -oiE '<input[^>]*name="?_csrf[^>]*>' "$tmp/login.html" | attr value | head -1)
status=$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" -H "Origin: $app" \
  --data-urlencode "_csrf=$csrf" --data-urlencode "username=bench" --data-urlencode "password=bench-submit-2025!" "$app/login")
case "$status" in 30?) ;; *) echo "bench: login failed (HTTP $status)" >&2; exit 1 ;; esac
cookie=$(sed -E 's/^#HttpOnly_//' "$jar" | awk -F'\t' '!/^#/ && NF >= 7 { printf "%s%s=%s", sep, $6, $7; sep = "; " }')
first=$(head -1 "$tmp/list.txt" | tr ' ' '/')
code=$(curl -s -o "$tmp/form.html" -w '%{http_code}' -H "Cookie: $cookie" "$app/reports/$first")
[ "$code" = 200 ] || { echo "bench: GET /reports/$first answered $code (is the entry form there?)" >&2; exit 1; }
csrf=$(grep -oiE '<input[^>]*name="?_csrf[^>]*>' "$tmp/form.html" | attr value | head -1)
[ -n "$csrf" ] || { echo "bench: no _csrf on the entry form" >&2; exit 1; }

# One request by hand first: it must commit (303), else say what came back
code=$(curl -s -o "$tmp/one.html" -w '%{http_code}' -H "Cookie: $cookie" -H "Origin: $app" \
  --data-urlencode "_csrf=$csrf" -d version=0 -d action=submit \
  $(for k in $(seq 1 40); do printf -- '-d v_I%02d=%d ' "$k" $(( k % 2 ? 100 + k : 50 + k )); done) "$app/reports/$first")
if [ "$code" != 303 ] && [ "$code" != 302 ]; then
  echo "bench: a single submission answered $code, not a redirect: see $tmp/one.html (BENCH_KEEP_TMP=1 keeps it)" >&2
  grep -oE 'class="[^"]*error[^"]*"[^<]*<[^>]*>[^<]*' "$tmp/one.html" | head -5 >&2 || true
  exit 1
fi
tail -n +2 "$tmp/list.txt" >"$tmp/rest.txt"

before=$(bench_sql "SELECT count(*) FROM reports WHERE status = 'submitted'")
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; } # utime + stime, in clock ticks
# utime + stime of each thread, summed by thread name ("dv-writer 1234"): comm may hold spaces
thread_ticks() {
  for t in /proc/"$1"/task/*; do
    sed -E 's/^[0-9]+ \((.*)\) [A-Z] (([^ ]+ ){10})([0-9]+) ([0-9]+).*/\1 \4 \5/' "$t/stat" 2>/dev/null
  done | awk '{ n = $1; sub(/[-_ ]?[0-9]+$/, "", n); c[n] += $(NF - 1) + $NF } END { for (n in c) print n, c[n] }' | sort
}
cpu0=$(cpu_ticks "${pids[0]}")
thr0=$(thread_ticks "${pids[0]}")
submit_wrk() {  # URL LIST CONNECTIONS: one wrk run of the submissions in LIST against URL
  SUBMIT_LIST="$2" SUBMIT_COOKIE="$cookie" SUBMIT_CSRF="$csrf" SUBMIT_ORIGIN="$1" SUBMIT_THREADS=$THREADS \
    wrk -t"$THREADS" -c"$3" -d"${DURATION}s" --timeout 10s --latency -s bench/submit.lua "$1"
}
if [ "$SERVERS" = 2 ]; then
  # a second server on the same PostgreSQL database: the session and the CSRF key are the
  # store's, so the same cookie and token work there; each server gets half the
  # connections and half the list (odd and even lines), both runs at once
  app2_port=$(free_port)
  app2="http://127.0.0.1:$app2_port"
  DANVAN_ACCESS_LOG=off DANVAN_SYNC=$SYNC "$BIN" serve --db "$bench_db" --listen "127.0.0.1:$app2_port" \
    >"$tmp/danvan2.log" 2>&1 &
  pids+=($!)
  wait_http "$app2/healthz"
  awk 'NR % 2 == 1' "$tmp/rest.txt" >"$tmp/rest1.txt"
  awk 'NR % 2 == 0' "$tmp/rest.txt" >"$tmp/rest2.txt"
  submit_wrk "$app2" "$tmp/rest2.txt" $((CONNS / 2)) >"$tmp/wrk2.txt" &
  wrk2=$!
  out=$(submit_wrk "$app" "$tmp/rest1.txt" $((CONNS / 2)))
  wait "$wrk2"
  out2=$(cat "$tmp/wrk2.txt")
else
  out=$(submit_wrk "$app" "$tmp/rest.txt" "$CONNS")
  out2=
fi
rps=$(awk '/^Requests\/sec:/ { s += $2 } END { printf "%.2f", s }' <<<"$out
$out2")
# the slower server's p50 and p99 (each wrk measures its own half)
p99=$(sed -n 's/^SUBMIT p50_ms=\([0-9.]*\) p99_ms=\([0-9.]*\).*/\2/p' <<<"$out
$out2" | sort -g | tail -1)
p50=$(sed -n 's/^SUBMIT p50_ms=\([0-9.]*\).*/\1/p' <<<"$out
$out2" | sort -g | tail -1)
answers=$(sed -n 's/^SUBMIT committed=/committed=/p' <<<"$out
$out2" | paste -sd ' ' -)
cpu1=$(cpu_ticks "${pids[0]}")
thr1=$(thread_ticks "${pids[0]}")
for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
pids=()
after=$(bench_sql "SELECT count(*) FROM reports WHERE status = 'submitted'")
values=$(bench_sql "SELECT count(*) FROM report_values")
echo "$out" | grep -E '^(Running|  [0-9]+ threads|Requests/sec|Transfer/sec|  Socket errors)' || true
echo "submit: $rps req/s, p50 $p50 ms, p99 $p99 ms; answers: $answers"
sed -n 's/^SUBMIT distribution_ms /submit: latency /p' <<<"$out"
hz=$(getconf CLK_TCK)
echo "submit: server CPU $(awk -v t=$((cpu1 - cpu0)) -v hz="$hz" -v n=$((after - before)) 'BEGIN { if (n > 0) printf "%.0f", t / hz / n * 1e6; else print "?" }') µs per submission (user + system, all threads)"
echo "submit: server CPU by thread, µs per submission: $(join <(echo "$thr0") <(echo "$thr1") | awk -v hz="$hz" -v n=$((after - before)) \
  '{ d = $3 - $2; if (d > 0 && n > 0) printf "%s%s %.0f", sep, $1, d / hz / n * 1e6; sep = ", " }')"
sed -n 's/.*reports: \([0-9]* saves committed in [0-9]* batches.*\)/submit: group commit: \1/p' "$tmp"/danvan*.log
echo "submit: $((after - before)) reports submitted in the store after the run ($values values; $pairs unit-periods available)"
echo "target: >= 2,000 submissions/s, p99 <= 25 ms (durable: DANVAN_SYNC=$SYNC)"
