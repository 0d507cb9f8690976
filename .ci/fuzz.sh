#!/usr/bin/env bash
# A short pass of every fuzz test (make fuzz FUZZTIME=5s). Minimising an
# input that finds new code is bounded (1 s): a slow target such as a whole
# project's parse otherwise spends the pass minimising.
#
# Go's fuzzing coordinator can end a time-bounded pass with a bare "context
# deadline exceeded" when a worker is still busy at the deadline (a race in
# the toolchain, golang/go#75804), with no input at fault. Such a pass is run
# once more; a pass that writes a failing input, panics or fails a check
# fails at once, and a second bare deadline fails too.
set -uo pipefail
cd "$(dirname "$0")/.."
: "${FUZZTIME:=10s}" "${GO:=go}" "${TAGS:=duckdb_arrow}"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for f in $(grep -rl --include='*_test.go' '^func Fuzz' pipeline); do
  pkg=./$(dirname "$f")
  for fn in $(grep -o '^func Fuzz[A-Za-z0-9_]*' "$f" | cut -d' ' -f2); do
    for try in 1 2; do
      echo "fuzz $pkg $fn ($FUZZTIME)"
      if "$GO" test -tags "$TAGS" -run '^$' -fuzz "^$fn\$" -fuzztime "$FUZZTIME" -fuzzminimizetime 1s "$pkg" 2>&1 | tee "$log"; then
        break
      fi
      if [ "$try" = 1 ] && grep -q 'context deadline exceeded' "$log" &&
        ! grep -qE 'Failing input written|panic:|_test\.go:[0-9]+:' "$log"; then
        echo "fuzz $pkg $fn: the pass ended at its deadline with no input at fault; running it once more"
        continue
      fi
      exit 1
    done
  done
done
