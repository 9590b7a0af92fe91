// Hand-derived cases for alt.sparsemax (theory/alt_sparsemax.hpp): ||J||_2 = 1 on supports of >= 2 elements,
// ||J||_F^2 = |K| - 1, the softmax bound 1/2 false, the gap bound on the largest weight for every L.
#include "testing/catch.hpp"
#include "theory/tests/statement_test_support.hpp"

using namespace attnbound;
using attnbound::test::near;
using attnbound::test::run;

TEST_CASE("alt.sparsemax: the spectral bound 1 is attained at a tie, 0 on a one-point support", "[alt]") {
  PrecisionScope scope(256);
  const auto tie = run<Real>(R"({"statement":"alt.sparsemax","logits":[0,0]})");
  CHECK(near(tie.sides[0].quantity, Real(1)));
  CHECK(tie.sides[0].bound == 1);
  const auto iv = run<Interval>(R"({"statement":"alt.sparsemax","logits":[0,0]})");
  CHECK(iv.choices_certified);
  CHECK(lower_end(iv.sides[0].quantity) <= 1);
  CHECK(upper_end(iv.sides[0].quantity) >= 1);
  const auto one_hot = run<Real>(R"({"statement":"alt.sparsemax","logits":[3,0,-1]})");
  CHECK(near(one_hot.sides[0].quantity, Real(0)));
  // [-2, 0, 0.5] -> [0, 1/4, 3/4]: support 2, ||J||_2 = 1.
  const auto two = run<Real>(R"({"statement":"alt.sparsemax","logits":[-2,0,0.5]})");
  CHECK(near(two.sides[0].quantity, Real(1)));
}

TEST_CASE("alt.sparsemax: Frobenius is sqrt(|K| - 1), the softmax bound is false", "[alt]") {
  PrecisionScope scope(256);
  const auto f = run<Real>(R"({"statement":"alt.sparsemax","variant":"frobenius","logits":[0,0,0,-5]})");
  CHECK(near(f.sides[0].quantity, sqrt(Real(2))));  // K = {0, 1, 2}
  CHECK(near(f.sides[0].bound, sqrt(Real(3))));
  const auto full = run<Real>(R"({"statement":"alt.sparsemax","variant":"frobenius","logits":[1,1,1]})");
  CHECK(near(full.sides[0].quantity, full.sides[0].bound));
  const auto sb = run<Interval>(R"({"statement":"alt.sparsemax","variant":"softmax_bound","logits":[0,0]})");
  CHECK(lower_end(sb.sides[0].quantity) > upper_end(sb.sides[0].bound));  // 1 > 1/2, certified
}

TEST_CASE("alt.sparsemax: vanishing, max p >= min(1, gap) for every L", "[alt]") {
  PrecisionScope scope(256);
  // gap 1/4 < 1: p = (5/8, 3/8, 0) (tau = -3/8), max p = 5/8 > 1/4 = g + ... lower bound g.
  const auto g = run<Real>(R"({"statement":"alt.sparsemax","variant":"vanishing","logits":[0.25,0,-1]})");
  CHECK(g.sides[0].relation == Relation::at_least);
  CHECK(near(g.sides[0].quantity, Real("0.625")));
  CHECK(near(g.sides[0].bound, Real("0.25")));
  // gap >= 1: one-hot for any L, equality 1 = 1 (certified in Interval).
  const auto big = run<Interval>(R"({"statement":"alt.sparsemax","variant":"vanishing","logits":[1,0,0,0,0,0,0,0]})");
  CHECK(lower_end(big.sides[0].quantity) == 1);
  CHECK(upper_end(big.sides[0].bound) == 1);
  const auto one = run<Real>(R"({"statement":"alt.sparsemax","variant":"vanishing","logits":[4]})");
  CHECK(one.sides[0].quantity == 1);
  CHECK(one.sides[0].bound == 1);
}

TEST_CASE("alt.sparsemax: an uncertified support is reported", "[alt]") {
  PrecisionScope scope(64);
  // (1, 0): z_2 = tau = 0 exactly (the shifted logits are exact), so z_2 - tau <= 0 is certified.
  const auto edge = run<Interval>(R"({"statement":"alt.sparsemax","logits":[1,0]})");
  CHECK(edge.choices_certified);
  // Ten zeros and -0.1: tau = -1/10 exactly, so z_11 = tau sits on the edge of the support; neither -0.1 nor
  // -1/10 is a binary number, z_11 - tau encloses 0 without being <= 0, and the support is not certified.
  const auto uncertain = run<Interval>(
      R"({"statement":"alt.sparsemax","logits":[0,0,0,0,0,0,0,0,0,0,"-0.1"]})");
  CHECK_FALSE(uncertain.choices_certified);
}
