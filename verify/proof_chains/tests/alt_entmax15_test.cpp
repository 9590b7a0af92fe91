// Tests of verify/proof_chains/alt_entmax15: the semidefinite chain holds, two_token breaks at the claim on a
// large support, the gap chain holds.
#include "testing/catch.hpp"
#include "verify/proof_chains/tests/chain_fixtures.hpp"

using namespace attnbound;
using namespace attnbound::chain_fixtures;

TEST_CASE("proof_replay: alt.entmax15 spectral holds, two_token fails at the claim on 64 tokens", "[proof_replay]") {
  const auto r = replay_proof(Instance::from_json({{"statement", "alt.entmax15"}, {"logits", {"1", "0.5", "-2"}}}));
  check_no_false_step(r);
  CHECK(step(r, "root").status == "exact");
  std::vector<std::string> logits(64, "0");
  logits[0] = "1.68";
  const auto t = replay_proof(Instance::from_json(
      {{"statement", "alt.entmax15"}, {"variant", "two_token"}, {"logits", logits}}));
  REQUIRE(t.first_false);
  CHECK(t.steps[*t.first_false].name == "claim");
  CHECK(step(t, "semidefinite").status != "false");
}

TEST_CASE("proof_replay: alt.entmax15 vanishing holds step by step", "[proof_replay]") {
  const auto v = replay_proof(Instance::from_json(
      {{"statement", "alt.entmax15"}, {"variant", "vanishing"}, {"logits", {"1", "0", "-0.5"}}}));
  check_no_false_step(v);
  const auto one = replay_proof(Instance::from_json(
      {{"statement", "alt.entmax15"}, {"variant", "vanishing"}, {"logits", {"3", "0"}}}));
  CHECK(step(one, "one-hot").status == "exact");
}
