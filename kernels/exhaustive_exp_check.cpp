#include "kernels/exhaustive_exp_check.hpp"

#include "kernels/exp_f32_le0.hpp"

#include <immintrin.h>

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

// Reference exp over a chunk: glibc's libmvec AVX2 exp (within 1 double ulp per glibc's ulps table, like
// the scalar exp) where the CPU has AVX2, else the scalar exp. Either way the reference is within 2^-51
// relative of exp(x), i.e. within 2^-27 float ulp.
extern "C" __attribute__((target("avx2"))) __m256d _ZGVdN4v_exp(__m256d);
__attribute__((target("avx2"))) void exp_ref_avx2(const float* x, std::size_t n, double* r) {
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) _mm256_storeu_pd(r + i, _ZGVdN4v_exp(_mm256_cvtps_pd(_mm_loadu_ps(x + i))));
  for (; i < n; ++i) r[i] = std::exp(static_cast<double>(x[i]));
}
void exp_ref(const float* x, std::size_t n, double* r) {
  static const bool avx2 = __builtin_cpu_supports("avx2");
  if (avx2) return exp_ref_avx2(x, n, r);
  for (std::size_t i = 0; i < n; ++i) r[i] = std::exp(static_cast<double>(x[i]));
}

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
  std::vector<double> ref(kChunk), eu(kChunk), er(kChunk);
  std::uint64_t pat = first;
  while (pat <= last) {
    std::size_t n = 0;
    for (; n < kChunk && pat <= last; ++n, pat += stride) {
      const std::uint32_t b = static_cast<std::uint32_t>(pat);
      std::memcpy(&x[n], &b, 4);
    }
    exp_f32_le0(x.data(), n, y.data());
    std::uint32_t b_first;
    std::memcpy(&b_first, &x[0], 4);
    if (b_first <= cut) exp_ref(x.data(), n, ref.data());  // chunks never straddle cut (see the split below)
    P.inputs += n;
    std::uint32_t b0;
    std::memcpy(&b0, &x[0], 4);
    if (b0 > cut) {  // x < -104: the correct result is +0
      // +0 has the bit pattern 0: one OR over the chunk decides, the errors are looked at only on failure.
      std::uint32_t any = 0;
      for (std::size_t i = 0; i < n; ++i) {
        std::uint32_t b;
        std::memcpy(&b, &y[i], 4);
        any |= b;
      }
      if (any == 0) {
        P.ulp.add_zeros(n);
        continue;
      }
      for (std::size_t i = 0; i < n; ++i) {
        const bool ok = y[i] == 0.0f && !std::signbit(y[i]);
        P.zero_fail += ok ? 0 : 1;
        eu[i] = ok ? 0.0 : float_ulp_error(y[i], 0.0);
      }
      P.ulp.add_many(eu.data(), n);
      continue;
    }
    P.nonzero += n;
    for (std::size_t i = 0; i < n; ++i) {
      // Inline float_ulp_error / float_rel_error for finite references in (0, 1]: ulp from the exponent bits.
      const double r = ref[i], diff = std::fabs(static_cast<double>(y[i]) - r);
      std::uint64_t bits;
      std::memcpy(&bits, &r, 8);
      const bool normal = r >= 0x1p-126;
      const std::uint64_t ub = ((bits >> 52) - 23) << 52;
      double u;
      std::memcpy(&u, &ub, 8);
      eu[i] = diff / (normal ? u : 0x1p-149);
      er[i] = normal ? diff / r : std::numeric_limits<double>::quiet_NaN();
      if (std::isnan(y[i])) eu[i] = er[i] = std::numeric_limits<double>::infinity();
    }
    P.ulp.add_many(eu.data(), n);
    P.rel.add_many(er.data(), n);
    for (std::size_t i = 0; i < n; ++i)
      if (eu[i] > P.worst) {
        P.worst = eu[i];
        P.wx = x[i];
        P.wy = y[i];
        P.wref = ref[i];
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
