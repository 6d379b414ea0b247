#!/bin/bash
# bench/load/run_load.sh: load benchmark of the survey server (docs/PERFORMANCE.md, "Survey
# server under load"). Builds nothing. Starts `klimanetze serve --demo` on loopback (SQLite in a
# temporary directory, or PostgreSQL with --postgres: run it inside scripts/with-postgres.sh,
# which exports the PG* variables; the server gets `--postgres postgres:` = libpq from PG*),
# prepares SESSIONS respondent sessions (bench/load/prepare.py: extra roster actors, one
# invitation and session each), then runs wrk 4.1, bounded, with CONNECTIONS connections:
#   (a) page views:  GET /s/p/collaboration                      (bench/load/page.lua)
#   (b) submissions: POST /s/p/about and /s/p/collaboration/rate  (bench/load/submit.lua)
# each twice: closed loop (every connection sends its next request at once: saturation
# throughput) and with a think time (each connection = one respondent who waits THINK ms on
# average, 0.5x-1.5x, between pages: latency at a realistic offered load).
# and prints throughput, p50/p90/p99 latency, errors, the server's CPU use and the load average.
#
# Usage: bench/load/run_load.sh [--postgres] [--duration S] [--connections N] [--sessions N]
#                               [--think MS] [--server-threads N] [--wrk-threads N] [--perf]
#                               [--keep] [BINARY]
#   BINARY defaults to build/release/klimanetze. Loopback only. --perf: `perf record -g` of the
#   server during each scenario, top functions in WORK/<scenario>.perf.txt (with --keep).
# Besides wrk's numbers it reports the server's CPU time and its threads' run-queue wait
# (/proc/PID/task/*/schedstat): time the server was runnable but other processes had the CPU.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
backend=sqlite
duration=20
connections=500
sessions=600
think=5000
server_threads=
wrk_threads=2
keep=0
perf=0
bin=build/release/klimanetze
while [ "$#" -gt 0 ]; do
  case "$1" in
    --postgres) backend=postgres ;;
    --duration) duration=$2; shift ;;
    --connections) connections=$2; shift ;;
    --sessions) sessions=$2; shift ;;
    --think) think=$2; shift ;;
    --server-threads) server_threads=$2; shift ;;
    --wrk-threads) wrk_threads=$2; shift ;;
    --keep) keep=1 ;;
    --perf) perf=1 ;;
    -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
    -*) echo "run_load.sh: unknown option $1" >&2; exit 64 ;;
    *) bin=$1 ;;
  esac
  shift
done
[ -x "$bin" ] || { echo "run_load.sh: $bin is not an executable (build it first)" >&2; exit 66; }
command -v wrk >/dev/null || { echo "run_load.sh: wrk not found (apt-get install wrk)" >&2; exit 69; }
py=/usr/bin/python3

