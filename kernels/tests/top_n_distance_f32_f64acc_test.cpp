#include "kernels/top_n_distance_f32_f64acc.hpp"

#include "kernels/cross_validate.hpp"
#include "testing/catch.hpp"
#include "theory/errors.hpp"

#include <cmath>
#include <limits>

using namespace attnbound::kernels;

TEST_CASE("top_n_distance_f32_f64acc matches MPFR: exact sets, s and d~ within bound", "[kernels]") {
  CrossValidationOptions o;
  INFO("seed " << o.seed);
  const KernelReport r = validate_top_n_distance(o);
  INFO("max " << r.ulp.max << " ulp, worst " << r.worst_input);
  CHECK(r.inputs >= 100);
  CHECK(r.extra.at("set_mismatches") == 0);
  CHECK(r.violations == 0);
}

TEST_CASE("top_n_distance_f32_f64acc: ties by lower index, reading (a) by hand, bad input", "[kernels]") {
  // alpha = (0.25, 0.5, 0.25, 0): N = 2 takes {1, 0} (tie 0 vs 2 goes to the lower index).
  const std::vector<float> alpha{0.25f, 0.5f, 0.25f, 0.0f};
  const std::vector<float> x{1, 0, 0, 1, -1, 0, 0, -1};  // d = 2
  const auto r = top_n_distance_f32_f64acc(alpha.data(), x.data(), 4, 2, 2);
  CHECK(r.indices == std::vector<std::uint32_t>{0, 1});
  // s = 0.25 (1,0) + 0.5 (0,1) = (0.25, 0.5); d~ = ||(-0.25,0) - s|| + ||(0,0) - s|| = sqrt(0.25+0.25) + sqrt(0.3125).
  CHECK(r.context == std::vector<float>{0.25f, 0.5f});
  CHECK(r.distance == static_cast<float>(std::sqrt(0.5) + std::sqrt(0.3125)));
  CHECK(top_n_indices_f32(alpha.data(), 4, 3) == std::vector<std::uint32_t>{0, 1, 2});
  CHECK_THROWS_WITH(top_n_indices_f32(alpha.data(), 4, 0), Catch::Contains("top_n"));
  CHECK_THROWS_WITH(top_n_indices_f32(alpha.data(), 4, 5), Catch::Contains("top_n"));
  const std::vector<float> bad{0.5f, std::numeric_limits<float>::quiet_NaN()};
  CHECK_THROWS_WITH(top_n_indices_f32(bad.data(), 2, 1), Catch::Contains("alpha[1]"));
  std::vector<float> xbad = x;
  xbad[5] = std::numeric_limits<float>::infinity();
  CHECK_THROWS_WITH(top_n_distance_f32_f64acc(alpha.data(), xbad.data(), 4, 2, 2), Catch::Contains("x[5]"));
}
