#!/usr/bin/env bash
# Issue 12, item 5: `run` stopped by SIGTERM or SIGINT removes its staging
# directory (OUT.partial-XXXXXX), and a directory named like a staging or
# old directory of ours, that we did not create, is never touched.
# Usage: staged_dir_signal_test.sh OVERSTRETCH SOURCE_DIR
set -u
bin=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
fail() { echo "FAIL: $*"; exit 1; }

# Someone else's directories with the names the old code used (OUT.partial-PID,
# OUT.old-PID): made by a shell that then becomes the run, so PID is the run's.
"$bin" run "$src/scenarios/sparse_us.yaml" --out out -q || fail "first run"
sh -c 'for d in out.partial-$$ out.old-$$; do mkdir "$d" && echo keep > "$d/mine"; done
       echo $$ > pid; exec "$0" run "$1/scenarios/sparse_us.yaml" --out out -q' "$bin" "$src" ||
  fail "second run (replacing the first)"
pid=$(cat pid)
[ -f "out.partial-$pid/mine" ] || fail "out.partial-$pid, which the run did not create, was deleted"
[ -f "out.old-$pid/mine" ] || fail "out.old-$pid, which the run did not create, was deleted"
[ "$(ls -d out.* | wc -l)" -eq 2 ] || fail "stray directories left: $(ls -d out.*)"

# A run of about 2 s: a challenger too weak to win or lose keeps every
# theater open for all 10,000 turns.
long=(run "$src/scenarios/three_fronts.yaml" --turns 10000 --set run.end.margin=0
      --set run.end.at_zero=false --set actors.PRC.forces=1 -q)
caught=0
for signal in TERM INT; do
  for attempt in 1 2 3 4 5 6 7 8; do
    rm -rf "sig" sig.partial-*
    "$bin" "${long[@]}" --out sig &
    pid=$!
    seen=0
    for _ in $(seq 1 2000); do  # up to 10 s: start-up is slow on a loaded machine
      if compgen -G "sig.partial-*" >/dev/null; then seen=1; break; fi
      kill -0 "$pid" 2>/dev/null || break  # it has already ended
      sleep 0.005
    done
    if [ "$seen" = 1 ] && kill -"$signal" "$pid" 2>/dev/null; then
      wait "$pid"
      status=$?
      if [ ! -d sig ]; then  # stopped before its commit
        caught=$((caught + 1))
        [ "$status" -gt 128 ] || fail "SIG$signal: exit status $status"
        if compgen -G "sig.partial-*" >/dev/null; then fail "SIG$signal left $(ls -d sig.partial-*)"; fi
        break
      fi
    else
      # Not seen (or already gone): never wait for a 10,000-turn run to end.
      kill -KILL "$pid" 2>/dev/null
      wait "$pid"
    fi
  done
done
[ "$caught" -ge 1 ] || { echo "SKIP: the run always finished before the signal"; exit 77; }
echo "ok ($caught signals caught mid-run)"
