#!/usr/bin/env bash
# Installs what is missing, configures, builds and runs the whole test suite (CMake workflow presets).
#   scripts/test.sh                 the `default` workflow (Release, GCC), then the `asan` workflow (the same suite
#                                   rebuilt with clang, AddressSanitizer + UndefinedBehaviorSanitizer, in build/asan;
#                                   any sanitizer report fails the test that triggered it). This is what CI runs.
#   scripts/test.sh PRESET...       the named workflows in order (default, debug, asan), e.g. `default` alone
# Measured on the 2-core development VM (2026-12-02): default about 16 min cold + 2 min suite, asan 20 min
# cold + 6.5 min suite.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
if [ "$#" -gt 0 ]; then
  presets=("$@")
else
  presets=(default asan)
fi
deps=()
for preset in "${presets[@]}"; do
  if [ "$preset" = "asan" ]; then deps=(--with-sanitizer); fi  # the sanitizer build is compiled with clang
done
scripts/install-deps.sh "${deps[@]}"
for preset in "${presets[@]}"; do
  echo "== scripts/test.sh: workflow preset '$preset' ($(date -u +%H:%M:%S) UTC)"
  start=$SECONDS
  cmake --workflow --preset "$preset"
  echo "== scripts/test.sh: '$preset' passed in $((SECONDS - start)) s"
done
