// Outward-rounded double intervals (theory/double_interval.hpp): every result encloses the exact result,
// checked against MPFR at 256 bits on operands whose sums and products are not representable in double.
#include "testing/catch.hpp"
#include "theory/double_interval.hpp"

#include <cmath>
#include <limits>
#include <random>

using namespace attnbound;

namespace {
bool contains(DoubleInterval v, const Real& x) { return Real(v.lo) <= x && x <= Real(v.hi); }
}  // namespace

TEST_CASE("double_interval: + - * and sqr enclose the exact results", "[double_interval]") {
  PrecisionScope scope(256);
  const double a = 0.1, b = 0.2, c = -3.7, e = 1e-300;
  const DoubleInterval A = DoubleInterval::point(a), B = DoubleInterval::point(b), C = DoubleInterval::point(c);
  CHECK(contains(A + B, Real(a) + Real(b)));
  CHECK((A + B).lo < (A + B).hi);  // 0.1 + 0.2 is inexact in double: the ends move outward
  CHECK(contains(A - C, Real(a) - Real(c)));
  CHECK(contains(A * C, Real(a) * Real(c)));
  CHECK(contains(-C, -Real(c)));
  CHECK(contains(sqr(C), Real(c) * Real(c)));
  CHECK(contains(sqr(DoubleInterval::point(e)), Real(e) * Real(e)));  // underflows to a subnormal or 0
  // Interval operands: the extremes over the box.
  const DoubleInterval X{-1, 2}, Y{-3, 0.5};
  const DoubleInterval P = X * Y;
  CHECK(P.lo <= -6);
  CHECK(P.hi >= 3);
  CHECK(sqr(X).lo == 0);
  CHECK(sqr(X).hi >= 4);
  const DoubleInterval Q = sqr(DoubleInterval{-3, -2});
  CHECK(Q.lo <= 4);
  CHECK(Q.lo > 3.99);
  CHECK(Q.hi >= 9);
}

TEST_CASE("double_interval: conversion from MPFR rounds outward", "[double_interval]") {
  PrecisionScope scope(256);
  const Interval third = Interval(1) / Interval(3);
  const DoubleInterval t = to_double_interval(third);
  CHECK(Real(t.lo) <= lower_end(third));
  CHECK(Real(t.hi) >= upper_end(third));
  CHECK(t.lo < t.hi);
  const DoubleInterval p = to_double_interval(Real(1) / 3);
  CHECK(Real(p.lo) <= Real(1) / 3);
  CHECK(Real(p.hi) >= Real(1) / 3);
  CHECK(to_double_interval(0.25).lo == 0.25);
  CHECK(to_double_interval(0.25).hi == 0.25);
}

TEST_CASE("double_interval: tri-state comparison and Kleene logic", "[double_interval]") {
  CHECK(certainly_le({0, 1}, {1, 2}) == Tri::yes);      // touching ends: x <= 1 <= y
  CHECK(certainly_le({1.5, 3}, {0, 1}) == Tri::no);
  CHECK(certainly_le({0, 1.5}, {1, 2}) == Tri::unknown);
  CHECK(certainly_le({1, 1}, {1, 1}) == Tri::yes);      // equality of exact points is decided
  CHECK(tri_and(Tri::yes, Tri::unknown) == Tri::unknown);
  CHECK(tri_and(Tri::no, Tri::unknown) == Tri::no);
  CHECK(tri_or(Tri::yes, Tri::unknown) == Tri::yes);
  CHECK(tri_or(Tri::no, Tri::unknown) == Tri::unknown);
  CHECK(tri_or(Tri::no, Tri::no) == Tri::no);
  CHECK(next_down(1.0) < 1.0);
  CHECK(next_up(1.0) > 1.0);
  CHECK(next_up(std::numeric_limits<double>::infinity()) == std::numeric_limits<double>::infinity());
}

TEST_CASE("double_interval: directed quotient, square root and exponential enclose the MPFR values", "[double_interval]") {
  PrecisionScope scope(256);
  const std::uint64_t seed = 99;
  INFO("seed " << seed);
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> mant(0.5, 1), expo(-30, 30), arg(-700, 700);
  for (int i = 0; i < 20000; ++i) {
    const double x = std::ldexp(mant(rng), static_cast<int>(expo(rng))), y = std::ldexp(mant(rng), static_cast<int>(expo(rng)));
    const Real q = Real(x) / Real(y);
    REQUIRE(Real(div_down(x, y)) <= q);
    REQUIRE(q <= Real(div_up(x, y)));
    CHECK(div_up(x, y) <= next_up(next_up(div_down(x, y))));  // at most two ulps apart
    const Real r = sqrt(Real(x));
    REQUIRE(Real(sqrt_down(x)) <= r);
    REQUIRE(r <= Real(sqrt_up(x)));
    const double a = arg(rng);
    const Real e = exp(Real(a));
    REQUIRE(Real(exp_down(a)) <= e);
    REQUIRE(e <= Real(exp_up(a)));
  }
  // Exact cases stay exact; extreme operands fall back to one ulp outward and stay enclosures.
  CHECK(div_down(1, 4) == 0.25);
  CHECK(div_up(1, 4) == 0.25);
  CHECK(sqrt_down(4) == 2);
  CHECK(sqrt_up(4) == 2);
  CHECK(exp_down(0) <= 1);
  CHECK(exp_up(0) >= 1);
  const Real tiny = Real(1e-300) / Real(3e10);
  CHECK(Real(div_down(1e-300, 3e10)) <= tiny);
  CHECK(tiny <= Real(div_up(1e-300, 3e10)));
  const DoubleInterval d = divide_positive({-1, 2}, {4, 8});
  CHECK(d.lo == -0.25);
  CHECK(d.hi == 0.5);
  CHECK(magnitude({-3, 2}) == 3);
}
