// Tests of reports/normalisers_part: closed forms per normaliser on hand rows, the slope fit, and the part
// on a small synthetic grid plus the tiny GPT-2 fixture (tables, figures, the three guideline verdicts).
#include "reports/normalisers_part.hpp"

#include "testing/catch.hpp"

#include <cmath>

using namespace attnbound::reports;

namespace {
RowMeasure row(const std::string& family, double parameter, const std::vector<double>& z, std::size_t n = 1) {
  return measure_row({family, parameter}, z, n);
}
}  // namespace

TEST_CASE("normalisers: closed forms on hand rows", "[reports][normalisers]") {
  // Two-way tie: softmax T = 1 max 1/2, ||J|| = 1/2; sparsemax ||J|| = 1; entmax-1.5 ||J|| = 1/sqrt 2;
  // SSMax s = 1 at L = 2: softmax at T = 1/log 2, ||J|| = log 2 / 2; SA-Softmax at (2, 2): ||J|| = 3/2.
  const std::vector<double> tie{0, 0};
  CHECK(row("softmax", 1, tie).max_weight == Approx(0.5));
  CHECK(row("softmax", 1, tie).jacobian_norm == Approx(0.5));
  CHECK(row("sparsemax", 0, tie).jacobian_norm == 1);
  CHECK(row("entmax15", 0, tie).jacobian_norm == Approx(1 / std::sqrt(2.0)));
  CHECK(row("ssmax", 1, tie).jacobian_norm == Approx(std::log(2.0) / 2));
  CHECK(row("sa_softmax", 0, {2, 2}).jacobian_norm == Approx(1.5).epsilon(1e-9));
  CHECK(row("sa_softmax", 0, {2, 2}).max_weight == Approx(1.0));  // |2 * 1/2|
  CHECK(std::isnan(row("sa_softmax_normalised", 0, {1, 2}).jacobian_norm));
  // A one-hot sparsemax: gap >= 1, weight 1, support 1/3, ||J|| = 0; top-2 mass 1.
  const RowMeasure s = row("sparsemax", 0, {3, 0, -1}, 2);
  CHECK(s.max_weight == 1);
  CHECK(s.support_fraction == Approx(1.0 / 3));
  CHECK(s.jacobian_norm == 0);
  CHECK(s.top_mass == 1);
  CHECK_THROWS_AS(row("softmax", 1, {}), std::invalid_argument);
  CHECK_THROWS_AS(row("nothing", 0, {1}), std::invalid_argument);
}

TEST_CASE("normalisers: log-log slope and the grid", "[reports][normalisers]") {
  CHECK(log_log_slope({{10, 0.1}, {100, 0.01}, {1000, 0.001}}) == Approx(-1));
  CHECK(log_log_slope({{10, 1}, {100, 1}}) == Approx(0).margin(1e-12));
  CHECK(std::isnan(log_log_slope({{10, 1}})));
  NormalisersOptions o;
  const auto g = normaliser_grid(o);
  REQUIRE(g.size() == 10);  // 3 temperatures, sparsemax, entmax15, 3 scales, SA, SA normalised
  CHECK(g.front().label() == "softmax T=0.01");
  CHECK(g[5].label() == "ssmax s=0.5");
}

TEST_CASE("normalisers part: small grid, GPT-2 fixture, uncertified numbers, three guideline verdicts", "[reports][normalisers]") {
  NormalisersOptions o;
  o.lengths = {16, 64, 256, 1024};
  o.rows = 2;
  o.reference_files = {(attnbound::testing::source_dir() / "reports/tests/data/tiny_reference.json").string()};
  const PartOutcome p = normalisers_part(o);
  CHECK(p.section.status == "ran");
  REQUIRE(p.tables.size() == 3);
  CHECK(p.tables[0].id == "normalisers_synthetic");
  CHECK(p.tables[0].rows.size() == 10 * 4);
  for (const auto& c : p.tables[0].columns) CHECK_FALSE(c.certified);
  CHECK(p.tables[2].id == "normalisers_gpt2");
  REQUIRE(p.figures.size() == 3);
  for (const auto& f : p.figures)
    for (const auto& s : f.series) CHECK_FALSE(s.certified);
  REQUIRE(p.claims.size() == 3);
  // Softmax at fixed T vanishes like 1/L; sparsemax and SSMax s = 1 do not: the first guideline agrees.
  CHECK(p.claims[0].agreement == "agrees");
  CHECK(p.claims[1].agreement == "partly");
  CHECK(p.claims[2].agreement == "disagrees");
  CHECK(p.config.at("certified") == false);
  // Deterministic for a seed.
  const PartOutcome q = normalisers_part(o);
  CHECK(q.tables[0].rows == p.tables[0].rows);
}
