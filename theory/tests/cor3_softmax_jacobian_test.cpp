// Hand-derived cases for cor3.softmax_jacobian (Corollary 3 as stated; erratum E1).
#include "testing/catch.hpp"
#include "theory/cor3_softmax_jacobian.hpp"
#include "theory/tests/statement_test_support.hpp"

using namespace attnbound;
using attnbound::test::near;
using attnbound::test::run;
using attnbound::test::thrown_field;

TEST_CASE("cor3.softmax_jacobian: the two-way tie violates min{1/(4T), sqrt 2} (E1)", "[cor3]") {
  PrecisionScope scope(256);
  // l = (0,0), T = 1: J = [[1/4,-1/4],[-1/4,1/4]]: ||J||_2 = ||J||_F = 1/2, row norms sqrt2/4; bound 1/4.
  const auto s = run<Real>(R"({"statement":"cor3.softmax_jacobian","variant":"spectral","logits":["0","0"],"temperature":"1"})");
  CHECK(near(s.sides[0].quantity, Real("0.5")));
  CHECK(near(s.sides[0].bound, Real("0.25")));
  CHECK_FALSE(test::holds(s));
  const auto f = run<Real>(R"({"statement":"cor3.softmax_jacobian","variant":"frobenius","logits":[0,0],"temperature":1})");
  CHECK(near(f.sides[0].quantity, Real("0.5")));
  const auto p = run<Real>(R"({"statement":"cor3.softmax_jacobian","variant":"per_weight","logits":[0,0],"temperature":1})");
  CHECK(near(p.sides[0].quantity, sqrt(Real(2)) / 4));
  CHECK(*p.sides[0].index == 0);
  CHECK_FALSE(test::holds(p));
  // Certified: the interval of ||J||_2 lies above the bound's.
  const auto iv = run<Interval>(R"({"statement":"cor3.softmax_jacobian","logits":[0,0],"temperature":1})");
  CHECK(lower_end(iv.sides[0].quantity) > upper_end(iv.sides[0].bound));
  // Small T: ||J||_2 = 1/(2T) = 50 at T = 0.01 while the cap is sqrt 2.
  const auto small = run<Real>(R"({"statement":"cor3.softmax_jacobian","logits":[0,0],"temperature":"0.01"})");
  CHECK(near(small.sides[0].quantity, Real(50)));
  CHECK(near(small.sides[0].bound, sqrt(Real(2))));
}

TEST_CASE("cor3.softmax_jacobian: three-way tie, one-hot and L = 1", "[cor3]") {
  PrecisionScope scope(256);
  // p = 1/3: diag p - pp^T = (1/3)(I - 11^T/3): ||.||_2 = 1/3, ||.||_F = sqrt2/3, rows sqrt6/9.
  const auto s = run<Real>(R"({"statement":"cor3.softmax_jacobian","logits":[1,1,1],"temperature":1})");
  CHECK(near(s.sides[0].quantity, Real(1) / 3));
  const auto f = run<Real>(R"({"statement":"cor3.softmax_jacobian","variant":"frobenius","logits":[1,1,1],"temperature":1})");
  CHECK(near(f.sides[0].quantity, sqrt(Real(2)) / 3));
  const auto p = run<Real>(R"({"statement":"cor3.softmax_jacobian","variant":"per_weight","logits":[1,1,1],"temperature":1})");
  CHECK(near(p.sides[0].quantity, sqrt(Real(6)) / 9));
  // One-hot limit: l = (40, 0), T = 1: ||J||_2 ~ e^-40, far below 1/4.
  const auto oh = run<Real>(R"({"statement":"cor3.softmax_jacobian","logits":[40,0],"temperature":1})");
  CHECK(oh.sides[0].quantity < Real("1e-16"));
  CHECK(test::holds(oh));
  const auto one = run<Real>(R"({"statement":"cor3.softmax_jacobian","variant":"frobenius","logits":[7],"temperature":1})");
  CHECK(one.sides[0].quantity == 0);
}

