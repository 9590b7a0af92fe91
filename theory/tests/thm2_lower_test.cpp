// Hand-derived cases for thm2.lower (Theorem 2 lower bound, erratum E7): exact sign enumeration at d = 1,
// interval integration at d = 2, Monte Carlo in double beyond (d >= 3 here).
#include "testing/catch.hpp"
#include "theory/tests/statement_test_support.hpp"
#include "theory/thm2_lower.hpp"

#include <numbers>

using namespace attnbound;
using attnbound::test::detail;
using attnbound::test::near;
using attnbound::test::run;
using attnbound::test::thrown_field;

TEST_CASE("thm2.lower: deterministic cases (L = 1, every token selected)", "[thm2]") {
  PrecisionScope scope(128);
  // L = N = 1: s = x_0, so ||alpha_0 x_0 - s|| = 0 <= r in every draw: E[N_s]/N = 1; xi = 0: bound 1.
  const auto one = run<Real>(R"({"statement":"thm2.lower","weights":[1],"top_n":1,"radius":"0.1","sphere_radius":1,"dimension":3})");
  CHECK(one.sides[0].quantity == 1);
  CHECK(detail(one, "half_width") == 0);
  CHECK(near(one.sides[0].bound, Real(1)));
  CHECK(one.method == "monte-carlo");
  // alpha = (1/2, 1/2), N = L = 2: ||alpha_i x_i - s|| = M/2 always; r = 0.6 > 1/2: ratio 1.
  // xi_i = M/2: bound 1 - (1/(0.6 * 2)) * 1 = 1/6.
  const auto all = run<Real>(R"({"statement":"thm2.lower","weights":["0.5","0.5"],"top_n":2,"radius":"0.6","sphere_radius":1,"dimension":3})");
  CHECK(all.sides[0].quantity == 1);
  CHECK(near(all.sides[0].bound, Real(1) / 6, Real("1e-30")));
  CHECK(test::holds(all));
}

TEST_CASE("thm2.lower: two tokens on a circle, closed form, the Markov bound ignores outside points", "[thm2]") {
  PrecisionScope scope(128);
  // alpha = (1/2, 1/2), I = {0}, M = 1, d = 2: selected distance 0; non-selected distance
  // ||x_1 - x_0||/2 = |sin(phi/2)|, phi uniform: P(> r) = 1 - (2/pi) arcsin r = 2/3 at r = 1/2.
  // xi_0 = 0 (no other selected token), so the lower bound is 1 > 2/3: violated (E7 (iv)).
  const std::string inst = R"({"statement":"thm2.lower","weights":["0.5","0.5"],"top_n":1,"radius":"0.5","sphere_radius":1,"dimension":2})";
  const auto e = run<Real>(inst);
  CHECK(e.method == "interval-integration");
  CHECK(!e.confidence);
  CHECK(detail(e, "enclosure_lower") <= Real(2) / 3);
  CHECK(Real(2) / 3 <= detail(e, "enclosure_upper"));
  CHECK(detail(e, "enclosure_upper") - detail(e, "enclosure_lower") <= Real("1e-3"));
  CHECK(abs(e.sides[0].quantity - Real(2) / 3) <= Real("1e-3"));
  CHECK(near(e.sides[0].bound, Real(1)));
  CHECK_FALSE(test::holds(e));
  const auto iv = run<Interval>(inst);
  CHECK(iv.method == "interval-integration");
  CHECK(upper_end(iv.sides[0].quantity) < lower_end(iv.sides[0].bound));  // a certified violation
  CHECK(test::encloses(iv.sides[0].quantity, Real(2) / 3, Real(0)));
  CHECK(upper_end(iv.sides[0].quantity) - lower_end(iv.sides[0].quantity) <= Real("1e-3"));
  // Deterministic: the seed only drives Monte Carlo.
  EvalOptions other;
  other.seed = 7;
  CHECK(run<Real>(inst, other).sides[0].quantity == e.sides[0].quantity);
  // A tighter width target is honoured (L = 2: one angle, a handful of boxes; boxes stop at 2^-30 of a turn).
  other.integration_width = 1e-8;
  const auto fine = run<Interval>(inst, other);
  CHECK(test::encloses(fine.sides[0].quantity, Real(2) / 3, Real(0)));
  CHECK(upper_end(fine.sides[0].quantity) - lower_end(fine.sides[0].quantity) <= Real("1e-8"));
}

