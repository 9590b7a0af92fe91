// Tests of verify/proof_chains/cor3_softmax_jacobian_corrected: the corrected Corollary 3 (erratum E1) has no
// false step; at a two-way tie every step is met with equality (the bound is attained at v = (1, -1)/sqrt 2),
// away from ties Popoviciu's step carries the slack.
#include "testing/catch.hpp"
#include "verify/proof_chains/tests/chain_fixtures.hpp"

using namespace attnbound;
using namespace attnbound::chain_fixtures;

namespace {
ProofResult corrected(const std::string& variant, std::vector<std::string> logits, const std::string& T) {
  return replay_proof(Instance::from_json({{"statement", "cor3.softmax_jacobian.corrected"}, {"variant", variant},
                                           {"logits", logits}, {"temperature", T}}));
}
}  // namespace

TEST_CASE("cor3 corrected chain: at a two-way tie every step is exact, Popoviciu attained", "[proof_chains]") {
  for (const std::string variant : {"spectral", "frobenius", "per_weight"}) {
    INFO(variant);
    const auto r = corrected(variant, {"0.1", "0.1"}, "0.3");
    CHECK(r.variant == variant);
    check_no_false_step(r);
    for (const auto& s : r.steps) {
      INFO(s.name);
      CHECK(s.status == "exact");
    }
  }
  const auto r = corrected("spectral", {"0.1", "0.1"}, "0.3");
  CHECK(step(r, "popoviciu").kind == StepKind::at_most);
  CHECK(step(r, "variance").kind == StepKind::identity);
}

TEST_CASE("cor3 corrected chain: away from ties the inequalities are certified with slack", "[proof_chains]") {
  const auto r = corrected("spectral", {"0", "3", "-2", "1"}, "2");
  check_no_false_step(r);
  CHECK(step(r, "secular").status == "exact");
  CHECK(step(r, "variance").status == "exact");  // the secular eigenvector attains lambda_max
  CHECK(step(r, "popoviciu").status == "slack");
  CHECK(step(r, "unit-range").status == "slack");
  CHECK(step(r, "claim").status == "slack");
  // "certified" only beside a decided word (slack here), never beside exact.
  const auto json = to_json(r);
  for (const auto& s : json["steps"]) {
    INFO(s["step"]);
    CHECK(s["certified"] == (s["status"] == "slack"));
  }
  const auto f = corrected("frobenius", {"0", "3", "-2", "1"}, "2");
  check_no_false_step(f);
  CHECK(step(f, "frobenius-expansion").status == "exact");
  CHECK(step(f, "cauchy-schwarz").status == "slack");
  const auto p = corrected("per_weight", {"0", "3", "-2", "1"}, "2");
  check_no_false_step(p);
  CHECK(step(p, "others-squared").status == "slack");
  const auto m = corrected("max_weight", {"0", "3", "-2", "1"}, "2");
  check_no_false_step(m);
  CHECK(step(m, "psd-order").status == "slack");
}

TEST_CASE("cor3 corrected chain: three equal weights and a single token", "[proof_chains]") {
  // a = (1/3, 1/3, 1/3): lambda_max = 1/3 on v = (e_1 - e_2)/sqrt 2, whose range is sqrt 2 (unit-range exact)
  // while Popoviciu gives 1/2 > 1/3.
  const auto r = corrected("spectral", {"0", "0", "0"}, "1");
  check_no_false_step(r);
  CHECK(step(r, "variance").status == "exact");
  CHECK(step(r, "popoviciu").status == "slack");
  CHECK(step(r, "unit-range").status == "exact");
  const auto one = corrected("spectral", {"5"}, "1");  // J = 0
  check_no_false_step(one);
  CHECK(step(one, "claim").status == "slack");
}
