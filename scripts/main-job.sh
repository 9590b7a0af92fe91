#!/usr/bin/env bash
# The main job: install what is missing, build, and run the verification suite and its report in one command,
# `attnbound report` on its built-in defaults (verify, a budgeted search, the kernels' check, the reproduction
# on whatever GPT-2 data is present; a total budget of 240 s). Writes out/report/ (report.html, report.json,
# report.md, CSV tables, SVG plots, the counterexample files) and out/verify.json (the verification engine's
# own JSON, a copy of out/report/verify.json). Extra arguments go to `attnbound report` (--seed N, --budget S).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
mkdir -p out
scripts/attnbound.sh report --out out/report "$@"
if [[ -f out/report/verify.json ]]; then cp out/report/verify.json out/verify.json; fi
