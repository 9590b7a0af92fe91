#include "kernels/fd_sensitivity_f32_f64.hpp"

#include "kernels/cross_validate.hpp"
#include "testing/catch.hpp"
#include "theory/errors.hpp"

#include <cmath>
#include <limits>

using namespace attnbound::kernels;

TEST_CASE("fd_sensitivity_f32_f64 is within its documented bound of MPFR", "[kernels]") {
  CrossValidationOptions o;
  INFO("seed " << o.seed);
  const KernelReport r = validate_fd_sensitivity(o);
  INFO("max " << r.ulp.max << " ulp, median " << r.ulp.median << ", worst " << r.worst_input);
  CHECK(r.inputs == 27);
  CHECK(r.violations == 0);
  CHECK(r.ulp.median <= 1.0);
}

TEST_CASE("fd_sensitivity_f32_f64: the simplex diameter caps g at sqrt(2)/eps, bad input", "[kernels]") {
  // Two tokens, a huge step: the weights jump from (1, 0) to (0, 1), so g = sqrt(2)/eps.
  const std::vector<float> l{1.0f, 0.0f}, v{-0.70710678f, 0.70710678f};
  const float g = fd_sensitivity_f32_f64(l.data(), v.data(), 2, 1e-3f, 100.0f);
  CHECK(std::fabs(g - std::sqrt(2.0) / 100) < 1e-9);
  CHECK(g <= std::sqrt(2.0) / 100 * (1 + 1e-7));
  CHECK_THROWS_WITH(fd_sensitivity_f32_f64(l.data(), v.data(), 2, 1.0f, 0.0f), Catch::Contains("epsilon"));
  const std::vector<float> bad{std::numeric_limits<float>::quiet_NaN(), 0.0f};
  CHECK_THROWS_WITH(fd_sensitivity_f32_f64(bad.data(), v.data(), 2, 1.0f, 0.1f), Catch::Contains("logits[0]"));
  CHECK_THROWS_WITH(fd_sensitivity_f32_f64(l.data(), bad.data(), 2, 1.0f, 0.1f), Catch::Contains("direction[0]"));
}
