#include "kernels/exhaustive_exp_check.hpp"

#include "kernels/exp_f32_le0.hpp"

#include <immintrin.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstring>
#include <ctime>
#include <limits>
#include <thread>
#include <vector>

namespace attnbound::kernels {

namespace {
// Bit patterns of negative floats grow with |x|: -0, ..., -2^-12 (kTaylorEnd), ..., -104 (kZeroCut), ..., -inf.
constexpr std::uint32_t kMinus0 = 0x80000000u, kMinusInf = 0xFF800000u;
constexpr std::uint32_t kTaylorEnd = 0xB9800000u;  // -2^-12: patterns below it use the Taylor reference
constexpr std::uint32_t kZeroCut = 0xC2D00000u;    // -104: patterns above it must give +0
constexpr std::size_t kChunk = 4096;
constexpr std::uint64_t kBlock = 1u << 16;  // patterns per work item handed to a thread
constexpr int kCopies = 4;                  // histogram copies, so consecutive increments do not chain

// 1 + x + x^2/2 + x^3/6 + x^4/24 by Horner with FMA (contract in the header): r = fma(t1, x, 1) rounds once.
double taylor_exp(double x) {
  const double t3 = std::fma(x, 1.0 / 24, 1.0 / 6);
  const double t2 = std::fma(t3, x, 0.5);
  const double t1 = std::fma(t2, x, 1.0);
  return std::fma(t1, x, 1.0);
}

extern "C" __attribute__((target("avx2"))) __m256d _ZGVdN4v_exp(__m256d);

__attribute__((target("avx2,fma"))) void reference_avx2(const float* x, std::size_t n, double* r, bool taylor) {
  std::size_t i = 0;
  if (taylor) {
    const __m256d c4 = _mm256_set1_pd(1.0 / 24), c3 = _mm256_set1_pd(1.0 / 6), c2 = _mm256_set1_pd(0.5),
                  one = _mm256_set1_pd(1.0);
    for (; i + 4 <= n; i += 4) {
      const __m256d v = _mm256_cvtps_pd(_mm_loadu_ps(x + i));
      const __m256d t1 = _mm256_fmadd_pd(_mm256_fmadd_pd(_mm256_fmadd_pd(v, c4, c3), v, c2), v, one);
      _mm256_storeu_pd(r + i, _mm256_fmadd_pd(t1, v, one));
    }
    for (; i < n; ++i) r[i] = taylor_exp(x[i]);
  } else {
    for (; i + 4 <= n; i += 4) _mm256_storeu_pd(r + i, _ZGVdN4v_exp(_mm256_cvtps_pd(_mm_loadu_ps(x + i))));
    for (; i < n; ++i) r[i] = std::exp(static_cast<double>(x[i]));
  }
}

bool cpu_has_avx2_fma() {
  static const bool ok = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  return ok;
}

// x[0..n) all in the Taylor range (taylor) or all in [-104, -2^-12].
void reference_chunk(const float* x, std::size_t n, double* r, bool taylor) {
  if (cpu_has_avx2_fma()) return reference_avx2(x, n, r, taylor);
  for (std::size_t i = 0; i < n; ++i) r[i] = taylor ? taylor_exp(x[i]) : std::exp(static_cast<double>(x[i]));
}

// Per-thread error bookkeeping: sums, max and kCopies histograms (uint32: fewer than 2^32 patterns exist).
struct Tally {
  std::size_t bins = ErrorAccumulator::histogram_bins();
  // One extra slot per copy (index `bins`) takes the relative errors that are not recorded (NaN).
  std::vector<std::uint32_t> hu = std::vector<std::uint32_t>(kCopies * (bins + 1), 0);
  std::vector<std::uint32_t> hr = std::vector<std::uint32_t>(kCopies * (bins + 1), 0);
  double su = 0, ssu = 0, mu = 0, sr = 0, ssr = 0, mr = 0;
  std::uint64_t nu = 0, nr = 0;
  ErrorAccumulator zeros;  // the x < -104 region (errors exactly 0 unless the kernel fails there)
  double worst = -1;
  float wx = 0, wy = 0;
  double wref = 0;
  std::uint64_t inputs = 0, nonzero = 0, taylor = 0, zero_fail = 0;
};

// Error of one element exactly as float_ulp_error / float_rel_error define it, for a finite reference in
// (0, 1]: ulp(r) = 2^(e - 23) from r's exponent e (2^-149 below 2^-126), and 1/ulp(r) = 2^(23 - e) is exact, so
// diff * (1/ulp) == diff / ulp.
inline void element_errors(float y, double r, double& eu, double& er) {
  const double diff = std::fabs(static_cast<double>(y) - r);
  std::uint64_t bits;
  std::memcpy(&bits, &r, 8);
  const bool normal = r >= 0x1p-126;
  const std::uint64_t inv_bits = (2069 - (bits >> 52)) << 52;
  double inv_u;
  std::memcpy(&inv_u, &inv_bits, 8);
  eu = diff * (normal ? inv_u : 0x1p149);
  er = normal ? diff / r : std::numeric_limits<double>::quiet_NaN();
  if (std::isnan(y)) eu = er = std::numeric_limits<double>::infinity();
}

// Returns the largest ULP error of the n elements.
double bookkeeping_scalar(const float* y, const double* r, std::size_t n, double* eu, Tally& t) {
  const std::size_t stride = t.bins + 1;
  double chunk_max = 0;
  for (std::size_t i = 0; i < n; ++i) {
    double u, rel;
    element_errors(y[i], r[i], u, rel);
    eu[i] = u;
    const std::size_t copy = (i % kCopies) * stride;
    if (u <= 0x1p80) {
      t.su += u;
      t.ssu += u * u;
    }
    chunk_max = std::max(chunk_max, u);
    ++t.hu[copy + ErrorAccumulator::histogram_bin(u)];
    if (std::isnan(rel)) {
      ++t.hr[copy + t.bins];
      continue;
    }
    ++t.nr;
    if (rel <= 0x1p80) {
      t.sr += rel;
      t.ssr += rel * rel;
    }
    t.mr = std::max(t.mr, rel);
    ++t.hr[copy + ErrorAccumulator::histogram_bin(rel)];
  }
  t.nu += n;
  t.mu = std::max(t.mu, chunk_max);
  return chunk_max;
}

// The histogram bin of four errors, as ErrorAccumulator::histogram_bin: 0 for 0, 1 below 2^-80, the last bin
// for >= 2^80, inf and NaN, else 2 + (exponent and top 6 significand bits) - offset.
__attribute__((target("avx2,fma"))) inline __m256i bins_avx2(__m256d e, __m256i last) {
  const __m256i offset = _mm256_set1_epi64x(static_cast<long long>((1023u - 80u) << 6) - 2);
  __m256i b = _mm256_sub_epi64(_mm256_srli_epi64(_mm256_castpd_si256(e), 46), offset);
  const __m256d small = _mm256_cmp_pd(e, _mm256_set1_pd(0x1p-80), _CMP_LT_OQ);
  const __m256d zero = _mm256_cmp_pd(e, _mm256_setzero_pd(), _CMP_EQ_OQ);
  const __m256d big = _mm256_cmp_pd(e, _mm256_set1_pd(0x1p80), _CMP_NLT_UQ);
  b = _mm256_castpd_si256(_mm256_blendv_pd(_mm256_castsi256_pd(b), _mm256_castsi256_pd(_mm256_set1_epi64x(1)), small));
  b = _mm256_castpd_si256(_mm256_blendv_pd(_mm256_castsi256_pd(b), _mm256_setzero_pd(), zero));
  return _mm256_castpd_si256(_mm256_blendv_pd(_mm256_castsi256_pd(b), _mm256_castsi256_pd(last), big));
}

__attribute__((target("avx2,fma"))) inline double hsum(__m256d v) {
  alignas(32) double lanes[4];
  _mm256_store_pd(lanes, v);
  return (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]);
}
__attribute__((target("avx2,fma"))) inline double hmax(__m256d v) {
  alignas(32) double lanes[4];
  _mm256_store_pd(lanes, v);
  return std::max(std::max(lanes[0], lanes[1]), std::max(lanes[2], lanes[3]));
}

// The same arithmetic as bookkeeping_scalar, four doubles at a time; sums are kept per lane (so they differ
// from the scalar path's only in summation order), max and histogram are identical.
__attribute__((target("avx2,fma"))) double bookkeeping_avx2(const float* y, const double* r, std::size_t n,
                                                          double* eu, Tally& t) {
  alignas(32) std::int64_t iu[kChunk], ir[kChunk];
  const __m256d absmask = _mm256_castsi256_pd(_mm256_set1_epi64x(0x7FFFFFFFFFFFFFFFll));
  const __m256d min_normal = _mm256_set1_pd(0x1p-126), sub_inv = _mm256_set1_pd(0x1p149),
                huge = _mm256_set1_pd(0x1p80), inf = _mm256_set1_pd(std::numeric_limits<double>::infinity());
  const __m256i c2069 = _mm256_set1_epi64x(2069);
  const __m256i last = _mm256_set1_epi64x(static_cast<long long>(t.bins - 1)),
                dummy = _mm256_set1_epi64x(static_cast<long long>(t.bins));
  __m256d su = _mm256_setzero_pd(), ssu = su, mu = su, sr = su, ssr = su, mr = su;
  __m256i nr = _mm256_setzero_si256();
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const __m128 yf = _mm_loadu_ps(y + i);
    const __m256d yd = _mm256_cvtps_pd(yf), rd = _mm256_loadu_pd(r + i);
    const __m256d diff = _mm256_and_pd(_mm256_sub_pd(yd, rd), absmask);
    const __m256d normal = _mm256_cmp_pd(rd, min_normal, _CMP_GE_OQ);
    const __m256i inv_bits = _mm256_slli_epi64(_mm256_sub_epi64(c2069, _mm256_srli_epi64(_mm256_castpd_si256(rd), 52)), 52);
    const __m256d inv_u = _mm256_blendv_pd(sub_inv, _mm256_castsi256_pd(inv_bits), normal);
    const __m256d ynan = _mm256_cmp_pd(yd, yd, _CMP_UNORD_Q);
    const __m256d u = _mm256_blendv_pd(_mm256_mul_pd(diff, inv_u), inf, ynan);
    // Not recorded (NaN) where the reference is subnormal; +inf for a NaN result.
    const __m256d rel = _mm256_blendv_pd(
        _mm256_blendv_pd(_mm256_set1_pd(std::numeric_limits<double>::quiet_NaN()), _mm256_div_pd(diff, rd), normal), inf,
        ynan);
    _mm256_storeu_pd(eu + i, u);
    const __m256d u_ok = _mm256_and_pd(u, _mm256_cmp_pd(u, huge, _CMP_LE_OQ));
    su = _mm256_add_pd(su, u_ok);
    ssu = _mm256_fmadd_pd(u_ok, u_ok, ssu);
    mu = _mm256_max_pd(mu, u);
    const __m256d rel_valid = _mm256_cmp_pd(rel, rel, _CMP_ORD_Q);
    const __m256d rel_ok = _mm256_and_pd(rel, _mm256_cmp_pd(rel, huge, _CMP_LE_OQ));
    sr = _mm256_add_pd(sr, rel_ok);
    ssr = _mm256_fmadd_pd(rel_ok, rel_ok, ssr);
    mr = _mm256_max_pd(mr, _mm256_and_pd(rel, rel_valid));  // NaN lanes -> +0, which never raises the max
    nr = _mm256_sub_epi64(nr, _mm256_castpd_si256(rel_valid));  // mask lanes are -1
    _mm256_store_si256(reinterpret_cast<__m256i*>(iu + i), bins_avx2(u, last));
    const __m256i brel = bins_avx2(rel, last);
    _mm256_store_si256(reinterpret_cast<__m256i*>(ir + i),
                       _mm256_castpd_si256(_mm256_blendv_pd(_mm256_castsi256_pd(dummy), _mm256_castsi256_pd(brel), rel_valid)));
  }
  t.su += hsum(su);
  t.ssu += hsum(ssu);
  t.sr += hsum(sr);
  t.ssr += hsum(ssr);
  double chunk_max = hmax(mu);
  t.mu = std::max(t.mu, chunk_max);
  t.mr = std::max(t.mr, hmax(mr));
  alignas(32) std::int64_t counts[4];
  _mm256_store_si256(reinterpret_cast<__m256i*>(counts), nr);
  t.nr += static_cast<std::uint64_t>(counts[0] + counts[1] + counts[2] + counts[3]);
  t.nu += i;
  const std::size_t stride = t.bins + 1;
  std::uint32_t* hu0 = t.hu.data();
  std::uint32_t* hr0 = t.hr.data();
  // Near x = 0 the errors grow with |x| and a whole chunk usually falls into one bin: count it at once.
  __m256i same = _mm256_set1_epi64x(-1);
  if (i > 0) {
    const __m256i u0 = _mm256_set1_epi64x(iu[0]), r0 = _mm256_set1_epi64x(ir[0]);
    for (std::size_t k = 0; k < i; k += 4) {
      same = _mm256_and_si256(same, _mm256_cmpeq_epi64(_mm256_load_si256(reinterpret_cast<const __m256i*>(iu + k)), u0));
      same = _mm256_and_si256(same, _mm256_cmpeq_epi64(_mm256_load_si256(reinterpret_cast<const __m256i*>(ir + k)), r0));
    }
  }
  if (i > 0 && _mm256_movemask_pd(_mm256_castsi256_pd(same)) == 0xF) {
    hu0[iu[0]] += static_cast<std::uint32_t>(i);
    hr0[ir[0]] += static_cast<std::uint32_t>(i);
  } else {
    for (std::size_t k = 0; k < i; k += 4) {
      ++hu0[iu[k]];
      ++hu0[stride + iu[k + 1]];
      ++hu0[2 * stride + iu[k + 2]];
      ++hu0[3 * stride + iu[k + 3]];
      ++hr0[ir[k]];
      ++hr0[stride + ir[k + 1]];
      ++hr0[2 * stride + ir[k + 2]];
      ++hr0[3 * stride + ir[k + 3]];
    }
  }
  if (i < n) chunk_max = std::max(chunk_max, bookkeeping_scalar(y + i, r + i, n - i, eu + i, t));
  return chunk_max;
}

