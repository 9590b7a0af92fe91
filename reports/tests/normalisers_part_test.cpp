// Tests of reports/normalisers_part (the per-row measures: reports/tests/normaliser_row_measure_test.cpp): the
// slope fit, the grid, and the part on a small synthetic grid plus the tiny GPT-2 fixture
// (tables with the d~ and N_s/N columns, five figures, the three guideline verdicts and the rule behind the
// temperature guideline's), and its certified spot checks (drawn from the first GPT-2 row, re-checked when a hook
// is set; reports/normalisers_certified_test.cpp tests the checks themselves).
#include "reports/normalisers_part.hpp"

#include "testing/catch.hpp"

#include <cmath>
#include <variant>

using namespace attnbound::reports;

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
