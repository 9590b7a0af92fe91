#!/usr/bin/env bash
# Fuzzes targets one after another (one core, niced), e.g. fuzz/run_fuzz.sh build/fuzz 600 instance tokenizer
#   fuzz/run_fuzz.sh BUILD_DIR SECONDS TARGET...
# Each target starts from its checked-in seeds (fuzz/corpus/NAME, never written) and grows a working corpus in
# BUILD_DIR/fuzz-work/NAME; reproducers of crashes, leaks, timeouts and OOMs land in BUILD_DIR/fuzz-work/artifacts/
# NAME/ (copy them into fuzz/corpus/NAME with the fix). The log is BUILD_DIR/fuzz-work/NAME.log; its last lines
# give executions, coverage (cov, ft) and peak RSS.
set -uo pipefail
build=$1 seconds=$2
shift 2
src=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
for name in "$@"; do
  work="$build/fuzz-work"
  mkdir -p "$work/$name" "$work/artifacts/$name"
  echo "== fuzz_$name for $seconds s from $(date -u +%H:%M:%S) UTC, load: $(cut -d' ' -f1-3 /proc/loadavg)"
  nice -n 10 "$build/fuzz/fuzz_$name" "$work/$name" "$src/corpus/$name" -max_total_time="$seconds" \
    -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 -artifact_prefix="$work/artifacts/$name/" \
    >"$work/$name.log" 2>&1
  echo "   exit $?; $(grep -E '^#[0-9]+' "$work/$name.log" | tail -1)"
  grep -E 'stat::(number_of_executed_units|peak_rss_mb)' "$work/$name.log" | tr '\n' ' '
  echo
  ls "$work/artifacts/$name"
done
