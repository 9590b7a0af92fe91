#include "reports/ks_two_sample.hpp"

#include "testing/catch.hpp"
#include "theory/errors.hpp"

#include <cmath>
#include <limits>

using namespace attnbound::reports;

TEST_CASE("the Kolmogorov survival function matches tabulated values", "[reports]") {
  // Q_KS(z) = 2 sum (-1)^{k-1} e^{-2 k^2 z^2}: Q(1) = 0.26999967, Q(1.3581) = 0.05 (the 5% critical value),
  // Q(1.6276) = 0.01 (the 1% critical value).
  CHECK(std::fabs(kolmogorov_survival(1.0) - 0.26999967) < 1e-7);
  CHECK(std::fabs(kolmogorov_survival(1.3581) - 0.05) < 1e-4);
  CHECK(std::fabs(kolmogorov_survival(1.6276) - 0.01) < 1e-4);
  CHECK(kolmogorov_survival(0) == 1);
  CHECK(kolmogorov_survival(10) < 1e-80);
}

TEST_CASE("two-sample KS statistic and p-value", "[reports]") {
  const std::vector<double> a = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, b = {5, 6, 7, 8, 9, 10, 11, 12, 13, 14};
  const KsResult same = ks_two_sample(a, a);
  CHECK(same.statistic == 0);
  CHECK(same.p_value == 1);
  const KsResult half = ks_two_sample(a, b);
  CHECK(half.statistic == 0.5);  // F_a(4) = 0.5, F_b(4) = 0
  const double ne = std::sqrt(5.0);
  CHECK(half.p_value == kolmogorov_survival((ne + 0.12 + 0.11 / ne) * 0.5));
  const KsResult apart = ks_two_sample({0, 1, 2}, {10, 11, 12, 13});
  CHECK(apart.statistic == 1);
  CHECK(apart.p_value < 0.1);
  // Ties across the samples are taken together.
  CHECK(ks_two_sample({1, 1, 2}, {1, 2, 2}).statistic == Approx(1.0 / 3));
  CHECK_THROWS_AS(ks_two_sample({}, {1}), attnbound::InputError);
  CHECK_THROWS_AS(ks_two_sample({std::nan("")}, {1}), attnbound::InputError);
}
