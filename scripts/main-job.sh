#!/usr/bin/env bash
# The main job: install what is missing, build, run the verification suite over its built-in seeded family
# (out/verify.json and the table on stdout), then write the bound-tightness report (out/report/report.html).
# Extra arguments go to `attnbound report` (e.g. --seed N, --budget SECONDS).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
mkdir -p out
scripts/attnbound.sh verify --json out/verify.json
"$root/build/default/app/attnbound" report --out out/report "$@"
