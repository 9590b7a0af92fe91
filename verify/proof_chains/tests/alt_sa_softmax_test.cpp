// Tests of verify/proof_chains/alt_sa_softmax: the split J = diag p + diag(z) Js holds, the softmax band
// fails at the claim, the vanishing chain holds.
#include "testing/catch.hpp"
#include "verify/proof_chains/tests/chain_fixtures.hpp"

using namespace attnbound;
using namespace attnbound::chain_fixtures;

TEST_CASE("proof_replay: alt.sa_softmax spectral holds, softmax_band fails at the claim", "[proof_replay]") {
  const auto r = replay_proof(Instance::from_json({{"statement", "alt.sa_softmax"}, {"logits", {"1.5", "-0.5", "0"}}}));
  check_no_false_step(r);
  const auto b = replay_proof(Instance::from_json(
      {{"statement", "alt.sa_softmax"}, {"variant", "softmax_band"}, {"logits", {"2", "2"}}}));
  REQUIRE(b.first_false);
  CHECK(b.steps[*b.first_false].name == "claim");
}

TEST_CASE("proof_replay: alt.sa_softmax vanishing holds step by step", "[proof_replay]") {
  const auto v = replay_proof(Instance::from_json(
      {{"statement", "alt.sa_softmax"}, {"variant", "vanishing"}, {"logits", {"3", "-1", "0.5"}}}));
  check_no_false_step(v);
}
