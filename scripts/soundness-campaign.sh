#!/usr/bin/env bash
# The soundness campaign (issue 13, item 4; soundness/README.md):
#   scripts/soundness-campaign.sh [N] [SEED]
# runs instances [0, N) of SEED (default N = 1000000, SEED = 20251206) through attnbound-soundness, split over
# JOBS processes (default: the number of cores), each niced. Prints the summary (instances, wrong enclosures,
# wrong certified verdicts, reference unavailable, seconds, instances/s) and writes
#   $OUT/summary.json          the merged summary (OUT defaults to out/soundness)
#   $OUT/part-K.json           each process's summary
#   $OUT/failures/             each failing instance (replay: attnbound eval --instance FILE) and its check
# FIRST=I starts at instance I (slices of one campaign); JOBS=K processes; OUT=DIR; EXE=another attnbound-soundness.
# Exit code 0 when no instance failed a check, 3 otherwise. Instance i of a seed is replayed alone with
#   build/default/soundness/attnbound-soundness --seed SEED --replay i
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
count=${1:-1000000}
seed=${2:-20251206}
jobs=${JOBS:-$(nproc)}
out=${OUT:-out/soundness}
offset=${FIRST:-0}  # FIRST: index of the first instance (a campaign can be run in slices)
if [[ -z "${EXE:-}" && ( ! -x build/default/soundness/attnbound-soundness || -n "${REBUILD:-}" ) ]]; then
  scripts/install-deps.sh
  [[ -f build/default/build.ninja ]] || cmake --preset default >/dev/null
  flock /tmp/attnbound-build.lock cmake --build build/default --target attnbound_soundness_cli >/dev/null
fi
exe=${EXE:-build/default/soundness/attnbound-soundness}  # EXE: another build of attnbound-soundness (e.g. of an older engine)
mkdir -p "$out"
rm -f "$out"/part-*.json
echo "soundness campaign: seed $seed, instances [$offset, $(( offset + count ))), $jobs processes, engine precisions $($exe --precisions)" >&2
start=$(date +%s.%N)
pids=()
per=$(( (count + jobs - 1) / jobs ))
for ((k = 0; k < jobs; ++k)); do
  first=$(( k * per ))
  n=$(( count - first < per ? count - first : per ))
  (( n > 0 )) || continue
  nice -n 10 "$exe" --seed "$seed" --first "$(( offset + first ))" --instances "$n" --json "$out/part-$k.json" \
    --failures "$out/failures" --quiet > "$out/part-$k.txt" 2>&1 &
  pids+=($!)
done
status=0
for pid in "${pids[@]}"; do wait "$pid" || status=$?; done
end=$(date +%s.%N)
/usr/bin/python3 - "$out" "$seed" "$count" "$start" "$end" <<'PY'
import glob, json, sys
out, seed, count, start, end = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
parts = [json.load(open(p)) for p in sorted(glob.glob(f"{out}/part-*.json"))]
def add(a, b):
    for k, v in b.items():
        a[k] = a.get(k, 0) + v
    return a
total, by_statement, by_family, examples, slowest = {}, {}, {}, {}, []
for p in parts:
    add(total, p["total"])
    for k, v in p.get("by_statement", {}).items(): by_statement[k] = add(by_statement.get(k, {}), v)
    for k, v in p.get("by_family", {}).items(): by_family[k] = add(by_family.get(k, {}), v)
    for k, v in p.get("examples", {}).items(): examples.setdefault(k, []).extend(v[: max(0, 5 - len(examples.get(k, [])))])
    slowest += p.get("slowest", [])
seconds = end - start
summary = {"seed": seed, "instances_requested": count, "processes": len(parts), "precisions": parts[0]["precisions"] if parts else [],
           "wall_seconds": seconds, "instances_per_second": total.get("instances", 0) / seconds if seconds > 0 else 0,
           "total": total, "by_statement": by_statement, "by_family": by_family,
           "slowest": sorted(slowest, key=lambda x: -x["seconds"])[:10], "examples": examples}
json.dump(summary, open(f"{out}/summary.json", "w"), indent=2)
t = total
print(f"soundness campaign: seed {seed}")
print(f"  instances:                  {t.get('instances', 0)} (checked {t.get('checked', 0)}, rejected as bad input {t.get('rejected', 0)}, engine errors {t.get('engine_errors', 0)})")
print(f"  wrong enclosures:           {t.get('wrong_enclosures', 0)}")
print(f"  wrong certified verdicts:   {t.get('wrong_certified_verdicts', 0)}")
print(f"  certified beside other:     {t.get('certified_beside_other', 0)}")
print(f"  tight, infinite/disjoint:   {t.get('bad_tight', 0)}")
print(f"  reference unavailable:      {t.get('instances_reference_unavailable', 0)} instances ({t.get('sides_reference_unavailable', 0)} of {t.get('sides', 0)} sides)")
print(f"  uncertified verdicts contradicted (informational): {t.get('wrong_uncertified_verdicts', 0)}")
print(f"  seconds:                    {seconds:.1f} wall ({summary['instances_per_second']:.0f} instances/s on {len(parts)} processes)")
print(f"  summary: {out}/summary.json; failing instances: {out}/failures/")
PY
[[ $status -eq 0 || $status -eq 3 ]] || { echo "soundness campaign: a process failed (exit $status); see $out/part-*.txt" >&2; exit 1; }
exit "$status"
