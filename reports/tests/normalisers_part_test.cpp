// Tests of reports/normalisers_part: closed forms per normaliser on hand rows (weights, ||J||_2, d~, N_s/N), the
// seeded sphere embeddings, the slope fit, and the part on a small synthetic grid plus the tiny GPT-2 fixture
// (tables with the d~ and N_s/N columns, five figures, the three guideline verdicts and the rule behind the
// temperature guideline's), and its certified spot checks (drawn from the first GPT-2 row, re-checked when a hook
// is set; reports/normalisers_certified_test.cpp tests the checks themselves).
#include "reports/normalisers_part.hpp"

#include "testing/catch.hpp"

#include <cmath>
#include <variant>

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

TEST_CASE("normalisers: d~ and N_s/N with each normaliser's weights on hand rows", "[reports][normalisers]") {
  // Softmax T = 1 at a tie, x = e_1, e_2, N = 1: w = (1/2, 1/2), I = {0} (lower index), s = e_1/2,
  // d~ = ||e_2/2 - e_1/2|| = sqrt(1/2); r = sqrt(1/2) > 0 = ||s - w_0 x_0||: N_s/N = 1.
  const std::vector<std::vector<double>> e2{{1, 0}, {0, 1}};
  const RowMeasure t = measure_row({"softmax", 1}, {0, 0}, 1, &e2);
  CHECK(t.distance == Approx(std::sqrt(0.5)));
  CHECK(t.separated_fraction == 1);
  // One-hot sparsemax, x = e_1, e_2, e_3: s = e_1, d~ = ||0 - e_1|| * 2 = 2, r = 1 > 0: N_s/N = 1.
  const std::vector<std::vector<double>> e3{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
  const RowMeasure sp = measure_row({"sparsemax", 0}, {3, 0, -1}, 1, &e3);
  CHECK(sp.distance == Approx(2));
  CHECK(sp.separated_fraction == 1);
  // SA-Softmax uses its signed output f = z p: z = (2, -2), x = (1), (1): I = {0} (largest |f|), s = f_0,
  // d~ = |f_1 - f_0| = 2 sigma(4) + 2 sigma(-4) = 2; r = |s - f_1| = 2 > 0: N_s/N = 1.
  const std::vector<std::vector<double>> ones{{1}, {1}};
  const RowMeasure sa = measure_row({"sa_softmax", 0}, {2, -2}, 1, &ones);
  CHECK(sa.distance == Approx(2));
  CHECK(sa.separated_fraction == 1);
  // N = L: every token selected, d~ = 0 (empty sum) and N_s/N = 1 (r = +inf).
  const RowMeasure all = measure_row({"entmax15", 0}, {1, 0}, 2, &e2);
  CHECK(all.distance == 0);
  CHECK(all.separated_fraction == 1);
  // Without embeddings: not computed; a wrong number of rows is refused.
  CHECK(std::isnan(measure_row({"softmax", 1}, {0, 0}, 1).distance));
  CHECK_THROWS_AS(measure_row({"softmax", 1}, {0, 0, 0}, 1, &e2), std::invalid_argument);
}

TEST_CASE("normalisers: seeded unit-sphere embeddings", "[reports][normalisers]") {
  const auto x = sphere_embeddings(7, 0, 16, 3, 16, 5);
  REQUIRE(x.size() == 16);
  for (const auto& row : x) {
    REQUIRE(row.size() == 5);
    double n2 = 0;
    for (double v : row) n2 += v * v;
    CHECK(n2 == Approx(1).epsilon(1e-14));
  }
  CHECK(sphere_embeddings(7, 0, 16, 3, 16, 5) == x);  // deterministic
  CHECK(sphere_embeddings(7, 0, 16, 4, 16, 5) != x);  // another row, other points
  CHECK(sphere_embeddings(7, 0, 16, 3, 4, 5)[2] == x[2]);  // token i does not depend on L
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
  REQUIRE(p.tables.size() == 4);  // synthetic, slopes, gpt2, certified spot checks
  CHECK(p.tables[0].id == "normalisers_synthetic");
  CHECK(p.tables[0].rows.size() == 10 * 4);
  for (const auto& c : p.tables[0].columns) CHECK_FALSE(c.certified);
  REQUIRE(p.tables[0].columns.size() == 8);
  CHECK(p.tables[0].columns[6].name == "d~");
  CHECK(p.tables[0].columns[7].name == "N_s/N");
  // Every d~ cell is a positive number (N = 5 < L) and every N_s/N cell a fraction in [0, 1].
  for (const auto& row : p.tables[0].rows) {
    REQUIRE(std::holds_alternative<double>(row[6]));
    REQUIRE(std::holds_alternative<double>(row[7]));
    CHECK(std::get<double>(row[6]) > 0);
    CHECK(std::get<double>(row[7]) >= 0);
    CHECK(std::get<double>(row[7]) <= 1);
  }
  CHECK(p.tables[2].id == "normalisers_gpt2");
  REQUIRE(p.tables[2].columns.size() == 7);
  REQUIRE(p.figures.size() == 5);
  CHECK(p.figures[3].id == "normalisers_distance");
  CHECK(p.figures[4].id == "normalisers_separability");
  CHECK(p.figures[4].series.size() == 10);
  for (const auto& f : p.figures)
    for (const auto& s : f.series) CHECK_FALSE(s.certified);
  REQUIRE(p.claims.size() == 3);
  // Softmax at fixed T vanishes like 1/L; sparsemax and SSMax s = 1 do not: the first guideline agrees.
  CHECK(p.claims[0].agreement == "agrees");
  // The temperature guideline: the verdict follows the stated rule from the measured fraction of GPT-2 rows.
  REQUIRE(p.claims[1].measured);
  const double all = p.claims[1].measured->approx();
  CHECK(all >= 0);
  CHECK(all <= 1);
  CHECK(p.claims[1].agreement == (all >= 0.9 ? "agrees" : all <= 0.1 ? "disagrees" : "partly"));
  CHECK(p.claims[1].measured_text.find("GPT-2 rows") != std::string::npos);
  CHECK(p.claims[2].agreement == "disagrees");
  CHECK(p.config.at("certified") == false);  // the measurements; the spot checks are their own table
  CHECK(p.tables[3].id == "normalisers_certified_checks");
  // Deterministic for a seed.
  const PartOutcome q = normalisers_part(o);
  CHECK(q.tables[0].rows == p.tables[0].rows);
}

TEST_CASE("normalisers part: the temperature guideline without GPT-2 rows, and without T = 0.01 in the grid", "[reports][normalisers]") {
  NormalisersOptions o;
  o.lengths = {16, 64};
  o.rows = 3;
  const PartOutcome p = normalisers_part(o);
  REQUIRE(p.claims.size() == 3);
  CHECK(p.claims[1].measured_text.find("6 synthetic rows") != std::string::npos);
  CHECK(p.claims[1].agreement != "not measured");
  o.temperatures = {0.1, 1};
  const PartOutcome q = normalisers_part(o);
  CHECK(q.claims[1].agreement == "not measured");
}

TEST_CASE("normalisers part: certified spot checks on the first GPT-2 row, every alt id, re-checked when hooked", "[reports][normalisers]") {
  NormalisersOptions o;
  o.lengths = {16};
  o.rows = 1;
  o.reference_files = {(attnbound::testing::source_dir() / "reports/tests/data/tiny_reference.json").string()};
  const PartOutcome p = normalisers_part(o);
  const Table* checks = nullptr;
  for (const auto& t : p.tables)
    if (t.id == "normalisers_certified_checks") checks = &t;
  REQUIRE(checks);
  for (const char* id : {"alt.sparsemax", "alt.entmax15", "alt.ssmax", "alt.sa_softmax", "alt.low_temperature"}) {
    bool found = false;
    for (const auto& r : checks->rows) found = found || std::get<std::string>(r[0]) == id;
    CHECK(found);
  }
  // The source row is the fixture's first head's last row (exact decimals raw/8), not the synthetic one.
  const auto& cfg = p.config.at("certified_checks");
  CHECK(cfg.at("source").get<std::string>().rfind("GPT-2 ", 0) == 0);
  CHECK(cfg.at("rechecked") == false);
  const long certified = cfg.at("holds").get<long>() + cfg.at("violated").get<long>();
  CHECK(certified > 0);
  CHECK(p.section.detail.find("not re-checked (no checker attached)") != std::string::npos);
  // A stub checker that rejects everything: every row the engine certified becomes undecided and is listed.
  PartContext ctx;
  std::size_t calls = 0;
  ctx.recheck_verdict = [&calls](const attnbound::Instance&, const attnbound::CertifiedResult&, const std::string&) {
    ++calls;
    return RecheckOutcome{RecheckOutcome::Kind::rejected, "stub"};
  };
  const PartOutcome q = normalisers_part(o, ctx);
  CHECK(calls == static_cast<std::size_t>(certified));
  const auto& qc = q.config.at("certified_checks");
  CHECK(qc.at("holds") == 0);
  CHECK(qc.at("violated") == 0);
  CHECK(qc.at("independent_check").at("rejected").get<long>() == certified);
  bool listed = false;
  for (const auto& t : q.tables)
    if (t.id == "normalisers_certified_not_confirmed") listed = t.rows.size() == static_cast<std::size_t>(certified);
  CHECK(listed);
  // Without GPT-2 rows the first synthetic row is the source.
  o.reference_files.clear();
  CHECK(normalisers_part(o).config.at("certified_checks").at("source").get<std::string>().rfind("synthetic row 0 of L = 16", 0) == 0);
}
