#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) in build-fuzz/ and
# runs each for SECONDS (default 30) on a corpus seeded from scenarios/ and
# the tests' data; prints each target's executions and coverage (libFuzzer's
# cov: edges, ft: features). Exit status 1 on any finding (the crashing input
# is left in build-fuzz/findings/).
#
#   bash tests/fuzz/run_fuzz.sh 30      # CI (tools/setup.sh test)
#   bash tests/fuzz/run_fuzz.sh 3600    # the longer run of docs/reliability.md
set -euo pipefail
seconds=${1:-30}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
build=${OVERSTRETCH_FUZZ_BUILD:-build-fuzz}
jobs=$(nproc 2>/dev/null || echo 2)

launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_C_COMPILER=clang -DOVERSTRETCH_FUZZ=ON -DOVERSTRETCH_BUILD_TESTS=OFF \
  -DOVERSTRETCH_BUILD_BENCH=OFF -DOVERSTRETCH_MPI=OFF \
  "${launcher[@]}" >/dev/null
cmake --build "$build" -j "$jobs" --target fuzz_scenario fuzz_set fuzz_study fuzz_save fuzz_protocol fuzz_room

# Seed corpora: every target gets a fresh copy of its seeds next to what
# earlier runs found (the corpus directory persists in the build dir).
seed() {  # seed TARGET FILES...
  local dir="$build/corpus/$1"; shift
  mkdir -p "$dir"
  for f in "$@"; do [ -f "$f" ] && cp "$f" "$dir/seed-$(echo "$f" | tr '/' '_')"; done
}
seed scenario scenarios/*.yaml scenarios/*/*.yaml tests/data/*.yaml tests/data/*/*.yaml
seed study scenarios/studies/*.yaml
seed save tests/data/fuzz/saves/*.json
seed protocol tests/data/fuzz/protocol/*.json
seed room tests/data/fuzz/room/*.txt
mkdir -p "$build/corpus/set"
printf 'run.seed=5\nrun.turns=12\n' > "$build/corpus/set/seed-run"
printf 'actors.US.global_commitments=0.7\nties.JPN-US.access=1\n' > "$build/corpus/set/seed-actors"
printf 'run.decisiveness=0.5\ntheaters.korea.value=3\n' > "$build/corpus/set/seed-theaters"
printf 'doctrine.deploy_levels.0=0.25\nrun.fog=0.2\n' > "$build/corpus/set/seed-doctrine"

mkdir -p "$build/findings"
# fuzz_save writes its games under TMPDIR: keep them in the build dir.
export TMPDIR="$(cd "$build" && pwd)/tmp"
rm -rf "$TMPDIR" && mkdir -p "$TMPDIR"
status=0
for target in scenario set study save protocol room; do
  log="$build/fuzz_$target.log"
  if ! ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
      "$build/tests/fuzz/fuzz_$target" "$build/corpus/$target" -max_total_time="$seconds" \
      -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$build/findings/$target-" >"$log" 2>&1; then
    echo "fuzz_$target: FINDING (see $log and $build/findings/)"
    tail -40 "$log"
    status=1
  fi
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
  last=$(grep -E '#[0-9]+.*cov:' "$log" | tail -1)
  cov=$(echo "$last" | grep -o 'cov: [0-9]*' || true)
  ft=$(echo "$last" | grep -o 'ft: [0-9]*' || true)
  corpus=$(echo "$last" | grep -o 'corp: [0-9/a-zA-Z]*' || true)
  echo "fuzz_$target: ${seconds}s, $execs executions, $cov, $ft, $corpus"
done
exit $status
