"""PyTorch CPU softmax for the kernels benchmark (issue 5), driven by scripts/bench-kernels.sh.

Same inputs as bench/kernels_bench.cpp (logits ~ N(0, 3^2), float32, one row of L), one thread.
Times are thread CPU time per call (like Google Benchmark's cpu_time), the best of 5 repetitions.
Two variants: "torch" writes into a preallocated output (aten::_softmax.out, like every other entry of the
benchmark), "torch_alloc" is torch.softmax, which allocates its result on every call (page faults at 16M).
Writes JSON [{"name": ..., "L": L, "ns_per_elem": x, "real_ns_per_elem": y}] to the path in argv[1].
"""
import json
import sys
import time

try:
    import torch
except ImportError:
    json.dump({"error": "python3-torch is not installed"}, open(sys.argv[1], "w"))
    sys.exit(0)

torch.set_num_threads(1)
gen = torch.Generator().manual_seed(1)
results = []
for L in (64, 1024, 4096, 65536, 16777216):
    x = torch.randn(L, generator=gen, dtype=torch.float32) * 3
    y = torch.empty_like(x)
    variants = {"torch": lambda: torch.ops.aten._softmax.out(x, 0, False, out=y),
                "torch_alloc": lambda: torch.softmax(x, 0)}
    for name, call in variants.items():
        call()  # warm-up
        reps = max(3, int(2e7 // L))
        best_cpu = best_real = float("inf")
        for _ in range(5):
            c0, r0 = time.thread_time_ns(), time.perf_counter_ns()
            for _ in range(reps):
                call()
            c1, r1 = time.thread_time_ns(), time.perf_counter_ns()
            best_cpu = min(best_cpu, (c1 - c0) / reps / L)
            best_real = min(best_real, (r1 - r0) / reps / L)
        results.append({"name": name, "L": L, "ns_per_elem": best_cpu, "real_ns_per_elem": best_real})
json.dump({"version": torch.__version__, "results": results}, open(sys.argv[1], "w"), indent=1)
