#include "counterexamples/draw.hpp"
#include "testing/catch.hpp"

#include <cmath>
#include <limits>
#include <set>

using namespace attnbound::search;

TEST_CASE("RandomDraw is deterministic for a seed and stays in range", "[draw]") {
  RandomDraw a(7), b(7), c(8);
  bool differs = false;
  for (int i = 0; i < 1000; ++i) {
    const auto x = a.integer(-3, 5);
    REQUIRE(x == b.integer(-3, 5));
    REQUIRE(x >= -3);
    REQUIRE(x <= 5);
    differs = differs || x != c.integer(-3, 5);
  }
  REQUIRE(differs);
  REQUIRE(a.integer(4, 4) == 4);
}

TEST_CASE("Draw helpers: unit in 0 <= u < 1, log_uniform in range, every value of a small range reached", "[draw]") {
  RandomDraw d(1);
  std::set<std::int64_t> seen;
  for (int i = 0; i < 2000; ++i) {
    const double u = d.unit();
    REQUIRE(u >= 0.0);
    REQUIRE(u < 1.0);
    const double t = d.log_uniform(1e-6, 1e6);
    REQUIRE(t >= 1e-6 * (1 - 1e-12));
    REQUIRE(t <= 1e6 * (1 + 1e-12));
    REQUIRE(std::isfinite(d.normal()));
    seen.insert(d.integer(0, 9));
  }
  REQUIRE(seen.size() == 10);
}

TEST_CASE("shortest_decimal round-trips, keeps -0 and subnormals, rejects non-finite", "[draw]") {
  for (double v : {0.1, -0.0, 1e6, 4.9406564584124654e-324, -2.2250738585072014e-308, 1.0 / 3})
    REQUIRE(std::strtod(shortest_decimal(v).c_str(), nullptr) == v);
  REQUIRE(shortest_decimal(-0.0) == "-0");
  REQUIRE(shortest_decimal(0.1) == "0.1");
  REQUIRE_THROWS(shortest_decimal(std::numeric_limits<double>::quiet_NaN()));
  REQUIRE_THROWS(shortest_decimal(std::numeric_limits<double>::infinity()));
}
