#include "reports/reproduce_reference_certify.hpp"

#include "reports/tests/tiny_reference_fixture.hpp"
#include "testing/catch.hpp"
#include "theory/errors.hpp"

#include <cmath>
#include <cstdlib>

using namespace attnbound;
using namespace attnbound::reports;
using namespace attnbound::reports::reference;

namespace {
using testing_fixture::small;
using testing_fixture::tiny;
}  // namespace

TEST_CASE("the certified sample: each check's worst row, then seeded rows at the native T", "[reports]") {
  const auto data = tiny();
  const Grid g = make_grid(data, small());
  Sweep s = sweep_rows(data, g, 11);
  const auto keys = certified_keys(data, g, s, small());
  REQUIRE(keys.size() == kChecks + 4);
  for (int c = 0; c < kChecks; ++c) CHECK(keys[c].second == s.worst[c]);
  for (std::size_t k = kChecks; k < keys.size(); ++k) {
    CHECK(keys[k].second.ti == g.native_ti);
    CHECK(keys[k].second.row >= 1);
  }
  CHECK(certified_keys(data, g, s, small()) == keys);  // seeded

  const std::vector<CertifiedRow> rows = certify_sample(data, g, s, small());
  REQUIRE(rows.size() == keys.size());
  std::size_t certified = 0;
  for (const auto& e : s.evidence) {
    CHECK(e.certified == e.certified_holds + e.certified_violated + e.certified_undecided);
    certified += e.certified;
  }
  CHECK(certified == rows.size());
  // The paper's Corollary 3 at the tie is certified violated, its ratio enclosed around 50/sqrt 2.
  const Evidence& paper = s.evidence[kCor3Paper];
  CHECK(paper.worst_certified);
  CHECK(paper.certified_violated >= 1);
  const double expected = 50 / std::sqrt(2.0);
  CHECK(std::strtod(paper.worst_lo.c_str(), nullptr) <= expected * (1 + 1e-12));
  CHECK(std::strtod(paper.worst_hi.c_str(), nullptr) >= expected * (1 - 1e-12));
  CHECK(rows[kCor3Paper].verdict == "violated");
  // The corrected bound is attained at the tie: never certified violated.
  CHECK(s.evidence[kCor3Corrected].certified_violated == 0);

  const Table t = certified_sample_table(data, g, rows, small());
  CHECK(t.id == "certified_sample");
  CHECK(t.rows.size() == rows.size());
}

TEST_CASE("a row the registry refuses is an error naming the check, never another formula", "[reports]") {
  auto data = tiny();
  const Grid g = make_grid(data, small());
  const RowKey tie{0, 1, 1, 0, 0};
  RecheckCounts counts;
  const CertifiedRow row = certify_row(kCor3Corrected, data, g, tie, small(), counts);
  CHECK(row.verdict == "undecided");  // attained: 1/(2T) against 1/(2T), never certified either way
  CHECK(std::strtod(row.q_lo.c_str(), nullptr) <= 50);
  CHECK(std::strtod(row.q_hi.c_str(), nullptr) >= 50);
  CHECK(counts.checked == 0);  // no hook: nothing re-checked, nothing listed
  data[0].heads[1].rows[1][0] = "1e";  // not a decimal: the registry's Instance refuses it
  CHECK_THROWS_WITH(certify_row(kCor3Corrected, data, g, tie, small(), counts),
                    Catch::Contains("cor3.softmax_jacobian.corrected [spectral]") && Catch::Contains("registry refused"));
}

TEST_CASE("each check's certified registry row encloses the double pass's ratio at its worst row", "[reports]") {
  // The double pass (reproduce_reference_checks.hpp) and the certified rows (the registry) compute each check by
  // different code: at every check's worst key the certified ratio enclosure must contain the double's ratio.
  const auto data = tiny();
  const Grid g = make_grid(data, small());
  Sweep s = sweep_rows(data, g, small().seed);
  for (int c = 0; c < kChecks; ++c) {
    INFO(check_info(static_cast<Check>(c)).statement << " [" << check_info(static_cast<Check>(c)).variant << "]");
    RecheckCounts counts;
    const CertifiedRow row = certify_row(static_cast<Check>(c), data, g, s.worst[c], small(), counts);
    const double r = s.evidence[c].worst_ratio;
    CHECK(std::strtod(row.ratio_lo.c_str(), nullptr) <= r * (1 + 1e-9));
    CHECK(std::strtod(row.ratio_hi.c_str(), nullptr) >= r * (1 - 1e-9));
  }
}

TEST_CASE("every certified row of the tiny reproduction goes to the re-check hook, with its instance", "[reports]") {
  const auto data = tiny();
  ReproduceOptions o = small();
  std::size_t calls = 0;
  o.recheck = [&](const Instance& inst, const CertifiedResult& r, const std::string& label) {
    ++calls;
    CHECK(r.certified);
    CHECK((r.verdict == Verdict::holds || r.verdict == Verdict::violated));
    CHECK(inst.statement() == r.statement);
    CHECK_FALSE(label.empty());
    return RecheckOutcome{RecheckOutcome::Kind::confirmed, ""};
  };
  const Grid g = make_grid(data, o);
  Sweep s = sweep_rows(data, g, o.seed);
  const std::vector<CertifiedRow> rows = certify_sample(data, g, s, o);
  std::size_t decided = 0, checked = 0;
  for (const auto& e : s.evidence) {
    checked += e.recheck.checked;
    CHECK(e.recheck.confirmed == e.recheck.checked);
    CHECK(e.recheck.listed.empty());
  }
  for (const auto& r : rows) decided += r.verdict != "undecided";
  CHECK(decided >= 1);
  CHECK(calls == checked);
  CHECK(checked >= decided);  // Algorithm 5 against the corrected bound: two registry verdicts per row
}