// Patterns first, first + stride, ... (count of them); the chunk is split here at kTaylorEnd and kZeroCut.
void run_chunk(std::uint32_t first, std::size_t count, unsigned stride, bool scalar, Tally& t, float* x, float* y,
               double* ref, double* eu) {
  std::uint32_t bits[kChunk];
  for (std::size_t i = 0; i < count; ++i) bits[i] = first + static_cast<std::uint32_t>(i) * stride;
  std::memcpy(x, bits, count * 4);
  exp_f32_le0(x, count, y);
  t.inputs += count;
  // Patterns grow along the chunk: [0, a) Taylor reference, [a, z) glibc exp, [z, count) the zero range.
  auto index_of = [&](std::uint32_t bound) {  // first index whose pattern is > bound - 1, i.e. >= bound
    if (first >= bound) return std::size_t{0};
    const std::uint64_t k = (static_cast<std::uint64_t>(bound) - first + stride - 1) / stride;
    return static_cast<std::size_t>(std::min<std::uint64_t>(k, count));
  };
  const std::size_t a = index_of(kTaylorEnd), z = index_of(kZeroCut + 1);
  if (a > 0) reference_chunk(x, a, ref, true);
  if (z > a) reference_chunk(x + a, z - a, ref + a, false);
  t.taylor += a;
  t.nonzero += z;
  if (z > 0) {
    const double chunk_max = scalar || !cpu_has_avx2_fma() ? bookkeeping_scalar(y, ref, z, eu, t)
                                                           : bookkeeping_avx2(y, ref, z, eu, t);
    if (chunk_max > t.worst) {
      const std::size_t k = static_cast<std::size_t>(std::find(eu, eu + z, chunk_max) - eu);
      t.worst = chunk_max;
      t.wx = x[k];
      t.wy = y[k];
      t.wref = ref[k];
    }
  }
  if (z < count) {
    // x < -104: the correct result is +0, whose bit pattern is 0, so one OR over the results decides.
    std::memcpy(bits, y + z, (count - z) * 4);
    std::uint32_t any = 0;
    for (std::size_t i = 0; i < count - z; ++i) any |= bits[i];
    if (any == 0) {
      t.zeros.add_zeros(count - z);
      return;
    }
    for (std::size_t i = z; i < count; ++i) {
      const bool ok = y[i] == 0.0f && !std::signbit(y[i]);
      t.zero_fail += ok ? 0 : 1;
      const double e = ok ? 0.0 : float_ulp_error(y[i], 0.0);
      t.zeros.add(e);
      if (e > t.worst) {
        t.worst = e;
        t.wx = x[i];
        t.wy = y[i];
        t.wref = 0.0;
      }
    }
  }
}

