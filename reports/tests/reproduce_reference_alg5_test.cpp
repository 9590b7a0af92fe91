#include "reports/reproduce_reference_alg5.hpp"

#include "testing/catch.hpp"

#include <cmath>

using namespace attnbound::reports;
using namespace attnbound::reports::reference;

namespace {
// A grid of 2 x 2 heads, temperatures 0.01, 0.1, 1 and one eps, with G(T) = 0.3 / T made up in the sums of
// head 3 (layer 1, head 1), every other head at a tenth of that.
std::pair<Grid, Sweep> made_up() {
  Grid g;
  g.logit_scale = "raw";
  g.native = "8";
  g.temps = {"0.01", "0.1", "1"};
  g.T = {0.01, 0.1, 1};
  g.eps = {"0.001"};
  g.E = {0.001};
  g.H = 2;
  g.layers = 2;
  g.nheads = 4;
  Sweep s;
  s.head_rows = {2, 2, 2, 2};
  s.g_sum.assign(3, std::vector<double>(4, 0));
  s.j_sum.assign(3, std::vector<double>(4, 0));
  s.j_max = {7, 6, 5};
  for (std::size_t ti = 0; ti < 3; ++ti)
    for (std::size_t h = 0; h < 4; ++h) {
      s.g_sum[ti][h] = 2 * 0.3 / g.T[ti] * (h == 3 ? 1 : 0.1);
      s.j_sum[ti][h] = 2 * (h == 0 ? 4.0 : 1.0);
    }
  return {g, s};
}
}  // namespace

TEST_CASE("Algorithm 5 curves: token average per head, maximum over heads, its argmax", "[reports]") {
  const auto [g, s] = made_up();
  const Alg5Curves c = alg5_curves(g, s);
  CHECK(c.G[0][0] == Approx(30));
  CHECK(c.G[2][0] == Approx(0.3));
  CHECK(c.G_arg[0] == "1.1");  // head 3 = layer 1, head 1
  CHECK(c.Jbar[1] == Approx(4));
  const Table t = alg5_table(g, s, c);
  REQUIRE(t.rows.size() == 3);  // |T| x |E|
  CHECK(std::get<double>(t.rows[0][6]) == Approx(std::sqrt(2.0)));  // min{1/(4T), sqrt 2} at T = 0.01
  CHECK(std::get<double>(t.rows[2][7]) == Approx(0.5));             // 1/(2T) at T = 1
  CHECK(std::get<double>(t.rows[0][5]) == 7);                       // max over rows ||J||_2
  const Figure f = fig4_figure(g, c);
  CHECK(f.id == "fig4_gradient");
  REQUIRE(f.series.size() == 4);  // one g per eps, ||J||_2, the two bounds
  CHECK(f.series[2].style == "dashed");
}

TEST_CASE("Algorithm 5 claims: a 1/T law agrees, so does a 100x drop from T = 1 to 0.1", "[reports]") {
  const auto [g, s] = made_up();
  const std::vector<ClaimRow> claims = alg5_claims(g, alg5_curves(g, s));
  REQUIRE(claims.size() == 3);
  CHECK(claims[0].id == "headline.gradient_1_over_T");
  REQUIRE(claims[0].measured);
  CHECK(claims[0].measured->approx() == Approx(-1));
  CHECK(claims[0].agreement == "agrees");
  CHECK(claims[1].id == "headline.gradient_drop");
  CHECK(claims[1].measured->approx() == Approx(10));  // G(0.1)/G(1) = 10: not the paper's ~100x
  CHECK(claims[1].agreement == "disagrees");
  CHECK(claims[2].id == "headline.near_limit");
  CHECK(claims[2].measured->approx() == Approx(1.2));  // G(0.01) * 4 * 0.01 = 30 * 0.04
  CHECK(claims[2].agreement == "agrees");
}
