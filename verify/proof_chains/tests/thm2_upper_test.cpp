// Tests of verify/proof_chains/thm2_upper: Theorem 2 upper: Hoeffding holds, xi_i in place of E X_i does not (E7 (iii)).
#include "testing/catch.hpp"
#include "verify/proof_chains/tests/chain_fixtures.hpp"

using namespace attnbound;
using namespace attnbound::chain_fixtures;

TEST_CASE("proof_replay: Theorem 2 upper at d = 1, exact moments, certified steps", "[proof_replay]") {
  // alpha = (0.5, 0.3, 0.2), I = all, M = 1, d = 1, r = 0.1: X_0 = |+-0.3 +- 0.2| in {0.1, 0.5} (0.1 = r: not
  // beyond), X_1 = |+-0.5 +- 0.2| in {0.3, 0.7}, X_2 = |+-0.5 +- 0.3| in {0.2, 0.8}: (1/N) sum P(X_i > r) =
  // (1/2 + 1 + 1)/3 = 5/6, and X_0 = r exactly is undecided from the inexact enclosures of 0.3, 0.2, 0.1: it
  // counts 0 and 1, so (1/N) sum P(X_i <= r) is enclosed in [0, 1/6]. No step is Monte Carlo.
  auto raw = separability("thm2.upper", "xi_a", {"0.5", "0.3", "0.2"}, 3, "0.1");
  raw["dimension"] = 1;
  const auto r = replay_proof(Instance::from_json(raw));
  for (const auto& st : r.steps) CHECK_FALSE(st.statistical);
  CHECK(r.certified);
  PrecisionScope scope(256);
  const auto& drop = step(r, "drop-outside-condition");
  CHECK(lower_end(from_decimal<Interval>(drop.rhs.lo)) <= Real(1) / 6);
  CHECK(Real(1) / 6 <= upper_end(from_decimal<Interval>(drop.rhs.hi)));
}

TEST_CASE("proof_replay: Theorem 2 upper: Hoeffding holds, xi_i in place of E X_i does not (E7 (iii))",
          "[proof_replay]") {
  // N = L, r = 0.1 below every X_i (X_0 >= 0.3 - 0.2): P(X_i <= r) = 0 in every sample.
  const auto r = replay_proof(Instance::from_json(separability("thm2.upper", "xi_a", {"0.5", "0.3", "0.2"}, 3, "0.1")));
  CHECK_FALSE(r.first_false);
  CHECK(step(r, "drop-outside-condition").status == "exact");
  CHECK(step(r, "hoeffding").status == "slack");
  CHECK(step(r, "cauchy-schwarz").status == "slack");
  CHECK(step(r, "second-moment").status == "exact");
  CHECK(step(r, "claim").status == "slack");  // the claim holds, its derivation does not
  REQUIRE(r.first_false_statistical);
  CHECK(r.steps[*r.first_false_statistical].name == "spread-for-mean");
}
