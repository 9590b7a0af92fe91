// Tests of reports/normalisers_certified: every alt.* id and variant certified through the registry on a hand
// row and on the ties, the verdicts the proofs in theory/alt_*.hpp predict where the engine can certify them
// (sparsemax's ||J||_2 <= 1 at a tie: holds with the margin touching 0, i.e. attained), the re-check contract
// (no hook: the engine's word, not re-checked; a confirming hook keeps it; a rejecting, unsupported or throwing
// hook makes the row undecided and lists it), and the shortest-decimal spot row.
#include "reports/normalisers_certified.hpp"

#include "testing/catch.hpp"
#include "theory/alt_entmax15.hpp"
#include "theory/alt_low_temperature.hpp"
#include "theory/alt_sa_softmax.hpp"
#include "theory/alt_sparsemax.hpp"
#include "theory/alt_ssmax.hpp"

#include <cstdlib>
#include <stdexcept>
#include <variant>

using namespace attnbound;
using namespace attnbound::reports;

namespace {

// A small row: L = 3 logits with a top gap of 1/2, embeddings in R^2.
SpotRow hand_row() {
  return spot_row_from_doubles("hand row", {1, 0.5, -1}, {{1, 0}, {0, 1}, {0.6, 0.8}});
}

std::string text(const Cell& c) { return std::get<std::string>(c); }

// The row of (statement, variant) whose instance starts with `what`; fails the test when absent.
const std::vector<Cell>& find_row(const Table& t, const std::string& statement, const std::string& variant,
                                  const std::string& what) {
  for (const auto& r : t.rows)
    if (text(r[0]) == statement && text(r[1]) == variant && text(r[2]).rfind(what, 0) == 0) return r;
  FAIL("no row " << statement << " / " << variant << " at " << what);
  throw std::logic_error("unreachable");
}

std::vector<StatementInfo> alternatives() {
  return {alt_sparsemax::info(), alt_entmax15::info(), alt_ssmax::info(), alt_sa_softmax::info(),
          alt_low_temperature::info()};
}

}  // namespace

TEST_CASE("normalisers certified checks: every alt id and variant, the predicted certified verdicts", "[reports][normalisers]") {
  const CertifiedChecks c = normalisers_certified_checks(hand_row(), {0.5, 1, 2}, 5, nullptr);
  const Table& t = c.table;
  CHECK(t.id == "normalisers_certified_checks");
  REQUIRE(t.columns.size() == 8);
  // Rows per statement: its variants times its instances (row + tie; ssmax: 3 scales + tie; low_temperature:
  // two temperature pairs, no tie).
  std::size_t expected = 0;
  for (const auto& info : alternatives()) {
    const std::size_t instances = info.id == "alt.ssmax" ? 4 : 2;
    expected += info.variants.size() * instances;
    for (const auto& v : info.variants) {
      std::size_t n = 0;
      for (const auto& r : t.rows) n += text(r[0]) == info.id && text(r[1]) == v.name;
      CHECK(n == instances);
    }
  }
  CHECK(t.rows.size() == expected);
  CHECK(c.holds + c.violated + c.undecided == expected);
  CHECK(c.engine_certified == c.holds + c.violated);  // no hook: the engine's word
  for (const auto& r : t.rows) {
    const std::string v = text(r[3]);
    CHECK((v == "holds" || v == "violated" || v == "undecided"));
    CHECK(text(r[4]) == (v == "undecided" ? "no" : "yes"));
    CHECK(std::get<long long>(r[5]) >= static_cast<long long>(kSpotBits));
    CHECK(text(r[6]) == (v == "undecided" ? "not re-checked (the engine did not certify it)"
                                           : "not re-checked (no checker attached)"));
  }
  // Sparsemax at the tie (0, 0): ||J||_2 = 1 <= 1 holds, attained (the margin b - q's enclosure starts at 0);
  // the softmax bound 1/2 is violated there (theory/alt_sparsemax.hpp).
  const auto& spectral = find_row(t, "alt.sparsemax", "spectral", "tie (0, 0)");
  CHECK(text(spectral[3]) == "holds");
  CHECK(text(spectral[7]).rfind("[0, ", 0) == 0);
  CHECK(text(find_row(t, "alt.sparsemax", "softmax_bound", "tie (0, 0)")[3]) == "violated");
  // Proved bounds never come out violated; where certified they hold.
  for (const auto& [id, variant] : std::vector<std::pair<std::string, std::string>>{
           {"alt.sparsemax", "spectral"}, {"alt.sparsemax", "frobenius"}, {"alt.sparsemax", "vanishing"},
           {"alt.entmax15", "spectral"}, {"alt.entmax15", "max_weight"}, {"alt.entmax15", "vanishing"},
           {"alt.ssmax", "spectral"}, {"alt.ssmax", "max_weight"}, {"alt.ssmax", "vanishing"},
           {"alt.sa_softmax", "spectral"}, {"alt.sa_softmax", "vanishing"}, {"alt.low_temperature", "collapse"}})
    for (const auto& r : t.rows)
      if (text(r[0]) == id && text(r[1]) == variant) CHECK(text(r[3]) != "violated");
  CHECK(text(find_row(t, "alt.sparsemax", "spectral", "hand row")[3]) == "holds");  // gap 1/2 < 1: |K| >= 2
  CHECK(text(find_row(t, "alt.entmax15", "spectral", "hand row")[3]) == "holds");
  // E1 carried over: Corollary 3 at SSMax's effective temperature fails at the tie; SA-Softmax at (2, 2) has
  // ||J||_2 = 3/2 > 1/2 (softmax_band).
  CHECK(text(find_row(t, "alt.ssmax", "cor3_transfer", "tie (0, 0)")[3]) == "violated");
  CHECK(text(find_row(t, "alt.sa_softmax", "softmax_band", "tie (2, 2)")[3]) == "violated");
  // The low-temperature pairs carry the row's embeddings and N = min(top_n, L) = 3.
  CHECK(text(find_row(t, "alt.low_temperature", "collapse", "hand row, N = 3, T = 0.1 -> 0.01")[3]) == "holds");
  CHECK(c.counts.checked == 0);
  CHECK_FALSE(recheck_table(c.counts, "x"));
}

