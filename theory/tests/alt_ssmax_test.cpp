// Hand-derived cases for alt.ssmax (theory/alt_ssmax.hpp): ||J||_2 = s log L/(2T) at a two-token tie, the
// transferred Corollary 3 false there, the gap bound exact at L = 2, s < 0 and L = 1.
#include "testing/catch.hpp"
#include "theory/tests/statement_test_support.hpp"

using namespace attnbound;
using attnbound::test::near;
using attnbound::test::run;
using attnbound::test::thrown_field;

TEST_CASE("alt.ssmax: tight at a two-token tie, Corollary 3 transferred is false there", "[alt]") {
  PrecisionScope scope(256);
  const auto s = run<Real>(R"({"statement":"alt.ssmax","logits":[0,0],"ssmax_scale":"3","temperature":"0.5"})");
  const Real expect = 3 * log(Real(2)) / (2 * Real("0.5"));
  CHECK(near(s.sides[0].quantity, expect));
  CHECK(near(s.sides[0].bound, expect));
  const auto c = run<Interval>(R"({"statement":"alt.ssmax","variant":"cor3_transfer","logits":[0,0]})");
  CHECK(lower_end(c.sides[0].quantity) > upper_end(c.sides[0].bound));  // log 2/2 > log 2/4, certified
  // max_weight: equality when the largest weight is attained twice (lambda_max = p_(1)).
  const auto m = run<Real>(R"({"statement":"alt.ssmax","variant":"max_weight","logits":[0,0,-1],"ssmax_scale":"2"})");
  CHECK(near(m.sides[0].quantity, m.sides[0].bound));
  const auto one = run<Real>(R"({"statement":"alt.ssmax","logits":[7]})");
  CHECK(one.sides[0].quantity == 0);
  CHECK(one.sides[0].bound == 0);
  CHECK(thrown_field<HypothesisError>(R"({"statement":"alt.ssmax","logits":[0],"temperature":"0"})") == "temperature");
}

TEST_CASE("alt.ssmax: vanishing, equality at L = 2 and with tied others, s < 0 reverses", "[alt]") {
  PrecisionScope scope(256);
  // L = 2, s = 1, T = 1, gap 1: p_max = 1/(1 + 2^-1) = 2/3 = bound.
  const auto two = run<Real>(R"({"statement":"alt.ssmax","variant":"vanishing","logits":[1,0]})");
  CHECK(near(two.sides[0].quantity, Real(2) / 3));
  CHECK(near(two.sides[0].bound, Real(2) / 3));
  // L = 4, others tied one below: p_max = 1/(1 + 3 * 4^-1) = 4/7 = bound.
  const auto tied = run<Real>(R"({"statement":"alt.ssmax","variant":"vanishing","logits":[1,0,0,0]})");
  CHECK(near(tied.sides[0].quantity, Real(4) / 7));
  CHECK(near(tied.sides[0].bound, Real(4) / 7));
  // s = -1: the smallest logit leads; its gap to the next is 1: bound 1/(1 + 3/4), quantity larger.
  const auto neg = run<Real>(R"({"statement":"alt.ssmax","variant":"vanishing","logits":[1,0,0,-1],"ssmax_scale":"-1"})");
  CHECK(near(neg.sides[0].bound, Real(4) / 7));
  CHECK(neg.sides[0].quantity > neg.sides[0].bound);
}
