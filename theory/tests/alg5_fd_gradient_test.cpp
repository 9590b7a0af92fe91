// Hand-derived cases for alg5.fd_gradient.
#include "testing/catch.hpp"
#include "theory/alg5_fd_gradient.hpp"
#include "theory/tests/statement_test_support.hpp"

#include <cmath>

using namespace attnbound;
using attnbound::test::near;
using attnbound::test::run;
using attnbound::test::thrown_field;

TEST_CASE("alg5.fd_gradient: near a tie g -> 1/(2T) and exceeds the Cor. 3 bound", "[alg5]") {
  PrecisionScope scope(256);
  // l = (0,0), direction (1,-1), T = 1, eps = 1e-3: g = sqrt2 tanh(eps/sqrt2)/(2 eps) ~ 0.49999992.
  const std::string base = R"("statement":"alg5.fd_gradient","logits":[0,0],"temperature":1,"epsilon":"0.001","direction":[1,-1])";
  const Real eps("0.001");
  const Real g = sqrt(Real(2)) * tanh(eps / sqrt(Real(2))) / (2 * eps);
  const auto cor3 = run<Real>("{" + base + R"(,"variant":"cor3_bound"})");
  CHECK(near(cor3.sides[0].quantity, g));
  CHECK(near(cor3.sides[0].bound, Real("0.25")));
  CHECK_FALSE(test::holds(cor3));
  const auto lip = run<Real>("{" + base + R"(,"variant":"lipschitz"})");
  CHECK(near(lip.sides[0].bound, Real("0.5")));
  CHECK(test::holds(lip));
  const auto dia = run<Real>("{" + base + "}");
  CHECK(near(dia.sides[0].bound, sqrt(Real(2)) * 1000));
  CHECK(test::holds(dia));
  // Interval: a certified violation of cor3_bound (the enclosure of g lies above 1/4).
  const auto iv = run<Interval>("{" + base + R"(,"variant":"cor3_bound"})");
  CHECK(lower_end(iv.sides[0].quantity) > upper_end(iv.sides[0].bound));
}

TEST_CASE("alg5.fd_gradient: large eps approaches the simplex diameter, one-hot and L = 1", "[alg5]") {
  PrecisionScope scope(256);
  // From centre to far side, eps = 100: g = sqrt2 tanh(100/sqrt2)/200 = (sqrt2/eps)/2 up to e^-141:
  // starting at the centre of the simplex only half its diameter is available.
  const auto e = run<Real>(R"({"statement":"alg5.fd_gradient","logits":[0,0],"temperature":1,"epsilon":100,"direction":[1,-1]})");
  CHECK(near(e.sides[0].quantity, sqrt(Real(2)) * tanh(100 / sqrt(Real(2))) / 200));
  CHECK(test::holds(e));
  // Vertex to vertex: l = (20, 0) -> (-20, 0) (direction -e_0, eps = 40) swaps (s(20), s(-20)):
  // g = sqrt2 (s(20) - s(-20))/40 = sqrt2 tanh(10)/40, within 1e-8 of the diameter bound sqrt2/40.
  const auto vv = run<Real>(R"({"statement":"alg5.fd_gradient","logits":[20,0],"temperature":1,"epsilon":40,"direction":[-1,0]})");
  CHECK(near(vv.sides[0].quantity, sqrt(Real(2)) * tanh(Real(10)) / 40));
  CHECK(test::holds(vv));
  CHECK(vv.sides[0].bound - vv.sides[0].quantity < Real("1e-8") * vv.sides[0].bound);
  // One-hot: l = (100, 0), v = e_1, T = 1, eps = 1: alpha_1 moves from 1/(1+e^100) to 1/(1+e^99).
  const auto oh = run<Real>(R"({"statement":"alg5.fd_gradient","logits":[100,0],"temperature":1,"epsilon":1,"direction":[0,5]})");
  const Real d = 1 / (1 + exp(Real(99))) - 1 / (1 + exp(Real(100)));
  // component 0 cancels near 1: absolute error ~ ulp(1) = 2^-256 per term, far below 1e-60.
  CHECK(near(oh.sides[0].quantity, sqrt(Real(2)) * d));
  CHECK(oh.sides[0].quantity > 0);
  const auto one = run<Real>(R"({"statement":"alg5.fd_gradient","logits":[3],"temperature":"0.01","epsilon":"0.5","direction":[1],"variant":"cor3_bound"})");
  CHECK(one.sides[0].quantity == 0);
  CHECK(near(one.sides[0].bound, sqrt(Real(2))));
}

TEST_CASE("alg5.fd_gradient: bad input names its field", "[alg5]") {
  PrecisionScope scope(64);
  CHECK(thrown_field<HypothesisError>(R"({"statement":"alg5.fd_gradient","logits":[0,0],"temperature":1,"epsilon":1,"direction":[0,"0.0"]})") == "direction");
  CHECK(thrown_field<HypothesisError>(R"({"statement":"alg5.fd_gradient","logits":[0,0],"temperature":1,"epsilon":0,"direction":[1,0]})") == "epsilon");
  CHECK(thrown_field<HypothesisError>(R"({"statement":"alg5.fd_gradient","logits":[0,0],"temperature":"-1","epsilon":1,"direction":[1,0]})") == "temperature");
  CHECK(thrown_field<InputError>(R"({"statement":"alg5.fd_gradient","logits":[0,0],"temperature":1,"epsilon":1,"direction":[1]})") == "direction");
  CHECK(thrown_field<InputError>(R"({"statement":"alg5.fd_gradient","logits":[0,0],"temperature":1,"epsilon":1})") == "direction");
}

TEST_CASE("alg5.fd_gradient: the simplex-diameter bound sqrt(2)/eps, enclosed in intervals", "[alg5]") {
  CHECK(attnbound::alg5_fd_gradient::simplex_diameter_bound(1.0) == std::sqrt(2.0));
  CHECK(attnbound::alg5_fd_gradient::simplex_diameter_bound(0.5) == 2 * std::sqrt(2.0));
  attnbound::PrecisionScope scope(128);
  const attnbound::Interval b = attnbound::alg5_fd_gradient::simplex_diameter_bound(attnbound::Interval(4));
  CHECK(attnbound::lower_end(b * b) <= attnbound::Real(0.125));  // (sqrt(2)/4)^2 = 1/8 inside the enclosure
  CHECK(attnbound::upper_end(b * b) >= attnbound::Real(0.125));
}
