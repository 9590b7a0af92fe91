#include "kernels/log_softmax_f32_f64acc.hpp"

#include "kernels/cross_validate.hpp"
#include "testing/catch.hpp"

#include <hwy/targets.h>

#include <cmath>
#include <limits>

using namespace attnbound::kernels;

TEST_CASE("log_softmax_f32_f64acc is within its documented bound of MPFR on every target", "[kernels]") {
  CrossValidationOptions o;
  INFO("seed " << o.seed);
  for (const std::int64_t target : hwy::SupportedAndGeneratedTargets()) {
    hwy::SetSupportedTargetsForTest(target);
    const KernelReport r = validate_log_softmax(o);
    INFO("target " << hwy::TargetName(target) << ": max " << r.ulp.max << " ulp, worst " << r.worst_input);
    CHECK(r.violations == 0);
    CHECK(r.ulp.max <= kLogSoftmaxUlpBound);
  }
  hwy::SetSupportedTargetsForTest(0);
}

TEST_CASE("log_softmax_f32_f64acc keeps relative accuracy for a dominant logit and handles inf/NaN", "[kernels]") {
  // log alpha_0 = -log(1 + e^-30) = -9.357623e-14: log(1 + S') from a rounded S would give 0.
  const auto y = log_softmax_f32_f64acc(std::vector<float>{0.0f, -30.0f}, 1.0f);
  CHECK(std::fabs(y[0] / -9.357622968840175e-14 - 1) < 1e-6);
  const float inf = std::numeric_limits<float>::infinity();
  const auto z = log_softmax_f32_f64acc(std::vector<float>{inf, 1.0f, -inf}, 1.0f);
  CHECK(z[0] == 0.0f);
  CHECK(z[1] == -inf);
  CHECK(z[2] == -inf);
  const auto w = log_softmax_f32_f64acc(std::vector<float>{2.0f, -inf}, 1.0f);
  CHECK(w[0] == 0.0f);
  CHECK(w[1] == -inf);
  CHECK(std::isnan(log_softmax_f32_f64acc(std::vector<float>{1, std::numeric_limits<float>::quiet_NaN()}, 1.0f)[0]));
}
