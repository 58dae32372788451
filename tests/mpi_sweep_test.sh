#!/usr/bin/env bash
# MPI sweeps (issue #6, docs/cluster.md), end to end with mpirun:
#  1. a study on 3 ranks gives the same `runs` and `theater_turns` rows as a
#     local sweep with --jobs 2 (timing column elapsed_us aside), and the
#     workers did part of it;
#  2. a worker rank killed with SIGKILL mid-sweep loses no committed run,
#     mpirun aborts the job, and `--resume` on 2 ranks completes the study to
#     exactly the rows of an uninterrupted sweep.
#
#   bash tests/mpi_sweep_test.sh BUILD/tools/overstretch SOURCE_DIR [MPIEXEC]
#
# Registered by tests/CMakeLists.txt only when OVERSTRETCH_MPI is on and
# OVERSTRETCH_SANITIZE is off (LeakSanitizer reports Open MPI's own leaks).
# Exit 77 (skipped) if mpirun is missing.
set -euo pipefail

overstretch=$(realpath "$1")
source_dir=$(realpath "$2")
mpirun=${3:-mpirun}
command -v "$mpirun" >/dev/null || { echo "SKIP: $mpirun not found"; exit 77; }
command -v python3 >/dev/null || { echo "SKIP: python3 not found"; exit 77; }

# Open MPI refuses to run as root without these (CI containers run as root).
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
# Shared memory without single-copy (CMA is often blocked in containers).
export OMPI_MCA_btl_vader_single_copy_mechanism=none
mpi=("$mpirun" --allow-run-as-root --oversubscribe)

work=$(mktemp -d)
mpirun_pid=""
cleanup() {
  [ -n "$mpirun_pid" ] && kill -9 "$mpirun_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work"

fail() { echo "FAIL: $*" >&2; exit 1; }

# Prints the rows of `runs` (without elapsed_us) and of `theater_turns`,
# ordered, one per line: two results files are equal iff these are.
cat >rows.py <<'EOF'
import sqlite3, sys
db = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)
cols = [r[1] for r in db.execute("PRAGMA table_info(runs)") if r[1] != "elapsed_us"]
for row in db.execute("SELECT %s FROM runs ORDER BY point, replication" % ", ".join(cols)):
    print("run", repr(row))
for row in db.execute("SELECT * FROM theater_turns ORDER BY point, replication, turn, theater"):
    print("turn", repr(row))
EOF
count() {  # runs committed in a results file (0 if it cannot be read yet)
  python3 - "$1" <<'EOF' 2>/dev/null || echo 0
import sqlite3, sys
print(sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)
      .execute("SELECT count(*) FROM runs").fetchone()[0])
EOF
}
same() {  # same A B: the two results files hold the same rows
  python3 rows.py "$1" >"$1.rows"
  python3 rows.py "$2" >"$2.rows"
  [ -s "$1.rows" ] || fail "$1 has no runs"
  cmp -s "$1.rows" "$2.rows" || {
    diff "$1.rows" "$2.rows" | head -5 >&2
    fail "$1 and $2 differ"
  }
}

# ------------------------------------------------------------ 1. equality
cat >tiny.yaml <<EOF
name: tiny
scenario: $source_dir/scenarios/sparse_us.yaml
design: grid
replications: 5
seed: 3
theater_turns: true
set: {run.turns: 8}
parameters:
  actors.US.global_commitments: {range: [0.3, 0.9], levels: 3}
  ties.JPN-US.access: {values: [0, 1]}
EOF
"${mpi[@]}" -np 3 "$overstretch" sweep tiny.yaml --mpi --out A.sqlite >a.out 2>a.err ||
  { cat a.out a.err; fail "mpirun -np 3 sweep --mpi"; }
"$overstretch" sweep tiny.yaml --jobs 2 --out B.sqlite >b.out 2>b.err ||
  { cat b.out b.err; fail "local sweep"; }
[ "$(count A.sqlite)" = 30 ] || fail "A.sqlite: expected 30 runs, got $(count A.sqlite)"
same A.sqlite B.sqlite
grep -q "3 MPI ranks" a.out || fail "rank 0 did not announce 3 ranks: $(cat a.out)"
shares=$(grep "runs by rank" a.err) || fail "no 'runs by rank' line"
echo "equality: 30 runs on 3 ranks equal to --jobs 2 ($shares)"
[[ "$shares" =~ 1:\ [1-9] ]] || [[ "$shares" =~ 2:\ [1-9] ]] || fail "the workers ran nothing"

# ------------------------------------------------------- 2. a killed rank
# us_sparsity with 500 replications: 10,000 runs, a few seconds.
sed -e "s|^scenario: .*|scenario: $source_dir/scenarios/sparse_us.yaml|" \
    -e "s|^replications: .*|replications: 500|" \
    "$source_dir/scenarios/studies/us_sparsity.yaml" >big.yaml
grep -q "^replications: 500" big.yaml || fail "could not make big.yaml"
"$overstretch" sweep big.yaml --jobs 2 --out ref.sqlite >ref.out 2>&1 ||
  { cat ref.out; fail "reference sweep"; }

"${mpi[@]}" -np 3 "$overstretch" sweep big.yaml --mpi --out K.sqlite >k.out 2>k.err &
mpirun_pid=$!
rank1() {  # the pid of rank 1 among mpirun's children (no procps needed)
  local status key value pid rank
  for status in /proc/[0-9]*/status; do
    while read -r key value _; do
      [ "$key" = PPid: ] && break
    done <"$status" 2>/dev/null || continue
    [ "$value" = "$mpirun_pid" ] || continue
    pid=${status#/proc/}
    pid=${pid%/status}
    rank=$(tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | sed -n 's/^OMPI_COMM_WORLD_RANK=//p')
    if [ "$rank" = 1 ]; then
      echo "$pid"
      return
    fi
  done
}
victim=""
committed=0
for _ in $(seq 600); do  # up to 30 s: rank 1 found, then some runs committed
  sleep 0.05
  kill -0 "$mpirun_pid" 2>/dev/null || break
  [ -n "$victim" ] || victim=$(rank1 || true)
  [ -n "$victim" ] || continue
  committed=$(count K.sqlite)
  [ "$committed" -ge 500 ] && break
done
[ -n "$victim" ] || { cat k.out k.err; fail "rank 1's process not found among mpirun's children"; }
[ "$committed" -ge 500 ] || { cat k.out k.err; fail "no runs committed before the kill"; }
kill -9 "$victim"
rc=0
wait "$mpirun_pid" || rc=$?
mpirun_pid=""
[ "$rc" -ne 0 ] || fail "mpirun succeeded although rank 1 was killed"
left=$(count K.sqlite)
echo "killed rank 1 (pid $victim) after $committed runs committed; mpirun exited $rc with $left of 10000 runs saved"
[ "$left" -ge "$committed" ] || fail "committed runs were lost ($left < $committed)"
[ "$left" -lt 10000 ] || fail "the sweep finished before the kill: make big.yaml bigger"

"${mpi[@]}" -np 2 "$overstretch" sweep big.yaml --mpi --out K.sqlite --resume >r.out 2>r.err ||
  { cat r.out r.err; fail "mpirun -np 2 sweep --mpi --resume"; }
grep -q "($left done before)" r.out || fail "resume did not start from $left runs: $(cat r.out)"
[ "$(count K.sqlite)" = 10000 ] || fail "after --resume: $(count K.sqlite) runs, expected 10000"
same K.sqlite ref.sqlite
echo "resume: 10000 runs, equal to an uninterrupted local sweep"
echo "PASS"
