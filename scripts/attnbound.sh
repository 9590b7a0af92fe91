#!/usr/bin/env bash
# Installs what is missing, builds attnbound (incrementally) and runs the CLI with the given arguments.
# The build talks on stderr (ninja's own status line, [done/total]), so a first, cold build is not minutes of
# silence; stdout stays the CLI's alone.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
scripts/install-deps.sh
echo "attnbound.sh: configuring and building build/default (first build: about 15 minutes on 2 cores)" >&2
cmake --preset default >/dev/null
cmake --build --preset default --target attnbound_cli >&2
exec "$root/build/default/app/attnbound" "$@"
