// Tests of verify/proof_chains/cor3_softmax_jacobian: Corollary 3's derivation breaks at its "diagonal" step (erratum E1).
#include "testing/catch.hpp"
#include "verify/proof_chains/tests/chain_fixtures.hpp"

using namespace attnbound;
using namespace attnbound::chain_fixtures;

TEST_CASE("proof_replay: Corollary 3 at a two-way tie breaks at the diagonal step", "[proof_replay]") {
  const auto r = replay_proof(Instance::from_json(
      {{"statement", "cor3.softmax_jacobian"}, {"logits", {"0.1", "0.1"}}, {"temperature", "0.3"}}));
  CHECK(r.variant == "spectral");
  REQUIRE(r.first_false);
  CHECK(r.steps[*r.first_false].name == "diagonal");
  CHECK(step(r, "secular").status == "exact");
  CHECK(step(r, "am-gm").status == "exact");  // a = 1/2: a(1 - a) = 1/4
  CHECK(step(r, "spectral<=frobenius").status == "exact");  // rank one: ||J||_2 = ||J||_F
  CHECK(step(r, "frobenius-constant").status == "slack");
  CHECK(step(r, "claim").status == "false");
  CHECK(r.precision_bits >= 512);
  // "certified" only beside a decided word: exact is evidence of equality, not a proof.
  const auto json = to_json(r);  // kept alive: the loop iterates one of its members
  for (const auto& s : json["steps"]) {
    INFO(s["step"]);
    CHECK(s["certified"] == (s["status"] == "false" || s["status"] == "slack" || s["status"] == "tight"));
  }
}

TEST_CASE("proof_replay: Corollary 3 away from ties: the diagonal step is still false", "[proof_replay]") {
  // lambda_max(diag a - a a^T) >= max_i (a_i - a_i^2) by Rayleigh, strictly when an off-diagonal entry is
  // nonzero: the 1/(4T) route never goes through, although the claim itself may hold.
  const auto r = replay_proof(Instance::from_json(
      {{"statement", "cor3.softmax_jacobian"}, {"logits", {"0", "3", "-2", "1"}}, {"temperature", "2"}}));
  REQUIRE(r.first_false);
  CHECK(r.steps[*r.first_false].name == "diagonal");
  CHECK(step(r, "am-gm").status == "slack");
  CHECK(step(r, "claim").status != "undecided");
}
