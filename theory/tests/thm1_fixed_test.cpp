// Hand-derived cases for thm1.fixed (Theorem 1 part 1, spec 1.3 and 2).
#include "testing/catch.hpp"
#include "theory/tests/statement_test_support.hpp"
#include "theory/thm1_fixed.hpp"

using namespace attnbound;
using attnbound::test::detail;
using attnbound::test::near;
using attnbound::test::run;
using attnbound::test::thrown_field;

TEST_CASE("thm1.fixed: two tokens, closed form", "[thm1.fixed]") {
  PrecisionScope scope(256);
  // alpha = (3/4, 1/4), x0 = e1, x1 = e2, I = {0}: s = (3/4, 0), d~ = ||(-3/4, 1/4)|| = sqrt(10)/4;
  // abar = 3/4, d_1 = sqrt 2, max||x_j|| = 1: tight = sqrt2/4 + (3/4 - 1/4), loose = sqrt2/4 + (3/4 + 1/4).
  const std::string base = R"("statement":"thm1.fixed","weights":["0.75","0.25"],"x":[[1,0],[0,1]],"top_n":1)";
  const auto tight = run<Real>("{" + base + "}");
  CHECK(near(tight.sides[0].quantity, sqrt(Real(10)) / 4));
  CHECK(near(tight.sides[0].bound, sqrt(Real(2)) / 4 + Real("0.5")));
  CHECK(test::holds(tight));
  const auto loose = run<Real>("{" + base + R"(,"variant":"loose"})");
  CHECK(near(loose.sides[0].bound, sqrt(Real(2)) / 4 + Real(1)));
  // Reading (b): ||alpha_1 x_1 - s|| is the same single term here.
  const auto b = run<Real>("{" + base + R"(,"distance":"norm_of_sum"})");
  CHECK(near(b.sides[0].quantity, sqrt(Real(10)) / 4));
  // Interval encloses the same numbers.
  const auto iv = run<Interval>("{" + base + "}");
  CHECK(test::encloses(iv.sides[0].quantity, sqrt(Real(10)) / 4));
  CHECK(test::encloses(iv.sides[0].bound, sqrt(Real(2)) / 4 + Real("0.5")));
  const auto dbl = run<double>("{" + base + "}");
  CHECK(dbl.sides[0].quantity == Approx(std::sqrt(10.0) / 4).epsilon(1e-15));
}

TEST_CASE("thm1.fixed: ties go to the lower index, an explicit tied top_set is accepted", "[thm1.fixed]") {
  PrecisionScope scope(256);
  const std::string base = R"("statement":"thm1.fixed","weights":["0.5","0.5"],"x":[[2],[4]])";
  const auto by_n = run<Real>("{" + base + R"(,"top_n":1})");
  CHECK(detail(by_n, "max_selected_norm") == 2);  // I = {0}
  const auto by_set = run<Real>("{" + base + R"(,"top_set":[1]})");
  CHECK(detail(by_set, "max_selected_norm") == 4);  // I = {1}
  // d~ = |0.5*4 - 0.5*2| = 1 either way.
  CHECK(near(by_n.sides[0].quantity, Real(1)));
  CHECK(near(by_set.sides[0].quantity, Real(1)));
  // Equal logits give equal weights: the tie is decided exactly on the logits.
  const auto lg = run<Interval>(R"({"statement":"thm1.fixed","logits":["0.3","0.3"],"temperature":"0.1","x":[[2],[4]],"top_set":[1]})");
  CHECK(test::encloses(lg.sides[0].quantity, Real(1)));
}

TEST_CASE("thm1.fixed: one-hot weights attain the tight bound", "[thm1.fixed]") {
  PrecisionScope scope(256);
  // alpha = e_0, I = {0}: s = x0, d~ = 2||x0|| = 10; bound = 0*d1 + ||x0|| [(3-1)*1 - 0] = 10.
  const auto e = run<Real>(R"({"statement":"thm1.fixed","weights":[1,0,0],"x":[[3,4],[1,1],[-7,2]],"top_n":1})");
  CHECK(near(e.sides[0].quantity, Real(10)));
  CHECK(near(e.sides[0].bound, Real(10)));
  CHECK(test::holds(e));
}

TEST_CASE("thm1.fixed: L = 1 and N = L", "[thm1.fixed]") {
  PrecisionScope scope(256);
  const auto a = run<Real>(R"({"statement":"thm1.fixed","weights":[1],"x":[[3,4]],"top_n":1})");
  CHECK(a.sides[0].quantity == 0);
  CHECK(a.sides[0].bound == 0);
  CHECK(test::holds(a));
  // Reading (b) measures ||0 - s|| = 5 against the bound 0: violated (documented).
  const auto b = run<Real>(R"({"statement":"thm1.fixed","weights":[1],"x":[[3,4]],"top_n":1,"distance":"norm_of_sum"})");
  CHECK(near(b.sides[0].quantity, Real(5)));
  CHECK_FALSE(test::holds(b));
}

