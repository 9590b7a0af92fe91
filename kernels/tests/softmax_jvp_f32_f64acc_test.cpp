#include "kernels/softmax_jvp_f32_f64acc.hpp"

#include "kernels/cross_validate.hpp"
#include "testing/catch.hpp"
#include "theory/errors.hpp"

#include <cmath>
#include <limits>

using namespace attnbound::kernels;

TEST_CASE("softmax_jvp_f32_f64acc is within its documented bound of MPFR", "[kernels]") {
  CrossValidationOptions o;
  INFO("seed " << o.seed);
  const KernelReport r = validate_softmax_jvp(o);
  INFO("max " << r.ulp.max << " ulp (cancellation cases), median " << r.ulp.median << ", worst " << r.worst_input);
  CHECK(r.inputs >= 20);
  CHECK(r.violations == 0);
  CHECK(r.ulp.median <= 0.5);
}

TEST_CASE("softmax_jvp_f32_f64acc: known values, bad input, non-finite input", "[kernels]") {
  // p = (1/2, 1/2), v = (1, 0), T = 2: p^T v = 1/2, J v = (1/2 * 1/2, 1/2 * -1/2) / 2 = (1/8, -1/8).
  const auto y = softmax_jvp_f32_f64acc(std::vector<float>{0.5f, 0.5f}, std::vector<float>{1.0f, 0.0f}, 2.0f);
  CHECK(y == std::vector<float>{0.125f, -0.125f});
  CHECK_THROWS_AS(softmax_jvp_f32_f64acc(std::vector<float>{0.5f}, std::vector<float>{1.0f, 0.0f}, 1.0f), attnbound::InputError);
  CHECK_THROWS_WITH(softmax_jvp_f32_f64acc(std::vector<float>{1.0f}, std::vector<float>{1.0f}, 0.0f), Catch::Contains("temperature"));
  const auto z = softmax_jvp_f32_f64acc(std::vector<float>{0.5f, 0.5f}, std::vector<float>{std::numeric_limits<float>::infinity(), 0.0f}, 1.0f);
  CHECK((std::isnan(z[0]) && std::isnan(z[1])));
}
