// Hand-derived cases for cor3.softmax_jacobian.corrected: every corrected form is tight at a two-way tie.
#include "testing/catch.hpp"
#include "theory/cor3_softmax_jacobian_corrected.hpp"
#include "theory/tests/statement_test_support.hpp"

using namespace attnbound;
using attnbound::test::near;
using attnbound::test::run;
using attnbound::test::thrown_field;

TEST_CASE("cor3.softmax_jacobian.corrected: tight at the two-way tie", "[cor3]") {
  PrecisionScope scope(256);
  for (const char* T : {"1", "0.1", "8"}) {
    const Real t(T);
    const std::string tail = std::string(R"(,"logits":[0,0],"temperature":")") + T + "\"}";
    const auto s = run<Real>(R"({"statement":"cor3.softmax_jacobian.corrected","variant":"spectral")" + tail);
    CHECK(near(s.sides[0].quantity, 1 / (2 * t)));
    CHECK(near(s.sides[0].bound, 1 / (2 * t)));
    const auto f = run<Real>(R"({"statement":"cor3.softmax_jacobian.corrected","variant":"frobenius")" + tail);
    CHECK(near(f.sides[0].quantity, f.sides[0].bound));
    const auto p = run<Real>(R"({"statement":"cor3.softmax_jacobian.corrected","variant":"per_weight")" + tail);
    CHECK(near(p.sides[0].quantity, sqrt(Real(2)) / (4 * t)));
    CHECK(near(p.sides[0].bound, sqrt(Real(2)) / (4 * t)));
    const auto m = run<Real>(R"({"statement":"cor3.softmax_jacobian.corrected","variant":"max_weight")" + tail);
    CHECK(near(m.sides[0].bound, 1 / (2 * t)));
  }
}

TEST_CASE("cor3.softmax_jacobian.corrected: strict away from ties, one-hot, L = 1", "[cor3]") {
  PrecisionScope scope(256);
  // l = (1, 0, -1), T = 1: every corrected form holds strictly.
  for (const char* v : {"spectral", "frobenius", "per_weight", "max_weight"}) {
    const auto e = run<Real>(std::string(R"({"statement":"cor3.softmax_jacobian.corrected","logits":[1,0,-1],"temperature":1,"variant":")") + v + "\"}");
    INFO(v);
    CHECK(e.sides[0].quantity < e.sides[0].bound);
    const auto iv = run<Interval>(std::string(R"({"statement":"cor3.softmax_jacobian.corrected","logits":[1,0,-1],"temperature":1,"variant":")") + v + "\"}");
    CHECK(upper_end(iv.sides[0].quantity) < lower_end(iv.sides[0].bound));  // certified
  }
  // Three-way tie: max_weight bound 1/3 equals ||J||_2 = 1/3.
  const auto m = run<Real>(R"({"statement":"cor3.softmax_jacobian.corrected","variant":"max_weight","logits":[0,0,0],"temperature":1})");
  CHECK(near(m.sides[0].quantity, m.sides[0].bound));
  const auto one = run<Real>(R"({"statement":"cor3.softmax_jacobian.corrected","logits":[2],"temperature":1})");
  CHECK(one.sides[0].quantity == 0);
  CHECK(thrown_field<HypothesisError>(R"({"statement":"cor3.softmax_jacobian.corrected","logits":[0],"temperature":"-0.5"})") == "temperature");
}

TEST_CASE("cor3.softmax_jacobian.corrected: bound<S> per norm variant, max_weight_bound", "[cor3]") {
  CHECK(cor3_softmax_jacobian_corrected::bound(1.0) == 0.5);
  CHECK(cor3_softmax_jacobian_corrected::bound(0.25, "frobenius") == 2.0);
  CHECK(cor3_softmax_jacobian_corrected::bound(2.0f, "spectral") == 0.25f);
  CHECK(cor3_softmax_jacobian_corrected::bound(1.0, "per_weight") == std::sqrt(2.0) / 4);
  CHECK(cor3_softmax_jacobian_corrected::max_weight_bound(0.75, 0.5) == 1.5);
  CHECK_THROWS_AS(cor3_softmax_jacobian_corrected::bound(1.0, "max_weight"), std::invalid_argument);
  PrecisionScope scope(128);
  const Interval b = cor3_softmax_jacobian_corrected::bound(Interval(Real("0.1")));  // 1/(2T) = 5
  CHECK(lower_end(b) <= Real(5));
  CHECK(upper_end(b) >= Real(5));
  CHECK(upper_end(b) - lower_end(b) < Real("1e-30"));
}
