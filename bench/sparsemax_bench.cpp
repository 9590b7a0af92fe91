// Sparsemax and entmax-1.5 benchmarks (issue 18 item 2): the Highway kernels kernels/sparsemax_f32_sort_f64acc and
// kernels/entmax15_f32_sort_f64acc against the theory double path (theory/sparsemax.hpp, theory/entmax15.hpp on a
// Vec<double>, what `attnbound normalisers` computes), L in {64, 1024, 4096, 65536, 1M}. Two logit scales, seed 1: N(0, 3^2) (few candidates within 1 of
// the max: the kernel's sort is short) and N(0, 0.1^2) (most logits are candidates: the sort dominates).
// items_per_second counts logits.
#include "kernels/entmax15_f32_sort_f64acc.hpp"
#include "kernels/sparsemax_f32_sort_f64acc.hpp"
#include "theory/entmax15.hpp"
#include "theory/sparsemax.hpp"

#include <benchmark/benchmark.h>

#include <random>
#include <vector>

namespace {

std::vector<float> logits(std::size_t L, double sigma) {
  std::mt19937_64 g(1);
  std::normal_distribution<double> nd(0.0, sigma);
  std::vector<float> l(L);
  for (auto& x : l) x = static_cast<float>(nd(g));
  return l;
}

double sigma_of(const benchmark::State& state) { return state.range(1) == 0 ? 3.0 : 0.1; }

void BM_sparsemax_kernel(benchmark::State& state) {
  const std::size_t L = static_cast<std::size_t>(state.range(0));
  const auto l = logits(L, sigma_of(state));
  std::vector<float> out(L);
  std::size_t K = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(attnbound::kernels::sparsemax_f32_sort_f64acc(l.data(), L, out.data(), nullptr, &K));
    benchmark::ClobberMemory();
  }
  state.counters["candidates"] = static_cast<double>(K);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(L));
}

void BM_sparsemax_theory_double(benchmark::State& state) {
  const std::size_t L = static_cast<std::size_t>(state.range(0));
  const auto lf = logits(L, sigma_of(state));
  const attnbound::Vec<double> z(lf.begin(), lf.end());
  for (auto _ : state) {
    auto p = attnbound::sparsemax(z);
    benchmark::DoNotOptimize(p.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(L));
}

void BM_entmax15_kernel(benchmark::State& state) {
  const std::size_t L = static_cast<std::size_t>(state.range(0));
  const auto l = logits(L, sigma_of(state));
  std::vector<float> out(L);
  std::size_t K = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(attnbound::kernels::entmax15_f32_sort_f64acc(l.data(), L, out.data(), nullptr, &K));
    benchmark::ClobberMemory();
  }
  state.counters["candidates"] = static_cast<double>(K);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(L));
}

void BM_entmax15_theory_double(benchmark::State& state) {
  const std::size_t L = static_cast<std::size_t>(state.range(0));
  const auto lf = logits(L, sigma_of(state));
  const attnbound::Vec<double> z(lf.begin(), lf.end());
  for (auto _ : state) {
    auto p = attnbound::entmax15(z);
    benchmark::DoNotOptimize(p.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(L));
}

void sizes(benchmark::internal::Benchmark* b) {
  for (int s : {0, 1})
    for (long L : {64L, 1024L, 4096L, 65536L, 1048576L}) b->Args({L, s});
  b->ArgNames({"L", "sigma0.1"});
}

}  // namespace

BENCHMARK(BM_sparsemax_kernel)->Apply(sizes);
BENCHMARK(BM_sparsemax_theory_double)->Apply(sizes);
BENCHMARK(BM_entmax15_kernel)->Apply(sizes);
BENCHMARK(BM_entmax15_theory_double)->Apply(sizes);

BENCHMARK_MAIN();
