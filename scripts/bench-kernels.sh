#!/usr/bin/env bash
# Softmax kernels benchmark (issue 5): builds bench/kernels_bench, runs it (Google Benchmark, JSON) and the
# PyTorch CPU softmax (/usr/bin/python3, bench/torch_softmax_bench.py) in the same run, and prints the table
# with ratios (bench/kernels_table.py). Usage: scripts/bench-kernels.sh [BUILD_DIR] [OUT_DIR]
# Peers are single-threaded (OMP_NUM_THREADS=1, torch.set_num_threads(1)); oneDNN and PyTorch are optional.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build/bench-kernels}
out=${2:-$build/bench-results}
mkdir -p "$out"
if [[ ! -f "$build/CMakeCache.txt" ]]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DATTNBOUND_BUILD_TESTS=OFF >/dev/null
fi
cmake --build "$build" --target kernels_bench -j2 >/dev/null
export OMP_NUM_THREADS=1 DNNL_VERBOSE=0
# The machine may be shared: the load average goes with the figures.
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
# Five repetitions in random order (a slow spell of the shared VM then hits every entry alike, not one);
# the table takes each entry's fastest repetition, as the PyTorch script takes its fastest.
"$build/bench/kernels_bench" --benchmark_min_time=0.2 --benchmark_repetitions=5 \
  --benchmark_enable_random_interleaving=true \
  --benchmark_out="$out/kernels_bench.json" --benchmark_out_format=json >/dev/null
/usr/bin/python3 "$root/bench/torch_softmax_bench.py" "$out/torch_softmax.json"
{
  /usr/bin/python3 "$root/bench/kernels_table.py" "$out/kernels_bench.json" "$out/torch_softmax.json"
  echo "load average (1, 5, 15 min): before $load_before, after $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$out/table.txt"
echo "results: $out (kernels_bench.json, torch_softmax.json, table.txt)"
