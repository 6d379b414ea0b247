#!/usr/bin/env bash
# Builds the libFuzzer targets (preset `fuzz`: clang, ASan + UBSan) and runs each one.
#
#   tests/fuzz/run_fuzz.sh [SECONDS]     default 20 seconds per target
#
# SECONDS > 0: each target fuzzes for SECONDS on a scratch copy of its seed corpus
#   (tests/fuzz/corpus/<target>/ -> tests/fuzz/corpus-work/<target>/, gitignored).
# SECONDS = 0: build, then only replay the seed corpora.
# Always: every file in tests/fuzz/regressions/<target>/ (inputs that once crashed) is replayed.
# Exits non-zero if any target crashed, leaked, hit UB or timed out; prints the target, the log
# and the crash artifact (build/fuzz/fuzz-artifacts/<target>/).
# Environment: FUZZ_TARGETS="fuzz_json fuzz_pajek" runs a subset; JOBS sets build parallelism.
set -euo pipefail

secs="${1:-20}"
if ! [[ "$secs" =~ ^[0-9]+$ ]]; then
  echo "usage: $0 [SECONDS]" >&2
  exit 2
fi

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

# Every tests/fuzz/fuzz_<name>.cpp is a target (tests/fuzz/CMakeLists.txt).
all_targets=()
for f in "$here"/fuzz_*.cpp; do all_targets+=("$(basename "$f" .cpp)"); done
read -r -a targets <<<"${FUZZ_TARGETS:-${all_targets[*]}}"

build_dir="$root/build/fuzz"
bin_dir="$build_dir/tests/fuzz"
work_root="$here/corpus-work"
artifact_root="$build_dir/fuzz-artifacts"
log_root="$build_dir/fuzz-logs"

echo "== fuzz: configure and build (preset fuzz)"
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --target "${targets[@]}" -j "${JOBS:-$(nproc)}"

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
common=(-timeout=10 -rss_limit_mb=2048)

failed=()
fail() {  # target, log, artifact dir
  failed+=("$1")
  echo "FAIL $1: see log $2"
  tail -n 40 "$2" | sed 's/^/    | /'
  local found
  found="$(find "$3" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' \
    -o -name 'oom-*' -o -name 'slow-unit-*' \) 2>/dev/null | sort)"
  if [[ -n "$found" ]]; then
    echo "    crash artifact(s):"
    echo "$found" | sed 's/^/      /'
  fi
}

for t in "${targets[@]}"; do
  bin="$bin_dir/$t"
  corpus="$here/corpus/$t"
  regressions="$here/regressions/$t"
  work="$work_root/$t"
  artifacts="$artifact_root/$t"
  log="$log_root/$t.log"
  dict_name="${t#fuzz_}"
  dict_name="${dict_name%_ties}"
  dict_name="${dict_name%_actors}"
  dict="$here/$dict_name.dict"
  rm -rf "$work" "$artifacts"
  mkdir -p "$work" "$artifacts" "$log_root"
  if [[ -d "$corpus" ]]; then cp -R "$corpus/." "$work/"; fi
  : >"$log"
  status="ok"
  summary=""

  # 1. fuzz (or, with SECONDS=0, replay the seed corpus)
  if ((secs > 0)); then
    opts=("${common[@]}" -max_total_time="$secs" -print_final_stats=1
          -artifact_prefix="$artifacts/")
    if [[ -f "$dict" ]]; then opts+=(-dict="$dict"); fi
    start=$(date +%s)
    rc=0
    "$bin" "${opts[@]}" "$work" </dev/null >>"$log" 2>&1 || rc=$?
    elapsed=$(($(date +%s) - start))
    runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)"
    summary="${runs:-?} runs in ${elapsed} s, corpus $(find "$work" -type f | wc -l) inputs"
    if ((rc != 0)); then status="FAILED (exit $rc)"; fi
  else
    mapfile -t seeds < <(find "$work" -type f | sort)
    if ((${#seeds[@]} > 0)); then
      rc=0
      "$bin" "${common[@]}" -artifact_prefix="$artifacts/" "${seeds[@]}" </dev/null >>"$log" 2>&1 \
        || rc=$?
      if ((rc != 0)); then status="FAILED (exit $rc)"; fi
    fi
    summary="${#seeds[@]} seed inputs replayed"
  fi

  # 2. replay the regressions
  if [[ -d "$regressions" ]]; then
    mapfile -t regs < <(find "$regressions" -type f | sort)
    if ((${#regs[@]} > 0)); then
      rc=0
      "$bin" "${common[@]}" -artifact_prefix="$artifacts/" "${regs[@]}" </dev/null >>"$log" 2>&1 \
        || rc=$?
      if ((rc != 0)); then status="FAILED (exit $rc)"; fi
      summary+=", ${#regs[@]} regressions replayed"
    fi
  fi

  printf '%-16s %s: %s\n' "$t" "$status" "$summary"
  if [[ "$status" != "ok" ]]; then fail "$t" "$log" "$artifacts"; fi
done

if ((${#failed[@]} > 0)); then
  echo "== fuzz: FAILED: ${failed[*]}"
  exit 1
fi
echo "== fuzz: all ${#targets[@]} targets ok"
