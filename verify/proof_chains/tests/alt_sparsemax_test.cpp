// Tests of verify/proof_chains/alt_sparsemax: the projection chain at a tie, the gap chain, an uncertified
// support gives the single undecided step.
#include "testing/catch.hpp"
#include "verify/proof_chains/tests/chain_fixtures.hpp"

using namespace attnbound;
using namespace attnbound::chain_fixtures;

TEST_CASE("proof_replay: alt.sparsemax spectral at a tie is exact, softmax_bound breaks at the claim", "[proof_replay]") {
  const auto r = replay_proof(Instance::from_json({{"statement", "alt.sparsemax"}, {"logits", {"0", "0", "-3"}}}));
  CHECK(r.variant == "spectral");
  CHECK_FALSE(r.first_false);
  CHECK(step(r, "trace").status == "exact");
  const auto b = replay_proof(Instance::from_json(
      {{"statement", "alt.sparsemax"}, {"variant", "softmax_bound"}, {"logits", {"0", "0"}}}));
  REQUIRE(b.first_false);
  CHECK(b.steps[*b.first_false].name == "claim");
}

TEST_CASE("proof_replay: alt.sparsemax vanishing and frobenius hold step by step", "[proof_replay]") {
  const auto v = replay_proof(Instance::from_json(
      {{"statement", "alt.sparsemax"}, {"variant", "vanishing"}, {"logits", {"0.25", "0", "-1"}}}));
  check_no_false_step(v);
  CHECK(step(v, "mass").status == "exact");  // |K| = 2: p_(1) = g + (1 - g)/2 = 5/8
  const auto f = replay_proof(Instance::from_json(
      {{"statement", "alt.sparsemax"}, {"variant", "frobenius"}, {"logits", {"0", "0", "0", "-5"}}}));
  check_no_false_step(f);
}

TEST_CASE("proof_replay: alt.sparsemax with an uncertified support is undecided", "[proof_replay]") {
  const auto r = replay_proof(Instance::from_json(
      {{"statement", "alt.sparsemax"},
       {"logits", {"0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "-0.1"}}}));
  REQUIRE(r.steps.size() == 1);
  CHECK(r.steps[0].name == "support");
  CHECK(r.steps[0].status == "undecided");
  CHECK_FALSE(r.first_false);  // never a certified false step from an unproven support
}
