// Tests of verify/proof_chains/lemma1_vanishing: Lemma 1 holds step by step; its hypotheses are refused.
#include "testing/catch.hpp"
#include "verify/proof_chains/tests/chain_fixtures.hpp"

using namespace attnbound;
using namespace attnbound::chain_fixtures;

TEST_CASE("proof_replay: Lemma 1 holds step by step, the extreme logits attain max F and min F", "[proof_replay]") {
  // a = max |l_j| = 1 is attained: F(l_i) = max F at the largest logit, F(l_k) = min F at the smallest.
  const auto r = replay_proof(Instance::from_json(
      {{"statement", "lemma1.vanishing"}, {"logits", {"-1", "0.5", "1"}}, {"temperature", "1"}}));
  CHECK(r.variant == "two_sided");
  check_no_false_step(r);
  for (const std::string name : {"normalisation", "numerator-at-most-max", "constant-C2", "lower-numerator", "constant-C1"})
    CHECK(step(r, name).status == "exact");
  for (const std::string name : {"sum-at-least-L-min", "claim-upper", "sum-at-most-L-max", "claim-lower"})
    CHECK(step(r, name).status == "slack");
  CHECK(r.certified);
}

TEST_CASE("proof_replay: Lemma 1 at equal logits with a = 0 is exact throughout", "[proof_replay]") {
  const auto r = replay_proof(Instance::from_json(
      {{"statement", "lemma1.vanishing"}, {"logits", {"0", "0", "0", "0"}}, {"F", "softplus"}, {"temperature", "2"}}));
  for (const auto& s : r.steps) {
    INFO(s.name);
    CHECK(s.status == "exact");
  }
}

TEST_CASE("proof_replay: Lemma 1 with a non-monotone F, and its hypotheses refused", "[proof_replay]") {
  // quadratic F = 1 + l^2 on [-2, 2]: min F = F(0) = 1, max F = F(2) = 5, both attained.
  const auto r = replay_proof(Instance::from_json(
      {{"statement", "lemma1.vanishing"}, {"logits", {"0", "2", "1"}}, {"F", "quadratic"}, {"a", "2"}}));
  check_no_false_step(r);
  CHECK(step(r, "numerator-at-most-max").status == "exact");
  CHECK(step(r, "lower-numerator").status == "exact");
  CHECK_THROWS_AS(replay_proof(Instance::from_json(
                      {{"statement", "lemma1.vanishing"}, {"logits", {"0", "3"}}, {"temperature", "1"}, {"a", "2"}})),
                  HypothesisError);
  CHECK_THROWS_AS(replay_proof(Instance::from_json(
                      {{"statement", "lemma1.vanishing"}, {"logits", {"0", "1"}}, {"F", "ssmax"}, {"ssmax_scale", "1"}})),
                  HypothesisError);
}
