#!/usr/bin/env bash
# Determinism (issue 8): the same seed gives byte-identical JSON, run after run and for every thread count.
#   tests/determinism_test.sh CLI SOURCE_DIR SHARED_DIR PYTHON
# * verify, search, report: single-threaded (none takes --threads or starts a thread); each runs twice with one
#   seed. report.json is compared byte for byte. verify --json and search print wall-clock fields that are
#   documented as the only non-deterministic ones (verify: "timings"; search: "seconds", "entry.timing"):
#   they are removed, the rest is re-serialised in its original key order and compared byte for byte.
# * gpt2 --threads 1, 2, 3 and kernels --threads 1, 2: every capture file byte-identical, index.json / the
#   kernels JSON identical except their "seconds" entries.
# Budgets are generous so that only the evaluation/instance counts bind (each output is checked to say so).
# Found by this test (23:10, 1 Dec 2026; to be fixed by their owners, the test stays strict):
# * kernels --threads 1 vs 2: the exhaustive exp check's ULP mean/std differ in the last digits (blocks are
#   handed out through an atomic counter in kernels/exhaustive_exp_check.cpp and each thread sums its own
#   blocks in double, so the sums depend on scheduling); the same makes report.json differ now and then
#   (tables.kernels, "ULP mean" of exp_f32_le0).
# * gpt2 --threads 1 vs 2 vs 3: captures differ from blocks.0.hook_attn_out on (q, k, v, scores, pattern and z of
#   block 0 are identical): the attention output projection / MLP matmuls of the forward pass round differently
#   with the thread count.
set -euo pipefail
cli=$1 src=$2 shared=$3 python=${4:-/usr/bin/python3}
work=$(mktemp -d "${TMPDIR:-/tmp}/attnbound-determinism-XXXXXX")
trap 'rm -rf "$work"' EXIT
failures=0 passes=0

# strip FILE KEY.PATH...: FILE's JSON without the given keys (dotted paths; "**.k" removes k at any depth).
strip() {
  "$python" - "$@" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1]), object_pairs_hook=lambda kv: dict(kv))
def drop_everywhere(node, key):
    if isinstance(node, dict):
        node.pop(key, None)
        for v in node.values(): drop_everywhere(v, key)
    elif isinstance(node, list):
        for v in node: drop_everywhere(v, key)
for path in sys.argv[2:]:
    if path.startswith("**."):
        drop_everywhere(doc, path[3:]); continue
    node = doc
    parts = path.split(".")
    for p in parts[:-1]:
        node = node.get(p, {}) if isinstance(node, dict) else {}
    if isinstance(node, dict): node.pop(parts[-1], None)
sys.stdout.write(json.dumps(doc, indent=1, ensure_ascii=False) + "\n")
EOF
}

# field FILE PATH: the JSON value at a dotted path.
field() {
  "$python" -c 'import json,sys; d=json.load(open(sys.argv[1]))
for p in sys.argv[2].split("."): d=d[p]
print(json.dumps(d))' "$1" "$2"
}

same() {  # same WHAT A B
  if cmp -s "$2" "$3"; then
    echo "ok: $1"
    passes=$((passes + 1))
  else
    echo "NOT DETERMINISTIC: $1"
    diff "$2" "$3" | head -20 || true
    failures=$((failures + 1))
  fi
}

expect() {  # expect WHAT ACTUAL WANTED
  if [ "$2" = "$3" ]; then passes=$((passes + 1)); else echo "FAILED: $1: got $2, expected $3"; failures=$((failures + 1)); fi
}

cd "$work"
# A private copy of the counterexample corpus: the runs must see the same corpus even while it is being edited.
cp -r "$src/counterexamples/corpus" corpus

# verify: two statements with Monte Carlo and enumeration parts, 6 instances each, seed 11, twice.
for run in 1 2; do
  "$cli" verify --seed 11 --instances 6 --statement cor3.softmax_jacobian --statement thm2.lower \
    --statement cor2.regimes --budget 600 --corpus corpus --json "verify$run.json" >/dev/null
  strip "verify$run.json" timings >"verify$run.stripped"
