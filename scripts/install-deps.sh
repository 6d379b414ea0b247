#!/usr/bin/env bash
# Installs every Debian package KlimaNetze needs to build, test and run (Debian 12 "bookworm").
# Idempotent: only missing packages are installed. Usage: scripts/install-deps.sh [build|test|bench]
#   build  compiler, CMake/Ninja, the libraries, node/npm and the map UI's npm packages (web/,
#          npm ci --ignore-scripts; skipped while web/package-lock.json is unchanged) (default)
#   test   build + test tools (GoogleTest, clang/libFuzzer)
#   bench  build + the peer tools the benchmark compares against (python-igraph, networkx, R)
set -euo pipefail
tier="${1:-build}"

build_pkgs=(g++ cmake ninja-build pkg-config make libsqlite3-dev libpq-dev libboost1.81-dev libsodium-dev libzip-dev
            libxlsxwriter-dev
            libigraph-dev libpugixml-dev nlohmann-json3-dev libcli11-dev libfmt-dev)
test_pkgs=(libgtest-dev libgmock-dev clang libclang-rt-14-dev clang-format clang-tidy
           postgresql postgresql-common python3 chromium poppler-utils nodejs wrk)
bench_pkgs=(libbenchmark-dev python3-igraph python3-networkx r-base-core r-cran-igraph r-cran-sna
            hyperfine time)

pkgs=("${build_pkgs[@]}")
case "$tier" in
  build) ;;
  test) pkgs+=("${test_pkgs[@]}") ;;
  bench) pkgs+=("${test_pkgs[@]}" "${bench_pkgs[@]}") ;;
  *) echo "usage: $0 [build|test|bench]" >&2; exit 1 ;;
esac

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# The map UI (web/): sigma, graphology and esbuild exactly as in web/package-lock.json, without
# install scripts (esbuild's binary comes in its @esbuild/<platform> optional package). Every
# tier; quiet when web/node_modules matches the lock file (a stamp holds the lock's checksum).
install_web_deps() {
  local dir="$root/web" stamp="$root/web/node_modules/.kn-lock-sha256" sum
  sum="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ]; then return 0; fi
  if ! command -v npm >/dev/null 2>&1; then
    echo "npm not found: the map UI needs 'npm ci --ignore-scripts' in web/" >&2
    exit 1
  fi
  echo "Installing the map UI packages for web/ (npm ci --ignore-scripts)"
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error --prefix "$dir"
  echo "$sum" >"$stamp"
}

# Browser tests (tests/browser): playwright-core exactly as in its package-lock.json, without any
# browser download (the tests drive Debian's /usr/bin/chromium). Test and bench tiers only, and
# only while tests/browser/node_modules is missing.
install_browser_test_deps() {
  [ "$tier" = build ] && return 0
  local dir="$root/tests/browser"
  [ -d "$dir/node_modules" ] && return 0
  if ! command -v npm >/dev/null 2>&1; then
    echo "npm not found: tests/browser needs 'npm ci --ignore-scripts --prefix tests/browser'" >&2
    return 0
  fi
  echo "Installing playwright-core for tests/browser (npm ci)"
  npm ci --ignore-scripts --no-audit --no-fund --prefix "$dir"
}

missing=()
# node and npm for the map UI bundle: Debian's packages unless the commands exist already (a
# NodeSource nodejs ships npm itself and conflicts with Debian's npm package).
command -v node >/dev/null 2>&1 || pkgs+=(nodejs)
command -v npm >/dev/null 2>&1 || pkgs+=(npm)
for p in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  install_web_deps
  install_browser_test_deps
  exit 0
fi
echo "Installing: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
install_web_deps
install_browser_test_deps
