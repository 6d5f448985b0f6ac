#!/usr/bin/env bash
# soak.sh - `make soak`: the long reliability runs against a release build (build/danvan):
#   1. bench/soak.mjs: SOAK_SECONDS (default 600) of mixed load (readers, searches, report
#      saves, article edits, exports) with RSS and 5xx checks and a backup taken during the
#      load; then SOAK_CYCLES (default 100) kill -9 cycles under mixed load;
#   2. sqlmap (Debian's, level 3, risk 2) against 127.0.0.1 only, over the public search, the
#      sign-in, the send-by-e-mail form, signed-in list filters and the JSON API, each bounded
#      by SQLMAP_SECONDS (default 300); prints a verdict per target.
# Exits non-zero when a check fails or sqlmap reports an injection.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
BIN=${DANVAN_BIN:-$PWD/build/danvan}
export DANVAN_BIN=$BIN
[ -x "$BIN" ] || { echo "soak: no release binary at $BIN (make build)"; exit 1; }
status=0

echo "== mixed load and kill -9 (SOAK_SECONDS=${SOAK_SECONDS:-600}, SOAK_CYCLES=${SOAK_CYCLES:-100})"
node bench/soak.mjs || status=1

[ "${SQLMAP:-1}" = 0 ] && { echo "sqlmap: skipped (SQLMAP=0)"; exit $status; }
command -v sqlmap >/dev/null || { echo "sqlmap: not installed (apt-get install sqlmap)"; exit $status; }
dir=$(mktemp -d)
port=$((8300 + RANDOM % 200))
"$BIN" demo --db "$dir/db" --no-serve >/dev/null 2>&1
DANVAN_ACCESS_LOG=off "$BIN" serve --db "$dir/db" --listen 127.0.0.1:$port >"$dir/serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$dir"' EXIT
url=http://127.0.0.1:$port
for _ in $(seq 100); do curl -sf "$url/healthz" >/dev/null && break; sleep 0.1; done

# a signed-in session for the forms behind the sign-in (admin sees every filter)
jar=$dir/jar
csrf=$(curl -s -c "$jar" "$url/login" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"//')
curl -s -b "$jar" -c "$jar" -o /dev/null -d "_csrf=$csrf&username=admin&password=demo-admin-2025" "$url/login"
session=$(awk '$6 == "dv_session" {print $7}' "$jar")
slug=$(sqlite3 "$dir/db" "SELECT slug FROM articles WHERE status = 'published' LIMIT 1")
regime=$(sqlite3 "$dir/db" "SELECT id FROM regimes LIMIT 1")
period=$(sqlite3 "$dir/db" "SELECT id FROM periods WHERE regime_id = $regime ORDER BY id DESC LIMIT 1")
category=$(sqlite3 "$dir/db" "SELECT id FROM petition_categories LIMIT 1")
commune=$(sqlite3 "$dir/db" "SELECT id FROM units WHERE type IN ('xa', 'phuong', 'commune', 'ward') LIMIT 1")
# sqlmap sends hundreds of petitions from one address: the limits must not answer for the code
sqlite3 "$dir/db" "UPDATE settings SET value = '1000000' WHERE key IN ('citizen.rate_ip_hour', 'citizen.rate_contact_day')"

run() { # name, sqlmap arguments...
  local name=$1; shift
  local log="$dir/sqlmap-$(tr -c 'a-z0-9' '_' <<<"$name").log"
  timeout "${SQLMAP_SECONDS:-300}" sqlmap --batch --level=3 --risk=2 --timeout=10 --retries=1 \
    --disable-coloring --output-dir="$dir/sqlmap" "$@" >"$log" 2>&1
  local rc=$?
  local verdict
  if grep -qE "identified the following injection point|is vulnerable|appears to be '.*' injectable" "$log"; then
    verdict="INJECTABLE (see $log)"; status=1; cp "$log" /tmp/ 2>/dev/null
  elif grep -q "all tested parameters do not appear to be injectable" "$log"; then
    verdict="not injectable (every parameter tested)"
  elif [ $rc -eq 124 ]; then
    verdict="no injection found within ${SQLMAP_SECONDS:-300} s (bounded)"
  else
    verdict="sqlmap ended ($rc): $(grep -E 'CRITICAL|ERROR' "$log" | tail -1 | cut -c1-120)"
  fi
  printf '  %-44s %s\n' "$name" "$verdict"
}

echo "== sqlmap (level 3, risk 2) against $url"
run "GET /tim-kiem (public search)" -u "$url/tim-kiem?q=dan+van&trang=1"
run "POST /login (sign-in)" -u "$url/login" --data "username=admin&password=x&next=/units&_csrf=x" \
  --csrf-token=_csrf --csrf-url="$url/login" -p "username,password,next"
run "POST /bai-viet/:slug/gui (send by e-mail)" -u "$url/bai-viet/$slug/gui" --data "name=A&to=a@b.vn&message=m&_csrf=x" \
  --csrf-token=_csrf --csrf-url="$url/bai-viet/$slug/gui" -p "name,to,message"
run "GET /units?q= (signed-in list)" -u "$url/units?q=ca+mau" --cookie="dv_session=$session" -p q
run "GET /audit (signed-in filters)" -u "$url/audit?actor=admin&entity=unit&from=01/01/2025" --cookie="dv_session=$session" -p "actor,entity,from"
run "GET /users?q= (accounts)" -u "$url/users?q=le" --cookie="dv_session=$session" -p q
run "GET /api/reporting/pivot (JSON API)" -u "$url/api/reporting/pivot?regime=$regime&period=$period" --cookie="dv_session=$session" -p "regime,period"
run "GET /dashboard (filters)" -u "$url/dashboard?regime=$regime&period=$period" --cookie="dv_session=$session" -p "regime,period"
# the areas of the directives, the citizens and the reviews
run "GET /kien-nghi/tra-loi (answers search)" -u "$url/kien-nghi/tra-loi?q=duong" -p q
run "POST /kien-nghi/gui (petition form)" -u "$url/kien-nghi/gui" \
  --data "category_id=$category&commune_id=$commune&name=A&phone=0912345678&content=Phan+anh+duong+ngap&_csrf=x" \
  --csrf-token=_csrf --csrf-url="$url/kien-nghi/gui" -p "category_id,commune_id,name,phone,content"
run "GET /open311/v2/requests.json (Open311)" \
  -u "$url/open311/v2/requests.json?service_request_id=1&start_date=2025-01-01T00:00:00Z&status=open" \
  -p "service_request_id,start_date,status"
run "GET /dan-van-kheo (gallery filters)" -u "$url/dan-van-kheo?linh-vuc=economy&xa=$commune" -p "linh-vuc,xa"
run "GET /documents (registry search)" -u "$url/documents?q=dan+van&type=plan&from=01/01/2020" \
  --cookie="dv_session=$session" -p "q,type,from"
run "GET /tasks/board (follow-up filters)" -u "$url/tasks/board?unit=1&as_of=30/06/2020" --cookie="dv_session=$session" -p "unit,as_of"
kill $pid; wait $pid 2>/dev/null
exit $status
