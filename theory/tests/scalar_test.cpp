#include "theory/scalar.hpp"

#include "testing/catch.hpp"
#include "theory/tests/normaliser_checks.hpp"

#include <cstdlib>

using namespace attnbound;

TEST_CASE("scalar: Interval(\"0.1\") encloses one tenth with positive width", "[scalar][interval]") {
  PrecisionScope scope(53);
  const Interval x = from_decimal<Interval>("0.1");
  const Real lo = lower_end(x), hi = upper_end(x);
  CHECK(lo < hi);
  {
    // 10 lo < 1 < 10 hi: the products are enclosed (outward rounding), so the comparisons are rigorous, and
    // at 200 bits they are exact (lo and hi carry 53 bits).
    PrecisionScope wide(200);
    CHECK(upper_end(hull(lo, lo) * Interval(10)) < 1);
    CHECK(lower_end(hull(hi, hi) * Interval(10)) > 1);
  }
  // Exact decimals stay degenerate.
  const Interval half = from_decimal<Interval>("-0.5");
  CHECK(lower_end(half) == upper_end(half));
  CHECK(lower_end(half) == Real(-1) / 2);
  CHECK_THROWS_AS(from_decimal<Interval>("0x10"), std::invalid_argument);
}

TEST_CASE("scalar: Real and Interval carry the precision set by PrecisionScope, restored on exit", "[scalar]") {
  const unsigned before = PrecisionScope::current_bits();
  {
    PrecisionScope scope(100);
    CHECK(PrecisionScope::current_bits() >= 100);
    CHECK(PrecisionScope::current_bits() < 110);
    CHECK(precision_bits_of(from_decimal<Real>("0.1")) == PrecisionScope::current_bits());
    CHECK(precision_bits_of(from_decimal<Interval>("0.1")) == PrecisionScope::current_bits());
    {
      PrecisionScope inner(1000);
      CHECK(precision_bits_of(Real(1)) >= 1000);
    }
    CHECK(precision_bits_of(Real(1)) == PrecisionScope::current_bits());
  }
  CHECK(PrecisionScope::current_bits() == before);
  CHECK_THROWS_AS(PrecisionScope(1), std::invalid_argument);
  // Real from a decimal is correctly rounded: 0.1 at 53 bits is the double nearest to one tenth.
  PrecisionScope scope(53);
  CHECK(static_cast<double>(from_decimal<Real>("0.1")) == 0.1);
  CHECK(from_decimal<double>("0.1") == 0.1);
  CHECK(from_decimal<float>("0.1") == 0.1f);
  CHECK(from_int<Real>(-7) == -7);
}

TEST_CASE("scalar: to_decimal round-trips double, float and Real", "[scalar]") {
  std::mt19937_64 rng(attnbound::testing::test_seed("scalar round trip"));
  std::uniform_real_distribution<double> u(-1, 1);
  std::uniform_int_distribution<int> e(-300, 300);
  for (int i = 0; i < 1000; ++i) {
    const double d = std::ldexp(u(rng), e(rng));
    CHECK(std::strtod(to_decimal(d).c_str(), nullptr) == d);
    const float f = static_cast<float>(std::ldexp(u(rng), e(rng) / 10));
    CHECK(std::strtof(to_decimal(f).c_str(), nullptr) == f);
  }
  for (unsigned bits : {53u, 256u, 1000u}) {
    PrecisionScope scope(bits);
    for (int i = 0; i < 200; ++i) {
      const Real x = Real(std::ldexp(u(rng), e(rng))) / Real(3 + i);  // not a short decimal
      INFO(bits << " bits: " << to_decimal(x));
      CHECK(from_decimal<Real>(to_decimal(x)) == x);
    }
  }
  PrecisionScope scope(256);
  CHECK(to_decimal(Real(0)) == "0");
  CHECK(to_decimal(Real(1) / 4) == "2.5e-1");
  CHECK(to_decimal(Real(-1500)) == "-1.5e3");
}

TEST_CASE("scalar: directed printing brackets the value", "[scalar]") {
  PrecisionScope scope(256);
  for (int k = 1; k < 40; ++k) {
    const Real x = Real(k % 2 ? 1 : -1) / Real(3 * k);  // a non-terminating decimal
    const std::string down = to_decimal_down(x), up = to_decimal_up(x);
    INFO(to_decimal(x) << " in [" << down << ", " << up << "]");
    CHECK(down != up);
    // Read back as enclosures, so the comparison itself involves no rounding.
    CHECK(upper_end(from_decimal<Interval>(down)) <= x);
    CHECK(lower_end(from_decimal<Interval>(up)) >= x);
    CHECK(from_decimal<Real>(down) <= x);
  }
  CHECK(to_decimal_down(Real(1) / 2) == to_decimal_up(Real(1) / 2));
}

TEST_CASE("scalar: hull, ends and approx", "[scalar][interval]") {
  PrecisionScope scope(64);
  const Interval h = hull(Real(-1), Real(3));
  CHECK(lower_end(h) == -1);
  CHECK(upper_end(h) == 3);
  CHECK(lower_of(h) == -1);
  CHECK(upper_of(2.5) == 2.5);
  CHECK(approx(h) == 1.0);
  CHECK(approx(Real(1) / 4) == 0.25);
  CHECK(approx(0.5f) == 0.5);
}
