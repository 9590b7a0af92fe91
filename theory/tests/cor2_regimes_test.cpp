// Hand-derived cases for cor2.regimes (Corollary 2 made checkable, erratum E5).
#include "testing/catch.hpp"
#include "theory/tests/statement_test_support.hpp"

using namespace attnbound;
using attnbound::test::detail;
using attnbound::test::near;
using attnbound::test::run;
using attnbound::test::thrown_field;

namespace {
// alpha = (0.9, 0.025 x4), x = (1), (-1) x4, N = 1: y = (0.9, -0.025 x4).
// d~({0}) = 4 * 0.925 = 3.7; d~({k}) = 0.925 + 0 for k >= 1: E = (3.7 + 4 * 0.925)/5 = 1.48; D = 1.
const std::string kHeavy = R"("statement":"cor2.regimes","weights":["0.9","0.025","0.025","0.025","0.025"],"x":[[1],[-1],[-1],[-1],[-1]],"top_n":1)";
}  // namespace

TEST_CASE("cor2.regimes: the triangle and collapse bounds hold, the literal prose reading fails", "[cor2]") {
  PrecisionScope scope(256);
  const auto tri = run<Real>("{" + kHeavy + "}");
  CHECK(near(tri.sides[0].quantity, Real("1.48")));
  // (4/5) * sum_i (alpha_i + (1/4)(1 - alpha_i)) = (4/5) * 2 = 1.6.
  CHECK(near(tri.sides[0].bound, Real("1.6")));
  CHECK(test::holds(tri));
  const auto col = run<Real>("{" + kHeavy + R"(,"variant":"collapse"})");
  CHECK(near(col.sides[0].bound, Real("1.6")));  // (4 * 2 / 5) * 1
  const auto dom = run<Real>("{" + kHeavy + R"(,"variant":"dominant_term"})");
  REQUIRE(dom.sides.size() == 2);
  CHECK(near(detail(dom, "D"), Real(1)));
  CHECK(near(dom.sides[0].bound, Real("1.2")));
  CHECK_FALSE(test::holds(dom, 0));
  CHECK(near(dom.sides[1].bound, Real("0.8")));
  CHECK(test::holds(dom, 1));
  const auto iv = run<Interval>("{" + kHeavy + R"(,"variant":"dominant_term"})");
  CHECK(lower_end(iv.sides[0].quantity) > upper_end(iv.sides[0].bound));  // certified violation
}

TEST_CASE("cor2.regimes: identical tokens break the lower side of the prose reading", "[cor2]") {
  PrecisionScope scope(256);
  // alpha = (1/2, 1/2), x = (1), (1), N = 1: alpha_i x_i = s for both draws, so E[d~] = 0; D = 1.
  const auto e = run<Real>(R"({"statement":"cor2.regimes","variant":"dominant_term","weights":["0.5","0.5"],"x":[[1],[1]],"top_n":1})");
  CHECK(e.sides[1].quantity == 0);
  CHECK(near(e.sides[1].bound, Real("0.5")));
  CHECK_FALSE(test::holds(e, 1));
  CHECK(test::holds(e, 0));
}

TEST_CASE("cor2.regimes: the triangle bound is attained when every difference is a sum", "[cor2]") {
  PrecisionScope scope(256);
  // alpha = 1/3, x = (3), (-3), (0), N = 1: E = 8/3 (see thm1_random_test), bound (2/3)(1+1)(2) = 8/3.
  const auto e = run<Real>(R"({"statement":"cor2.regimes","logits":[0,0,0],"temperature":1,"x":[[3],[-3],[0]],"top_n":1})");
  CHECK(near(e.sides[0].quantity, Real(8) / 3));
  CHECK(near(e.sides[0].bound, Real(8) / 3));
  const auto c = run<Real>(R"({"statement":"cor2.regimes","variant":"collapse","logits":[0,0,0],"temperature":1,"x":[[3],[-3],[0]],"top_n":1})");
  CHECK(near(c.sides[0].bound, Real(4)));
}

TEST_CASE("cor2.regimes: N = L collapses to 0, L = 1", "[cor2]") {
  PrecisionScope scope(256);
  for (const char* v : {"triangle", "collapse"}) {
    const auto e = run<Real>(std::string(R"({"statement":"cor2.regimes","weights":["0.5","0.5"],"x":[[1,2],[3,4]],"top_n":2,"variant":")") + v + "\"}");
    CHECK(e.sides[0].quantity == 0);
    CHECK(e.sides[0].bound == 0);
  }
  const auto one = run<Real>(R"({"statement":"cor2.regimes","weights":[1],"x":[[7]],"top_n":1,"variant":"dominant_term"})");
  CHECK(one.sides[0].quantity == 0);
  CHECK(one.sides[1].bound == 0);  // (1 - 1) * 7
}

TEST_CASE("cor2.regimes: bad input names its field", "[cor2]") {
  PrecisionScope scope(64);
  CHECK(thrown_field<HypothesisError>(R"({"statement":"cor2.regimes","weights":["0.5","0.5"],"x":[[1],[2]],"top_n":0})") == "top_n");
  CHECK(thrown_field<HypothesisError>(R"({"statement":"cor2.regimes","weights":["0.5","-0.5","1"],"x":[[1],[2],[3]],"top_n":1})") == "weights[1]");
  CHECK(thrown_field<InputError>(R"({"statement":"cor2.regimes","weights":["0.5","0.5"],"x":[[1],[2]],"top_n":1,"distance":"norm_of_sum"})") == "distance");
}
