#!/usr/bin/env bash
# Peer comparison of issue 2 (`make bench`): whole processes (parse + compute + write) of
# `klimanetze analyze` against python-igraph, networkx, R igraph and R sna scripts computing the
# same measures with the same conventions (bench/peers/), on the seeded graphs of
# bench/graph_gen.hpp written by make_graph. Wall time: hyperfine (warmup 1, a few runs; one run
# for networkx); peak RSS: /usr/bin/time -v around every run of the same hyperfine call.
# Then the Google Benchmark cases (in-process, per measure). Results go to
# build/bench-data/results/ and the table between the markers in docs/PERFORMANCE.md.
#
# Environment: KN_BIN (klimanetze binary, default build/bench/klimanetze), KN_BENCH_BUILD=0 skips
# the build, KN_SKIP_NETWORKX=1 and KN_SKIP_GBENCH=1 skip those parts, KN_SNA_PATHS=1 adds R sna
# to case (a) (+6 min), KN_THREADS (default 2).
# Bounded: about 20 minutes on the 2-core CI machine (networkx on n=100k is cut at 300 s).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DATA=$ROOT/build/bench-data
OUT=$DATA/results
PEERS=$ROOT/bench/peers
SEED=20260101
THREADS=${KN_THREADS:-2}
PY=/usr/bin/python3  # Debian's interpreter: the one python3-igraph/python3-networkx belong to

for tool in hyperfine /usr/bin/time Rscript "$PY"; do
  command -v "$tool" >/dev/null || { echo "missing $tool: run scripts/install-deps.sh bench" >&2; exit 1; }
done

if [ "${KN_BENCH_BUILD:-1}" != 0 ]; then
  cmake --preset bench >/dev/null
  cmake --build --preset bench -j "$(nproc)"
fi
KN=${KN_BIN:-$ROOT/build/bench/klimanetze}
MAKE_GRAPH=${KN_MAKE_GRAPH:-$ROOT/build/bench/bench/make_graph}
GBENCH=${KN_GBENCH:-$ROOT/build/bench/bench/kn_bench}

mkdir -p "$DATA"
rm -rf "$OUT"
mkdir -p "$OUT"

# Inputs: the same seed as the Google Benchmark cases.
for size in "5000 50000 n5k" "100000 1000000 n100k"; do
  set -- $size
  if [ ! -s "$DATA/$3.ties.csv" ]; then
    "$MAKE_GRAPH" "$1" "$2" "$SEED" "$DATA/$3.ties.csv" "$DATA/$3.actors.csv"
  fi
done

{
  echo "date_utc=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "nproc=$(nproc)"
  echo "cpu=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')"
  echo "mem_total=$(grep MemTotal /proc/meminfo | awk '{print $2 " kB"}')"
  echo "kernel=$(uname -r)"
  echo "klimanetze=$("$KN" --version) git $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo '+uncommitted')"
  echo "python=$($PY --version 2>&1)"
  echo "python_igraph=$($PY -c 'import igraph; print(igraph.__version__)')"
  echo "networkx=$($PY -c 'import networkx; print(networkx.__version__)')"
  echo "r=$(Rscript -e 'cat(R.version.string)')"
  echo "r_igraph=$(Rscript -e 'cat(as.character(packageVersion("igraph")))')"
  echo "r_sna=$(Rscript -e 'cat(as.character(packageVersion("sna")))')"
  echo "libigraph=$(pkg-config --modversion igraph)"
  echo "hyperfine=$(hyperfine --version)"
  echo "klimanetze_binary=${KN#$ROOT/}"
  echo "threads_klimanetze=$THREADS"
  echo "load_start=$(cut -d' ' -f1-3 /proc/loadavg)"
} >"$OUT/machine.txt"
cat "$OUT/machine.txt"

# run CASE TOOL RUNS COMMAND: times COMMAND with hyperfine, every run (warmup included) under
# /usr/bin/time -v; peer scripts append their phase timings to $OUT/CASE.TOOL.phases.
run() {
  local case=$1 tool=$2 runs=$3 cmd=$4 warmup=1
  [ "$runs" -le 1 ] && warmup=0
  local tag="$case.$tool"
  echo "== $tag: $cmd"
  echo "$cmd" >"$OUT/$tag.cmd"
  if ! KN_PEER_TIMINGS="$OUT/$tag.phases" hyperfine --style basic --warmup "$warmup" --runs "$runs" \
        --export-json "$OUT/$tag.json" -n "$tag" \
        "/usr/bin/time -v -a -o $OUT/$tag.rss $cmd"; then
    echo "   $tag failed" | tee "$OUT/$tag.failed"
  fi
}

