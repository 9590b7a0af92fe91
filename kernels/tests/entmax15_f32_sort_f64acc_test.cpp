// entmax15_f32_sort_f64acc against MPFR (theory/entmax15.hpp in Real) on every Highway target compiled in,
// support-boundary ties exactly, bad input.
#include "kernels/entmax15_f32_sort_f64acc.hpp"

#include "kernels/cross_validate.hpp"
#include "testing/catch.hpp"
#include "theory/errors.hpp"

#include <hwy/targets.h>

#include <cmath>
#include <limits>

using namespace attnbound::kernels;

TEST_CASE("entmax15_f32_sort_f64acc is within its documented bound of MPFR on every target", "[kernels]") {
  CrossValidationOptions o;
  INFO("seed " << o.seed);
  for (const std::int64_t target : hwy::SupportedAndGeneratedTargets()) {
    hwy::SetSupportedTargetsForTest(target);
    const KernelReport r = validate_entmax15(o);
    INFO("target " << hwy::TargetName(target) << ": max " << r.ulp.max << " ulp, worst " << r.worst_input << "; " << r.extra_text);
    CHECK(r.inputs == 54);
    CHECK(r.violations == 0);
  }
  hwy::SetSupportedTargetsForTest(0);
}

TEST_CASE("entmax15_f32_sort_f64acc: exact results at the support boundary, sums, bad input", "[kernels]") {
  std::size_t k = 0, K = 0;
  // (2, 0, 0): y = (0, -1, -1), tau = -1 exactly; both zeros sit at tau: p = (1, 0, 0).
  std::vector<float> l{0.0f, 2.0f, 0.0f}, y(3);
  entmax15_f32_sort_f64acc(l.data(), 3, y.data(), &k, &K);
  CHECK(y == std::vector<float>{0.0f, 1.0f, 0.0f});
  CHECK(K == 3);
  // (0, 0, 0, 0, -1): g = 1/2 for the four zeros, tau = -1/2 = y_5: p = (1/4 x 4, 0) exactly.
  std::vector<float> t{0.0f, 0.0f, 0.0f, 0.0f, -1.0f, -9.0f};
  entmax15_f32_sort_f64acc(t.data(), t.size(), t.data(), &k, &K);  // in place
  CHECK(t == std::vector<float>{0.25f, 0.25f, 0.25f, 0.25f, 0.0f, 0.0f});
  CHECK(K == 5);
  std::vector<float> g(1000);
  for (std::size_t i = 0; i < g.size(); ++i) g[i] = static_cast<float>(std::sin(0.37 * static_cast<double>(i)));
  const auto p = entmax15_f32_sort_f64acc(g);
  double sum = 0;
  for (float v : p) {
    CHECK(v >= 0.0f);
    sum += v;
  }
  CHECK(std::fabs(sum - 1.0) < 1e-5);
  CHECK_THROWS_WITH(entmax15_f32_sort_f64acc(std::vector<float>{std::numeric_limits<float>::quiet_NaN()}), Catch::Contains("logits[0]"));
  CHECK_THROWS_AS(entmax15_f32_sort_f64acc(std::vector<float>{}), attnbound::InputError);
}
