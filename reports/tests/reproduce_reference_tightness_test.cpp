#include "reports/reproduce_reference_tightness.hpp"

#include "testing/catch.hpp"

using namespace attnbound::reports;
using namespace attnbound::reports::reference;

TEST_CASE("tightness against n and T: one column per check, the series of the checks named", "[reports]") {
  Grid g;
  g.T = {0.5, 2};
  Sweep s;
  s.ratio_by_t.assign(kChecks, std::vector<double>(2, 0));
  s.ratio_by_t[kCor3Paper] = {1.25, 0.5};
  std::array<double, kChecks> two{}, three{};
  two[kCor3Corrected] = 1.0;
  three[kCor1Upper] = 0.75;
  s.ratio_by_n = {{2, two}, {3, three}};
  const Table t = tightness_table(g, s);
  CHECK(t.id == "tightness_vs_length");
  CHECK(t.columns.size() == 1 + kChecks);
  CHECK(t.columns[1 + kCor3Paper].name == "cor3.softmax_jacobian [spectral]");
  REQUIRE(t.rows.size() == 2);
  CHECK(std::get<long long>(t.rows[0][0]) == 2);
  CHECK(std::get<double>(t.rows[0][1 + kCor3Corrected]) == 1.0);
  const Figure n = tightness_length_figure(g, s);
  CHECK(n.series.size() == 4);
  CHECK(n.series[0].points == std::vector<std::pair<double, double>>{{2, 0}, {3, 0.75}});
  g.capture = true;
  const Figure tf = tightness_t_figure(g, s);
  CHECK(tf.id == "attention_tightness_vs_T");
  REQUIRE(tf.series.size() == 3);
  CHECK(tf.series[1].points == std::vector<std::pair<double, double>>{{0.5, 1.25}, {2, 0.5}});
}
