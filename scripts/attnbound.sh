#!/usr/bin/env bash
# Installs what is missing, builds attnbound (incrementally) and runs the CLI with the given arguments.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
scripts/install-deps.sh
cmake --preset default >/dev/null
cmake --build --preset default --target attnbound_cli >/dev/null
exec "$root/build/default/app/attnbound" "$@"
