// The "Proved over domains" part: every target's status, its certificate checked, evidence rows and the figure.
#include "reports/prove_part.hpp"
#include "testing/catch.hpp"

#include <string>

using namespace attnbound::reports;

TEST_CASE("prove part: the paper's Corollary 3 refuted, the corrected one proved within the target, all certificates confirmed", "[reports][prove_part]") {
  const PartOutcome o = prove_part(PartContext{}, attnbound::testing::source_dir() / "counterexamples/corpus", 3);
  CHECK(o.section.status == "ran");
  REQUIRE(o.tables.size() == 1);
  const Table& t = o.tables[0];
  REQUIRE(t.rows.size() == 3 + 3 * 2);  // paper: 3 norms at L = 2; corrected: 3 norms at L = 2, 3
  for (const auto& row : t.rows) {
    const std::string statement = std::get<std::string>(row[0]);
    const std::string status = std::get<std::string>(row[4]);
    CHECK(status == (statement == "cor3.softmax_jacobian" ? "refuted" : "proved"));
    CHECK(std::get<std::string>(row[8]) == "confirmed");
    const auto& [lo, hi] = std::get<std::pair<std::string, std::string>>(row[5]);
    if (status == "proved") {
      CHECK(std::stod(lo) > 0.99);
      CHECK(std::stod(hi) <= 1.000001);
    } else {
      CHECK(std::stod(lo) > 1);
      CHECK(hi == "inf");
    }
  }
  CHECK(o.generated.size() == t.rows.size());  // one certificate per target
  CHECK(o.generated[0].first.rfind("certificates/prove/cor3.softmax_jacobian.spectral.L2.json", 0) == 0);
  std::size_t violated = 0, not_refuted = 0;
  for (const auto& v : o.verdicts) {
    if (v.verdict == "violated") {
      ++violated;
      CHECK(v.certified);
    }
    if (v.verdict == "not refuted") {
      ++not_refuted;
      REQUIRE(v.worst_ratio);
      CHECK(v.worst_ratio->certified);
      CHECK(std::stod(v.worst_ratio->hi) <= 1.000001);
    }
  }
  CHECK(violated == 3);
  CHECK(not_refuted == 3);
  REQUIRE(o.figures.size() == 1);
  CHECK(o.figures[0].id == "tightness_intervals");
  CHECK(o.figures[0].series[1].points.size() == 3);  // a proven sup per corrected norm
}
