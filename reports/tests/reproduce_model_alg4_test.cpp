#include "reports/reproduce_model_alg4.hpp"

#include "reports/tests/model_row_fixture.hpp"
#include "testing/catch.hpp"

#include <cmath>

using namespace attnbound::reports;
using attnbound::reports::test::RowFixture;
using attnbound::reports::test::small_settings;

TEST_CASE("reproduce_model_alg4: thm2_row by hand on the unit sphere", "[reports][model]") {
  // x0 = e1, x1 = e2, x2 = -e1 (unit already; x2 scaled by 3 to check the normalisation), alpha = (0.5, 0.3, 0.2).
  std::vector<double> dist(3);
  {
    // N = 2: s = 0.5 e1 + 0.3 e2; distances 0.3, 0.5 (selected), sqrt(0.58) (not): r = sqrt(0.58), N_s = 2.
    // xi_0 = sqrt(0.34 - 0.25) = 0.3, xi_1 = sqrt(0.34 - 0.09) = 0.5: lower 1 - 0.8/(2r); both xi < r: upper 1.
    const RowFixture f({{1, 0}, {0, 1}, {-3, 0}}, {0.5, 0.3, 0.2}, 2);
    const Thm2Row r = thm2_row(f.state, dist);
    CHECK(r.ns == 1.0);
    CHECK(r.lo == Approx(1 - 0.8 / (2 * std::sqrt(0.58))).epsilon(1e-14));
    CHECK(r.up == 1.0);
  }
  {
    // N = 1: s = 0.5 e1; distances 0 (selected), sqrt(0.34), 0.7: r = sqrt(0.34), N_s = 1, xi_0 = 0: lower 1.
    const RowFixture f({{1, 0}, {0, 1}, {-3, 0}}, {0.5, 0.3, 0.2}, 1);
    const Thm2Row r = thm2_row(f.state, dist);
    CHECK(r.ns == 1.0);
    CHECK(r.lo == 1.0);
    CHECK(r.up == 1.0);
  }
  {
    // r < xi: alpha = (0.4, 0.4, 0.2) on e1, -e1, e2 with N = 2: s = 0, r = ||0.2 e2|| = 0.2,
    // xi = 0.4 for both selected (> r): N_s = 0 (distance 0.4 > r), upper exp(-(0.2)^2/2), lower 1 - 0.8/0.4 = -1.
    const RowFixture f({{1, 0}, {-1, 0}, {0, 1}}, {0.4, 0.4, 0.2}, 2);
    const Thm2Row r = thm2_row(f.state, dist);
    CHECK(r.ns == 0.0);
    CHECK(r.lo == Approx(-1.0).epsilon(1e-14));
    CHECK(r.up == Approx(std::exp(-0.02)).epsilon(1e-14));
  }
}

TEST_CASE("reproduce_model_alg4: quartiles over heads and the statements' claims", "[reports][model]") {
  ModelReproduceOptions o;
  o.top_n = {4, 16};
  const Settings st = small_settings({4, 16}, {32});
  std::vector<HeadResult> heads;
  for (int k = 0; k < 5; ++k) {
    HeadResult h = empty_head_result(st, 0, k);
    for (std::size_t g = 0; g < 2; ++g) {
      Sums& s = h.at[g][0];
      s.rows = 2;
      s.ns = 2 * (0.62 + 0.05 * k);  // token means 0.62, 0.67, ..., 0.82
      s.lo = 2 * 0.675;             // above the first two heads' N_s/N
      s.up = 2 * 0.9;
    }
    heads.push_back(h);
  }
  ModelRun run{&o, &st, {}};
  for (const auto& h : heads) run.heads.push_back(&h);
  const Thm2Parts p = alg4_parts(run);
  REQUIRE(p.table.rows.size() == 2);
  CHECK(std::get<double>(p.table.rows[0][1]) == Approx(0.62));
  CHECK(std::get<double>(p.table.rows[0][2]) == Approx(0.67));
  CHECK(std::get<double>(p.table.rows[0][3]) == Approx(0.72));
  CHECK(std::get<double>(p.table.rows[0][5]) == Approx(0.82));
  CHECK(std::get<double>(p.table.rows[0][6]) == Approx(0.675));
  CHECK(p.saturation.agreement == "agrees");  // median at N = 16 is 0.72
  REQUIRE(p.statements.size() == 2);
  CHECK(p.statements[0].id == "statement.thm2.lower");
  CHECK(p.statements[0].measured->approx() == Approx(0.6));  // 6 of 10 (head, N) means at or above 0.675
  CHECK(p.statements[0].agreement == "disagrees");
  CHECK(p.statements[1].agreement == "agrees");
  CHECK(p.fig3.series.size() == 7);
}
