// Tests of verify/proof_chains/alg5_fd_gradient: the simplex diameter and the corrected Lipschitz bound have no
// false step; the paper's Fig. 4 comparison min{1/(4T), sqrt 2} breaks at its Corollary 3 step near a tie (E1).
#include "testing/catch.hpp"
#include "verify/proof_chains/tests/chain_fixtures.hpp"

using namespace attnbound;
using namespace attnbound::chain_fixtures;

namespace {
ProofResult fd(const std::string& variant, std::vector<std::string> logits, const std::string& T, const std::string& eps,
               std::vector<std::string> direction) {
  return replay_proof(Instance::from_json({{"statement", "alg5.fd_gradient"}, {"variant", variant}, {"logits", logits},
                                           {"temperature", T}, {"epsilon", eps}, {"direction", direction}}));
}
}  // namespace

TEST_CASE("alg5 chain: the simplex diameter holds step by step", "[proof_chains]") {
  const auto r = fd("simplex_diameter", {"0", "0"}, "1", "1e-3", {"1", "-1"});
  check_no_false_step(r);
  CHECK(step(r, "hoelder").status == "exact");  // L = 2: |Delta_1| = |Delta_2|
  CHECK(step(r, "simplex").status == "slack");
  const auto big = fd("simplex_diameter", {"0", "2", "-1"}, "0.5", "3", {"1", "2", "3"});
  check_no_false_step(big);
  CHECK(step(big, "hoelder").status == "slack");
}

TEST_CASE("alg5 chain: lipschitz through the mean value inequality and the corrected Corollary 3", "[proof_chains]") {
  const auto r = fd("lipschitz", {"0", "2", "-1"}, "0.5", "0.1", {"1", "2", "3"});
  check_no_false_step(r);
  CHECK(step(r, "mean-value").status == "slack");
  CHECK(step(r, "corrected-cor3").status == "slack");
  CHECK(step(r, "claim").status == "slack");
  // At a tie the sup over the segment attains 1/(2T) at t = 0: its step cannot be decided, and is not false.
  const auto tie = fd("lipschitz", {"0", "0"}, "1", "1e-3", {"1", "-1"});
  check_no_false_step(tie);
  CHECK(step(tie, "mean-value").status == "slack");
}

TEST_CASE("alg5 chain: the Fig. 4 comparison breaks at its Corollary 3 step near a tie (E1)", "[proof_chains]") {
  const auto r = fd("cor3_bound", {"0", "0"}, "1", "1e-3", {"1", "-1"});
  REQUIRE(r.first_false);
  CHECK(r.steps[*r.first_false].name == "cor3-bound");
  CHECK(step(r, "mean-value").status == "slack");
  CHECK(step(r, "claim").status == "false");
}
