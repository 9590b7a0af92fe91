#include "reports/reproduce_reference_cor1.hpp"

#include "testing/catch.hpp"

using namespace attnbound::reports;
using namespace attnbound::reports::reference;

TEST_CASE("Corollary 1 figure: one point per head on each side, the bound y = x spanning them", "[reports]") {
  Grid g;
  Sweep s;
  CHECK_FALSE(cor1_figure(g, s));  // native T not on the grid: no points, no figure
  s.cor1_points = {{2.0, 1.5, -2.0, -1.0}, {0.5, 0.25, -0.5, -0.5}};
  const auto f = cor1_figure(g, s);
  REQUIRE(f);
  CHECK(f->id == "cor1_weights");
  REQUIRE(f->series.size() == 3);
  CHECK(f->series[0].points == std::vector<std::pair<double, double>>{{2.0, 1.5}, {0.5, 0.25}});
  CHECK(f->series[1].points == std::vector<std::pair<double, double>>{{-2.0, -1.0}, {-0.5, -0.5}});
  CHECK(f->series[2].points == std::vector<std::pair<double, double>>{{-2.0, -2.0}, {2.0, 2.0}});
  g.capture = true;
  CHECK(cor1_figure(g, s)->id == "attention_cor1_weights");
}