TEST_CASE("thm2.lower: Monte Carlo beyond the exact methods (d = 3), seeded", "[thm2]") {
  PrecisionScope scope(128);
  // alpha = (1/2, 1/2), I = {0}, M = 1, d = 3: the non-selected distance is ||x_1 - x_0||/2 = sin(phi/2), and
  // on S^2 cos(phi) is uniform on [-1, 1]: P(sin(phi/2) > r) = P(cos phi < 1 - 2 r^2) = 1 - r^2 = 3/4 at r = 1/2.
  const std::string inst = R"({"statement":"thm2.lower","weights":["0.5","0.5"],"top_n":1,"radius":"0.5","sphere_radius":1,"dimension":3})";
  const auto e = run<Real>(inst);
  CHECK(e.method == "monte-carlo");
  const Real hw = detail(e, "half_width");
  CHECK(hw > 0);
  CHECK(hw < Real("0.01"));
  CHECK(abs(e.sides[0].quantity - Real(3) / 4) <= hw);
  EvalOptions other;
  other.seed = 7;
  CHECK(run<Real>(inst, other).sides[0].quantity != e.sides[0].quantity);
  // d = 2 beyond max_integration_length and d = 1 beyond max_sign_enumeration fall back to Monte Carlo.
  EvalOptions small;
  small.max_integration_length = 1;
  small.max_sign_enumeration = 1;
  CHECK(run<Real>(R"({"statement":"thm2.lower","weights":["0.5","0.5"],"top_n":1,"radius":"0.5","sphere_radius":1,"dimension":2})", small).method == "monte-carlo");
  CHECK(run<Real>(R"({"statement":"thm2.lower","weights":["0.5","0.5"],"top_n":1,"radius":"0.5","sphere_radius":1,"dimension":1})", small).method == "monte-carlo");
}

TEST_CASE("thm2.lower: the statistical counterexample is now exact (d = 1, logits 1 1, N = 1, r = M = 1)", "[thm2]") {
  PrecisionScope scope(64);
  // softmax(1, 1) = (1/2, 1/2), I = {0} (ties by lower index): the selected distance is 0 <= r; the other is
  // |x_1 - x_0|/2 in {0, 1}, never > r = 1 (the value 1 is exactly at the boundary and counts as inside the
  // closed ball): E[N_s] = 0 in every one of the 2^1 sign patterns, while xi_0 = 0 gives the bound 1.
  for (const std::string variant : {"xi_a", "xi_b"}) {
    const std::string inst = R"({"statement":"thm2.lower","variant":")" + variant +
                             R"(","delta":"1","logits":["1","1"],"temperature":"1","top_n":1,"radius":"1","sphere_radius":"1","dimension":1})";
    const auto iv = run<Interval>(inst);
    INFO(variant);
    CHECK(iv.method == "exact-enumeration");
    CHECK(iv.choices_certified);
    CHECK(lower_end(iv.sides[0].quantity) == 0);
    CHECK(upper_end(iv.sides[0].quantity) == 0);
    CHECK(upper_end(iv.sides[0].quantity) < lower_end(iv.sides[0].bound));  // violated, from enclosures
    CHECK(detail(iv, "undecided_indicators") == 0);
    CHECK(run<Real>(inst).sides[0].quantity == 0);
    CHECK(run<double>(inst).sides[0].quantity == 0);
  }
}

