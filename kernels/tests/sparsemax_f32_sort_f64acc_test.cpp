// sparsemax_f32_sort_f64acc against MPFR (theory/sparsemax.hpp in Real) on every Highway target compiled in,
// support-boundary ties exactly, bad input.
#include "kernels/sparsemax_f32_sort_f64acc.hpp"

#include "kernels/cross_validate.hpp"
#include "testing/catch.hpp"
#include "theory/errors.hpp"

#include <hwy/targets.h>

#include <cmath>
#include <limits>

using namespace attnbound::kernels;

TEST_CASE("sparsemax_f32_sort_f64acc is within its documented bound of MPFR on every target", "[kernels]") {
  CrossValidationOptions o;
  INFO("seed " << o.seed);
  for (const std::int64_t target : hwy::SupportedAndGeneratedTargets()) {
    hwy::SetSupportedTargetsForTest(target);
    const KernelReport r = validate_sparsemax(o);
    INFO("target " << hwy::TargetName(target) << ": max " << r.ulp.max << " ulp, worst " << r.worst_input << "; " << r.extra_text);
    CHECK(r.inputs == 54);
    CHECK(r.violations == 0);
    CHECK(r.extra.at("support_mismatches") == 0);  // no input of the set lies within rounding of tau
  }
  hwy::SetSupportedTargetsForTest(0);
}

TEST_CASE("sparsemax_f32_sort_f64acc: exact results at the support boundary, sums, bad input", "[kernels]") {
  std::size_t k = 0, K = 0;
  // (1, 0, 0): tau = 0 exactly, both zeros at tau and outside the support.
  std::vector<float> l{0.0f, 1.0f, 0.0f}, y(3);
  CHECK(sparsemax_f32_sort_f64acc(l.data(), 3, y.data(), &k, &K) == 0.0);
  CHECK(k == 1);
  CHECK(K == 3);
  CHECK(y == std::vector<float>{0.0f, 1.0f, 0.0f});
  // (0.75, 0, 0.25, -3): tau = 0, p = (0.75, 0, 0.25, 0) exactly; in place.
  std::vector<float> t{0.75f, 0.0f, 0.25f, -3.0f};
  sparsemax_f32_sort_f64acc(t.data(), 4, t.data(), &k, &K);
  CHECK(t == std::vector<float>{0.75f, 0.0f, 0.25f, 0.0f});
  CHECK(k == 2);
  CHECK(K == 3);  // -3 is not a candidate
  // Equal logits: the uniform weights; a long row sums to 1 within the bound.
  CHECK(sparsemax_f32_sort_f64acc(std::vector<float>(4, 9.0f)) == std::vector<float>(4, 0.25f));
  std::vector<float> g(1000);
  for (std::size_t i = 0; i < g.size(); ++i) g[i] = static_cast<float>(std::sin(0.37 * static_cast<double>(i)));
  const auto p = sparsemax_f32_sort_f64acc(g);
  double sum = 0;
  for (float v : p) {
    CHECK(v >= 0.0f);
    sum += v;
  }
  CHECK(std::fabs(sum - 1.0) < 1e-5);
  std::vector<float> bad{0.0f, std::numeric_limits<float>::infinity()};
  CHECK_THROWS_WITH(sparsemax_f32_sort_f64acc(bad), Catch::Contains("logits[1]"));
  CHECK_THROWS_AS(sparsemax_f32_sort_f64acc(std::vector<float>{}), attnbound::InputError);
}
