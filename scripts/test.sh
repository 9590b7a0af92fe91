#!/usr/bin/env bash
# Installs what is missing, configures, builds and runs the whole test suite (CMake workflow presets).
#   scripts/test.sh                 the `default` workflow (Release); under CI (CI=true) also `asan`
#   scripts/test.sh PRESET...       the named workflows in order (default, debug, asan), e.g. `default asan`
# `asan` rebuilds everything with AddressSanitizer + UndefinedBehaviorSanitizer into build/asan and runs the
# same suite there (any sanitizer report fails the test that triggered it).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
scripts/install-deps.sh
if [ "$#" -gt 0 ]; then
  presets=("$@")
elif [ "${CI:-}" = "true" ]; then
  presets=(default asan)
else
  presets=(default)
fi
for preset in "${presets[@]}"; do
  echo "== scripts/test.sh: workflow preset '$preset' ($(date -u +%H:%M:%S) UTC)"
  start=$SECONDS
  cmake --workflow --preset "$preset"
  echo "== scripts/test.sh: '$preset' passed in $((SECONDS - start)) s"
done
