#include "reports/reproduce_model_alg3.hpp"

#include "reports/tests/model_row_fixture.hpp"
#include "testing/catch.hpp"

using namespace attnbound::reports;
using attnbound::reports::test::small_settings;

namespace {

// 12 heads; at grid index g the per-head means of d are 0..11 and of E are 0..11 shifted by `shift[g]`.
std::vector<HeadResult> shifted_heads(const Settings& st, const std::vector<double>& shift) {
  std::vector<HeadResult> heads;
  for (int k = 0; k < 12; ++k) {
    HeadResult h = empty_head_result(st, 0, k);
    for (std::size_t g = 0; g < st.grid.size(); ++g)
      for (std::size_t li = 0; li < st.lengths.size(); ++li) {
        Sums& s = h.at[g][li];
        s.rows = 1;
        s.d = k;
        s.e = k + shift[g];
      }
    heads.push_back(h);
  }
  return heads;
}

}  // namespace

TEST_CASE("reproduce_model_alg3: the critical N is the first N of the grid the KS test does not reject", "[reports][model]") {
  ModelReproduceOptions o;
  o.ks_level = 0.01;
  const Settings st = small_settings({1, 2, 4}, {8, 16});
  // N = 1: disjoint samples (D = 1, rejected); N = 2: identical samples (D = 0, p = 1).
  const auto heads = shifted_heads(st, {100, 0, 0});
  ModelRun run{&o, &st, {}};
  for (const auto& h : heads) run.heads.push_back(&h);
  const CriticalNParts p = alg3_parts(run, {4, 1, 2});
  REQUIRE(p.critical.rows.size() == 2);
  for (const auto& row : p.critical.rows) CHECK(std::get<std::string>(row[1]) == "2");
  CHECK(p.found == 2);
  REQUIRE(p.ks.rows.size() == 4);  // (L, N) = (8, 1), (8, 2), (16, 1), (16, 2)
  CHECK(std::get<double>(p.ks.rows[0][2]) == 1.0);
  CHECK(std::get<std::string>(p.ks.rows[0][4]) == "no");
  CHECK(std::get<double>(p.ks.rows[1][2]) == 0.0);
  CHECK(std::get<std::string>(p.ks.rows[1][4]) == "yes");
  // slope through the origin: (2 * 8 + 2 * 16) / (8^2 + 16^2) = 0.15, outside [0.03, 0.09].
  CHECK(p.claim.measured->approx() == Approx(0.15).epsilon(1e-12));
  CHECK(p.claim.agreement == "disagrees");
  CHECK(p.fig2c.series[0].points.size() == 2);
  CHECK(p.critical.caption.find("N grid 4 1 2") != std::string::npos);
}

TEST_CASE("reproduce_model_alg3: no N passes, and N >= L is never tested", "[reports][model]") {
  ModelReproduceOptions o;
  const Settings st = small_settings({1, 2, 4}, {4});
  const auto heads = shifted_heads(st, {100, 100, 0});
  ModelRun run{&o, &st, {}};
  for (const auto& h : heads) run.heads.push_back(&h);
  const CriticalNParts p = alg3_parts(run, {1, 2, 4});
  CHECK(std::get<std::string>(p.critical.rows[0][1]) == "-1 (none)");
  CHECK(p.ks.rows.size() == 2);  // N = 4 = L is not tested
  CHECK(p.found == 0);
  CHECK(p.claim.agreement == "disagrees");
  CHECK(p.fig2c.caption.find("No measured point") != std::string::npos);
}
