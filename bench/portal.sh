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

. bench/lib.sh
bench_setup

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

www_init
save_page home /
save_page article "$article_path"

nginx_start home.html

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
