#include "reports/reproduce_reference_sweep.hpp"

#include "reports/tests/tiny_reference_fixture.hpp"
#include "testing/catch.hpp"

#include <cmath>

using namespace attnbound::reports;
using namespace attnbound::reports::reference;

namespace {
using testing_fixture::tiny;
Grid tiny_grid(const std::vector<ReferenceExample>& data) {
  ReproduceOptions o;
  o.temperatures = {"0.01", "1", "8"};
  return make_grid(data, o);
}
}  // namespace

TEST_CASE("the double pass evaluates every (row, T[, eps]) and keeps the worst row of each check", "[reports]") {
  const auto data = tiny();
  const Grid g = tiny_grid(data);
  const Sweep s = sweep_rows(data, g, 11);
  REQUIRE(s.evidence.size() == kChecks);
  // 4 heads x 3 rows x 3 temperatures; Algorithm 5 also x 3 eps.
  CHECK(s.evidence[kCor3Paper].evaluations == 36);
  CHECK(s.evidence[kAlg5Corrected].evaluations == 108);
  CHECK(s.evidence[kCor3Corrected].violations == 0);
  CHECK(s.evidence[kAlg5Corrected].violations == 0);
  // The tie (8, 8) at T = 0.01: ||J||_2 = 1/(2T) = 50 against sqrt 2.
  CHECK(s.evidence[kCor3Paper].worst_ratio == Approx(50 / std::sqrt(2.0)));
  CHECK(s.worst[kCor3Paper].ti == 0);
  CHECK(s.evidence[kCor3Paper].worst_where.find("row 1 (n = 2), T = 0.01") != std::string::npos);
  CHECK(s.j_max[0] == Approx(50));
  double rows = 0;
  for (double r : s.head_rows) rows += r;
  CHECK(rows == 12);
  // Native T (8): one map entry per prefix length, one Corollary 1 point per head.
  CHECK(s.ratio_by_n.size() == 3);
  CHECK(s.cor1_points.size() == 4);
  for (const auto& p : s.cor1_points) CHECK(p[1] <= p[0] + 1e-12);  // log(n max alpha) <= 2a/T: the bound holds
  // ratio_by_t is the max over rows at each T: at T = 0.01 the Corollary 3 paper ratio is the worst one.
  CHECK(s.ratio_by_t[kCor3Paper][0] == s.evidence[kCor3Paper].worst_ratio);
}

TEST_CASE("directions are unit vectors fixed by (seed, key), whatever the loop order", "[reports]") {
  const RowKey k{0, 1, 2, 0, 1};
  const auto a = direction(11, k, 3), b = direction(11, k, 3), c = direction(12, k, 3);
  CHECK(a == b);
  CHECK(a != c);
  double n = 0;
  for (double x : a) n += x * x;
  CHECK(std::abs(n - 1) < 1e-14);
  const auto data = tiny();
  const Grid g = tiny_grid(data);
  CHECK(sweep_rows(data, g, 11).evidence[kAlg5Paper].worst_ratio == sweep_rows(data, g, 11).evidence[kAlg5Paper].worst_ratio);
}
