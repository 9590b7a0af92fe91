#include "reports/reproduce_recheck.hpp"

#include "testing/catch.hpp"

#include <stdexcept>

using namespace attnbound;
using namespace attnbound::reports;

namespace {

// cor3.softmax_jacobian (the paper's min{1/(4T), sqrt 2}) at the tie (0, 0), T = 1/100: ||J||_2 = 1/(2T) = 50 >
// sqrt 2, certified violated; the corrected 1/(2T) at (0, 1), T = 1: ||J||_2 < 1/2, certified holds.
Instance paper_tie() {
  return Instance::from_json({{"statement", "cor3.softmax_jacobian"}, {"variant", "spectral"},
                              {"logits", {"0", "0"}}, {"temperature", "0.01"}});
}
Instance corrected_apart() {
  return Instance::from_json({{"statement", "cor3.softmax_jacobian.corrected"}, {"variant", "spectral"},
                              {"logits", {"0", "1"}}, {"temperature", "1"}});
}

RecheckedRow run(const Instance& inst, const RecheckHook& hook, RecheckCounts& counts) {
  return certify_and_recheck(find_statement(inst.statement()), inst, inst.variant(), 0, 96, hook,
                             "probe row", counts);
}

}  // namespace

TEST_CASE("reproduce_recheck: a confirmed certificate keeps the engine's word, without a hook it is not re-checked", "[reports]") {
  RecheckCounts counts;
  std::size_t calls = 0;
  const RecheckHook confirm = [&](const Instance& inst, const CertifiedResult& r, const std::string& label) {
    ++calls;
    CHECK(inst.statement() == r.statement);
    CHECK(label == "probe row");
    return RecheckOutcome{RecheckOutcome::Kind::confirmed, ""};
  };
  const RecheckedRow v = run(paper_tie(), confirm, counts);
  CHECK(v.certificate);
  CHECK(v.verdict == "violated");
  const RecheckedRow h = run(corrected_apart(), confirm, counts);
  CHECK(h.verdict == "holds");
  CHECK(calls == 2);
  CHECK(counts.checked == 2);
  CHECK(counts.confirmed == 2);
  CHECK(counts.listed.empty());
  CHECK_FALSE(recheck_table(counts, "t").has_value());

  RecheckCounts none;
  CHECK(run(paper_tie(), RecheckHook{}, none).verdict == "violated");
  CHECK(none.checked == 0);
  CHECK(recheck_evidence(none, 1, false) == "1 certified row(s) not re-checked (no checker attached)");
}

TEST_CASE("reproduce_recheck: a rejection, an unsupported answer or a failing checker leaves the row undecided and listed", "[reports]") {
  RecheckCounts counts;
  const RecheckHook reject = [](const Instance&, const CertifiedResult&, const std::string&) {
    return RecheckOutcome{RecheckOutcome::Kind::rejected, "stub: unsound enclosure"};
  };
  const RecheckHook unsupported = [](const Instance&, const CertifiedResult&, const std::string&) {
    return RecheckOutcome{RecheckOutcome::Kind::unsupported, "stub: not evaluated"};
  };
  const RecheckHook throws = [](const Instance&, const CertifiedResult&, const std::string&) -> RecheckOutcome {
    throw std::runtime_error("stub checker crashed");
  };
  CHECK(run(paper_tie(), reject, counts).verdict == "undecided");
  CHECK(run(corrected_apart(), unsupported, counts).verdict == "undecided");
  CHECK(run(corrected_apart(), throws, counts).verdict == "undecided");
  CHECK(counts.checked == 3);
  CHECK(counts.confirmed == 0);
  CHECK(counts.rejected == 2);
  CHECK(counts.unsupported == 1);
  REQUIRE(counts.listed.size() == 3);
  CHECK(counts.listed[0].where == "probe row");
  CHECK(counts.listed[0].statement == "cor3.softmax_jacobian");
  CHECK(counts.listed[0].outcome == "rejected");
  CHECK(counts.listed[0].why == "stub: unsound enclosure");
  CHECK(counts.listed[1].outcome == "unsupported");
  CHECK(counts.listed[2].why.find("stub checker crashed") != std::string::npos);
  const auto t = recheck_table(counts, "reference_recheck_rejections");
  REQUIRE(t.has_value());
  CHECK(t->rows.size() == 3);
  const ojson j = counts.to_json();
  CHECK(j["rejected"] == 2);
  CHECK(j["listed"].size() == 3);
  CHECK(recheck_evidence(counts, 3, true) ==
        "re-checked by attnbound check (Arb): 0 of 3 confirmed, 2 rejected, 1 unsupported");
}

TEST_CASE("reproduce_recheck: an undecided engine result is never sent to the checker nor called certified", "[reports]") {
  // The corrected bound is attained at the tie: ||J||_2 = 1/(2T) = 50 for T = 1/100, not a binary number, so
  // the enclosures of both sides overlap at any precision: undecided, no certificate.
  const Instance tie = Instance::from_json({{"statement", "cor3.softmax_jacobian.corrected"}, {"variant", "spectral"},
                                            {"logits", {"0", "0"}}, {"temperature", "0.01"}});
  RecheckCounts counts;
  std::size_t calls = 0;
  const RecheckHook count = [&](const Instance&, const CertifiedResult&, const std::string&) {
    ++calls;
    return RecheckOutcome{RecheckOutcome::Kind::confirmed, ""};
  };
  const RecheckedRow r = run(tie, count, counts);
  CHECK_FALSE(r.certificate);
  CHECK(r.verdict == "undecided");
  CHECK(calls == 0);
  CHECK(counts.checked == 0);
}

TEST_CASE("reproduce_recheck: range_enclosure encloses both printed ends", "[reports]") {
  PrecisionScope scope(64);
  const Interval x = range_enclosure(Range{"0.1", "0.3", 0});
  CHECK(lower_end(x) <= from_decimal<Real>("0.1"));
  CHECK(upper_end(x) >= from_decimal<Real>("0.3"));
}
