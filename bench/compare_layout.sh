#!/usr/bin/env bash
# Server-side layout benchmark (issue 4): whole processes of `klimanetze layout` against
# python-igraph's layout_fr (Fruchterman–Reingold, defaults) and layout_drl (DrL, defaults)
# (bench/peers/layout_igraph.py), on the seeded graphs of bench/graph_gen.hpp written by
# make_graph (n=5k/50k arcs and n=20k/200k arcs, seed 20260101; direction ignored by all three).
# Every run under /usr/bin/time -v (wall, user+sys CPU, peak RSS); RUNS runs each, the median
# wall/CPU run is reported. Then the quality of all position files with
# `klimanetze layout-quality` (same seed, same samples for all three).
# Results: build/bench-data/layout/results.md (the table in docs/PERFORMANCE.md,
# "Server-side layout (map)").
#
# Environment: KN_BIN (klimanetze, default build/bench/klimanetze), KN_MAKE_GRAPH (default
# build/bench/bench/make_graph), KN_BENCH_BUILD=0 skips the build, KN_THREADS (default 2),
# RUNS (default 3; RUNS_DRL for DrL, default 1), KN_SEED (layout seed, default 42).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DATA=$ROOT/build/bench-data
OUT=$DATA/layout
PY=/usr/bin/python3
THREADS=${KN_THREADS:-2}
RUNS=${RUNS:-3}
RUNS_DRL=${RUNS_DRL:-1}  # DrL takes ~25 s (n=5k) and minutes (n=20k) per run
SEED=${KN_SEED:-42}
GRAPH_SEED=20260101

for tool in /usr/bin/time "$PY"; do
  command -v "$tool" >/dev/null || { echo "missing $tool: run scripts/install-deps.sh bench" >&2; exit 1; }
done
"$PY" -c 'import igraph' || { echo "missing python3-igraph: run scripts/install-deps.sh bench" >&2; exit 1; }

if [ "${KN_BENCH_BUILD:-1}" != 0 ]; then
  cmake --preset bench >/dev/null
  cmake --build --preset bench -j "$(nproc)" --target klimanetze make_graph
fi
KN=${KN_BIN:-$ROOT/build/bench/klimanetze}
MAKE_GRAPH=${KN_MAKE_GRAPH:-$ROOT/build/bench/bench/make_graph}

mkdir -p "$DATA" "$OUT"
rm -f "$OUT"/*.time "$OUT"/*.quality.json "$OUT"/*.positions.csv

{
  echo "date_utc=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "nproc=$(nproc)"
  echo "cpu=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')"
  echo "klimanetze=$("$KN" --version) git $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo '+uncommitted')"
  echo "klimanetze_binary=${KN#$ROOT/}"
  echo "python_igraph=$($PY -c 'import igraph; print(igraph.__version__)')"
  echo "threads_klimanetze=$THREADS"
  echo "load_start=$(cut -d' ' -f1-3 /proc/loadavg)"
} >"$OUT/machine.txt"
cat "$OUT/machine.txt"

# timed RUNS TAG COMMAND...: RUNS runs under /usr/bin/time -v, appended to $OUT/TAG.time
timed() {
  local runs=$1 tag=$2; shift 2
  echo "== $tag: $*" | tee "$OUT/$tag.cmd"
  for _ in $(seq "$runs"); do
    /usr/bin/time -v -a -o "$OUT/$tag.time" "$@" >/dev/null
  done
}

for size in "5000 50000 n5k" "20000 200000 n20k"; do
  set -- $size
  T=$DATA/$3.ties.csv; A=$DATA/$3.actors.csv
  [ -s "$T" ] || "$MAKE_GRAPH" "$1" "$2" "$GRAPH_SEED" "$T" "$A"
  timed "$RUNS" "$3.klimanetze" "$KN" layout "$T" --actors "$A" --seed "$SEED" --threads "$THREADS" \
    -o "$OUT/$3.klimanetze.positions.csv"
  timed "$RUNS" "$3.igraph-fr" "$PY" bench/peers/layout_igraph.py "$T" "$A" fr "$SEED" \
    "$OUT/$3.igraph-fr.positions.csv"
  timed "$RUNS_DRL" "$3.igraph-drl" "$PY" bench/peers/layout_igraph.py "$T" "$A" drl "$SEED" \
    "$OUT/$3.igraph-drl.positions.csv"
  for tool in klimanetze igraph-fr igraph-drl; do
    "$KN" layout-quality "$T" --actors "$A" "$OUT/$3.$tool.positions.csv" --seed 1 \
      --threads "$THREADS" >"$OUT/$3.$tool.quality.json"
  done
done
echo "load_end=$(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT/machine.txt"

"$PY" - "$OUT" >"$OUT/results.md" <<'PYEOF'
import json, re, statistics, sys, os
out = sys.argv[1]
def runs(path):
    text = open(path).read()
    res = []
    for block in text.split("Command being timed")[1:]:
        wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", block).group(1)
        parts = [float(p) for p in wall.split(":")]
        secs = parts[-1] + 60 * parts[-2] + (3600 * parts[-3] if len(parts) > 2 else 0)
        cpu = float(re.search(r"User time \(seconds\): (\S+)", block).group(1)) + \
              float(re.search(r"System time \(seconds\): (\S+)", block).group(1))
        rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", block).group(1))
        res.append((secs, cpu, rss))
    return res
print(open(os.path.join(out, "machine.txt")).read().replace("\n", "  \n"))
for size, label in (("n5k", "n = 5,000 / 50,000 arcs"), ("n20k", "n = 20,000 / 200,000 arcs")):
    print(f"\n#### {label}\n")
    print("| tool | wall s (median) | FR ÷ tool (wall) | CPU s | FR ÷ tool (CPU) | peak RSS MB | stress | crossings (est.) | crossings ÷ FR's |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    data = {}
    for tool in ("klimanetze", "igraph-fr", "igraph-drl"):
        r = runs(os.path.join(out, f"{size}.{tool}.time"))
        wall = statistics.median(x[0] for x in r)
        cpu = statistics.median(x[1] for x in r)
        rss = max(x[2] for x in r) / 1024
        q = json.load(open(os.path.join(out, f"{size}.{tool}.quality.json")))
        data[tool] = (wall, cpu, rss, q)
    fw, fc, _, fq = data["igraph-fr"]
    for tool, (wall, cpu, rss, q) in data.items():
        print(f"| {tool} | {wall:.2f} | {fw / wall:.2f}× | {cpu:.2f} | {fc / cpu:.2f}× | {rss:.0f} | "
              f"{q['stress']:.4f} | {q['crossings']:.3g} | {q['crossings'] / fq['crossings']:.2f} |")
PYEOF
cat "$OUT/results.md"