// The double sums of one block, kept per block so that the totals are added in block order whatever thread
// ran the block: the mean and std are then the same bits for every thread count (double addition is not
// associative, so per-thread sums would depend on how the blocks fell to the threads).
struct BlockSums {
  double su = 0, ssu = 0, sr = 0, ssr = 0;
};

// Takes blocks of kBlock patterns (in pattern-index units of `stride`) from `next` until none is left.
void worker(std::uint64_t total, unsigned stride, bool scalar, std::atomic<std::uint64_t>& next, Tally& t,
            std::vector<BlockSums>& block_sums) {
  std::vector<float> x(kChunk), y(kChunk);
  std::vector<double> ref(kChunk), eu(kChunk);
  for (;;) {
    const std::uint64_t b0 = next.fetch_add(kBlock);
    if (b0 >= total) return;
    const std::uint64_t b1 = std::min(total, b0 + kBlock);
    t.su = t.ssu = t.sr = t.ssr = 0;
    for (std::uint64_t k = b0; k < b1; k += kChunk) {
      const std::size_t count = static_cast<std::size_t>(std::min<std::uint64_t>(kChunk, b1 - k));
      run_chunk(static_cast<std::uint32_t>(kMinus0 + k * stride), count, stride, scalar, t, x.data(), y.data(),
                ref.data(), eu.data());
    }
    block_sums[b0 / kBlock] = {t.su, t.ssu, t.sr, t.ssr};  // each block is written by one thread only
  }
}
}  // namespace

