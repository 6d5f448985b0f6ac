#!/usr/bin/env bash
# Public portal benchmark on loopback: wrk against nginx serving the exact bytes of the home
# page (/) and of the seed article's page (/bai-viet/<slug>) as static files, then danvan
# serving the same pages to anonymous readers (no cookie), in the same run. Prints req/s,
# p99 latency and the ratio to nginx; targets (printed, never asserted): >= 0.8x nginx,
# p99 <= 5 ms at 64 connections.
#
# Also prints the server's CPU time per request (user + system, from /proc, for nginx its
# master and worker): on a machine shared with other work, throughput and p99 follow the
# load, while CPU per request stays put; "cpu vs nginx" is nginx's CPU per request over
# danvan's (above 1: danvan does less work per page).
#
# Fairness on a 2-core machine: nginx runs 1 worker and both servers are pinned to CPU 0,
# wrk (1 thread) to CPU 1, when taskset exists. Knobs: BENCH_DURATION (seconds, default 10),
# BENCH_CONNECTIONS (default 64), DANVAN_BIN (default build/danvan).
set -euo pipefail
cd "$(dirname "$0")/.."

. bench/lib.sh
bench_setup

# --- danvan with the demo province and the demo articles (the seed article among them)
"$BIN" demo --db "$tmp/db" --no-serve >"$tmp/demo.log" 2>&1 || { cat "$tmp/demo.log" >&2; exit 1; }
bench_store "$tmp/db" # BENCH_DB=pg: served from PostgreSQL
app_port=$(free_port)
app="http://127.0.0.1:$app_port"
DANVAN_ACCESS_LOG=off DANVAN_BASE_URL="$app" "${SERVER_CPU[@]}" "$BIN" serve --db "$bench_db" \
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

www_init
save_page home /
save_page article "$article_path"

nginx_start home.html
ngx_pids="$(pgrep -f "nginx -e $tmp/nginx-error.log" | tr '\n' ' ')"
app_pid=${pids[0]}

cpu_ticks() {  # PIDS...: utime + stime of each, summed, with the workers of each
  local t=0 p c
  for p in "$@"; do
    for c in $p $(pgrep -P "$p" || true); do
      [ -r "/proc/$c/stat" ] && t=$((t + $(awk '{ print $14 + $15 }' "/proc/$c/stat")))
    done
  done
  echo "$t"
}

cpu=()
scale=()
run_cpu() {  # NAME URL PIDS
  local before after n
  before=$(cpu_ticks $3)
  run "$1" "$2"
  after=$(cpu_ticks $3)
  IFS='|' read -r _ rps _ _ <<<"${results[-1]}"
  n=$(awk -v r="$rps" -v d="$DURATION" 'BEGIN { printf "%d", r * d }')
  cpu+=("$(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$n" 'BEGIN { if (n > 0) printf "%.1f", t * 1e6 / hz / n; else print "-" }')")
}

echo "wrk -t1 -c$CONNS -d${DURATION}s on 127.0.0.1, anonymous; home / ($(stat -c %s "$tmp/www/home.html") bytes)," \
  "article $article_path ($(stat -c %s "$tmp/www/article.html") bytes)" >&2
# Each danvan page right after nginx serving its exact bytes; the ratio is to that run.
run_cpu "nginx: home page bytes" "http://127.0.0.1:$ngx_port/home.html" "$ngx_pids"
run_cpu "danvan home page" "$app/" "$app_pid"
run_cpu "nginx: article page bytes" "http://127.0.0.1:$ngx_port/article.html" "$ngx_pids"
run_cpu "danvan article page" "$app$article_path" "$app_pid"

# BENCH_SERVERS=2 (with BENCH_DB=pg): a second danvan on the same database, and the same
# pages through both at once (two wrk, half the connections each): the sum beside one server.
if [ "${BENCH_SERVERS:-1}" = 2 ]; then
  app2_port=$(free_port)
  DANVAN_ACCESS_LOG=off DANVAN_BASE_URL="$app" "${SERVER_CPU[@]}" "$BIN" serve --db "$bench_db" \
    --listen "127.0.0.1:$app2_port" >"$tmp/danvan2.log" 2>&1 &
  pids+=($!)
  wait_http "http://127.0.0.1:$app2_port/healthz"
  for page in "/" "$article_path"; do
    "${CLIENT_CPU[@]}" wrk -t1 -c$((CONNS / 2)) -d"${DURATION}s" "http://127.0.0.1:$app2_port$page" >"$tmp/wrk2.txt" &
    w2=$!
    o1=$("${CLIENT_CPU[@]}" wrk -t1 -c$((CONNS / 2)) -d"${DURATION}s" "$app$page")
    wait "$w2"
    sum=$(awk '/^Requests\/sec:/ { s += $2 } END { printf "%.2f", s }' <<<"$o1
$(cat "$tmp/wrk2.txt")")
    echo "danvan $page, two servers: $sum req/s (two wrk of $((CONNS / 2)) connections)" >&2
    scale+=("$page|$sum")
  done
fi

echo
printf '%-28s %12s %10s %10s %8s %12s %12s\n' target 'req/s' 'p99 ms' 'vs nginx' 'non-2xx' 'cpu us/req' 'cpu vs nginx'
base=0 cbase=0 i=0
for r in "${results[@]}"; do
  IFS='|' read -r name rps p99 bad <<<"$r"
  c=${cpu[$i]}; i=$((i + 1))
  case "$name" in nginx*) base=$rps cbase=$c; ratio='1.00x' cratio='1.00x' ;;
    *) ratio=$(awk -v a="$rps" -v b="$base" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else print "-" }')
       cratio=$(awk -v a="$c" -v b="$cbase" 'BEGIN { if (a > 0) printf "%.2fx", b / a; else print "-" }') ;;
  esac
  printf '%-28s %12s %10s %10s %8s %12s %12s\n' "$name" "$rps" "$p99" "$ratio" "$bad" "$c" "$cratio"
done
echo
echo "targets: danvan >= 0.8x nginx req/s, p99 <= 5 ms at $CONNS connections"
if [ "${BENCH_SERVERS:-1}" = 2 ]; then
  one_home=$(IFS='|' read -r _ r _ <<<"${results[1]}"; echo "$r")
  one_art=$(IFS='|' read -r _ r _ <<<"${results[3]}"; echo "$r")
  for x in "${scale[@]}"; do
    IFS='|' read -r page sum <<<"$x"
    one=$one_art; [ "$page" = / ] && one=$one_home
    printf 'two servers, %-16s %12s req/s vs one %s: %s\n' "${page:0:16}" "$sum" "$one" \
      "$(awk -v a="$sum" -v b="$one" 'BEGIN { if (b > 0) printf "%.2fx", a / b }')"
  done
  echo "(both servers pinned like one: on $(nproc) cores the ratio is what to read)"
fi
