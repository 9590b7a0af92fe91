"""Prints the kernels benchmark table with ratios from one run (scripts/bench-kernels.sh).

argv: google-benchmark JSON, torch JSON. ns/elem is CPU time per element, the fastest of the repetitions
(the machine is shared, so CPU time, not wall time, is compared; the 2-thread entries are wall-clock);
GB/s uses the nominal 8 bytes per element (read once, write once).
"""
import json
import sys

gb = json.load(open(sys.argv[1]))
rows = {}
for b in gb["benchmarks"]:
    # The fastest repetition of each entry (the machine is shared: slower repetitions measure the neighbours).
    if b.get("run_type") == "aggregate":
        continue
    name, L = b["run_name"].split("/")[:2] if "run_name" in b else b["name"].split("/")[:2]
    L = int(L)
    # Two-thread entries are timed in wall-clock time (CPU time would count only the benchmark's own thread).
    clock = "real_time" if name.endswith("_2threads") else "cpu_time"
    ns = b[clock] * {"ns": 1, "us": 1e3, "ms": 1e6, "s": 1e9}[b["time_unit"]] / L
    key = name.replace("BM_", "")
    at = rows.setdefault(L, {})
    at[key] = min(ns, at.get(key, float("inf")))
try:
    tj = json.load(open(sys.argv[2]))
    for r in tj.get("results", []):
        rows.setdefault(r["L"], {})[r.get("name", "torch")] = r["ns_per_elem"]
    torch_note = tj.get("error", "torch " + tj.get("version", "?"))
except (OSError, ValueError):
    torch_note = "torch: no result"

names = ["ours_3pass", "ours_online", "ours_online_2threads", "scalar_std_exp", "eigen", "onednn", "torch",
         "torch_alloc", "copy", "copy_2threads"]
OURS = ("ours_3pass", "ours_online", "ours_online_2threads")


def best_one_thread(r):
    """Our fastest one-thread time: what the one-thread peers are compared with."""
    return min(r.get(n, float("inf")) for n in ("ours_3pass", "ours_online"))


present = [n for n in names if any(n in r for r in rows.values())]
print(f"machine: {gb['context'].get('num_cpus')} CPUs @ {gb['context'].get('mhz_per_cpu')} MHz; {torch_note}")
print("ns per element (CPU time; *_2threads: wall-clock time of 2 threads; lower is better)")
print(f"{'L':>10} " + " ".join(f"{n:>14}" for n in present))
for L in sorted(rows):
    print(f"{L:>10} " + " ".join(f"{rows[L][n]:>14.3f}" if n in rows[L] else f"{'-':>14}" for n in present))
print("GB/s (nominal 8 bytes per element)")
for L in sorted(rows):
    print(f"{L:>10} " + " ".join(f"{8 / rows[L][n]:>14.2f}" if n in rows[L] else f"{'-':>14}" for n in present))
print("ratios: peer time / our best one-thread time (> 1: ours faster); ours / copy floor (memory floor = 1)")
peers = [n for n in present if n not in OURS + ("copy", "copy_2threads")]
print(f"{'L':>10} {'best ours':>11} " + " ".join(f"{n:>14}" for n in peers) + f" {'3pass/copy':>11} {'online/copy':>11}")
for L in sorted(rows):
    r = rows[L]
    best = best_one_thread(r)
    cells = " ".join(f"{r[n] / best:>14.2f}" if n in r else f"{'-':>14}" for n in peers)
    c = r.get("copy")
    print(f"{L:>10} {best:>11.3f} {cells} {r['ours_3pass'] / c if c else float('nan'):>11.2f} "
          f"{r['ours_online'] / c if c else float('nan'):>11.2f}")
for L in sorted(rows):
    r = rows[L]
    if "ours_online_2threads" in r and "copy_2threads" in r:
        print(f"L={L}: online on 2 threads / 2-thread copy: {r['ours_online_2threads'] / r['copy_2threads']:.2f}; "
              f"2 threads vs 1: {r['ours_online'] / r['ours_online_2threads']:.2f}x")
targets = {4096: 0.45, 16777216: 0.75}
for L, t in targets.items():
    if L in rows:
        best_name = min((n for n in OURS if n in rows[L]), key=lambda n: rows[L][n])
        best = rows[L][best_name]
        print(f"target L={L}: <= {t} ns/elem: measured {best:.3f} ({best_name}) -> {'met' if best <= t else 'NOT met'}")
if 4096 in rows:
    r = rows[4096]
    best = best_one_thread(r)
    # PyTorch counts with its faster variant at this size (preallocated output or torch.softmax).
    torch_best = min([r[n] for n in ("torch", "torch_alloc") if n in r], default=None)
    for peer, t in (("onednn", r.get("onednn")), ("torch (best variant)", torch_best)):
        if t is not None:
            ratio = t / best
            print(f"target L=4096: >= 1.5x {peer}: measured {ratio:.2f}x -> {'met' if ratio >= 1.5 else 'NOT met'}")
