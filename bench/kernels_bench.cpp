// Softmax benchmarks (issue 5): our Highway kernels (three-pass and online two-pass) against a scalar std::exp
// loop, Eigen, and oneDNN's softmax primitive (when built with it), plus a STREAM-style copy measuring the
// memory-bandwidth floor in the same run. L in {64, 1024, 4096, 65536, 16M}; T = 1; logits ~ N(0, 3^2),
// seed 1. bytes_per_second counts the nominal 8 bytes per element (read the logits once, write once).
// Run through scripts/bench-kernels.sh, which also runs PyTorch and prints the table with ratios.
#include "kernels/softmax_f32_3pass_f64acc.hpp"
#include "kernels/softmax_f32_online_f64acc.hpp"

#include <Eigen/Core>
#include <benchmark/benchmark.h>
#include <hwy/aligned_allocator.h>

#ifdef ATTNBOUND_HAVE_DNNL
#include <oneapi/dnnl/dnnl.hpp>
#endif

#include <cmath>
#include <cstring>
#include <random>
#include <thread>

namespace {

struct Buffers {
  hwy::AlignedFreeUniquePtr<float[]> in, out;
  std::size_t n;
  explicit Buffers(std::size_t L) : in(hwy::AllocateAligned<float>(L)), out(hwy::AllocateAligned<float>(L)), n(L) {
    std::mt19937_64 g(1);
    std::normal_distribution<float> nd(0.0f, 3.0f);
    for (std::size_t i = 0; i < L; ++i) in[i] = nd(g);
    std::memset(out.get(), 0, L * sizeof(float));
  }
};

void finish(benchmark::State& state, std::size_t L) {
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(L));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(L) * 8);
}

void BM_copy(benchmark::State& state) {
  const std::size_t L = static_cast<std::size_t>(state.range(0));
  Buffers b(L);
  for (auto _ : state) {
    std::memcpy(b.out.get(), b.in.get(), L * sizeof(float));
    benchmark::ClobberMemory();
  }
  finish(state, L);
}

void BM_ours_3pass(benchmark::State& state) {
  const std::size_t L = static_cast<std::size_t>(state.range(0));
  Buffers b(L);
  for (auto _ : state) {
    benchmark::DoNotOptimize(attnbound::kernels::softmax_f32_3pass_f64acc(b.in.get(), L, 1.0f, b.out.get()));
    benchmark::ClobberMemory();
  }
  finish(state, L);
}

void online(benchmark::State& state, unsigned threads) {
  const std::size_t L = static_cast<std::size_t>(state.range(0));
  Buffers b(L);
  for (auto _ : state) {
    benchmark::DoNotOptimize(attnbound::kernels::softmax_f32_online_f64acc(b.in.get(), L, 1.0f, b.out.get(), threads));
    benchmark::ClobberMemory();
  }
  finish(state, L);
}

void BM_ours_online(benchmark::State& state) { online(state, 1); }

// Two threads (the online kernel's `threads`, and a copy split in two halves for its floor): wall-clock time,
// since the CPU time of the benchmark thread would leave the helper thread out. Registered for L = 16M only,
// where the kernel uses them (kOnlineParallelMin).
void BM_ours_online_2threads(benchmark::State& state) { online(state, 2); }

void BM_copy_2threads(benchmark::State& state) {
  const std::size_t L = static_cast<std::size_t>(state.range(0));
  Buffers b(L);
  for (auto _ : state) {
    std::thread helper([&] { std::memcpy(b.out.get() + L / 2, b.in.get() + L / 2, (L - L / 2) * sizeof(float)); });
    std::memcpy(b.out.get(), b.in.get(), L / 2 * sizeof(float));
    helper.join();
    benchmark::ClobberMemory();
  }
  finish(state, L);
}

// The textbook three-pass loop with std::exp (float), as a compiler would make of it.
void BM_scalar_std_exp(benchmark::State& state) {
  const std::size_t L = static_cast<std::size_t>(state.range(0));
  Buffers b(L);
  const float* x = b.in.get();
  float* y = b.out.get();
  for (auto _ : state) {
    float m = x[0];
    for (std::size_t i = 1; i < L; ++i) m = x[i] > m ? x[i] : m;
    double s = 0;
    for (std::size_t i = 0; i < L; ++i) s += (y[i] = std::exp(x[i] - m));
    const float inv = static_cast<float>(1.0 / s);
    for (std::size_t i = 0; i < L; ++i) y[i] *= inv;
    benchmark::ClobberMemory();
  }
  finish(state, L);
}

void BM_eigen(benchmark::State& state) {
  const std::size_t L = static_cast<std::size_t>(state.range(0));
  Buffers b(L);
  Eigen::Map<const Eigen::ArrayXf> x(b.in.get(), static_cast<Eigen::Index>(L));
  Eigen::Map<Eigen::ArrayXf> y(b.out.get(), static_cast<Eigen::Index>(L));
  for (auto _ : state) {
    const float m = x.maxCoeff();
    y = (x - m).exp();
    y *= 1.0f / y.sum();
    benchmark::ClobberMemory();
  }
  finish(state, L);
}

#ifdef ATTNBOUND_HAVE_DNNL
void BM_onednn(benchmark::State& state) {
  const std::size_t L = static_cast<std::size_t>(state.range(0));
  Buffers b(L);
  dnnl::engine eng(dnnl::engine::kind::cpu, 0);
  dnnl::stream strm(eng);
  const dnnl::memory::desc md({1, static_cast<dnnl::memory::dim>(L)}, dnnl::memory::data_type::f32,
                              dnnl::memory::format_tag::ab);
  dnnl::memory src(md, eng, b.in.get()), dst(md, eng, b.out.get());
  // oneDNN 2.6 API (Debian 12): softmax_v2 with the accurate (max-subtracting) algorithm over axis 1.
  const dnnl::softmax_v2_forward::desc desc(dnnl::prop_kind::forward_inference, dnnl::algorithm::softmax_accurate, md,
                                            md, 1);
  const dnnl::softmax_v2_forward::primitive_desc pd(desc, eng);
  dnnl::softmax_v2_forward prim(pd);
  for (auto _ : state) {
    prim.execute(strm, {{DNNL_ARG_SRC, src}, {DNNL_ARG_DST, dst}});
    strm.wait();
    benchmark::ClobberMemory();
  }
  finish(state, L);
}
#endif

void sizes(benchmark::internal::Benchmark* b) {
  for (long L : {64L, 1024L, 4096L, 65536L, 16777216L}) b->Arg(L);
}

}  // namespace

BENCHMARK(BM_copy)->Apply(sizes);
BENCHMARK(BM_ours_3pass)->Apply(sizes);
BENCHMARK(BM_ours_online)->Apply(sizes);
BENCHMARK(BM_ours_online_2threads)->Arg(16777216L)->UseRealTime();
BENCHMARK(BM_copy_2threads)->Arg(16777216L)->UseRealTime();
BENCHMARK(BM_scalar_std_exp)->Apply(sizes);
BENCHMARK(BM_eigen)->Apply(sizes);
#ifdef ATTNBOUND_HAVE_DNNL
BENCHMARK(BM_onednn)->Apply(sizes);
#endif

BENCHMARK_MAIN();
