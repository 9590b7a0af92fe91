// Hand-derived cases for cor1.softmax_weights (Corollary 1, erratum E10).
#include "testing/catch.hpp"
#include "theory/tests/statement_test_support.hpp"

using namespace attnbound;
using attnbound::test::near;
using attnbound::test::run;
using attnbound::test::thrown_field;

TEST_CASE("cor1.softmax_weights: two tokens, closed form", "[cor1]") {
  PrecisionScope scope(256);
  // q = (1), keys (1), (-1), T = 1: l = (1, -1), alpha_0 = 1/(1+e^-2), alpha_1 = 1/(1+e^2), Delta = 1.
  const auto e = run<Real>(R"({"statement":"cor1.softmax_weights","query":[1],"keys":[[1],[-1]],"temperature":1})");
  REQUIRE(e.sides.size() == 2);
  const Real e2 = exp(Real(2));
  CHECK(e.sides[0].name == "upper");
  CHECK(*e.sides[0].index == 0);
  CHECK(near(e.sides[0].quantity, 1 / (1 + 1 / e2)));
  CHECK(near(e.sides[0].bound, e2 / 2));
  CHECK(e.sides[1].name == "lower");
  CHECK(e.sides[1].relation == Relation::at_least);
  CHECK(*e.sides[1].index == 1);
  CHECK(near(e.sides[1].quantity, 1 / (1 + e2)));
  CHECK(near(e.sides[1].bound, 1 / (2 * e2)));
  CHECK(test::holds(e, 0));
  CHECK(test::holds(e, 1));
  const auto iv = run<Interval>(R"({"statement":"cor1.softmax_weights","query":[1],"keys":[[1],[-1]],"temperature":1})");
  CHECK(test::encloses(iv.sides[1].quantity, 1 / (1 + e2)));
  CHECK(iv.choices_certified);
}

TEST_CASE("cor1.softmax_weights: the literal per-key Delta fails (q=(1), keys 0 and 10)", "[cor1]") {
  PrecisionScope scope(256);
  const std::string base = R"("statement":"cor1.softmax_weights","query":[1],"keys":[[0],[10]],"temperature":1)";
  const auto lit = run<Real>("{" + base + R"(,"variant":"literal"})");
  // Delta_0 = 0: the lower bound for i = 0 is 1/2, but alpha_0 = 1/(1+e^10).
  CHECK(*lit.sides[1].index == 0);
  CHECK(near(lit.sides[1].quantity, 1 / (1 + exp(Real(10)))));
  CHECK(near(lit.sides[1].bound, Real("0.5")));
  CHECK_FALSE(test::holds(lit, 1));
  CHECK(test::holds(lit, 0));
  // With Delta = ||q|| max_j ||k_j|| = 10 the same instance satisfies both sides.
  const auto mk = run<Real>("{" + base + "}");
  CHECK(near(mk.sides[1].bound, exp(Real(-20)) / 2));
  CHECK(test::holds(mk, 0));
  CHECK(test::holds(mk, 1));
  const auto d = run<double>("{" + base + R"(,"variant":"literal"})");
  CHECK_FALSE(test::holds(d, 1));
}

TEST_CASE("cor1.softmax_weights: zero query gives uniform weights at both bounds, L = 1", "[cor1]") {
  PrecisionScope scope(256);
  const auto e = run<Real>(R"({"statement":"cor1.softmax_weights","query":[0,0],"keys":[[1,2],[3,4],[5,6]],"temperature":"0.5"})");
  CHECK(near(e.sides[0].quantity, Real(1) / 3));
  CHECK(near(e.sides[0].bound, Real(1) / 3));
  CHECK(near(e.sides[1].bound, Real(1) / 3));
  const auto one = run<Real>(R"({"statement":"cor1.softmax_weights","query":[2],"keys":[[3]],"temperature":1})");
  CHECK(one.sides[0].quantity == 1);
  CHECK(near(one.sides[0].bound, exp(Real(12))));
  CHECK(near(one.sides[1].bound, exp(Real(-12))));
  CHECK(test::holds(one, 1));
}

TEST_CASE("cor1.softmax_weights: bad input names its field", "[cor1]") {
  PrecisionScope scope(64);
  CHECK(thrown_field<HypothesisError>(R"({"statement":"cor1.softmax_weights","query":[1],"keys":[[1]],"temperature":"-1"})") == "temperature");
  CHECK(thrown_field<InputError>(R"({"statement":"cor1.softmax_weights","query":[1,2],"keys":[[1]],"temperature":1})") == "keys");
  CHECK(thrown_field<InputError>(R"({"statement":"cor1.softmax_weights","query":[1],"keys":[[1],[1,2]],"temperature":1})") == "keys[1]");
  CHECK(thrown_field<InputError>(R"({"statement":"cor1.softmax_weights","query":[1],"keys":[[1]],"temperature":1,"logits":[1]})") == "logits");
  CHECK(thrown_field<InputError>(R"({"statement":"cor1.softmax_weights","keys":[[1]],"temperature":1})") == "query");
}
