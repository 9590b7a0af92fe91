#include "reports/reproduce_model_alg5_cor3.hpp"

#include "reports/random_direction.hpp"
#include "reports/tests/model_row_fixture.hpp"
#include "testing/catch.hpp"
#include "theory/cor3_softmax_jacobian_corrected.hpp"
#include "theory/fd_sensitivity.hpp"

#include <cmath>

using namespace attnbound;
using namespace attnbound::reports;
using attnbound::reports::test::small_settings;

TEST_CASE("reproduce_model_alg5_cor3: a two-way tie breaks the paper's bound, not the corrected one", "[reports][model]") {
  const Settings st = small_settings({1}, {2}, {1.0});
  HeadResult h = empty_head_result(st, 3, 4);
  const float tie[2] = {0.0f, 0.0f};
  alg5_cor3_row(tie, 2, 1, st, 0, h);
  // ||J||_2 = 1/(2T) at a tie: twice min{1/(4T), sqrt 2}, equal to the corrected bound.
  CHECK(h.sampled_rows == 1);
  CHECK(h.cor3_evals == 1);
  CHECK(h.j_sum[0] == Approx(0.5).epsilon(1e-14));
  CHECK(h.cor3_paper_violations == 1);
  CHECK(h.cor3_paper_worst[0] == Approx(2.0).epsilon(1e-14));
  CHECK(h.cor3_corrected_worst[0] == Approx(1.0).epsilon(1e-14));
  // Logits (0, 1): ||J||_2 = 2 p_1 p_2 / T = 2e/(1+e)^2 < 1/2.
  const float row[2] = {0.0f, 1.0f};
  alg5_cor3_row(row, 2, 1, st, 0, h);
  const double e = std::exp(1.0), J = 2 * e / ((1 + e) * (1 + e));
  CHECK(h.j_max[0] == Approx(0.5).epsilon(1e-14));
  CHECK(h.j_sum[0] == Approx(0.5 + J).epsilon(1e-14));
  CHECK(h.cor3_paper_violations == 2);
  CHECK(h.cor3_evals == 2);
}

TEST_CASE("reproduce_model_alg5_cor3: g of the float kernel is the theory's g along the seeded direction", "[reports][model]") {
  Settings st = small_settings({1}, {4}, {0.5});
  st.seed = 11;
  HeadResult h = empty_head_result(st, 1, 2);
  const float row[4] = {0.25f, -1.0f, 0.5f, 2.0f};
  alg5_cor3_row(row, 4, 3, st, 7, h);
  const auto v = random_unit_direction(11, {7, 1, 2, 3, 0, 0}, 4);
  Vec<double> l(row, row + 4), vd;
  for (double x : v) vd.push_back(static_cast<float>(x));  // the kernel reads the direction in float
  const double g = fd_gradient(l, 0.5, static_cast<double>(static_cast<float>(0.1)), vd);
  // The kernel's contract: within 1 ulp of the exact g of its float inputs (2^-23 relative); fd_gradient
  // renormalises the float direction, whose length is 1 within 4 2^-24: 1e-6 covers both.
  CHECK(h.g_sum[0][0] == Approx(g).epsilon(1e-6));
  CHECK(h.g_sum[0][0] <= cor3_softmax_jacobian_corrected::bound(0.5) * (1 + 1e-6));  // Lipschitz (alg5 lipschitz)
}

TEST_CASE("reproduce_model_alg5_cor3: table, figures, verdicts and the 1/T slope from constructed heads", "[reports][model]") {
  ModelReproduceOptions o;
  o.epsilons = {"0.1"};
  const Settings st = small_settings({1}, {8}, {0.01, 0.1, 1.0});
  std::vector<HeadResult> heads = {empty_head_result(st, 0, 0), empty_head_result(st, 0, 1)};
  for (auto& h : heads) {
    h.sampled_rows = 2;
    for (std::size_t ti = 0; ti < 3; ++ti) {
      h.g_sum[ti][0] = 2 * 0.01 / st.temps[ti];  // mean g = 0.01/T: slope -1
      h.j_sum[ti] = 2 * 0.3 / st.temps[ti];
      h.cor3_paper_worst[ti] = 1.2;
      h.cor3_corrected_worst[ti] = 0.6;
    }
    h.cor3_evals = 6;
    h.cor3_paper_violations = 1;
  }
  ModelRun run{&o, &st, {}};
  for (const auto& h : heads) run.heads.push_back(&h);
  const GradientParts p = alg5_cor3_parts(run);
  REQUIRE(p.table.rows.size() == 3);
  for (std::size_t ti = 0; ti < 3; ++ti) {
    CHECK(std::get<double>(p.table.rows[ti][2]) == Approx(0.01 / st.temps[ti]));
    CHECK(std::get<double>(p.table.rows[ti][5]) == cor3_softmax_jacobian::bound(st.temps[ti]));
    CHECK(std::get<double>(p.table.rows[ti][6]) == cor3_softmax_jacobian_corrected::bound(st.temps[ti]));
  }
  CHECK(std::get<double>(p.table.rows[0][5]) == std::sqrt(2.0));  // T = 0.01: the sqrt 2 arm
  REQUIRE(p.verdicts.size() == 2);
  CHECK(p.verdicts[0].statement == "cor3.softmax_jacobian");
  CHECK(p.verdicts[0].verdict == "violated in double precision (not certified)");
  CHECK(p.verdicts[0].worst_ratio->approx() == 1.2);
  CHECK(p.verdicts[1].verdict == "not refuted");
  CHECK(p.slope.measured->approx() == Approx(-1.0).epsilon(1e-12));
  CHECK(p.slope.agreement == "agrees");
  CHECK(p.fig4.series.size() == 4);
  CHECK(p.tightness.series[0].points[2].second == 1.2);
}
