// Tests of verify/proof_chains/alt_ssmax: the E1 chain at the effective temperature, cor3_transfer broken at
// a tie, the vanishing claim.
#include "testing/catch.hpp"
#include "verify/proof_chains/tests/chain_fixtures.hpp"

using namespace attnbound;
using namespace attnbound::chain_fixtures;

TEST_CASE("proof_replay: alt.ssmax spectral holds away from ties, cor3_transfer fails at a tie", "[proof_replay]") {
  const auto r = replay_proof(Instance::from_json(
      {{"statement", "alt.ssmax"}, {"logits", {"1", "0", "-1"}}, {"ssmax_scale", "0.7"}, {"temperature", "2"}}));
  check_no_false_step(r);
  CHECK(step(r, "half").status == "slack");
  const auto c = replay_proof(Instance::from_json(
      {{"statement", "alt.ssmax"}, {"variant", "cor3_transfer"}, {"logits", {"0", "0"}}}));
  REQUIRE(c.first_false);
  CHECK(c.steps[*c.first_false].name == "claim");
}

TEST_CASE("proof_replay: alt.ssmax vanishing holds", "[proof_replay]") {
  const auto v = replay_proof(Instance::from_json(
      {{"statement", "alt.ssmax"}, {"variant", "vanishing"}, {"logits", {"2", "0", "-1", "0.5"}}}));
  check_no_false_step(v);
}
