#include "reports/reproduce_reference_cor3.hpp"

#include "testing/catch.hpp"

#include <cmath>

using namespace attnbound::reports;
using namespace attnbound::reports::reference;

TEST_CASE("Corollary 3 bound curves: min{1/(4T), sqrt 2} and 1/(2T) on the grid's T", "[reports]") {
  Grid g;
  g.T = {0.01, 1, 8};
  const auto [paper, corrected] = cor3_bound_series(g);
  REQUIRE(paper.points.size() == 3);
  CHECK(paper.points[0].second == Approx(std::sqrt(2.0)));  // 1/(4T) = 25 > sqrt 2
  CHECK(paper.points[1].second == 0.25);
  CHECK(corrected.points[2].second == 1.0 / 16);
  CHECK(paper.style == "dashed");
  CHECK(corrected.style == "dotted");
  Sweep s;
  s.j_max = {50, 0.5, 0.0625};
  g.nheads = 4;
  const Figure f = cor3_figure(g, s);
  CHECK(f.id == "cor3_jacobian");
  REQUIRE(f.series.size() == 3);
  CHECK(f.series[0].points[0] == std::pair<double, double>{0.01, 50});
  // The corrected bound is attained where ||J||_2 = 1/(2T) (a two-way tie).
  CHECK(f.series[0].points[2].second == f.series[2].points[2].second);
}
