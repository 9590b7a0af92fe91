#include "kernels/count_separable_f32_f64acc.hpp"

#include "kernels/cross_validate.hpp"
#include "testing/catch.hpp"
#include "theory/errors.hpp"

using namespace attnbound::kernels;

TEST_CASE("count_separable_f32_f64acc matches the MPFR count away from near-ties", "[kernels]") {
  CrossValidationOptions o;
  INFO("seed " << o.seed);
  const KernelReport r = validate_count_separable(o);
  INFO("mismatches " << r.extra.at("mismatches") << ", near-ties " << r.extra.at("near_ties") << ", first violation " << r.extra_text);
  CHECK(r.inputs >= 1000);
  CHECK(r.violations == 0);
}

TEST_CASE("count_separable_f32_f64acc by hand (spec 1.5 [R] form)", "[kernels]") {
  // Same data as the top-N test: s = (0.25, 0.5); ||a_0 x_0 - s|| = 0.5, ||a_1 x_1 - s|| = 0.25,
  // non-selected: ||a_2 x_2 - s|| = sqrt(0.5) ~ 0.707, ||a_3 x_3 - s|| = sqrt(0.3125) ~ 0.559.
  const std::vector<float> alpha{0.25f, 0.5f, 0.25f, 0.0f};
  const std::vector<float> x{1, 0, 0, 1, -1, 0, 0, -1};
  CHECK(count_separable_f32_f64acc(alpha.data(), x.data(), 4, 2, 2, 0.3f) == 1);
  CHECK(count_separable_f32_f64acc(alpha.data(), x.data(), 4, 2, 2, 0.5f) == 2);   // <= r: 0.5 counts
  CHECK(count_separable_f32_f64acc(alpha.data(), x.data(), 4, 2, 2, 0.56f) == 0);  // a non-selected token inside
  CHECK(count_separable_f32_f64acc(alpha.data(), x.data(), 4, 2, 2, 0.1f) == 0);
  CHECK_THROWS_WITH(count_separable_f32_f64acc(alpha.data(), x.data(), 4, 2, 2, -1.0f), Catch::Contains("radius"));
  CHECK(separability_margin(alpha.data(), x.data(), 4, 2, 2, 0) < 1e-12);
}
