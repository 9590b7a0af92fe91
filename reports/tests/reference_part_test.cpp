#include "reports/reference_part.hpp"

#include "reports/tests/tiny_reference_fixture.hpp"
#include "testing/catch.hpp"

using namespace attnbound::reports;

namespace {
const VerdictRow& row(const PartOutcome& o, const std::string& st, const std::string& var) {
  for (const auto& v : o.verdicts)
    if (v.statement == st && v.variant == var) return v;
  throw std::runtime_error("no verdict row " + st + " " + var);
}
const std::string kTiny = (attnbound::testing::source_dir() / "reports/tests/data/tiny_reference.json").string();
}  // namespace

TEST_CASE("reference part: a verdict row per check, proof words only beside a certified proof", "[reports]") {
  std::vector<std::string> lines;
  const PartOutcome o = reference_part({kTiny}, testing_fixture::small(), [&](const std::string& s) { lines.push_back(s); });
  CHECK(o.section.id == "reproduce_reference");
  CHECK(o.section.status == "ran");
  CHECK(lines.size() == 2);  // reading the file, analysing it
  CHECK(o.config["files"] == nlohmann::json::array({"tiny_reference.json"}));
  REQUIRE(o.verdicts.size() == 7);
  // The paper's Corollary 3 fails at the tie (8, 8), and an interval evaluation confirms it.
  const VerdictRow& paper = row(o, "cor3.softmax_jacobian", "spectral");
  CHECK(paper.verdict == "violated");
  CHECK(paper.certified);
  REQUIRE(paper.worst_ratio);
  CHECK(paper.worst_ratio->certified);
  // The corrected bound is attained at the tie: its certified worst row is undecided, so no "holds".
  const VerdictRow& corrected = row(o, "cor3.softmax_jacobian.corrected", "spectral");
  CHECK_FALSE(corrected.certified);
  CHECK(corrected.verdict == "not refuted");
  CHECK(corrected.evidence.find("36 double-precision evaluations on GPT-2 reference rows, 0 violated") == 0);
  CHECK_FALSE(o.tables.empty());
  CHECK_FALSE(o.claims.empty());
}

TEST_CASE("reference and attention parts without data are unavailable and say how to get it", "[reports]") {
  const PartOutcome none = reference_part({}, testing_fixture::small(), nullptr);
  CHECK(none.section.status == "unavailable");
  CHECK(none.section.detail.find("--reference") != std::string::npos);
  CHECK(none.verdicts.empty());
  const PartOutcome no_capture = attention_part({}, testing_fixture::small(), nullptr);
  CHECK(no_capture.section.id == "reproduce_attention");
  CHECK(no_capture.section.status == "unavailable");
  CHECK(no_capture.section.detail.find("--attention") != std::string::npos);
}
