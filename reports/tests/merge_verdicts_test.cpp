// Tests of reports/merge_verdicts: one row per reading, and the overall-verdict rule.
#include "reports/merge_verdicts.hpp"

#include "testing/catch.hpp"
#include "theory/statement.hpp"

#include <set>

using namespace attnbound::reports;

namespace {
VerdictRow row(const std::string& statement, const std::string& variant, const std::string& verdict, bool certified,
               std::size_t holds = 0) {
  VerdictRow v;
  v.statement = statement;
  v.variant = variant;
  v.verdict = verdict;
  v.certified = certified;
  v.evidence = verdict + " evidence";
  v.certified_holds = holds;
  return v;
}
PartEvidence ev(const std::string& verdict, bool certified, std::size_t holds = 0) {
  return {"part", verdict, certified, "", std::nullopt, holds};
}
}  // namespace

TEST_CASE("merge_verdicts: exactly one row per reading, registry readings first, evidence kept", "[reports]") {
  const std::vector<PartVerdict> rows{
      {"verify", row("cor3.softmax_jacobian", "spectral", "violated", true)},
      {"search", row("cor3.softmax_jacobian", "spectral", "violated", true)},
      {"corpus", row("cor3.softmax_jacobian", "spectral", "violated", true)},
      {"reproduce_reference", row("cor1.softmax_weights", "logits-only, upper", "not refuted", false)},
      {"verify", row("lemma1.vanishing", "two_sided", "holds", true, 7)},
      {"search", row("lemma1.vanishing", "two_sided", "not refuted", false)},
  };
  const auto merged = merge_verdicts(rows);
  std::set<std::pair<std::string, std::string>> seen;
  std::size_t registry = 0;
  for (const auto& st : attnbound::all_statements()) registry += st.info.variants.size();
  REQUIRE(merged.size() == registry + 1);  // the logits-only reading is outside the registry, last
  for (const auto& v : merged) CHECK(seen.insert({v.statement, v.variant}).second);
  CHECK(merged.back().variant == "logits-only, upper");
  for (const auto& v : merged) {
    if (v.statement == "cor3.softmax_jacobian" && v.variant == "spectral") {
      CHECK(v.evidence_list.size() == 3);
      CHECK(v.verdict == "violated");
      CHECK(v.certified);
      CHECK(!v.claim.empty());  // from the registry
    }
    if (v.statement == "lemma1.vanishing") {
      CHECK(v.verdict == "holds");
      CHECK(v.certified_holds == 7);
    }
    if (v.evidence_list.empty()) CHECK(v.verdict == "not evaluated");
  }
}

TEST_CASE("overall_verdict: a violation anywhere wins, and Monte Carlo or double precision never certifies",
          "[reports]") {
  using P = std::pair<std::string, bool>;
  CHECK(overall_verdict({ev("holds", true, 5), ev("violated", true)}) == P{"violated", true});
  CHECK(overall_verdict({ev("holds", true, 5), ev("statistically violated", false)}) == P{"statistically violated", false});
  CHECK(overall_verdict({ev("holds", true, 5), ev("violated in double precision (not certified)", false)}) ==
        P{"violated in double precision (not certified)", false});
  CHECK(overall_verdict({ev("tight", false, 3), ev("undecided", false)}) == P{"holds", true});
  CHECK(overall_verdict({ev("statistically holds", false), ev("not refuted", false)}) == P{"statistically holds", false});
  CHECK(overall_verdict({ev("tight", false), ev("not refuted", false)}) == P{"tight", false});
  CHECK(overall_verdict({ev("not refuted", false)}) == P{"not refuted", false});
  CHECK(overall_verdict({}) == P{"not evaluated", false});
  // An uncertified "holds" (a double-precision scan) proves nothing.
  CHECK(overall_verdict({ev("holds", false)}) == P{"not refuted", false});
}
