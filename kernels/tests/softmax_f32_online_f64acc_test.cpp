// softmax_f32_online_f64acc against MPFR on every target, the 16M normaliser check (both softmax kernels,
// run once), and agreement with the three-pass kernel.
#include "kernels/softmax_f32_online_f64acc.hpp"

#include "kernels/cross_validate.hpp"
#include "kernels/softmax_f32_3pass_f64acc.hpp"
#include "testing/catch.hpp"
#include "theory/errors.hpp"

#include <hwy/targets.h>

#include <cmath>
#include <limits>

using namespace attnbound::kernels;

TEST_CASE("softmax_f32_online_f64acc is within its documented bound of MPFR on every target", "[kernels]") {
  CrossValidationOptions o;
  INFO("seed " << o.seed);
  for (const std::int64_t target : hwy::SupportedAndGeneratedTargets()) {
    hwy::SetSupportedTargetsForTest(target);
    const KernelReport r = validate_softmax_online(o);
    INFO("target " << hwy::TargetName(target) << ": max " << r.ulp.max << " ulp, worst " << r.worst_input);
    CHECK(r.violations == 0);
    CHECK(r.ulp.max <= kSoftmaxUlpBound);
    CHECK(r.extra.at("normaliser_max_rel") <= kNormaliserRelBound);
  }
  hwy::SetSupportedTargetsForTest(0);
}

TEST_CASE("L = 16M: normaliser relative error <= 2e-6 and outputs within bound (both softmax kernels)", "[kernels][large]") {
  CrossValidationOptions o;
  INFO("seed " << o.seed);
  const KernelReport r = validate_normaliser_16m(o);
  INFO("normaliser max rel " << r.extra.at("normaliser_max_rel") << ", max " << r.ulp.max << " ulp, worst " << r.worst_input);
  CHECK(r.inputs == 6);
  CHECK(r.elements == 6 * (std::size_t{1} << 24));
  CHECK(r.violations == 0);
  CHECK(r.extra.at("normaliser_max_rel") <= kNormaliserRelBound);
}

TEST_CASE("softmax_f32_online_f64acc: NaN and -inf blocks across the 2048-element block boundary", "[kernels]") {
  const float inf = std::numeric_limits<float>::infinity(), nan = std::numeric_limits<float>::quiet_NaN();
  std::vector<float> l(5000, -inf);
  l[4500] = 1.0f;
  l[4501] = 1.0f;
  auto y = softmax_f32_online_f64acc(l, 2.0f);
  CHECK(y[4500] == 0.5f);
  CHECK(y[0] == 0.0f);
  l[100] = nan;  // in a block that is otherwise all -inf
  y = softmax_f32_online_f64acc(l, 2.0f);
  CHECK(std::isnan(y[4500]));
  l[100] = inf;
  y = softmax_f32_online_f64acc(l, 2.0f);
  CHECK(y[100] == 1.0f);
  CHECK(y[4500] == 0.0f);
}

TEST_CASE("online and three-pass softmax agree to the documented bound", "[kernels]") {
  std::vector<float> l(100000);
  for (std::size_t i = 0; i < l.size(); ++i) l[i] = static_cast<float>(std::cos(0.37 * static_cast<double>(i)) * 30 - static_cast<double>(i % 977) * 0.1);
  const auto a = softmax_f32_online_f64acc(l, 1.3f), b = softmax_f32_3pass_f64acc(l, 1.3f);
  double worst = 0;
  for (std::size_t i = 0; i < l.size(); ++i)
    if (b[i] >= 0x1p-126f) worst = std::max(worst, std::fabs(static_cast<double>(a[i]) - b[i]) / b[i]);
  CHECK(worst <= 2 * kSoftmaxUlpBound * 0x1p-23);
}

TEST_CASE("softmax_f32_online_f64acc: the same bits on 1, 2 and 3 threads, special values included", "[kernels]") {
  const float inf = std::numeric_limits<float>::infinity(), nan = std::numeric_limits<float>::quiet_NaN();
  // Above kOnlineParallelMin and not a multiple of kOnlineChunk, so the threads split uneven chunk runs.
  const std::size_t L = 3 * kOnlineParallelMin + 12345;
  std::vector<float> l(L);
  for (std::size_t i = 0; i < L; ++i) l[i] = static_cast<float>(std::sin(0.001 * static_cast<double>(i)) * 40);
  for (std::size_t i = kOnlineChunk; i < 2 * kOnlineChunk; ++i) l[i] = -inf;  // a chunk of weight 0
  auto run = [&](unsigned threads, double* S) {
    std::vector<float> y(L);
    *S = softmax_f32_online_f64acc(l.data(), L, 0.8f, y.data(), threads);
    return y;
  };
  double s1 = 0, s2 = 0, s3 = 0;
  const auto y1 = run(1, &s1), y2 = run(2, &s2), y3 = run(3, &s3);
  CHECK(s1 == s2);
  CHECK(s1 == s3);
  CHECK(y1 == y2);
  CHECK(y1 == y3);
  CHECK(y1[kOnlineChunk + 7] == 0.0f);
  const auto b = softmax_f32_3pass_f64acc(l, 0.8f);
  double worst = 0;
  for (std::size_t i = 0; i < L; ++i)
    if (b[i] >= 0x1p-126f) worst = std::max(worst, std::fabs(static_cast<double>(y1[i]) - b[i]) / b[i]);
  CHECK(worst <= 2 * kSoftmaxUlpBound * 0x1p-23);
  // A NaN in the last thread's share makes every output NaN, on any thread count.
  l[L - 5] = nan;
  CHECK(std::isnan(run(2, &s2)[0]));
  CHECK(std::isnan(s2));
  l[L - 5] = inf;  // +inf: one-hot on it
  const auto yi = run(3, &s3);
  CHECK(yi[L - 5] == 1.0f);
  CHECK(yi[0] == 0.0f);
  CHECK_THROWS_AS(softmax_f32_online_f64acc(l.data(), L, 0.8f, std::vector<float>(L).data(), 0), attnbound::InputError);
}
