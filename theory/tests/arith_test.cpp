#include "theory/arith.hpp"

#include "testing/catch.hpp"
#include "theory/tests/normaliser_checks.hpp"

using namespace attnbound;
using attnbound::testing::encloses;

TEST_CASE("arith: smax/smin enclose max/min of every pair of points of interval arguments", "[arith][interval]") {
  std::mt19937_64 rng(attnbound::testing::test_seed("arith smax/smin"));
  std::uniform_int_distribution<int> pick(-1000, 1000);
  PrecisionScope scope(64);
  for (int trial = 0; trial < 500; ++trial) {
    // a = [a0, a1], b = [b0, b1] from sorted random integers (overlapping or not).
    int a0 = pick(rng), a1 = pick(rng), b0 = pick(rng), b1 = pick(rng);
    if (a1 < a0) std::swap(a0, a1);
    if (b1 < b0) std::swap(b0, b1);
    const Interval a = hull(Real(a0), Real(a1)), b = hull(Real(b0), Real(b1));
    const Interval hi = smax(a, b), lo = smin(a, b);
    INFO("a = [" << a0 << ", " << a1 << "], b = [" << b0 << ", " << b1 << "]");
    // The enclosure is tight: the ends are attained at the ends of the arguments.
    CHECK(lower_end(hi) == std::max(a0, b0));
    CHECK(upper_end(hi) == std::max(a1, b1));
    CHECK(lower_end(lo) == std::min(a0, b0));
    CHECK(upper_end(lo) == std::min(a1, b1));
    for (int x : {a0, (a0 + a1) / 2, a1})
      for (int y : {b0, (b0 + b1) / 2, b1}) {
        CHECK(encloses(hi, Real(std::max(x, y))));
        CHECK(encloses(lo, Real(std::min(x, y))));
      }
  }
}

TEST_CASE("arith: max/min of vectors, steer order and argmax with ties", "[arith]") {
  const Vec<double> v{3, -1, 7, 7, 2};
  CHECK(max_element_value(v) == 7);
  CHECK(min_element_value(v) == -1);
  CHECK(steer_argmax(v) == 2);  // lowest index among ties
  CHECK(smax(2.0, 3.0) == 3.0);
  CHECK(smin(2.0f, 3.0f) == 2.0f);
  CHECK_THROWS_AS(max_element_value(Vec<double>{}), std::invalid_argument);
  CHECK_THROWS_AS(min_element_value(Vec<Real>{}), std::invalid_argument);
  PrecisionScope scope(53);
  // Overlapping intervals: steer by midpoints, never an ambiguous-comparison exception.
  const Vec<Interval> w{hull(Real(0), Real(4)), hull(Real(1), Real(2)), hull(Real(-1), Real(6))};
  CHECK(steer_less(w[1], w[0]));         // midpoint 1.5 < 2
  CHECK(steer_argmax(w) == 2);  // midpoint 2.5 is the largest
  const Interval m = max_element_value(w);
  CHECK(lower_end(m) == 1);
  CHECK(upper_end(m) == 6);
}

TEST_CASE("arith: sums, dots, norms and vector helpers, intervals enclose", "[arith]") {
  PrecisionScope scope(256);
  const Vec<Real> a{Real(3), Real(4)}, b{Real(1), Real(-2)};
  CHECK(sum(a) == 7);
  CHECK(dot(a, b) == -5);
  CHECK(norm2(a) == 5);
  CHECK(sq(Real(-3)) == 9);
  CHECK(scaled(a, Real(2)) == Vec<Real>{Real(6), Real(8)});
  CHECK(difference(a, b) == Vec<Real>{Real(2), Real(6)});
  Vec<Real> acc{Real(1), Real(1)};
  add_scaled(acc, Real(2), b);
  CHECK(acc == Vec<Real>{Real(3), Real(-3)});
  CHECK_THROWS_AS(dot(a, Vec<Real>{Real(1)}), std::invalid_argument);
  CHECK_THROWS_AS(difference(a, Vec<Real>{Real(1)}), std::invalid_argument);
  // norm2 of [0.1, 0.2] encloses sqrt(0.05), which is not a binary number.
  Interval n;
  {
    PrecisionScope coarse(53);
    n = norm2(Vec<Interval>{from_decimal<Interval>("0.1"), from_decimal<Interval>("0.2")});
  }
  PrecisionScope fine(1000);
  CHECK(encloses(n, sqrt(from_decimal<Real>("0.05"))));
  CHECK(convert<double>(hull(Real(1), Real(3))) == 2.0);
  CHECK(convert<Real>(0.5) == Real(1) / 2);
}
