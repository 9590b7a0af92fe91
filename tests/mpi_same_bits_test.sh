#!/usr/bin/env bash
# Scale-out (issue 17): under `mpirun -n 3` prove, search --all and verify give the single-process bits.
#   tests/mpi_same_bits_test.sh CLI PYTHON
# * prove: the certificate byte for byte, and the JSON without its wall-clock fields (seconds, boxes_per_second),
#   for a proof (corrected Corollary 3, L = 5) and a refutation (the paper's, L = 3; there the boxes explored
#   before the counterexample depend on the schedule, so "boxes" and "refutation_attempts" are dropped too);
# * search --all with --max-evals binding: the results without wall-clock fields, and the corpus files written
#   (only by rank 0) with the same names and contents;
# * verify --json: identical without "timings".
# Skipped (exit 0, "SKIPPED" printed) when mpirun is absent or the CLI was built without MPI (`--version`).
# Open MPI keeps allocations from MPI_Init to exit by design, so LeakSanitizer is off for the MPI runs only.
set -euo pipefail
cli=$1 python=${2:-/usr/bin/python3}
if ! command -v mpirun >/dev/null; then echo "SKIPPED: mpirun not found (apt-get install openmpi-bin libopenmpi-dev)"; exit 0; fi
if ! "$cli" --version | grep -q "MPI"; then echo "SKIPPED: attnbound was built without MPI"; exit 0; fi
work=$(mktemp -d "${TMPDIR:-/tmp}/attnbound-mpi-XXXXXX")
trap 'rm -rf "$work"' EXIT
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0"
mpi() { mpirun --oversubscribe --allow-run-as-root -n 3 "$cli" "$@"; }
failures=0 passes=0
check() {  # check NAME FILE1 FILE3 KEYS...: JSON equal after dropping KEYS at any depth
  local name=$1 a=$2 b=$3; shift 3
  if "$python" - "$a" "$b" "$@" <<'PY'
import json, sys
def drop(x, keys):
    if isinstance(x, dict): return {k: drop(v, keys) for k, v in x.items() if k not in keys}
    if isinstance(x, list): return [drop(v, keys) for v in x]
    return x
a, b = (drop(json.load(open(p)), set(sys.argv[3:])) for p in sys.argv[1:3])
sys.exit(0 if a == b else 1)
PY
  then passes=$((passes + 1)); echo "same: $name"; else failures=$((failures + 1)); echo "DIFFERENT: $name"; fi
}
same_file() {
  if cmp -s "$2" "$3"; then passes=$((passes + 1)); echo "same: $1"; else failures=$((failures + 1)); echo "DIFFERENT: $1"; fi
}

prove_args=(prove --statement cor3.softmax_jacobian.corrected --variant per_weight --length 5 --target-ratio 1.000001 --json)
"$cli" "${prove_args[@]}" --certificate "$work/p1.cert" >"$work/p1.json" 2>/dev/null
mpi "${prove_args[@]}" --certificate "$work/p3.cert" >"$work/p3.json" 2>/dev/null
same_file "prove certificate (proved)" "$work/p1.cert" "$work/p3.cert"
check "prove JSON (proved)" "$work/p1.json" "$work/p3.json" seconds boxes_per_second

refute_args=(prove --statement cor3.softmax_jacobian --variant frobenius --length 3 --json)
"$cli" "${refute_args[@]}" --certificate "$work/r1.cert" >"$work/r1.json" 2>/dev/null
mpi "${refute_args[@]}" --certificate "$work/r3.cert" >"$work/r3.json" 2>/dev/null
same_file "prove certificate (refuted)" "$work/r1.cert" "$work/r3.cert"
check "prove JSON (refuted)" "$work/r1.json" "$work/r3.json" seconds boxes_per_second boxes refutation_attempts

mkdir -p "$work/c1" "$work/c3"
search_args=(search --all --max-evals 40 --budget 1000 --quiet --seed 5)
"$cli" "${search_args[@]}" --corpus "$work/c1" >"$work/s1.json" 2>/dev/null
mpi "${search_args[@]}" --corpus "$work/c3" >"$work/s3.json" 2>/dev/null
check "search --all results" "$work/s1.json" "$work/s3.json" seconds timing file
if [[ "$(cd "$work/c1" && ls)" == "$(cd "$work/c3" && ls)" && -n "$(ls "$work/c1")" ]]; then
  passes=$((passes + 1)); echo "same: corpus file names ($(ls "$work/c1" | wc -l) files)"
  for f in "$work"/c1/*.json; do check "corpus $(basename "$f")" "$f" "$work/c3/$(basename "$f")" timing; done
else
  failures=$((failures + 1)); echo "DIFFERENT: corpus file names"
fi

verify_args=(verify --instances 2 --statement cor3.softmax_jacobian --statement lemma1.vanishing --statement thm2.lower --corpus '')
"$cli" "${verify_args[@]}" --json "$work/v1.json" >/dev/null 2>&1
mpi "${verify_args[@]}" --json "$work/v3.json" >/dev/null 2>&1
check "verify --json" "$work/v1.json" "$work/v3.json" timings

echo "mpi same bits: $passes passed, $failures failed"
[[ $failures -eq 0 ]]
