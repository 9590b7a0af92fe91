#!/usr/bin/env bash
# Installs what is missing, configures, builds and runs the whole test suite (CMake workflow preset).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
scripts/install-deps.sh
cmake --workflow --preset "${1:-default}"