TEST_CASE("thm1.fixed: N = L - 1 from logits", "[thm1.fixed]") {
  PrecisionScope scope(256);
  // alpha = (1/3,1/3,1/3), I = {0,1}, x = (1),(2),(3): s = 1, d~ = |1 - 1| = 0;
  // abar = 2/3, d_1 = 2, max||x_j|| = 2: tight = (1/3)*2 + 2*(2/3 - 1/3) = 4/3.
  const auto e = run<Real>(R"({"statement":"thm1.fixed","logits":[0,0,0],"temperature":1,"x":[[1],[2],[3]],"top_n":2})");
  CHECK(near(e.sides[0].quantity, Real(0)));
  CHECK(near(e.sides[0].bound, Real(4) / 3));
  CHECK(near(detail(e, "d1"), Real(2)));
  // Interval: the exact zero d~ is enclosed by [0, tiny], not by an interval with a NaN end.
  const auto iv = run<Interval>(R"({"statement":"thm1.fixed","logits":[0,0,0],"temperature":1,"x":[[1],[2],[3]],"top_n":2})");
  CHECK(lower_end(iv.sides[0].quantity) == 0);
  CHECK(upper_end(iv.sides[0].quantity) < Real("1e-60"));
  CHECK(test::encloses(iv.sides[0].bound, Real(4) / 3));
  CHECK(upper_end(iv.sides[0].quantity) < lower_end(iv.sides[0].bound));
}

TEST_CASE("thm1.fixed: hypothesis and input violations name their field", "[thm1.fixed]") {
  PrecisionScope scope(64);
  const std::string x2 = R"("x":[[1],[2]])";
  CHECK(thrown_field<HypothesisError>(R"({"statement":"thm1.fixed","weights":["0.5","0.4999"],)" + x2 + R"(,"top_n":1})") == "weights");
  CHECK(thrown_field<HypothesisError>(R"({"statement":"thm1.fixed","weights":["1.5","-0.5"],)" + x2 + R"(,"top_n":1})") == "weights[1]");
  CHECK(thrown_field<HypothesisError>(R"({"statement":"thm1.fixed","weights":["0.75","0.25"],)" + x2 + R"(,"top_set":[1]})") == "top_set");
  CHECK(thrown_field<HypothesisError>(R"({"statement":"thm1.fixed","weights":["0.75","0.25"],)" + x2 + R"(,"top_n":3})") == "top_n");
  CHECK(thrown_field<HypothesisError>(R"({"statement":"thm1.fixed","weights":["0.75","0.25"],)" + x2 + R"(,"top_n":0})") == "top_n");
  CHECK(thrown_field<HypothesisError>(R"({"statement":"thm1.fixed","logits":[1,2],"temperature":0,)" + x2 + R"(,"top_n":1})") == "temperature");
  CHECK(thrown_field<InputError>(R"({"statement":"thm1.fixed","weights":["0.75","0.25"],"x":[[1]],"top_n":1})") == "x");
  CHECK(thrown_field<InputError>(R"({"statement":"thm1.fixed","weights":["0.75","0.25"],)" + x2 + R"(,"top_n":1,"radius":1})") == "radius");
  CHECK(thrown_field<InputError>(R"({"statement":"thm1.fixed","weights":[1,0],"logits":[1,0],)" + x2 + R"(,"top_n":1})") == "weights");
  CHECK(thrown_field<InputError>(R"({"statement":"thm1.fixed","weights":[1,0],)" + x2 + R"(,"top_set":[0,0]})") == "top_set[1]");
  CHECK(thrown_field<InputError>(R"({"statement":"thm1.fixed","weights":[1,0],)" + x2 + R"(,"top_set":[2]})") == "top_set[0]");
  CHECK(thrown_field<InputError>(R"({"statement":"thm1.fixed","weights":[1,0],)" + x2 + R"(,"top_n":1,"distance":"other"})") == "distance");
  CHECK(thrown_field<InputError>(R"({"statement":"thm1.fixed","weights":[1,0],)" + x2 + "}") == "top_n");
}

TEST_CASE("thm1.fixed: bound<S> by hand, tight and loose", "[thm1.fixed]") {
  // rest 0.25, d1 2, max norm 3, L - N = 2, abar 0.75: lead 1.5; tight 0.5 + 3 * 1.25 = 4.25, loose 0.5 + 3 * 1.75.
  CHECK(thm1_fixed::bound(0.25, 2.0, 3.0, 2, 0.75) == 4.25);
  CHECK(thm1_fixed::bound(0.25, 2.0, 3.0, 2, 0.75, true) == 5.75);
  CHECK(thm1_fixed::bound(0.0f, 1.0f, 1.0f, 0, 1.0f) == 0.0f);  // N = L, all mass selected: the bound is 0
  PrecisionScope scope(128);
  const Interval b = thm1_fixed::bound(Interval(Real("0.1")), Interval(Real(1)), Interval(Real(1)), 1, Interval(Real("0.9")));
  CHECK(lower_end(b) <= Real("0.9"));  // 0.1 + (0.9 - 0.1) = 0.9
  CHECK(upper_end(b) >= Real("0.9"));
}
