#include "reports/reproduce_model_alg12.hpp"

#include "reports/tests/model_row_fixture.hpp"
#include "testing/catch.hpp"
#include "theory/statement.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

using namespace attnbound;
using namespace attnbound::reports;
using attnbound::reports::test::RowFixture;
using attnbound::reports::test::small_settings;

TEST_CASE("reproduce_model_alg12: distance_row by hand on two orthogonal unit keys", "[reports][model]") {
  // x0 = e1, x1 = e2, alpha = (3/4, 1/4), N = 1: s = 3/4 e1.
  //   d~ = ||1/4 e2 - 3/4 e1|| = sqrt(5/8); bound = (1/4) sqrt 2 + 1 * (1 * 3/4 - 1/4) = sqrt(2)/4 + 1/2;
  //   E = (1/2) (||3/4 e1 - 1/4 e2|| + ||1/4 e2 - 3/4 e1||) = sqrt(5/8)   (c = N/(n-1) = 1).
  const RowFixture f({{1, 0}, {0, 1}}, {0.75, 0.25}, 1);
  const DistanceRow r = distance_row(f.state);
  CHECK(r.d == Approx(std::sqrt(0.625)).epsilon(1e-15));
  CHECK(r.bound == Approx(std::sqrt(2.0) / 4 + 0.5).epsilon(1e-15));
  CHECK(r.e == Approx(std::sqrt(0.625)).epsilon(1e-15));
}

TEST_CASE("reproduce_model_alg12: distance_row agrees with the thm1.fixed statement in double", "[reports][model]") {
  const std::vector<std::vector<double>> x = {{1, 2, 0}, {-1, 0.5, 2}, {0.25, -1, 1}, {3, 0, -1}, {0, 0, 0.5}};
  const std::vector<double> a = {0.1, 0.4, 0.2, 0.25, 0.05};
  for (int N = 1; N <= 4; ++N) {
    const RowFixture f(x, a, N);
    const DistanceRow r = distance_row(f.state);
    nlohmann::json j = {{"statement", "thm1.fixed"}, {"variant", "tight"}, {"top_n", N}};
    j["weights"] = nlohmann::json::array();
    for (double w : a) j["weights"].push_back(fmt::format("{}", w));
    j["x"] = nlohmann::json::array();
    for (const auto& row : x) {
      nlohmann::json xr = nlohmann::json::array();
      for (double v : row) xr.push_back(fmt::format("{}", v));
      j["x"].push_back(xr);
    }
    const Evaluation<double> e = find_statement("thm1.fixed").evaluate_double(Instance::from_json(j), "tight", EvalOptions{});
    INFO("N = " << N);
    CHECK(r.d == Approx(e.sides[0].quantity).epsilon(1e-12));
    CHECK(r.bound == Approx(e.sides[0].bound).epsilon(1e-12));
    CHECK(r.d <= r.bound);
  }
}

TEST_CASE("reproduce_model_alg12: tables, figures and claims from constructed per-head sums", "[reports][model]") {
  ModelReproduceOptions o;
  o.fixed_n = 1;
  o.top_n = {1, 20, 100};
  Settings st = small_settings({1, 20, 100}, {200, 400, 800});
  // Two heads; at N = 1 the token-mean d~ grows linearly in L (d = L/100 per row), the bound is 2 d.
  std::vector<HeadResult> heads = {empty_head_result(st, 0, 0), empty_head_result(st, 0, 1)};
  for (auto& h : heads)
    for (std::size_t g = 0; g < 3; ++g)
      for (std::size_t li = 0; li < 3; ++li) {
        Sums& s = h.at[g][li];
        s.rows = 10;
        const double d = (g == 0 ? st.lengths[li] / 100.0 : g == 1 ? 1.0 : 1.25);
        s.d = 10 * d, s.e = 10 * d, s.b = 20 * d;
      }
  heads[1].worst_fixed[0] = 0.75;
  ModelRun run;
  run.options = &o;
  run.settings = &st;
  for (const auto& h : heads) run.heads.push_back(&h);
  const DistanceParts p = alg12_parts(run, "tiny");
  REQUIRE(p.alg1.rows.size() == 3);
  CHECK(std::get<double>(p.alg1.rows[1][1]) == 4.0);  // L = 400: d = 4
  CHECK(std::get<double>(p.alg1.rows[1][4]) == 0.5);  // true / bound
  REQUIRE(p.alg2.rows.size() == 3);
  CHECK(std::get<double>(p.alg2.rows[2][1]) == 1.25);
  CHECK(p.worst_ratio == 0.75);
  CHECK(p.fixed_evals == 20);
  CHECK(p.linear_in_L.agreement == "agrees");
  CHECK(p.linear_in_L.measured->approx() == Approx(1.0).epsilon(1e-12));
  // |d(100) - d(20)| / |d(20) - d(1)| = 0.25 / 7 at the longest L (d(1) = 8).
  CHECK(p.plateau.measured->approx() == Approx(0.25 / 7).epsilon(1e-12));
  CHECK(p.plateau.agreement == "agrees");
  CHECK(p.thm1_fixed.agreement == "agrees");
  CHECK(p.fig2a.series.size() == 4);
  CHECK(p.tightness.series[1].points[0].second == 0);
}
