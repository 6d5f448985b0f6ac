#!/usr/bin/env bash
# Installs what danvan needs on Debian 12, idempotently: the Debian packages of one or more
# sets (build, test, bench, fuzz), and for `test` also the npm packages of package.json.
# apt-get runs only when a package is missing. Run as root.
#
#   scripts/install-deps.sh build        compiler, cmake, libraries
#   scripts/install-deps.sh test         build + chromium, fonts, node/npm, curl, aiosmtpd; then npm ci
#   scripts/install-deps.sh bench        build + wrk, nginx-light, curl
#   scripts/install-deps.sh fuzz         build + clang with libFuzzer
set -euo pipefail

cd "$(dirname "$0")/.."

BUILD_PKGS=(build-essential cmake pkg-config gettext libmicrohttpd-dev libsqlite3-dev
            libsodium-dev libjansson-dev libutf8proc-dev libcmocka-dev libcurl4-openssl-dev
            libcmark-gfm-dev libcmark-gfm-extensions-dev libgdk-pixbuf-2.0-dev webp-pixbuf-loader
            libxlsxwriter-dev libzip-dev libpango1.0-dev libcairo2-dev fonts-liberation2 libxml2-dev
            sqlite3 libpq-dev ca-certificates)
TEST_PKGS=(chromium fonts-liberation2 curl python3-aiosmtpd libxml2-utils tidy poppler-utils python3-docx
           postgresql postgresql-contrib)
BENCH_PKGS=(curl wrk nginx-light postgresql postgresql-contrib)
FUZZ_PKGS=(clang libclang-rt-14-dev)

[ $# -gt 0 ] || set -- build

want=("${BUILD_PKGS[@]}")
npm_needed=0
for set in "$@"; do
  case "$set" in
    build) ;;
    test)
      want+=("${TEST_PKGS[@]}")
      # A machine may already have Node.js (e.g. /usr/bin/node v20 from another source);
      # then Debian's nodejs/npm must not be installed over it.
      if ! command -v node >/dev/null 2>&1; then want+=(nodejs npm)
      elif ! command -v npm >/dev/null 2>&1; then
        echo "install-deps: node exists but npm does not; install npm with that node" >&2
        exit 1
      fi
      npm_needed=1 ;;
    bench) want+=("${BENCH_PKGS[@]}") ;;
    fuzz) want+=("${FUZZ_PKGS[@]}") ;;
    *) echo "usage: $0 build|test|bench|fuzz ..." >&2; exit 2 ;;
  esac
done

missing=()
for p in "${want[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  if [ "$status" != installed ]; then
    case " ${missing[*]} " in *" $p "*) ;; *) missing+=("$p") ;; esac
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  SUDO=
  [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update
  $SUDO env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y --no-install-recommends "${missing[@]}"
else
  echo "install-deps: Debian packages for '$*' already installed"
fi

# Liberation 2.x only: the 1.07 files lack most Vietnamese letters (scripts/fontconfig/).
conf=scripts/fontconfig/65-danvan-liberation2.conf
if [ -d /usr/share/fonts/truetype/liberation2 ] && [ -d /etc/fonts/conf.d ] &&
   ! cmp -s "$conf" /etc/fonts/conf.d/65-danvan-liberation2.conf; then
  SUDO=
  [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO install -m 644 "$conf" /etc/fonts/conf.d/65-danvan-liberation2.conf
  $SUDO fc-cache -f >/dev/null 2>&1 || true
  echo "install-deps: fontconfig now hides fonts-liberation 1.07 behind fonts-liberation2"
fi

if [ "$npm_needed" -eq 1 ]; then
  major=$(node -p 'process.versions.node.split(".")[0]')
  if [ "$major" -lt 20 ]; then
    echo "install-deps: warning: node $(node --version) is older than the 20 that playwright-core wants" >&2
  fi
  # npm ci is skipped when node_modules already matches package-lock.json.
  if [ -f package-lock.json ]; then
    if [ node_modules/.package-lock.json -nt package-lock.json ] &&
       [ node_modules/.package-lock.json -nt package.json ]; then
      echo "install-deps: node_modules up to date"
    else
      npm ci --no-audit --no-fund
    fi
  else
    npm install --no-audit --no-fund
  fi
fi
