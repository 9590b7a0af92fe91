#include "reports/random_direction.hpp"

#include "testing/catch.hpp"

#include <cmath>

using namespace attnbound::reports;

TEST_CASE("random directions are unit vectors determined by seed and keys", "[reports]") {
  const auto a = random_unit_direction(7, {1, 2, 3}, 50);
  const auto b = random_unit_direction(7, {1, 2, 3}, 50);
  const auto c = random_unit_direction(7, {1, 2, 4}, 50);
  const auto d = random_unit_direction(8, {1, 2, 3}, 50);
  REQUIRE(a.size() == 50);
  double n = 0;
  for (double x : a) n += x * x;
  CHECK(std::fabs(n - 1) < 1e-14);
  CHECK(a == b);
  CHECK(a != c);
  CHECK(a != d);
  // splitmix64 reference values (Vigna's splitmix64.c: the first output for state 0 is 0xe220a8397b1dcdaf).
  CHECK(splitmix64(0) == 0xe220a8397b1dcdafULL);
}