TEST_CASE("cor3.softmax_jacobian: bad input names its field", "[cor3]") {
  PrecisionScope scope(64);
  CHECK(thrown_field<HypothesisError>(R"({"statement":"cor3.softmax_jacobian","logits":[0,0],"temperature":0})") == "temperature");
  CHECK(thrown_field<InputError>(R"({"statement":"cor3.softmax_jacobian","logits":[0,0],"temperature":1,"epsilon":1})") == "epsilon");
  CHECK(thrown_field<InputError>(R"({"statement":"cor3.softmax_jacobian","variant":"nuclear","logits":[0,0],"temperature":1})") == "variant");
  CHECK(thrown_field<InputError>(R"({"statement":"cor3.softmax_jacobian","logits":[],"temperature":1})") == "logits");
}

TEST_CASE("cor3.softmax_jacobian: O(L) Frobenius and row norms equal the norms of the formed Jacobian", "[cor3]") {
  PrecisionScope scope(256);
  // Deterministic logits with ties, a one-hot-like spread and mixed signs.
  const std::vector<std::vector<std::string>> cases{
      {"0", "0"}, {"1", "1", "1"}, {"3", "-2", "0.5", "3", "7.25", "-40"}, {"100", "0", "0", "0"}, {"5"}};
  for (const auto& c : cases) {
    Vec<Real> l;
    for (const auto& s : c) l.push_back(Real(s));
    const Real T("0.7");
    const Vec<Real> p = softmax(l, T);
    const Mat<Real> J = softmax_jacobian_from_weights(p, T);
    CHECK(near(softmax_jacobian_frobenius_norm(p, T), frobenius_norm(J)));
    std::optional<std::int64_t> at;
    const Real rmax = softmax_jacobian_max_row_norm(p, T, &at);
    CHECK(near(rmax, max_element_value(row_norms(J))));
    REQUIRE(at.has_value());
    CHECK(near(norm2(J[static_cast<std::size_t>(*at)]), rmax));
  }
}

TEST_CASE("cor3.softmax_jacobian: the O(L) norms keep their relative width at a one-hot limit", "[cor3]") {
  PrecisionScope scope(128);
  // l = (200, 0), T = 1: the Jacobian entries are ~e^-200; an enclosure of 1 - p_1 formed by subtraction
  // would be [0, 2^-127], wider than the value itself.
  Vec<Interval> l{Interval(200), Interval(0)};
  const Vec<Interval> p = softmax(l, Interval(1));
  const Interval f = softmax_jacobian_frobenius_norm(p, Interval(1));
  CHECK(lower_end(f) > 0);
  CHECK((upper_end(f) - lower_end(f)) / lower_end(f) < Real("1e-30"));
  // ||J||_F = 2 p_1 p_2 for L = 2 (four entries of magnitude p_1 p_2), computed at 512 bits.
  const Real lo = lower_end(f), hi = upper_end(f);
  PrecisionScope wide(512);
  const Real e = exp(Real(-200));
  const Real exact = 2 * e / ((1 + e) * (1 + e));
  CHECK(lo <= exact);
  CHECK(exact <= hi);
}

TEST_CASE("cor3.softmax_jacobian: bound<S> is min{1/(4T), sqrt 2} in double, float and Interval", "[cor3]") {
  // Arm 1/(4T) for T >= 1/(4 sqrt 2) ~ 0.177, arm sqrt 2 below.
  CHECK(cor3_softmax_jacobian::bound(1.0) == 0.25);
  CHECK(cor3_softmax_jacobian::bound(0.5f) == 0.5f);
  CHECK(cor3_softmax_jacobian::bound(0.01) == std::sqrt(2.0));
  PrecisionScope scope(128);
  // At T = 0.17 the arms differ by ~0.056: the interval min is the sqrt 2 arm, a thin enclosure of it.
  const Interval b = cor3_softmax_jacobian::bound(Interval(Real("0.17")));
  CHECK(lower_end(b) <= sqrt(Real(2)));
  CHECK(upper_end(b) >= sqrt(Real(2)));
  CHECK(upper_end(b) - lower_end(b) < Real("1e-30"));
  // Overlapping arms: T in [0.1, 1] gives 1/(4T) in [0.25, 2.5], so the min is in [0.25, sqrt 2] (sound min).
  const Interval w = cor3_softmax_jacobian::bound(hull(Real("0.1"), Real("1")));
  CHECK(lower_end(w) <= Real("0.25"));
  CHECK(upper_end(w) >= sqrt(Real(2)));
  CHECK(upper_end(w) < Real("1.4143"));
}