T5="$DATA/n5k.ties.csv"; A5="$DATA/n5k.actors.csv"
T100="$DATA/n100k.ties.csv"; A100="$DATA/n100k.actors.csv"
kn() { echo "$KN analyze $1 --actors $2 ${3:+--measures $3} --threads $THREADS --format json -o /dev/null"; }
pyig() { echo "$PY $PEERS/igraph_peer.py $1 $2 $3 /dev/null"; }
nx() { echo "$PY $PEERS/networkx_peer.py $1 $2 $3 /dev/null"; }
rig() { echo "Rscript $PEERS/igraph_peer.R $1 $2 $3 /dev/null"; }
sna() { echo "Rscript $PEERS/sna_peer.R $1 $2 $3 /dev/null"; }
NO_NX=${KN_SKIP_NETWORKX:-0}

# (a) betweenness + closeness, n=5k/50k
M=betweenness,closeness
run a klimanetze 5 "$(kn "$T5" "$A5" $M)"
run a python-igraph 5 "$(pyig "$T5" "$A5" $M)"
run a R-igraph 3 "$(rig "$T5" "$A5" $M)"
# R sna's betweenness()/closeness() on n=5k: about 6 minutes and 8 GB (dense n x n geodesic
# matrices), so only with KN_SNA_PATHS=1.
[ "${KN_SNA_PATHS:-0}" = 1 ] && run a R-sna 1 "$(sna "$T5" "$A5" $M)"
[ "$NO_NX" = 1 ] || run a networkx 1 "$(nx "$T5" "$A5" $M)"

# (b) all measures, n=5k/50k. networkx's constraint()/effective_size() are O(d^3) per actor
# (hours here), so networkx runs every measure except constraint/effective_size/efficiency.
run b klimanetze 3 "$(kn "$T5" "$A5" "")"
run b python-igraph 3 "$(pyig "$T5" "$A5" all)"
run b R-igraph 2 "$(rig "$T5" "$A5" all)"
[ "$NO_NX" = 1 ] || run b networkx 1 "$(nx "$T5" "$A5" \
  indegree,outdegree,betweenness,closeness,harmonic,eigenvector,pagerank,coreness,community,brokerage,network)"

# (c) pagerank, coreness, components, Leiden, n=100k/1M. klimanetze writes every actor's weak
# component (key `component`); the peers count weak and strong components. R igraph did not
# finish this case within 8 minutes in an earlier run, so it is cut at 300 s like networkx.
run c klimanetze 3 "$(kn "$T100" "$A100" pagerank,coreness,community,component)"
run c python-igraph 3 "$(pyig "$T100" "$A100" pagerank,coreness,community,components)"
run c R-igraph 1 "timeout 300 $(rig "$T100" "$A100" pagerank,coreness,community,components)"
[ "$NO_NX" = 1 ] || run c networkx 1 "timeout 300 $(nx "$T100" "$A100" pagerank,coreness,community,components)"

# (d) brokerage (Gould-Fernandez, groups = sector), n=5k/50k
run d klimanetze 5 "$(kn "$T5" "$A5" brokerage)"
run d R-sna 3 "$(sna "$T5" "$A5" brokerage)"
run d python-igraph 3 "$(pyig "$T5" "$A5" brokerage)"
run d R-igraph 3 "$(rig "$T5" "$A5" brokerage)"
[ "$NO_NX" = 1 ] || run d networkx 1 "$(nx "$T5" "$A5" brokerage)"

echo "load_end=$(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT/machine.txt"

if [ "${KN_SKIP_GBENCH:-0}" != 1 ]; then
  KN_BENCH_THREADS=$THREADS "$GBENCH" --benchmark_min_time=0.5 \
    --benchmark_out="$OUT/gbench.json" --benchmark_out_format=json
fi

"$PY" "$PEERS/report.py" "$OUT" >"$OUT/results.md"
"$PY" "$PEERS/report.py" --splice "$OUT/results.md" "$ROOT/docs/PERFORMANCE.md"
echo "results: $OUT/results.md (spliced into docs/PERFORMANCE.md)"
