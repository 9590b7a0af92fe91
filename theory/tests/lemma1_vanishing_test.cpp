// Hand-derived cases for lemma1.vanishing (Lemma 1 with explicit constants).
#include "testing/catch.hpp"
#include "theory/tests/statement_test_support.hpp"

using namespace attnbound;
using attnbound::test::detail;
using attnbound::test::near;
using attnbound::test::run;
using attnbound::test::thrown_field;

TEST_CASE("lemma1.vanishing: softmax, two tokens", "[lemma1]") {
  PrecisionScope scope(256);
  // F = exp, l = (1, -1), a = 1: C2 = e^2, C1 = e^-2, alpha = (1/(1+e^-2), 1/(1+e^2)).
  const auto e = run<Real>(R"({"statement":"lemma1.vanishing","logits":[1,-1],"F":"exp","temperature":1})");
  const Real e2 = exp(Real(2));
  CHECK(near(e.sides[0].quantity, 1 / (1 + 1 / e2)));
  CHECK(near(e.sides[0].bound, e2 / 2));
  CHECK(*e.sides[0].index == 0);
  CHECK(near(e.sides[1].quantity, 1 / (1 + e2)));
  CHECK(near(e.sides[1].bound, 1 / (2 * e2)));
  CHECK(*e.sides[1].index == 1);
  CHECK(test::holds(e, 0));
  CHECK(test::holds(e, 1));
  const auto iv = run<Interval>(R"({"statement":"lemma1.vanishing","logits":[1,-1],"F":"exp","temperature":1})");
  CHECK(test::encloses(iv.sides[0].bound, e2 / 2));
  CHECK(test::encloses(iv.sides[1].quantity, 1 / (1 + e2)));
}

TEST_CASE("lemma1.vanishing: non-monotone F takes its extremes inside [-a, a]", "[lemma1]") {
  PrecisionScope scope(256);
  // F = 1 + l^2, l = (0, 1, -1): F = (1, 2, 2), alpha = (1/5, 2/5, 2/5); min F = F(0) = 1, max F = 2.
  const auto q = run<Real>(R"({"statement":"lemma1.vanishing","logits":[0,1,-1],"F":"quadratic"})");
  CHECK(near(detail(q, "min_F"), Real(1)));
  CHECK(near(q.sides[0].quantity, Real(2) / 5));
  CHECK(near(q.sides[0].bound, Real(2) / 3));
  CHECK(*q.sides[0].index == 1);
  CHECK(near(q.sides[1].quantity, Real(1) / 5));
  CHECK(near(q.sides[1].bound, Real(1) / 6));
  // l = (1, -1): the minimum of F on [-1, 1] is F(0) = 1 although no logit is 0: C1 = 1/2.
  const auto q2 = run<Real>(R"({"statement":"lemma1.vanishing","logits":[1,-1],"F":"quadratic","offset":"1"})");
  CHECK(near(q2.sides[1].bound, Real(1) / 4));
  CHECK(near(q2.sides[1].quantity, Real(1) / 2));
  // F = exp(-l^2), l = (0, 2): max F = F(0) = 1, min F = e^-4 on [-2, 2].
  const auto g = run<Real>(R"({"statement":"lemma1.vanishing","logits":[0,2],"F":"gaussian","temperature":1})");
  CHECK(near(detail(g, "C2"), exp(Real(4))));
  CHECK(near(g.sides[0].quantity, 1 / (1 + exp(Real(-4)))));
}

TEST_CASE("lemma1.vanishing: softplus and sigmoid, explicit a, L = 1 and ties are equalities", "[lemma1]") {
  PrecisionScope scope(256);
  const auto sp = run<Real>(R"({"statement":"lemma1.vanishing","logits":[2,-2],"F":"softplus","temperature":1,"a":3})");
  CHECK(near(detail(sp, "C2"), log(1 + exp(Real(3))) / log(1 + exp(Real(-3)))));
  CHECK(near(sp.sides[0].quantity, log(1 + exp(Real(2))) / (log(1 + exp(Real(2))) + log(1 + exp(Real(-2))))));
  // sigmoid: 1/(1+e^-l); l = (0), L = 1, a = 0: alpha = 1 = C1 = C2.
  const auto one = run<Real>(R"({"statement":"lemma1.vanishing","logits":[0],"F":"sigmoid","temperature":"0.5"})");
  CHECK(one.sides[0].quantity == 1);
  CHECK(near(one.sides[0].bound, Real(1)));
  CHECK(test::holds(one, 0));
  CHECK(test::holds(one, 1));
  // A tie of three tokens at l = 0.25 with a = 0.25 (exact decimal): every alpha is 1/3.
  const auto tie = run<Real>(R"({"statement":"lemma1.vanishing","logits":["0.25","0.25","0.25"],"F":"sigmoid","temperature":1,"a":"0.25"})");
  CHECK(near(tie.sides[1].quantity, Real(1) / 3));
  const Real s_up = 1 / (1 + exp(Real("-0.25"))), s_lo = 1 / (1 + exp(Real("0.25")));
  CHECK(near(tie.sides[0].bound, s_up / s_lo / 3));
}

TEST_CASE("lemma1.vanishing: hypotheses are checked exactly and name their field", "[lemma1]") {
  PrecisionScope scope(64);
  // a = 0.1 holds exactly for the decimal 0.1, fails for one that exceeds it in the 17th digit.
  CHECK_NOTHROW(run<Real>(R"({"statement":"lemma1.vanishing","logits":["0.1","-0.1"],"temperature":1,"a":"0.1"})"));
  CHECK(thrown_field<HypothesisError>(R"({"statement":"lemma1.vanishing","logits":["0.1","-0.10000000000000001"],"temperature":1,"a":"0.1"})") == "logits[1]");
  CHECK(thrown_field<HypothesisError>(R"({"statement":"lemma1.vanishing","logits":[0],"temperature":1,"a":"-1"})") == "a");
  CHECK(thrown_field<HypothesisError>(R"({"statement":"lemma1.vanishing","logits":[0,1],"F":"ssmax","ssmax_scale":1})") == "F");
  CHECK(thrown_field<HypothesisError>(R"({"statement":"lemma1.vanishing","logits":[0,1],"F":"quadratic","offset":0})") == "offset");
  CHECK(thrown_field<HypothesisError>(R"({"statement":"lemma1.vanishing","logits":[0,1],"F":"exp","temperature":"-2"})") == "temperature");
  CHECK(thrown_field<InputError>(R"({"statement":"lemma1.vanishing","logits":[0,1],"F":"cosh","temperature":1})") == "F");
  CHECK(thrown_field<InputError>(R"({"statement":"lemma1.vanishing","logits":[0,1],"F":"quadratic","temperature":1})") == "temperature");
  CHECK(thrown_field<InputError>(R"({"statement":"lemma1.vanishing","logits":[0,1],"F":"exp"})") == "temperature");
  CHECK(thrown_field<InputError>(R"({"statement":"lemma1.vanishing","logits":[0,1],"temperature":1,"top_n":1})") == "top_n");
}
