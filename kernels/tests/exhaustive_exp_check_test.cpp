// The exhaustive check over every float32 x <= 0 (about 2^31 inputs, 2 threads). Sanitizer builds check
// every 97th pattern instead (reported), since instrumented code is ~10x slower. Also: the double reference
// against MPFR in both of its ranges, and the vector bookkeeping against the scalar one.
#include "kernels/exhaustive_exp_check.hpp"

#include "kernels/softmax_f32_3pass_f64acc.hpp"
#include "testing/catch.hpp"
#include "testing/sanitizer.hpp"
#include "theory/arith.hpp"

#include <cmath>
#include <cstring>
#include <random>

using namespace attnbound::kernels;

#if ATTNBOUND_UNDER_ASAN
constexpr unsigned kStride = 97;
#else
constexpr unsigned kStride = 1;
#endif

TEST_CASE("exhaustive: exp_f32_le0 within kExpUlpBound ulp over every float x <= 0", "[kernels][exhaustive]") {
  const ExhaustiveExpResult r = exhaustive_exp_check(2, kStride);
  WARN("exhaustive exp: " << r.inputs << " inputs (stride " << r.stride << ", " << r.threads << " threads, "
                          << (r.simd_bookkeeping ? "AVX2" : "scalar") << " bookkeeping) in " << r.seconds
                          << " s (" << r.cpu_seconds << " s CPU); max " << r.ulp.max << " ulp at x = " << r.worst_x << "; mean " << r.ulp.mean
                          << " ulp; max relative " << r.rel.max);
  if (kStride == 1) {
    CHECK(r.inputs == 2139095041u);          // 2^31 - 2^23 + 1: -0 through -inf
    CHECK(r.nonzero_range == 1120927745u);   // -0 through -104: patterns 0x80000000..0xC2D00000
    CHECK(r.taylor_range == 964689920u);     // -0 through the float above -2^-12
  }
  CHECK(r.nonzero_range > r.inputs / 3);
  CHECK(r.ulp.count == r.inputs);
  CHECK(r.ulp.max <= kExpUlpBound);
  CHECK(r.rel.max <= kExpUlpBound * 0x1p-23);
  CHECK(r.zero_range_failures == 0);
  CHECK(r.nan_propagates);
}

TEST_CASE("exhaustive: the double reference is within 2^-51 relative of MPFR exp in both of its ranges",
          "[kernels]") {
  const std::uint64_t seed = 4242;
  INFO("seed " << seed);
  std::mt19937_64 g(seed);
  std::vector<float> x;
  // Taylor range (-2^-12, 0], its boundary, and the glibc range [-104, -2^-12].
  for (int i = 0; i < 6000; ++i) {
    const std::uint32_t b = 0x80000000u + static_cast<std::uint32_t>(g() % (0xB9800000u - 0x80000000u));
    x.push_back(0);
    std::memcpy(&x.back(), &b, 4);
  }
  for (int i = 0; i < 6000; ++i) {
    const std::uint32_t b = 0xB9800000u + static_cast<std::uint32_t>(g() % (0xC2D00001u - 0xB9800000u));
    x.push_back(0);
    std::memcpy(&x.back(), &b, 4);
  }
  for (float v : {-0.0f, -0x1p-12f, std::nextafter(-0x1p-12f, 0.0f), -0x1p-13f, -0x1p-149f, -104.0f, -1.0f})
    x.push_back(v);
  std::vector<double> r(x.size());
  exhaustive_exp_reference(x.data(), x.size(), r.data());
  attnbound::PrecisionScope scope(128);
  double worst_taylor = 0, worst_glibc = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double exact = static_cast<double>(attnbound::exp(attnbound::Real(x[i])));
    const double e = std::fabs(r[i] - exact) / exact;
    double& worst = x[i] > -0x1p-12f ? worst_taylor : worst_glibc;
    worst = std::max(worst, e);
  }
  WARN("reference vs MPFR: Taylor range " << worst_taylor << ", glibc range " << worst_glibc << " (relative)");
  CHECK(worst_taylor <= 0x1p-52);  // the header's 2^-53 + 2^-63
  CHECK(worst_glibc <= 0x1p-51);   // libmvec's vector exp (2^-52 for the scalar exp without AVX2)
}

TEST_CASE("exhaustive: the vector bookkeeping gives the scalar bookkeeping's figures", "[kernels]") {
  // Every 1021st pattern: all three ranges, ~2.1 million inputs.
  const ExhaustiveExpResult v = exhaustive_exp_check(2, 1021, false), s = exhaustive_exp_check(1, 1021, true);
  CHECK(!s.simd_bookkeeping);
  CHECK(v.inputs == s.inputs);
  CHECK(v.nonzero_range == s.nonzero_range);
  CHECK(v.taylor_range == s.taylor_range);
  CHECK(v.ulp.count == s.ulp.count);
  CHECK(v.rel.count == s.rel.count);
  CHECK(v.ulp.max == s.ulp.max);
  CHECK(v.rel.max == s.rel.max);
  CHECK(v.ulp.median == s.ulp.median);  // identical histograms
  CHECK(v.rel.median == s.rel.median);
  CHECK(v.ulp.mean == Approx(s.ulp.mean).epsilon(1e-12));
  CHECK(v.rel.mean == Approx(s.rel.mean).epsilon(1e-12));
  CHECK(v.ulp.std == Approx(s.ulp.std).epsilon(1e-9));
  CHECK(v.worst_x == s.worst_x);
  CHECK(v.ulp.max <= kExpUlpBound);
}
