// Tests of theory/seeded_normal: both conventions reproduce, bit for bit, the Box-Muller streams the suite drew
// before there was one sampler (the expressions below are the former copies, verbatim), and their moments are
// those of a standard normal.
#include "testing/catch.hpp"
#include "theory/seeded_normal.hpp"

#include <cmath>
#include <cstdint>
#include <numbers>
#include <random>

using namespace attnbound;

TEST_CASE("seeded_normal: the midpoint convention is the former Theorem 2 / random-direction stream", "[seeded_normal]") {
  for (std::uint64_t seed : {0ull, 7ull, 20250823ull}) {
    std::mt19937_64 a(seed), b(seed);
    const auto unit = [&] { return (static_cast<double>(b() >> 11) + 0.5) * 0x1p-53; };  // in (0, 1)
    for (int k = 0; k < 2000; ++k) {
      const double former = std::sqrt(-2 * std::log(unit())) * std::cos(2 * std::numbers::pi * unit());
      CHECK(standard_normal(a, UnitPair::midpoint) == former);
    }
    CHECK(a() == b());  // the same number of engine outputs consumed
  }
}

TEST_CASE("seeded_normal: the complement convention is the former instance-family / search stream", "[seeded_normal]") {
  for (std::uint64_t seed : {1ull, 99ull, 20250823ull}) {
    std::mt19937_64 a(seed), b(seed);
    const auto unit = [&] { return static_cast<double>(b() >> 11) * 0x1.0p-53; };  // in [0, 1)
    for (int k = 0; k < 2000; ++k) {
      const double u = 1.0 - unit(), v = unit();
      const double former = std::sqrt(-2.0 * std::log(u)) * std::cos(6.283185307179586 * v);
      CHECK(standard_normal(a, UnitPair::complement) == former);
    }
    CHECK(a() == b());
  }
  CHECK(6.283185307179586 == 2.0 * std::numbers::pi);  // the former literal is the same double
}

TEST_CASE("seeded_normal: box_muller's ends and a standard normal's first two moments", "[seeded_normal]") {
  CHECK(box_muller(1.0, 0.0) == 0.0);  // u1 = 1: radius 0 (complement's k1 = 0)
  CHECK(std::isfinite(box_muller(0x1p-54, 0.5)));  // midpoint's smallest u1
  std::mt19937_64 rng(3);
  double sum = 0, sum_sq = 0;
  const int n = 200000;
  for (int k = 0; k < n; ++k) {
    const double z = standard_normal(rng, k % 2 ? UnitPair::midpoint : UnitPair::complement);
    sum += z;
    sum_sq += z * z;
  }
  CHECK(std::fabs(sum / n) < 0.02);
  CHECK(std::fabs(sum_sq / n - 1) < 0.02);
}

TEST_CASE("seeded_normal: any 53-bit source, drawn k1 then k2", "[seeded_normal]") {
  std::uint64_t next = 0;
  const auto counter = [&] { return next++; };
  // k1 = 0, k2 = 1: complement gives u1 = 1, so 0 whatever u2.
  CHECK(standard_normal(counter, UnitPair::complement) == 0.0);
  CHECK(next == 2);
  next = (std::uint64_t{1} << 52);  // k1 = 2^52: u1 = 1/2 (complement), k2 = 2^52 + 1
  CHECK(standard_normal(counter, UnitPair::complement) == box_muller(0.5, static_cast<double>((std::uint64_t{1} << 52) + 1) * 0x1p-53));
}
