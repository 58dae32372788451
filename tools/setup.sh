#!/usr/bin/env bash
# Sets up Overstretch on a Debian 12 machine and runs it.
#
#   bash tools/setup.sh run    install what is missing, build, run the default scenario
#   bash tools/setup.sh test   install what is missing, build, run the whole test suite
#                              (then again under AddressSanitizer + UBSan, with
#                              assertions on: that build leaves NDEBUG undefined), then
#                              30 s of libFuzzer on each input parser (tests/fuzz/)
#
# Everything comes from Debian's packages; nothing is downloaded at build time.
set -euo pipefail

mode=${1:-run}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
jobs=$(nproc 2>/dev/null || echo 2)

# What building and running need; the test command adds the rest.
run_packages=(
  build-essential cmake ninja-build pkg-config
  libboost-graph-dev libeigen3-dev libyaml-cpp-dev
  libcli11-dev nlohmann-json3-dev libfmt-dev libsqlite3-dev
)
test_packages=(
  libgtest-dev libgmock-dev libbenchmark-dev
  chromium python3  # the report's browser test (tests/report_chromium_test.sh)
  chromium-driver python3-selenium  # the classroom server's browser test (tests/serve_browser_test.py)
  libopenmpi-dev openmpi-bin  # MPI sweeps, `sweep --mpi` (docs/cluster.md, tests/mpi_sweep_test.sh)
  clang libclang-rt-14-dev  # libFuzzer targets (tests/fuzz/run_fuzz.sh, docs/reliability.md)
  clang-format  # the style check (tests/format_check.sh)
  graphviz  # `dot`, which draws `overstretch graph`'s output in the README's tour
)
packages=("${run_packages[@]}")
if [ "$mode" = test ]; then packages+=("${test_packages[@]}"); fi

install_missing() {
  local missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    echo "setup: installing ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

build() {  # build DIR [cmake args...]
  local dir=$1; shift
  cmake -S . -B "$dir" -G Ninja "$@" >/dev/null
  cmake --build "$dir" -j "$jobs"
}

install_missing
case "$mode" in
  run)
    # The same compiler flags as the test build below, so that `test` after
    # `run` reuses these objects and builds only the tests and benchmarks.
    build build -DCMAKE_BUILD_TYPE=Release -DOVERSTRETCH_WERROR=ON \
      -DOVERSTRETCH_BUILD_TESTS=OFF -DOVERSTRETCH_BUILD_BENCH=OFF
    ./build/tools/overstretch run scenarios/sparse_us.yaml
    ;;
  test)
    build build -DCMAKE_BUILD_TYPE=Release -DOVERSTRETCH_WERROR=ON \
      -DOVERSTRETCH_BUILD_TESTS=ON -DOVERSTRETCH_BUILD_BENCH=ON -DOVERSTRETCH_MPI=ON
    ctest --test-dir build --output-on-failure -j "$jobs"
    echo "setup: again under AddressSanitizer and UndefinedBehaviorSanitizer, assertions on"
    # RelWithDebInfo without its -DNDEBUG: the asserts run in this build
    # instead of a third (Debug) build, which would cost CI another full build.
    build build-sanitize -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g" \
      -DOVERSTRETCH_WERROR=ON -DOVERSTRETCH_SANITIZE=ON -DOVERSTRETCH_BUILD_BENCH=OFF
    ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
      ctest --test-dir build-sanitize --output-on-failure -j "$jobs"
    echo "setup: fuzzing each input parser for 30 s (clang, libFuzzer, ASan + UBSan)"
    bash tests/fuzz/run_fuzz.sh 30
    ;;
  *)
    echo "usage: bash tools/setup.sh run|test" >&2
    exit 2
    ;;
esac
