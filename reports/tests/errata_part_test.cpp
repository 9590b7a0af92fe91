#include "reports/errata_part.hpp"

#include "testing/catch.hpp"
#include "theory/statement.hpp"

using namespace attnbound::reports;

TEST_CASE("errata part: the E1 tie refutes the paper's Corollary 3 in every norm, certified", "[reports]") {
  std::size_t rechecked = 0;
  PartContext ctx;
  ctx.recheck = [&](const attnbound::Instance&, const attnbound::CertifiedResult& r, const std::string& label) {
    CHECK(r.certified);
    CHECK(label.rfind("errata ", 0) == 0);
    ++rechecked;
  };
  const PartOutcome o = errata_part(ctx);
  CHECK(o.section.status == "ran");
  const std::size_t paper = attnbound::find_statement("cor3.softmax_jacobian").info.variants.size();
  const std::size_t corrected = attnbound::find_statement("cor3.softmax_jacobian.corrected").info.variants.size();
  REQUIRE(o.verdicts.size() == paper + corrected);
  REQUIRE(o.tables.size() == 1);
  CHECK(o.tables[0].rows.size() == 3 * (paper + corrected));  // T in {1, 0.1, 0.01}
  std::size_t certified_rows = 0;
  for (const auto& r : o.tables[0].rows) {
    const std::string& verdict = std::get<std::string>(r[5]);
    certified_rows += verdict == "holds" || verdict == "violated";
  }
  CHECK(rechecked == certified_rows);
  for (const auto& v : o.verdicts) {
    INFO(v.statement << " " << v.variant);
    if (v.statement == "cor3.softmax_jacobian") {
      CHECK(v.verdict == "violated");  // 1/(2T) > min{1/(4T), sqrt 2} at each T
      CHECK(v.certified);
    } else {
      CHECK(v.verdict != "violated");  // the corrected bounds hold; attained ones stay undecided at the tie
    }
  }
  // No re-check set: the same verdicts.
  CHECK(errata_part().verdicts.size() == o.verdicts.size());
}
