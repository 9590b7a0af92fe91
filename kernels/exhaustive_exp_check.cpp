#include "kernels/exhaustive_exp_check.hpp"

#include "kernels/exp_f32_le0.hpp"

#include <chrono>
#include <cmath>
#include <cstring>
#include <limits>
#include <thread>
#include <vector>

namespace attnbound::kernels {

namespace {
// -104 as a bit pattern: every negative float below it (larger pattern) has exp(x) < 2^-150.
constexpr std::uint32_t kMinus0 = 0x80000000u, kMinusInf = 0xFF800000u;

struct Partial {
  ErrorAccumulator ulp, rel;
  double worst = -1;
  float wx = 0, wy = 0;
  double wref = 0;
  std::uint64_t inputs = 0, nonzero = 0, zero_fail = 0;
};

void run_range(std::uint32_t first, std::uint32_t last, unsigned stride, std::uint32_t cut, Partial& P) {
  constexpr std::size_t kChunk = 4096;
  std::vector<float> x(kChunk), y(kChunk);
  std::uint64_t pat = first;
  while (pat <= last) {
    std::size_t n = 0;
    for (; n < kChunk && pat <= last; ++n, pat += stride) {
      const std::uint32_t b = static_cast<std::uint32_t>(pat);
      std::memcpy(&x[n], &b, 4);
    }
    exp_f32_le0(x.data(), n, y.data());
    P.inputs += n;
    for (std::size_t i = 0; i < n; ++i) {
      std::uint32_t b;
      std::memcpy(&b, &x[i], 4);
      if (b > cut) {  // x < -104: the correct result is +0
        if (!(y[i] == 0.0f && !std::signbit(y[i]))) ++P.zero_fail;
        P.ulp.add(y[i] == 0.0f ? 0.0 : float_ulp_error(y[i], 0.0));
        continue;
      }
      ++P.nonzero;
      const double r = std::exp(static_cast<double>(x[i]));
      const double e = float_ulp_error(y[i], r);
      P.ulp.add(e);
      const double re = float_rel_error(y[i], r);
      if (!std::isnan(re)) P.rel.add(re);
      if (e > P.worst) {
        P.worst = e;
        P.wx = x[i];
        P.wy = y[i];
        P.wref = r;
      }
    }
  }
}
}  // namespace

ExhaustiveExpResult exhaustive_exp_check(unsigned threads, unsigned stride) {
  const auto t0 = std::chrono::steady_clock::now();
  if (threads == 0) threads = 1;
  if (stride == 0) stride = 1;
  const float minus104 = -104.0f;
  std::uint32_t cut;
  std::memcpy(&cut, &minus104, 4);
  // Patterns are split into interleaved-free contiguous ranges; the work per pattern is about even below cut
  // and cheap above it, so split the two regions separately.
  std::vector<Partial> parts(threads * 2);
  std::vector<std::thread> pool;
  auto spawn = [&](std::uint32_t lo, std::uint32_t hi, unsigned slot) {
    const std::uint64_t count = (static_cast<std::uint64_t>(hi) - lo) / stride + 1;
    for (unsigned t = 0; t < threads; ++t) {
      const std::uint64_t a = count * t / threads, b = count * (t + 1) / threads;
      if (a == b) continue;
      const std::uint32_t first = static_cast<std::uint32_t>(lo + a * stride);
      const std::uint32_t last = static_cast<std::uint32_t>(lo + (b - 1) * stride);
      pool.emplace_back(run_range, first, last, stride, cut, std::ref(parts[slot * threads + t]));
    }
  };
  spawn(kMinus0, cut, 0);
  for (auto& th : pool) th.join();
  pool.clear();
  spawn(cut + 1, kMinusInf, 1);
  for (auto& th : pool) th.join();

  ExhaustiveExpResult r;
  ErrorAccumulator ulp, rel;
  double worst = -1;
  for (auto& p : parts) {
    ulp.merge(p.ulp);
    rel.merge(p.rel);
    r.inputs += p.inputs;
    r.nonzero_range += p.nonzero;
    r.zero_range_failures += p.zero_fail;
    if (p.worst > worst) {
      worst = p.worst;
      r.worst_x = p.wx;
      r.worst_y = p.wy;
      r.worst_ref = p.wref;
    }
  }
  r.ulp = ulp.summary();
  r.rel = rel.summary();
  const float nan_in = std::numeric_limits<float>::quiet_NaN();
  float nan_out = 0;
  exp_f32_le0(&nan_in, 1, &nan_out);
  r.nan_propagates = std::isnan(nan_out);
  r.stride = stride;
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return r;
}

}  // namespace attnbound::kernels
