#include "reports/reproduce_reference.hpp"

#include "reports/tests/approval.hpp"
#include "reports/tests/tiny_reference_fixture.hpp"
#include "testing/catch.hpp"
#include "theory/errors.hpp"

#include <cmath>

using namespace attnbound::reports;

namespace {
using testing_fixture::small;
using testing_fixture::tiny;
const Evidence& find(const ReferenceResult& r, const std::string& st, const std::string& var) {
  for (const auto& e : r.evidence)
    if (e.statement == st && e.variant == var) return e;
  throw std::runtime_error("no evidence " + st + " " + var);
}
Report as_report(const ReferenceResult& r) {
  Report rep;
  rep.title = "tiny reproduce";
  rep.config = r.config;
  rep.tables = r.tables;
  rep.figures = r.figures;
  rep.claims = r.claims;
  rep.notes = r.notes;
  return rep;
}
}  // namespace

TEST_CASE("every row and temperature is checked, the corrected bounds never fail", "[reports]") {
  const ReferenceResult r = reproduce_reference(tiny(), small());
  // 4 heads x 3 rows x 3 temperatures; Algorithm 5 also x 3 eps.
  CHECK(find(r, "cor3.softmax_jacobian.corrected", "spectral").evaluations == 36);
  CHECK(find(r, "alg5.fd_gradient", "vs corrected bound").evaluations == 108);
  CHECK(find(r, "cor3.softmax_jacobian.corrected", "spectral").violations == 0);
  CHECK(find(r, "cor3.softmax_jacobian.corrected", "max_weight").violations == 0);
  CHECK(find(r, "alg5.fd_gradient", "vs corrected bound").violations == 0);
  CHECK(find(r, "cor1.softmax_weights", "logits-only, upper").violations == 0);
  CHECK(find(r, "cor1.softmax_weights", "logits-only, lower").violations == 0);
  // block 0 head 1 row 1 is an exact tie (8, 8): ||J||_2 = 1/(2T) > 1/(4T), the paper's bound fails (E1).
  const Evidence& paper = find(r, "cor3.softmax_jacobian", "spectral");
  CHECK(paper.violations > 0);
  // Worst at T = 0.01: ||J||_2 = 1/(2T) = 50 against min{25, sqrt 2} = sqrt 2.
  const double expected = 50 / std::sqrt(2.0);
  CHECK(paper.worst_ratio == Approx(expected));
  CHECK(paper.worst_certified);
  CHECK(paper.certified_violated >= 1);
  CHECK(std::strtod(paper.worst_lo.c_str(), nullptr) <= expected * (1 + 1e-12));
  CHECK(std::strtod(paper.worst_hi.c_str(), nullptr) >= expected * (1 - 1e-12));
  // The corrected bound is attained there: ratio 1, certified to hold (<=), never violated.
  const Evidence& corrected = find(r, "cor3.softmax_jacobian.corrected", "spectral");
  CHECK(corrected.worst_ratio == Approx(1.0));
  CHECK(corrected.certified_violated == 0);
}

TEST_CASE("the reproduction is deterministic for a seed and matches its baseline", "[reports][approval]") {
  const std::string a = report_json_text(as_report(reproduce_reference(tiny(), small())));
  const std::string b = report_json_text(as_report(reproduce_reference(tiny(), small())));
  CHECK(a == b);
  testing::approve("tiny_reproduce/report.json", a);
  ReproduceOptions other = small();
  other.seed = 12;
  CHECK(report_json_text(as_report(reproduce_reference(tiny(), other))) != a);  // the seed matters (directions)
}

TEST_CASE("the logit scale is a switch: scaled logits with T = 1 equal raw logits with T = 8", "[reports]") {
  ReproduceOptions raw = small(), scaled = small();
  raw.temperatures = {"8"};
  scaled.logit_scale = "scaled";
  scaled.temperatures = {"1"};
  const ReferenceResult a = reproduce_reference(tiny(), raw), b = reproduce_reference(tiny(), scaled);
  CHECK(find(a, "cor3.softmax_jacobian.corrected", "spectral").worst_ratio ==
        Approx(find(b, "cor3.softmax_jacobian.corrected", "spectral").worst_ratio));
  CHECK(b.config["native_temperature"] == "1");
  CHECK(default_temperatures("raw").size() == 17);  // 1-2-5 grid plus 8
  CHECK(default_temperatures("scaled").size() == 16);  // 1 is already on the grid
}

TEST_CASE("bad options name the field", "[reports]") {
  ReproduceOptions o = small();
  o.logit_scale = "log";
  CHECK_THROWS_WITH(reproduce_reference(tiny(), o), Catch::Contains("logit-scale"));
  o = small();
  o.temperatures = {"0"};
  CHECK_THROWS_WITH(reproduce_reference(tiny(), o), Catch::Contains("temperatures"));
  CHECK_THROWS_WITH(reproduce_reference({}, small()), Catch::Contains("reference"));
}