void exhaustive_exp_reference(const float* x, std::size_t n, double* r) {
  auto in_taylor = [&](std::size_t i) {
    std::uint32_t b;
    std::memcpy(&b, &x[i], 4);
    return b >= kMinus0 && b < kTaylorEnd;
  };
  // Runs of one kind go through the same vector code as the check.
  for (std::size_t i = 0; i < n;) {
    const bool taylor = in_taylor(i);
    std::size_t j = i + 1;
    while (j < n && in_taylor(j) == taylor) ++j;
    reference_chunk(x + i, j - i, r + i, taylor);
    i = j;
  }
}

ExhaustiveExpResult exhaustive_exp_check(unsigned threads, unsigned stride, bool scalar_bookkeeping) {
  const auto t0 = std::chrono::steady_clock::now();
  const std::clock_t c0 = std::clock();
  if (threads == 0) threads = 1;
  if (stride == 0) stride = 1;
  const std::uint64_t total = (static_cast<std::uint64_t>(kMinusInf) - kMinus0) / stride + 1;
  std::vector<Tally> tallies(threads);
  std::vector<BlockSums> block_sums((total + kBlock - 1) / kBlock);
  std::atomic<std::uint64_t> next{0};
  std::vector<std::thread> pool;
  for (unsigned k = 1; k < threads; ++k)
    pool.emplace_back(worker, total, stride, scalar_bookkeeping, std::ref(next), std::ref(tallies[k]),
                      std::ref(block_sums));
  worker(total, stride, scalar_bookkeeping, next, tallies[0], block_sums);
  for (auto& th : pool) th.join();
  BlockSums sums;
  for (const BlockSums& b : block_sums) {
    sums.su += b.su;
    sums.ssu += b.ssu;
    sums.sr += b.sr;
    sums.ssr += b.ssr;
  }

  ExhaustiveExpResult r;
  ErrorAccumulator ulp, rel;
  const std::size_t bins = ErrorAccumulator::histogram_bins();
  std::vector<std::uint64_t> hu(bins), hr(bins);
  std::uint64_t nu = 0, nr = 0;
  double mu = 0, mr = 0;
  double worst = -1;
  for (const Tally& t : tallies) {
    for (int c = 0; c < kCopies; ++c)
      for (std::size_t b = 0; b < bins; ++b) {
        hu[b] += t.hu[c * (bins + 1) + b];
        hr[b] += t.hr[c * (bins + 1) + b];
      }
    nu += t.nu;
    nr += t.nr;
    mu = std::max(mu, t.mu);
    mr = std::max(mr, t.mr);
    ulp.merge(t.zeros);
    r.inputs += t.inputs;
    r.nonzero_range += t.nonzero;
    r.taylor_range += t.taylor;
    r.zero_range_failures += t.zero_fail;
    // Ties go to the smaller |x| (each thread meets its blocks in increasing order and keeps the first), so
    // the worst input does not depend on how the blocks fell to the threads.
    if (t.worst > worst || (t.worst == worst && std::fabs(t.wx) < std::fabs(r.worst_x))) {
      worst = t.worst;
      r.worst_x = t.wx;
      r.worst_y = t.wy;
      r.worst_ref = t.wref;
    }
  }
  ulp.add_binned(nu, sums.su, sums.ssu, mu, hu.data());
  rel.add_binned(nr, sums.sr, sums.ssr, mr, hr.data());
  r.ulp = ulp.summary();
  r.rel = rel.summary();
  const float nan_in = std::numeric_limits<float>::quiet_NaN();
  float nan_out = 0;
  exp_f32_le0(&nan_in, 1, &nan_out);
  r.nan_propagates = std::isnan(nan_out);
  r.stride = stride;
  r.threads = threads;
  r.simd_bookkeeping = !scalar_bookkeeping && cpu_has_avx2_fma();
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  r.cpu_seconds = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
  return r;
}

}  // namespace attnbound::kernels