work=$(mktemp -d /tmp/kn-load.XXXXXX)
pid=
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    wait "$pid" || true
  fi
  if [ "$keep" = 1 ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

if [ "$backend" = postgres ]; then
  [ -n "${PGHOST:-}${PGPORT:-}${PGDATABASE:-}" ] ||
    { echo "run_load.sh: --postgres needs the PG* variables (scripts/with-postgres.sh)" >&2; exit 64; }
  db_args=(--postgres postgres:)
else
  db_args=(--db "$work/load.db")
fi
port=$("$py" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
server_cmd=("$bin" serve "${db_args[@]}" --demo --lang en --port "$port")
[ -n "$server_threads" ] && server_cmd+=(--threads "$server_threads")
"${server_cmd[@]}" >"$work/server.log" 2>&1 &
pid=$!
for _ in $(seq 300); do
  if "$py" -c "import http.client,sys; c=http.client.HTTPConnection('127.0.0.1',$port,timeout=2); c.request('GET','/healthz'); sys.exit(c.getresponse().status!=200)" 2>/dev/null; then
    break
  fi
  kill -0 "$pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
  sleep 0.1
done
"$py" "$here/prepare.py" --port "$port" --log "$work/server.log" --sessions "$sessions" \
  --out "$work/sessions.txt"

hz=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
# Sum over the server's threads of (ns on CPU, ns runnable but waiting for a CPU).
sched_ns() { cat /proc/"$pid"/task/*/schedstat 2>/dev/null | awk '{c += $1; w += $2} END {printf "%.0f %.0f", c, w}'; }
echo "machine: $(nproc) cores, $(awk '/model name/{$1=$2=$3="";print;exit}' /proc/cpuinfo | sed 's/^ *//'), kernel $(uname -r)"
echo "server: ${server_cmd[*]} (pid $pid, $(ls /proc/$pid/task | wc -l) threads, backend $backend)"
echo "wrk: $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"

results=()
scheds=()
for run in page:0 submit:0 page:"$think" submit:"$think"; do
  script=${run%%:*}
  t=${run#*:}
  scenario=$script
  [ "$t" != 0 ] && scenario="$script, think $t ms"
  [ "$t" = 0 ] && scenario="$script, closed loop"
  file=${script}_$t
  cmd=(wrk -t"$wrk_threads" -c"$connections" -d"${duration}s" --timeout 5s --latency
       -s "$here/$script.lua" "http://127.0.0.1:$port" -- "$work/sessions.txt" "$t"
       "$(cat "$work/sessions.txt.asset")" $(( (connections + wrk_threads - 1) / wrk_threads )))
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  c0=$(cpu_ticks)
  read -r on0 wait0 <<<"$(sched_ns)"
  perf_pid=
  if [ "$perf" = 1 ]; then
    perf record -F 499 -g -o "$work/$file.perf.data" -p "$pid" -- sleep "$duration" \
      >"$work/$file.perf.log" 2>&1 &
    perf_pid=$!
  fi
  "${cmd[@]}" >"$work/$file.out" 2>&1 || { cat "$work/$file.out" >&2; exit 1; }
  c1=$(cpu_ticks)
  read -r on1 wait1 <<<"$(sched_ns)"
  if [ -n "$perf_pid" ]; then
    wait "$perf_pid" || true
    perf report -i "$work/$file.perf.data" --no-children --percent-limit 1.5 --stdio \
      -g none 2>/dev/null | grep -v '^$' | head -45 >"$work/$file.perf.txt" || true
  fi
  load_after=$(cut -d' ' -f1-3 /proc/loadavg)
  json=$(sed -n 's/^KNRESULT //p' "$work/$file.out")
  [ -n "$json" ] || { cat "$work/$file.out" >&2; exit 1; }
  cpu=$(awk -v a="$c0" -v b="$c1" -v hz="$hz" -v d="$duration" 'BEGIN{printf "%.0f", (b-a)*100/hz/d}')
  echo
  echo "== ($scenario) ${cmd[*]}"
  grep -E "Latency|Req/Sec|requests in|Socket errors|Non-2xx|Requests/sec" "$work/$file.out" || true
  echo "KNRESULT $json"
  sched=$(awk -v a="$on0" -v b="$on1" -v c="$wait0" -v d="$wait1" 'BEGIN{printf "on CPU %.1f s, run-queue wait %.1f s", (b-a)/1e9, (d-c)/1e9}')
  echo "server CPU ${cpu}% of one core ($sched); load average before $load_before, after $load_after"
  [ -s "$work/$file.perf.txt" ] && sed 's/^/    perf: /' "$work/$file.perf.txt" | head -30
  results+=("$scenario|$json|$cpu|$load_before|$load_after")
  scheds+=("$scenario: $sched")
  sleep 2
done
[ "$backend" = sqlite ] && echo "database: $(du -h "$work/load.db" | cut -f1) + WAL $(du -h "$work/load.db-wal" 2>/dev/null | cut -f1)"

echo
printf 'server threads (schedstat): %s\n' "${scheds[@]}"
echo "| backend | scenario | connections | requests | req/s | p50 ms | p90 ms | p99 ms | max ms | non-2xx/3xx | socket errors (connect/read/write/timeout) | statuses | server CPU | load avg before → after |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
for r in "${results[@]}"; do
  IFS='|' read -r scenario json cpu lb la <<<"$r"
  "$py" - "$backend" "$scenario" "$connections" "$cpu" "$lb" "$la" "$json" <<'EOF'
import json, sys
backend, scenario, conns, cpu, lb, la, raw = sys.argv[1:]
j = json.loads(raw)
st = ", ".join(f"{k}: {v}" for k, v in sorted(j["statuses"].items()))
print(f"| {backend} | {scenario} | {conns} | {j['requests']} | {j['rps']:.0f} | {j['p50_ms']:.1f} | "
      f"{j['p90_ms']:.1f} | {j['p99_ms']:.1f} | {j['max_ms']:.0f} | {j['non_2xx_3xx']} | "
      f"{j['connect_errors']}/{j['read_errors']}/{j['write_errors']}/{j['timeouts']} | {st} | "
      f"{cpu}% | {lb} → {la} |")
EOF
done
