// Tests of verify/proof_chains/cor1_softmax_weights: Corollary 1 holds step by step; the literal reading breaks at its range step.
#include "testing/catch.hpp"
#include "verify/proof_chains/tests/chain_fixtures.hpp"

using namespace attnbound;
using namespace attnbound::chain_fixtures;

TEST_CASE("proof_replay: Corollary 1 holds step by step, the literal reading breaks at its range step",
          "[proof_replay]") {
  // q = (1), keys (0), (10), T = 1: Delta = 10, alpha_0 = 1/(1 + e^10); the literal Delta_0 = 0 gives 1/2.
  const nlohmann::json base{{"statement", "cor1.softmax_weights"}, {"query", {"1"}}, {"keys", {{"0"}, {"10"}}},
                            {"temperature", "1"}};
  const auto r = replay_proof(Instance::from_json(base));
  CHECK(r.variant == "max_key");
  CHECK_FALSE(r.first_false);
  CHECK(step(r, "cauchy-schwarz").status == "exact");
  CHECK(step(r, "claim-upper").status == "slack");
  auto lit = base;
  lit["variant"] = "literal";
  const auto l = replay_proof(Instance::from_json(lit));
  REQUIRE(l.first_false);
  // The chain follows the indices the claim reports. Upper side: both indices hold, and index 0 has the
  // largest ratio alpha_i / bound_i; its range step e^{10}/2 <= e^{2 Delta_0}/2 = 1/2 is false although
  // its claim holds. Lower side: index 0 is violated (alpha_0 = 1/(1+e^10) < 1/2).
  CHECK(l.steps[*l.first_false].name == "upper-range");
  CHECK(step(l, "claim-upper").status != "false");
  CHECK(step(l, "lower-range").status == "false");
  CHECK(step(l, "claim-lower").status == "false");
}