namespace {
// The tiny fixture as a capture would hold it: scores / sqrt(d_head) = raw / 8, source "attention".
std::vector<ReferenceExample> tiny_as_capture(bool with_values) {
  std::vector<ReferenceExample> d = tiny();
  for (auto& ex : d) {
    ex.source = "attention";
    ex.logit_scale = "scaled";
    for (auto& h : ex.heads) {
      for (auto& row : h.rows)
        for (auto& t : row) t = decimal_div8(t);
      for (auto& row : h.values)
        for (auto& v : row) v /= 8;
      if (with_values)
        for (std::size_t p = 0; p < ex.length; ++p)
          h.x.push_back({static_cast<double>(p) - h.head, 0.5 * h.layer + 1, static_cast<double>(p * p) / 4});
    }
  }
  return d;
}
}  // namespace

TEST_CASE("captured attention: the same checks, raw = the capture times sqrt(d_head)", "[reports][attention]") {
  const ReferenceResult a = reproduce_reference(tiny(), small()), b = reproduce_reference(tiny_as_capture(false), small());
  REQUIRE(a.evidence.size() == b.evidence.size());
  for (std::size_t i = 0; i < a.evidence.size(); ++i) {
    INFO(a.evidence[i].statement << " " << a.evidence[i].variant);
    CHECK(a.evidence[i].evaluations == b.evidence[i].evaluations);
    CHECK(a.evidence[i].violations == b.evidence[i].violations);
    CHECK(a.evidence[i].worst_ratio == b.evidence[i].worst_ratio);  // scaled x 8 is exact
    CHECK(a.evidence[i].worst_lo == b.evidence[i].worst_lo);
    CHECK(a.evidence[i].worst_hi == b.evidence[i].worst_hi);
  }
  for (const auto& t : b.tables) CHECK(t.id.rfind("attention_", 0) == 0);
  for (const auto& f : b.figures) CHECK(f.id.rfind("attention_", 0) == 0);
  for (const auto& c : b.claims) CHECK(c.id.rfind("statement.", 0) == 0);  // the GPT-2 headline claims are not made
  CHECK(b.config["native_temperature"] == "8");
  // Scaled: the capture's own numbers at T = 1.
  ReproduceOptions scaled = small();
  scaled.logit_scale = "scaled";
  scaled.temperatures = {"1"};
  ReproduceOptions raw8 = small();
  raw8.temperatures = {"8"};
  CHECK(find(reproduce_reference(tiny_as_capture(false), scaled), "cor3.softmax_jacobian.corrected", "spectral").worst_ratio ==
        Approx(find(reproduce_reference(tiny(), raw8), "cor3.softmax_jacobian.corrected", "spectral").worst_ratio));
  // Without d_head only the scale the capture holds can be analysed.
  auto unknown = tiny_as_capture(false);
  unknown[0].sqrt_d_head.clear();
  CHECK_THROWS_WITH(reproduce_reference(unknown, small()), Catch::Contains("logit-scale"));
  CHECK_NOTHROW(reproduce_reference(unknown, scaled));
}

TEST_CASE("captured attention with values adds Theorem 1 through the registry", "[reports][attention]") {
  ReproduceOptions o = small();
  o.theorem1_top_n = 1;
  const ReferenceResult r = reproduce_reference(tiny_as_capture(true), o);
  const Evidence& t1 = find(r, "thm1.fixed", "tight");
  // 4 heads, rows with n > N = 1: rows 1 and 2 of each (L = 3).
  CHECK(t1.evaluations == 8);
  CHECK(t1.violations == 0);  // Theorem 1 part 1 holds (theory/thm1_fixed.hpp)
  CHECK(t1.worst_ratio > 0);
  CHECK(t1.worst_ratio <= 1);
  CHECK(t1.certified == 1);
  CHECK(t1.worst_certified);
  CHECK(std::strtod(t1.worst_lo.c_str(), nullptr) <= t1.worst_ratio * (1 + 1e-12));
  CHECK(std::strtod(t1.worst_hi.c_str(), nullptr) >= t1.worst_ratio * (1 - 1e-12));
  CHECK(r.config["theorem1"]["top_n"] == 1);
  // No values, no Theorem 1; N >= every n: nothing evaluated, said so.
  CHECK_THROWS(find(reproduce_reference(tiny_as_capture(false), o), "thm1.fixed", "tight"));
  o.theorem1_top_n = 3;
  CHECK(find(reproduce_reference(tiny_as_capture(true), o), "thm1.fixed", "tight").evaluations == 0);
}

TEST_CASE("on the genuine GPT-2 exports the corrected bounds hold on every row", "[reports][shared]") {
  const auto p = attnbound::testing::shared_file_or_skip("data/gpt2-reference/ex0.json");
  if (p.empty()) return;
  ReproduceOptions o;
  o.certify_rows = 8;
  const ReferenceResult r = reproduce_reference({load_reference(p.string())}, o);
  CHECK(find(r, "cor3.softmax_jacobian.corrected", "spectral").violations == 0);
  CHECK(find(r, "cor1.softmax_weights", "logits-only, upper").violations == 0);
  CHECK(find(r, "alg5.fd_gradient", "vs corrected bound").violations == 0);
  CHECK(find(r, "cor3.softmax_jacobian.corrected", "spectral").certified_violated == 0);
}
