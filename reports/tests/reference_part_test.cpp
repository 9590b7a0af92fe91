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
  CHECK(o.config["files"].dump() == R"(["tiny_reference.json"])");
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

TEST_CASE("reference part: a certified row the re-check rejects is undecided and listed, never kept certified", "[reports]") {
  ReproduceOptions o = testing_fixture::small();
  std::size_t calls = 0;
  o.recheck = [&](const attnbound::Instance&, const attnbound::CertifiedResult&, const std::string&) {
    ++calls;  // a stub checker that rejects everything
    return RecheckOutcome{RecheckOutcome::Kind::rejected, "stub rejection"};
  };
  const PartOutcome o_rej = reference_part({kTiny}, o, nullptr);
  REQUIRE(calls >= 1);
  for (const auto& v : o_rej.verdicts) {
    CHECK_FALSE(v.certified);
    CHECK(v.certified_holds == 0);
    CHECK(v.verdict != "violated");
    CHECK(v.verdict != "holds");
  }
  // The paper's Corollary 3 at the tie, certified violated by the engine, is now a double-precision finding.
  const VerdictRow& paper = row(o_rej, "cor3.softmax_jacobian", "spectral");
  CHECK(paper.verdict == "violated in double precision (not certified)");
  REQUIRE(paper.worst_ratio);
  CHECK_FALSE(paper.worst_ratio->certified);  // the rejected worst row's enclosure is not shown as certified
  const auto& ic = o_rej.config["independent_check"];
  CHECK(ic["checked"] == calls);
  CHECK(ic["rejected"] == calls);
  CHECK(ic["confirmed"] == 0);
  REQUIRE(ic["listed"].size() == calls);
  CHECK(ic["listed"][0]["why"] == "stub rejection");
  const Table* listed = nullptr;
  for (const auto& t : o_rej.tables)
    if (t.id == "reference_recheck_rejections") listed = &t;
  REQUIRE(listed);
  CHECK(listed->rows.size() == calls);
  // Every certified row is undecided in the certified sample table.
  for (const auto& t : o_rej.tables)
    if (t.id == "certified_sample")
      for (const auto& r : t.rows) CHECK(std::get<std::string>(r.back()) == "undecided");
}

TEST_CASE("reference part: with a confirming checker every certified row keeps its word", "[reports]") {
  ReproduceOptions o = testing_fixture::small();
  std::size_t calls = 0;
  o.recheck = [&](const attnbound::Instance&, const attnbound::CertifiedResult&, const std::string&) {
    ++calls;
    return RecheckOutcome{RecheckOutcome::Kind::confirmed, ""};
  };
  const PartOutcome confirmed = reference_part({kTiny}, o, nullptr);
  const PartOutcome alone = reference_part({kTiny}, testing_fixture::small(), nullptr);
  REQUIRE(confirmed.verdicts.size() == alone.verdicts.size());
  for (std::size_t i = 0; i < alone.verdicts.size(); ++i) {
    CHECK(confirmed.verdicts[i].verdict == alone.verdicts[i].verdict);
    CHECK(confirmed.verdicts[i].certified == alone.verdicts[i].certified);
  }
  CHECK(confirmed.config["independent_check"]["confirmed"] == calls);
  CHECK(calls >= 1);
  CHECK_FALSE(alone.config.contains("independent_check"));
  CHECK(row(alone, "cor3.softmax_jacobian", "spectral").evidence.find("not re-checked (no checker attached)") !=
        std::string::npos);
}
