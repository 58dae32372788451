#!/usr/bin/env bash
# The after-action report in a real browser: headless Chromium renders the
# report of a model run and of a played game; the screenshots must not be
# blank and the browser must log no console error. Skips (exit 77) when
# chromium or python3 is missing; tools/setup.sh installs both.
#
# usage: report_chromium_test.sh OVERSTRETCH_BINARY SOURCE_DIR
set -euo pipefail
bin=$1
src=$2
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "SKIP: chromium is not installed (bash tools/setup.sh test installs it)"
  exit 77
fi
if ! command -v python3 >/dev/null; then
  echo "SKIP: python3 is not installed (needed to decode the screenshot)"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$bin" run "$src/tests/data/cli/small.yaml" --out "$work/run" --quiet
"$bin" report "$work/run" -o "$work/run.html"
printf 'next\n3\ninject {set: actors.Beta.forces, value: 30}\nnext\n2\noverride EAST control 0.4 umpire ruling\nnext\n1\nquit\n' |
  "$bin" play "$src/tests/data/cli/small.yaml" --human Alpha --out "$work/played" >/dev/null
"$bin" report "$work/played" -o "$work/played.html"

status=0
for page in run played; do
  profile=$(mktemp -d -p "$work")
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --enable-logging=stderr --v=0 \
    --screenshot="$work/$page.png" --window-size=1200,3000 "file://$work/$page.html" \
    >"$work/$page.log" 2>&1 || { echo "chromium failed on $page.html:"; cat "$work/$page.log"; exit 1; }
  if grep -E "Uncaught|ERROR:CONSOLE" "$work/$page.log"; then
    echo "FAIL: console errors in $page.html"
    status=1
  fi
  if ! python3 "$src/tests/png_check.py" "$work/$page.png" --min-fraction 0.03; then
    echo "FAIL: the screenshot of $page.html is blank"
    status=1
  fi
done
exit $status
