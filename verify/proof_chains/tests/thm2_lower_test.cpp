// Tests of verify/proof_chains/thm2_lower: Theorem 2 lower: certified at d = 1, statistical beyond, breaks where the outside condition fails (E7 (iv)).
#include "testing/catch.hpp"
#include "verify/proof_chains/tests/chain_fixtures.hpp"

using namespace attnbound;
using namespace attnbound::chain_fixtures;

TEST_CASE("proof_replay: Theorem 2 lower holds with every non-selected point absent, deterministic steps certified",
          "[proof_replay]") {
  // N = L: no outside condition. X_i <= sum_{j != i} alpha_j <= 0.8 < r = 0.9: every sample has N_s = N.
  const auto r = replay_proof(Instance::from_json(separability("thm2.lower", "xi_a", {"0.5", "0.3", "0.2"}, 3, "0.9")));
  check_no_false_step(r);
  CHECK_FALSE(r.certified);
  CHECK(step(r, "drop-outside-condition").statistical);
  CHECK(step(r, "drop-outside-condition").status == "exact");  // both sides are exactly 1 in every sample
  CHECK(step(r, "markov").statistical);
  CHECK(step(r, "markov").status == "slack");
  CHECK(step(r, "cauchy-schwarz").status == "slack");
  CHECK_FALSE(step(r, "second-moment").statistical);
  CHECK(step(r, "second-moment").status == "exact");  // E X_i^2 = M^2 sum_{j != i} alpha_j^2 = xi_i^2
  CHECK(step(r, "claim").statistical);
  CHECK(step(r, "claim").status == "slack");
}

TEST_CASE("proof_replay: Theorem 2 lower fails where non-selected points enter the ball (E7 (iv)), statistically",
          "[proof_replay]") {
  // r = 10 contains every rescaled point: N_s = 0 in every sample, while P(X_i > r) = 0.
  const auto r = replay_proof(
      Instance::from_json(separability("thm2.lower", "xi_a", {"0.4", "0.3", "0.2", "0.1"}, 2, "10")));
  CHECK_FALSE(r.first_false);  // nothing certified false: the failing steps are Monte Carlo
  REQUIRE(r.first_false_statistical);
  CHECK(r.steps[*r.first_false_statistical].name == "drop-outside-condition");
  CHECK(step(r, "markov").status == "slack");
  CHECK(step(r, "second-moment").status == "exact");
  CHECK(step(r, "claim").status == "false");
  CHECK(step(r, "claim").statistical);
  const auto j = to_json(r);
  CHECK(j["certified"] == false);
  CHECK(j["first_false_step"].is_null());
  CHECK(j["first_false_step_statistical"] == "drop-outside-condition");
  CHECK(j["monte_carlo"]["seed"] == EvalOptions{}.seed);
  CHECK(j["steps"][0]["method"] == "monte-carlo");
  CHECK(format_text(r).find("first statistically false step (Monte Carlo, not certified): 1. drop-outside-condition") !=
        std::string::npos);
}

TEST_CASE("proof_replay: Theorem 2 lower at d = 1 is certified step by step, it breaks at drop-outside-condition",
          "[proof_replay]") {
  // logits (1, 1), N = 1, r = M = 1, d = 1: E[N_s]/N = 0 exactly (exact-enumeration) and the per-token moments
  // are exact too (X_0 = 0: P(X_0 > r) = 0, E X_0 = 0): 1 - 0 <= 0 is certified false (E7 (iv)), the later
  // steps hold (exact), and the claim 1 <= 0 is certified false.
  auto raw = separability("thm2.lower", "xi_a", {"0.5", "0.5"}, 1, "1");
  raw["dimension"] = 1;
  const auto r = replay_proof(Instance::from_json(raw));
  for (const auto& st : r.steps) CHECK_FALSE(st.statistical);
  CHECK(r.certified);
  REQUIRE(r.first_false);
  CHECK(r.steps[*r.first_false].name == "drop-outside-condition");
  CHECK_FALSE(r.first_false_statistical);
  CHECK(step(r, "claim").status == "false");
  CHECK(step(r, "markov").status == "exact");
  const auto j = to_json(r);
  CHECK(j["certified"] == true);
  CHECK(j["first_false_step"] == "drop-outside-condition");
}