TEST_CASE("normalisers certified checks: the re-check keeps a confirmed word and turns every other answer undecided", "[reports][normalisers]") {
  const CertifiedChecks plain = normalisers_certified_checks(hand_row(), {1}, 2, nullptr);
  REQUIRE(plain.engine_certified > 0);
  std::size_t calls = 0;
  const RecheckHook confirm = [&calls](const Instance& inst, const CertifiedResult& r, const std::string& where) {
    ++calls;
    CHECK(inst.statement() == r.statement);
    CHECK(where.rfind("normalisers " + r.statement + "/" + r.variant, 0) == 0);
    return RecheckOutcome{RecheckOutcome::Kind::confirmed, ""};
  };
  const CertifiedChecks ok = normalisers_certified_checks(hand_row(), {1}, 2, confirm);
  CHECK(calls == plain.engine_certified);  // exactly the engine-certified rows go to the checker
  CHECK(ok.counts.checked == plain.engine_certified);
  CHECK(ok.counts.confirmed == ok.counts.checked);
  CHECK(ok.holds == plain.holds);
  CHECK(ok.violated == plain.violated);
  for (std::size_t i = 0; i < ok.table.rows.size(); ++i) {
    CHECK(text(ok.table.rows[i][3]) == text(plain.table.rows[i][3]));
    if (text(ok.table.rows[i][3]) != "undecided") CHECK(text(ok.table.rows[i][6]) == "confirmed (Arb)");
  }

  const RecheckHook reject = [](const Instance&, const CertifiedResult&, const std::string&) {
    return RecheckOutcome{RecheckOutcome::Kind::rejected, "stub: refused"};
  };
  const RecheckHook unsupported = [](const Instance&, const CertifiedResult&, const std::string&) {
    return RecheckOutcome{RecheckOutcome::Kind::unsupported, "stub: not evaluated"};
  };
  const RecheckHook throws = [](const Instance&, const CertifiedResult&, const std::string&) -> RecheckOutcome {
    throw std::runtime_error("stub: broken checker");
  };
  for (const auto& [hook, outcome] : std::vector<std::pair<RecheckHook, std::string>>{
           {reject, "rejected"}, {unsupported, "unsupported"}, {throws, "rejected"}}) {
    const CertifiedChecks c = normalisers_certified_checks(hand_row(), {1}, 2, hook);
    INFO(outcome);
    CHECK(c.holds == 0);
    CHECK(c.violated == 0);
    CHECK(c.undecided == c.table.rows.size());
    CHECK(c.counts.checked == plain.engine_certified);
    CHECK(c.counts.confirmed == 0);
    REQUIRE(c.counts.listed.size() == plain.engine_certified);
    for (const auto& x : c.counts.listed) CHECK(x.outcome == outcome);
    for (const auto& r : c.table.rows) CHECK(text(r[4]) == "no");
    // The sparsemax tie row lost its certified word, and says why.
    const auto& row = find_row(c.table, "alt.sparsemax", "spectral", "tie (0, 0)");
    CHECK(text(row[3]) == "undecided");
    CHECK(text(row[6]).rfind(outcome + ": ", 0) == 0);
    CHECK(text(row[6]).find("stub") != std::string::npos);
    const auto listed = recheck_table(c.counts, "normalisers_certified_not_confirmed");
    REQUIRE(listed);
    CHECK(listed->rows.size() == plain.engine_certified);
  }
}

TEST_CASE("normalisers certified checks: the spot row is the first 16 entries as shortest decimals", "[reports][normalisers]") {
  std::vector<double> z;
  std::vector<std::vector<double>> x;
  for (int i = 0; i < 20; ++i) {
    z.push_back(0.1 * i - 1.0 / 3);
    x.push_back({1.0 / (i + 1), -0.25});
  }
  const SpotRow r = spot_row_from_doubles("z", z, x);
  REQUIRE(r.logits.size() == kSpotMaxLength);
  REQUIRE(r.x.size() == kSpotMaxLength);
  for (std::size_t i = 0; i < kSpotMaxLength; ++i) {
    CHECK(std::strtod(r.logits[i].c_str(), nullptr) == z[i]);  // reads back as the same double
    REQUIRE(r.x[i].size() == 2);
    CHECK(std::strtod(r.x[i][0].c_str(), nullptr) == x[i][0]);
  }
  CHECK(r.x[0][1] == "-0.25");
  CHECK_THROWS_AS(spot_row_from_doubles("z", {}, {}), std::invalid_argument);
  CHECK_THROWS_AS(spot_row_from_doubles("z", {1, 2}, {{1}}), std::invalid_argument);
  CHECK_THROWS_AS(normalisers_certified_checks(SpotRow{"empty", {}, {}}, {1}, 1, nullptr), std::invalid_argument);
}