TEST_CASE("thm2.lower: xi_b spreads with delta", "[thm2]") {
  PrecisionScope scope(128);
  // alpha = (1/4, 1/4, 1/2), N = 3, M = 1, delta = 1: xi_b^2 = A + (1 - 1/2) B:
  // i = 0, 1: A = 5/16, B = 9/16 - 5/16 = 1/4 -> 7/16; i = 2: A = 1/8, B = 1/8 -> 3/16.
  const auto e = run<Real>(R"({"statement":"thm2.lower","variant":"xi_b","weights":["0.25","0.25","0.5"],"top_n":3,"radius":1,"sphere_radius":1,"dimension":4,"delta":1})");
  CHECK(near(detail(e, "xi_sum"), 2 * sqrt(Real(7) / 16) + sqrt(Real(3) / 16), Real("1e-30")));
  const auto a = run<Real>(R"({"statement":"thm2.lower","weights":["0.25","0.25","0.5"],"top_n":3,"radius":1,"sphere_radius":1,"dimension":4})");
  CHECK(near(detail(a, "xi_sum"), 2 * sqrt(Real(5) / 16) + sqrt(Real(1) / 8), Real("1e-30")));
}

TEST_CASE("thm2.lower: bad input names its field", "[thm2]") {
  PrecisionScope scope(64);
  const std::string w = R"("statement":"thm2.lower","weights":["0.25","0.25","0.25","0.25"],"top_n":4,)";
  CHECK(thrown_field<HypothesisError>("{" + w + R"("radius":0,"sphere_radius":1,"dimension":3})") == "radius");
  CHECK(thrown_field<HypothesisError>("{" + w + R"("radius":1,"sphere_radius":"-1","dimension":3})") == "sphere_radius");
  CHECK(thrown_field<HypothesisError>("{" + w + R"("radius":1,"sphere_radius":1,"dimension":0})") == "dimension");
  CHECK(thrown_field<InputError>("{" + w + R"("radius":1,"sphere_radius":1,"dimension":3,"variant":"xi_b"})") == "delta");
  CHECK(thrown_field<HypothesisError>("{" + w + R"("radius":1,"sphere_radius":1,"dimension":3,"delta":"-1"})") == "delta");
  // Three other tokens of weight 1/4 and delta = 2M: xi_b^2 = 3/16 - 6/16 < 0 (infeasible separation).
  CHECK(thrown_field<HypothesisError>("{" + w + R"("radius":1,"sphere_radius":1,"dimension":3,"delta":2,"variant":"xi_b"})") == "delta");
  CHECK(thrown_field<InputError>("{" + w + R"("radius":1,"sphere_radius":1,"dimension":"3"})") == "dimension");
  CHECK(thrown_field<InputError>("{" + w + R"("radius":1,"sphere_radius":1,"dimension":3,"x":[[1]]})") == "x");
}

TEST_CASE("thm2.lower: the xi_a / xi_b spreads and bound<S> by hand", "[thm2]") {
  // M = 2, others alpha = (0.25, 0.5): A = 0.3125, sum = 0.75, B = 0.5625 - 0.3125 = 0.25.
  CHECK(thm2_lower::xi_a_square(2.0, 0.3125) == 1.25);
  // delta = 2: M^2 - delta^2/2 = 2, so xi_b^2 = 1.25 + 2 * 0.25 = 1.75.
  CHECK(thm2_lower::xi_b_square(2.0, 0.3125, 0.75, 2.0) == 1.75);
  // 1 - xi_sum/(r N) = 1 - 3/(2 * 3) = 0.5.
  CHECK(thm2_lower::bound(3.0, 2.0, 3) == 0.5);
  CHECK(thm2_lower::bound(1.0f, 0.5f, 1) == -1.0f);
  PrecisionScope scope(128);
  const Interval b = thm2_lower::bound(Interval(Real(1)), Interval(Real("0.3")), 2);  // 1 - 1/0.6 = -2/3
  CHECK(lower_end(b) <= Real(-2) / 3);
  CHECK(upper_end(b) >= Real(-2) / 3);
}
