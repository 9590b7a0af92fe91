#include "reports/reproduce_reference.hpp"

#include "reports/tests/approval.hpp"
#include "testing/catch.hpp"
#include "theory/errors.hpp"

#include <cmath>

using namespace attnbound::reports;

namespace {
std::vector<ReferenceExample> tiny() {
  return {load_reference((attnbound::testing::source_dir() / "reports/tests/data/tiny_reference.json").string())};
}
ReproduceOptions small() {
  ReproduceOptions o;
  o.temperatures = {"0.01", "1", "8"};
  o.certify_rows = 4;
  o.certify_bits = 96;
  o.seed = 11;
  return o;
}
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
