// Hand-derived cases for thm1.random (Theorem 1 part 2, erratum E6).
#include "testing/catch.hpp"
#include "theory/thm1_random.hpp"
#include "theory/tests/statement_test_support.hpp"

using namespace attnbound;
using attnbound::test::detail;
using attnbound::test::near;
using attnbound::test::run;
using attnbound::test::thrown_field;

namespace {
// L = 3, N = 1, alpha = 1/3, x = (3), (-3), (0): y = alpha x = (1, -1, 0).
// d~({0}) = |-1-1| + |0-1| = 3, d~({1}) = 3, d~({2}) = 2: E[d~] = 8/3.
// M = (2/3)(|1 - (-1)/2| + |-1 - 1/2| + |0 - 0|) = 2.
// epsilon bound: c = 1*1/(2*1) = 1/2; spreads 1/2, 1/2, 2 -> (2/3)(1/2 + 1/2 + 1) = 4/3.
const std::string kThree = R"("statement":"thm1.random","logits":[0,0,0],"temperature":1,"x":[[3],[-3],[0]],"top_n":1)";
}  // namespace

TEST_CASE("thm1.random: exact enumeration, Jensen gap, and the false 'upper bound' reading", "[thm1.random]") {
  PrecisionScope scope(256);
  const auto lower = run<Real>("{" + kThree + "}");
  CHECK(lower.method == "enumeration");
  CHECK(near(lower.sides[0].quantity, Real(8) / 3));
  CHECK(near(lower.sides[0].bound, Real(2)));
  CHECK(lower.sides[0].relation == Relation::at_least);
  CHECK(test::holds(lower));
  CHECK(near(detail(lower, "subsets"), Real(3)));
  const auto as_upper = run<Real>("{" + kThree + R"(,"variant":"main_as_upper"})");
  CHECK_FALSE(test::holds(as_upper));
  const auto upper = run<Real>("{" + kThree + R"(,"variant":"upper"})");
  CHECK(near(detail(upper, "epsilon_bound"), Real(4) / 3));
  CHECK(near(upper.sides[0].bound, Real(10) / 3));
  CHECK(test::holds(upper));
  const auto iv = run<Interval>("{" + kThree + R"(,"variant":"main_as_upper"})");
  CHECK(test::encloses(iv.sides[0].quantity, Real(8) / 3));
  CHECK(lower_end(iv.sides[0].quantity) > upper_end(iv.sides[0].bound));  // certified violation
}

TEST_CASE("thm1.random: N = L-1 is exact (no Jensen gap), N = L and L = 1 give 0", "[thm1.random]") {
  PrecisionScope scope(256);
  // alpha = (0.5, 0.3, 0.2), x = (1,0), (0,1), (1,1), N = 2: E = M = (sqrt .34 + sqrt .5 + sqrt .1)/3.
  const auto e = run<Real>(R"({"statement":"thm1.random","weights":["0.5","0.3","0.2"],"x":[[1,0],[0,1],[1,1]],"top_n":2})");
  const Real expected = (sqrt(Real("0.34")) + sqrt(Real("0.5")) + sqrt(Real("0.1"))) / 3;
  CHECK(near(e.sides[0].quantity, expected));
  CHECK(near(e.sides[0].bound, expected));
  CHECK(near(detail(e, "epsilon_bound"), Real(0)));
  const auto all = run<Real>(R"({"statement":"thm1.random","weights":["0.5","0.3","0.2"],"x":[[1,0],[0,1],[1,1]],"top_n":3})");
  CHECK(all.sides[0].quantity == 0);
  CHECK(all.sides[0].bound == 0);
  const auto one = run<Real>(R"({"statement":"thm1.random","weights":[1],"x":[[2]],"top_n":1})");
  CHECK(one.sides[0].quantity == 0);
  // L = 2, N = 1: E = (1/2)(|y1 - y0| + |y0 - y1|) = |y1 - y0| = M.
  const auto two = run<Real>(R"({"statement":"thm1.random","weights":["0.25","0.75"],"x":[[4],[-4]],"top_n":1,"variant":"upper"})");
  CHECK(near(two.sides[0].quantity, Real(4)));
  CHECK(near(two.sides[0].bound, Real(4)));
}

TEST_CASE("thm1.random: Monte Carlo is seeded, replayable and covers the exact value here", "[thm1.random]") {
  PrecisionScope scope(128);
  EvalOptions opt;
  opt.max_enumeration = 2;  // C(3,1) = 3 > 2: forces Monte Carlo
  opt.monte_carlo_samples = 20000;
  opt.seed = 12345;
  const auto a = run<Real>("{" + kThree + "}", opt);
  const auto b = run<Real>("{" + kThree + "}", opt);
  CHECK(a.method == "monte-carlo");
  REQUIRE(a.confidence.has_value());
  CHECK(*a.confidence == opt.confidence);
  CHECK(a.sides[0].quantity == b.sides[0].quantity);
  const Real hw = detail(a, "half_width");
  CHECK(hw > 0);
  CHECK(abs(a.sides[0].quantity - Real(8) / 3) <= hw);
  const auto iv = run<Interval>("{" + kThree + "}", opt);
  CHECK(test::encloses(iv.sides[0].quantity, Real(8) / 3, Real(0)));
  opt.seed = 54321;  // another stream: its own interval also covers 8/3 here
  const auto c = run<Real>("{" + kThree + "}", opt);
  CHECK(abs(c.sides[0].quantity - Real(8) / 3) <= detail(c, "half_width"));
}

TEST_CASE("thm1.random: helpers and bad input", "[thm1.random]") {
  CHECK(binomial_capped(10, 3, 1000) == 120);
  CHECK(binomial_capped(100, 50, 1000000) == 1000001);
  CHECK(binomial_capped(3, 4, 10) == 0);
  PrecisionScope scope(64);
  CHECK(thrown_field<HypothesisError>(R"({"statement":"thm1.random","weights":["0.6","0.6"],"x":[[1],[2]],"top_n":1})") == "weights");
  CHECK(thrown_field<HypothesisError>(R"({"statement":"thm1.random","weights":["0.5","0.5"],"x":[[1],[2]],"top_n":3})") == "top_n");
  CHECK(thrown_field<InputError>(R"({"statement":"thm1.random","weights":["0.5","0.5"],"x":[[1],[2]],"top_set":[0]})") == "top_set");
  CHECK(thrown_field<InputError>(R"({"statement":"thm1.random","weights":["0.5","0.5"],"x":[[1],[2]]})") == "top_n");
  CHECK(thrown_field<InputError>(R"({"statement":"thm1.random","weights":["0.5","0.5"],"x":[[1]],"top_n":1})") == "x");
}
