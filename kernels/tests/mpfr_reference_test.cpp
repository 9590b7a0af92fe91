#include "kernels/mpfr_reference.hpp"

#include "testing/catch.hpp"
#include "theory/scalar.hpp"

#include <cmath>
#include <limits>

using namespace attnbound::kernels;

TEST_CASE("softmax_reference: grouped (repeated values) and direct paths agree, known values", "[kernels]") {
  attnbound::PrecisionScope scope(128);
  // 3 distinct values in 400 entries takes the grouped path; the same multiset in 3 entries the direct one.
  std::vector<float> many;
  for (int i = 0; i < 400; ++i) many.push_back(i % 4 == 0 ? 1.0f : i % 4 == 1 ? -2.5f : 0.25f);
  double S1 = 0, S2 = 0;
  const auto p = softmax_reference(many, 0.5f, &S1);
  const double e1 = std::exp(2.0), e2 = std::exp(-5.0), e3 = std::exp(0.5);
  const double S = 100 * 1 + 100 * std::exp(-7.0) + 200 * std::exp(-1.5);
  CHECK(std::fabs(S1 - S) / S < 1e-15);
  CHECK(std::fabs(p[0] - 1 / S) / (1 / S) < 1e-15);
  const auto q = softmax_reference(std::vector<float>{1.0f, -2.5f, 0.25f}, 0.5f, &S2);
  CHECK(std::fabs(q[0] - e1 / (e1 + e2 + e3)) < 1e-15);
  CHECK(std::fabs(S2 - (e1 + e2 + e3) / e1) < 1e-15);
  const float inf = std::numeric_limits<float>::infinity();
  const auto m = softmax_reference(std::vector<float>{0.0f, -inf}, 1.0f, nullptr);
  CHECK(m == std::vector<double>{1.0, 0.0});
}

TEST_CASE("other references on known values", "[kernels]") {
  attnbound::PrecisionScope scope(128);
  const auto j = softmax_jvp_reference({0.5f, 0.5f}, {1.0f, 0.0f}, 2.0f);
  CHECK(j == std::vector<double>{0.125, -0.125});
  const auto l = log_softmax_reference({0.0f, 0.0f}, 1.0f);
  CHECK(std::fabs(l[0] + std::log(2.0)) < 1e-16);
  const std::vector<float> alpha{0.25f, 0.5f, 0.25f, 0.0f}, x{1, 0, 0, 1, -1, 0, 0, -1};
  const auto t = top_n_distance_reference(alpha, x, 2, 2);
  CHECK(t.indices == std::vector<std::uint32_t>{0, 1});
  CHECK(std::fabs(t.distance - (std::sqrt(0.5) + std::sqrt(0.3125))) < 1e-15);
  CHECK(count_separable_reference(alpha, x, 2, 2, 0.5f) == 2);
  const auto d2 = separability_squared_distances(alpha, x, 2, 2);
  CHECK(d2[1] == 0.0625);
  attnbound::PrecisionScope wide(256);
  const double g = fd_sensitivity_reference({1.0f, 0.0f}, {-0.70710678f, 0.70710678f}, 1e-3f, 100.0f);
  CHECK(std::fabs(g - std::sqrt(2.0) / 100) < 1e-9);
}
