// Tests of verify/proof_chains/lemma2_jacobian: Lemma 2 spectral holds step by step, the Frobenius reading breaks at the diagonal norm.
#include "testing/catch.hpp"
#include "verify/proof_chains/tests/chain_fixtures.hpp"

using namespace attnbound;
using namespace attnbound::chain_fixtures;

TEST_CASE("proof_replay: Lemma 2 spectral holds step by step, S = L min F is exact at equal logits", "[proof_replay]") {
  const auto r = replay_proof(Instance::from_json(equal_logits(6, "spectral")));
  check_no_false_step(r);
  CHECK(step(r, "quotient-rule").status == "exact");
  CHECK(step(r, "triangle").status == "slack");  // ||J||_2 = 1/(LT) < 2/(LT)
  CHECK(step(r, "alpha-norm").status == "exact");
  CHECK(step(r, "sum-at-least-L-min").status == "exact");
  CHECK(step(r, "claim").status == "slack");
  const auto g = replay_proof(Instance::from_json(
      {{"statement", "lemma2.jacobian"}, {"logits", {"-1.5", "0.25", "2", "0.7"}}, {"F", "softplus"}, {"temperature", "0.5"}}));
  check_no_false_step(g);
  CHECK(step(g, "sum-at-least-L-min").status == "slack");
}

TEST_CASE("proof_replay: Lemma 2 Frobenius breaks at the diagonal norm, the claim fails from L = 6 at equal logits",
          "[proof_replay]") {
  // Equal logits: ||J||_F = sqrt(L-1)/(LT), bound 2/(LT): equal at L = 5, violated from L = 6.
  const auto six = replay_proof(Instance::from_json(equal_logits(6, "frobenius")));
  REQUIRE(six.first_false);
  CHECK(six.steps[*six.first_false].name == "diagonal-norm");
  CHECK(step(six, "triangle").status == "slack");
  CHECK(step(six, "claim").status == "false");
  const auto five = replay_proof(Instance::from_json(equal_logits(5, "frobenius")));
  REQUIRE(five.first_false);
  CHECK(five.steps[*five.first_false].name == "diagonal-norm");
  CHECK(step(five, "claim").status == "exact");
}