done
expect "verify ran to completion" "$(field verify1.json complete)" true
same "verify --seed 11: JSON without timings" verify1.stripped verify2.stripped

# search: the evaluation budget binds (stopped_by = evaluations), seed 5, twice.
for run in 1 2; do
  "$cli" search --statement cor1.softmax_weights --seed 5 --max-evals 400 --budget 600 --no-write --quiet >"search$run.json"
  strip "search$run.json" seconds entry.timing >"search$run.stripped"
done
expect "search stopped by its evaluation budget" "$(field search1.json stopped_by)" '"evaluations"'
same "search --seed 5: JSON without seconds and entry.timing" search1.stripped search2.stripped

# report: the shared GPT-2 reference data when present, seed 4, twice; report.json byte for byte. The search and
# verify parts are sized by evaluation counts (when this build has the flags) so that no part is cut by the clock.
report_flags=()
if "$cli" report --help | grep -q -- --search-evals; then report_flags+=(--search-evals 60); fi
if "$cli" report --help | grep -q -- --verify-instances; then report_flags+=(--verify-instances 2); fi
if "$cli" report --help | grep -q -- --prove-max-length; then report_flags+=(--prove-max-length 3); fi
for run in 1 2; do
  "$cli" report --seed 4 --budget 900 "${report_flags[@]}" --shared "$shared" --corpus corpus --out "report$run" \
    >/dev/null 2>"report$run.log"
done
budget_cut=(-e 'cut by the time budget' -e 'time budget spent' -e 'time budget was spent before this part started')
if grep -q "${budget_cut[@]}" report1/report.json report2/report.json; then
  echo "FAILED: a report part was cut or skipped by the time budget (then report.json is not reproducible):"
  grep -h -o "${budget_cut[@]}" report1/report.json report2/report.json | sort | uniq -c || true
  failures=$((failures + 1))
fi
same "report --seed 4: report.json" report1/report.json report2/report.json

# kernels: the exhaustive exp check split over 1 and 2 threads.
for threads in 1 2; do
  "$cli" kernels --quick --seed 3 --threads "$threads" --json "kernels$threads.json" >/dev/null
  strip "kernels$threads.json" '**.seconds' '**.cpu_seconds' '**.threads' >"kernels$threads.stripped"
done
same "kernels --threads 1 vs 2: JSON without seconds" kernels1.stripped kernels2.stripped

# gpt2: a seeded random GPT-2-shaped checkpoint, the real tokenizer; 1, 2 and 3 threads.
if [ -f "$shared/data/gpt2-tokenizer/encoder.json" ] && "$python" -c 'import numpy' 2>/dev/null; then
  "$python" "$src/gpt2/tests/gpt2_reference.py" make-checkpoint --out model --seed 8 --n-layer 2 --n-head 4 \
    --n-embd 32 --n-positions 64 --vocab 50257 >/dev/null
  for threads in 1 2 3; do
    "$cli" gpt2 --model model --tokenizer "$shared/data/gpt2-tokenizer" --threads "$threads" --capture all \
      --prompt "The same seed gives the same bytes, whatever the number of threads." --out "gpt2-$threads" >/dev/null
    strip "gpt2-$threads/index.json" seconds >"gpt2-$threads.index"
    rm "gpt2-$threads/index.json"
  done
  for threads in 2 3; do
    if diff -r gpt2-1 "gpt2-$threads" >/dev/null; then
      echo "ok: gpt2 --threads 1 vs $threads: $(ls gpt2-1 | wc -l) capture files byte-identical"
      passes=$((passes + 1))
    else
      echo "NOT DETERMINISTIC: gpt2 --threads 1 vs $threads"; { diff -r gpt2-1 "gpt2-$threads" | head || true; }; failures=$((failures + 1))
    fi
    same "gpt2 --threads 1 vs $threads: index.json without seconds" gpt2-1.index "gpt2-$threads.index"
  done
else
  echo "gpt2 part skipped: no $shared/data/gpt2-tokenizer or no NumPy for $python"
fi

echo "determinism: $passes passed, $failures failed"
[ "$failures" -eq 0 ]
