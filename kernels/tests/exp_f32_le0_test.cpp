// exp_f32_le0 on every target: sampled float inputs against MPFR (which also validates the double
// reference the exhaustive check uses), the zero and NaN ranges, and bit-identity with softmax's pass 2.
#include "kernels/exp_f32_le0.hpp"

#include "kernels/error_stats.hpp"
#include "kernels/softmax_f32_3pass_f64acc.hpp"
#include "testing/catch.hpp"
#include "theory/arith.hpp"

#include <hwy/targets.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>

using namespace attnbound::kernels;

TEST_CASE("exp_f32_le0 is within kExpUlpBound of MPFR exp on sampled inputs, on every target", "[kernels]") {
  const std::uint64_t seed = 77;
  INFO("seed " << seed);
  std::mt19937_64 g(seed);
  std::vector<float> x(20000);
  for (auto& v : x) {
    const std::uint32_t b = 0x80000000u | static_cast<std::uint32_t>(g() % 0x42D00000u);  // [-104, -0]
    std::memcpy(&v, &b, 4);
  }
  attnbound::PrecisionScope scope(128);
  std::vector<double> ref(x.size());
  double glibc_vs_mpfr = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    ref[i] = static_cast<double>(attnbound::exp(attnbound::Real(x[i])));
    glibc_vs_mpfr = std::max(glibc_vs_mpfr, std::fabs(std::exp(static_cast<double>(x[i])) - ref[i]) / ref[i]);
  }
  CHECK(glibc_vs_mpfr <= 0x1p-52);  // the exhaustive check's reference is as good as it claims
  for (const std::int64_t target : hwy::SupportedAndGeneratedTargets()) {
    hwy::SetSupportedTargetsForTest(target);
    std::vector<float> y(x.size());
    exp_f32_le0(x.data(), x.size(), y.data());
    double worst = 0;
    for (std::size_t i = 0; i < x.size(); ++i) worst = std::max(worst, float_ulp_error(y[i], ref[i]));
    INFO("target " << hwy::TargetName(target) << " max " << worst << " ulp");
    CHECK(worst <= kExpUlpBound);
  }
  hwy::SetSupportedTargetsForTest(0);
}

TEST_CASE("exp_f32_le0: exact points, zero range, -inf and NaN", "[kernels]") {
  const float inf = std::numeric_limits<float>::infinity();
  std::vector<float> x{0.0f, -0.0f, -inf, -104.0f, -200.0f, -3e38f, std::numeric_limits<float>::quiet_NaN(), -103.9f};
  std::vector<float> y(x.size());
  exp_f32_le0(x.data(), x.size(), y.data());
  CHECK(y[0] == 1.0f);
  CHECK(y[1] == 1.0f);
  CHECK(y[2] == 0.0f);
  CHECK(y[3] == 0.0f);
  CHECK(y[4] == 0.0f);
  CHECK(y[5] == 0.0f);
  CHECK(std::isnan(y[6]));
  CHECK(y[7] > 0.0f);  // exp(-103.9) ~ 8.6e-46 rounds to the smallest subnormal, not 0
  CHECK(std::string(kernels_dispatch_target()).size() > 0);
}

TEST_CASE("exp_f32_le0 is the element function of the softmax kernels", "[kernels]") {
  // softmax of (0, x) with T = 1 has e = (1, exp(x)) and S = 1 + exp(x): p_1 / p_0 = exp(x) exactly when the
  // normalisation multiplies both by the same float, so check the stored numerator through a 1-element ratio.
  std::vector<float> x{-0.5f, -3.25f, -20.0f, -87.5f};
  std::vector<float> y(x.size());
  exp_f32_le0(x.data(), x.size(), y.data());
  for (std::size_t i = 0; i < x.size(); ++i) {
    const auto p = softmax_f32_3pass_f64acc(std::vector<float>{0.0f, x[i]}, 1.0f);
    const float inv = p[0];  // = fl(1/S) * 1
    CHECK(p[1] == y[i] * inv);
  }
}
