// Hand-derived cases for lemma2.jacobian.
#include "testing/catch.hpp"
#include "theory/tests/statement_test_support.hpp"

using namespace attnbound;
using attnbound::test::near;
using attnbound::test::run;
using attnbound::test::thrown_field;

TEST_CASE("lemma2.jacobian: softmax at equal logits", "[lemma2]") {
  PrecisionScope scope(256);
  // F = exp(l/T), l = 0: F = 1, F' = 1/T, S = L; J = (I - 11^T/L)/(L T): ||J||_2 = 1/(LT),
  // ||J||_F = sqrt(L-1)/(LT); bound = (1/L)(1/T + sqrt(L) sqrt(L)/T / L) = 2/(LT).
  const auto s2 = run<Real>(R"({"statement":"lemma2.jacobian","logits":[0,0],"temperature":"0.5"})");
  CHECK(near(s2.sides[0].quantity, Real(1)));
  CHECK(near(s2.sides[0].bound, Real(2)));
  CHECK(test::holds(s2));
  const auto f6 = run<Real>(R"({"statement":"lemma2.jacobian","variant":"frobenius","logits":[0,0,0,0,0,0],"temperature":1})");
  CHECK(near(f6.sides[0].quantity, sqrt(Real(5)) / 6));
  CHECK(near(f6.sides[0].bound, Real(2) / 6));
  CHECK_FALSE(test::holds(f6));  // sqrt 5 > 2
  const auto f5 = run<Real>(R"({"statement":"lemma2.jacobian","variant":"frobenius","logits":[0,0,0,0,0],"temperature":1})");
  CHECK(near(f5.sides[0].quantity, f5.sides[0].bound));  // sqrt 4 = 2: equality at L = 5
  const auto iv = run<Interval>(R"({"statement":"lemma2.jacobian","logits":[0,0,0],"temperature":1})");
  CHECK(test::encloses(iv.sides[0].quantity, Real(1) / 3));
  CHECK(test::encloses(iv.sides[0].bound, Real(2) / 3));
}

TEST_CASE("lemma2.jacobian: two tokens, quadratic F, L = 1", "[lemma2]") {
  PrecisionScope scope(256);
  // F = 1 + l^2 at l = (0, 1): F = (1, 2), F' = (0, 2), S = 3, alpha = (1/3, 2/3).
  // J = (I - alpha 1^T) diag(0, 2)/3 has one nonzero column (-2/9, 2/9)... precisely column 1 is
  // ((0 - 1/3) 2/3, (1 - 2/3) 2/3) = (-2/9, 2/9): ||J||_2 = ||J||_F = 2 sqrt2 / 9.
  // bound: L m = 2, (1/2)(2 + sqrt5 * 2 / 2) = 1 + sqrt5/2.
  const auto e = run<Real>(R"({"statement":"lemma2.jacobian","logits":[0,1],"F":"quadratic"})");
  CHECK(near(e.sides[0].quantity, 2 * sqrt(Real(2)) / 9));
  CHECK(near(e.sides[0].bound, 1 + sqrt(Real(5)) / 2));
  // L = 1: alpha = 1 whatever l, so J = 0.
  const auto one = run<Real>(R"({"statement":"lemma2.jacobian","logits":[2],"F":"sigmoid","temperature":1})");
  CHECK(abs(one.sides[0].quantity) < Real("1e-70"));
  // Scalable-Softmax is allowed here (F may depend on L for a fixed L).
  CHECK_NOTHROW(run<Real>(R"({"statement":"lemma2.jacobian","logits":[0,1,2],"F":"ssmax","ssmax_scale":1})"));
}

TEST_CASE("lemma2.jacobian: bad input names its field", "[lemma2]") {
  PrecisionScope scope(64);
  CHECK(thrown_field<HypothesisError>(R"({"statement":"lemma2.jacobian","logits":[0,1],"temperature":0})") == "temperature");
  CHECK(thrown_field<HypothesisError>(R"({"statement":"lemma2.jacobian","logits":[0,1],"F":"quadratic","offset":"-1"})") == "offset");
  CHECK(thrown_field<InputError>(R"({"statement":"lemma2.jacobian","logits":[0,1],"F":"exp","offset":1,"temperature":1})") == "offset");
  CHECK(thrown_field<InputError>(R"({"statement":"lemma2.jacobian","logits":[0,"nan"],"temperature":1})") == "logits[1]");
}
