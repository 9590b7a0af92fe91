// Hand-derived cases for thm2.upper (Theorem 2 upper bound, erratum E7): Monte Carlo at d = 5 and 3,
// interval integration at d = 2.
#include "testing/catch.hpp"
#include "theory/tests/statement_test_support.hpp"
#include "theory/thm2_upper.hpp"

using namespace attnbound;
using attnbound::test::detail;
using attnbound::test::near;
using attnbound::test::run;
using attnbound::test::thrown_field;

TEST_CASE("thm2.upper: every token selected, r below the fixed distance M/2", "[thm2]") {
  PrecisionScope scope(128);
  // alpha = (1/2, 1/2), N = L = 2, M = 1: ||alpha_i x_i - s|| = 1/2 > r = 0.4 always: E[N_s]/N = 0.
  // xi_i = 1/2 > r: bound = exp(-(0.1)^2/2).
  const auto e = run<Real>(R"({"statement":"thm2.upper","weights":["0.5","0.5"],"top_n":2,"radius":"0.4","sphere_radius":1,"dimension":5})");
  CHECK(e.sides[0].quantity == 0);
  CHECK(near(e.sides[0].bound, exp(Real("-0.005")), Real("1e-30")));
  CHECK(near(detail(e, "trivial_terms"), Real(0)));
  CHECK(test::holds(e));
  const auto iv = run<Interval>(R"({"statement":"thm2.upper","weights":["0.5","0.5"],"top_n":2,"radius":"0.4","sphere_radius":1,"dimension":5})");
  CHECK(iv.choices_certified);
  CHECK(test::encloses(iv.sides[0].bound, exp(Real("-0.005")), Real("1e-30")));
}

TEST_CASE("thm2.upper: r >= xi_i uses the trivial term, L = 1", "[thm2]") {
  PrecisionScope scope(128);
  // Two tokens on a circle, I = {0}: E[N_s]/N = 2/3 at r = 1/2 (see thm2_lower_test); xi_0 = 0 <= r: bound 1.
  const auto e = run<Real>(R"({"statement":"thm2.upper","weights":["0.5","0.5"],"top_set":[1],"radius":"0.5","sphere_radius":1,"dimension":2})");
  CHECK(e.method == "interval-integration");
  CHECK(abs(e.sides[0].quantity - Real(2) / 3) <= Real("1e-3"));
  CHECK(detail(e, "enclosure_lower") <= Real(2) / 3);
  CHECK(Real(2) / 3 <= detail(e, "enclosure_upper"));
  CHECK(near(e.sides[0].bound, Real(1)));
  CHECK(near(detail(e, "trivial_terms"), Real(1)));
  CHECK(test::holds(e));
  const auto one = run<Real>(R"({"statement":"thm2.upper","variant":"xi_b","delta":0,"logits":[3],"temperature":1,"top_n":1,"radius":1,"sphere_radius":2,"dimension":3})");
  CHECK(one.sides[0].quantity == 1);
  CHECK(near(one.sides[0].bound, Real(1)));
}

TEST_CASE("thm2.upper: bad input names its field", "[thm2]") {
  PrecisionScope scope(64);
  CHECK(thrown_field<HypothesisError>(R"({"statement":"thm2.upper","weights":["0.75","0.25"],"top_set":[1],"radius":1,"sphere_radius":1,"dimension":2})") == "top_set");
  CHECK(thrown_field<InputError>(R"({"statement":"thm2.upper","weights":["0.75","0.25"],"top_n":1,"sphere_radius":1,"dimension":2})") == "radius");
}

TEST_CASE("thm2.upper: term<S> is exp(-(xi - r)^2/(2M^2)) for r < xi, else 1", "[thm2]") {
  CHECK(thm2_upper::trivial_term(0.5, 0.5));
  CHECK_FALSE(thm2_upper::trivial_term(0.75, 0.5));
  CHECK(thm2_upper::term(0.5, 0.75, 1.0) == 1.0);
  CHECK(thm2_upper::term(0.5, 0.5, 1.0) == 1.0);
  CHECK(thm2_upper::term(3.0, 1.0, 1.0) == std::exp(-2.0));   // (3 - 1)^2 / 2 = 2
  CHECK(thm2_upper::term(3.0, 1.0, 2.0) == std::exp(-0.5));   // 4 / (2 * 4)
  PrecisionScope scope(128);
  const Interval t = thm2_upper::term(Interval(Real(3)), Interval(Real(1)), Interval(Real(1)));
  CHECK(lower_end(t) <= exp(Real(-2)));
  CHECK(upper_end(t) >= exp(Real(-2)));
}
