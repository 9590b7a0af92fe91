#include "counterexamples/samplers.hpp"
#include "testing/catch.hpp"
#include "theory/instance.hpp"

#include <algorithm>
#include <cmath>
#include <set>

using namespace attnbound::search;

TEST_CASE("samplers produce exact finite decimals of the advertised kinds", "[samplers]") {
  RandomDraw d(3);
  bool tie = false, zero = false, negative_zero = false, subnormal = false, big = false, long_l = false;
  for (int i = 0; i < 3000; ++i) {
    const auto L = sample_length(d, 4096);
    REQUIRE(L >= 1);
    REQUIRE(L <= 4096);
    long_l = long_l || L > 64;
    const auto logits = sample_logits(d, std::min<std::int64_t>(L, 16));
    REQUIRE(logits.size() == static_cast<std::size_t>(std::min<std::int64_t>(L, 16)));
    std::set<std::string> distinct(logits.begin(), logits.end());
    tie = tie || (logits.size() >= 2 && distinct.size() < logits.size());
    for (const auto& t : logits) {
      REQUIRE(attnbound::is_decimal(t));
      const double v = std::strtod(t.c_str(), nullptr);
      REQUIRE(std::isfinite(v));
      REQUIRE(std::abs(v) <= 1e6 + 1e3);
      zero = zero || t == "0";
      negative_zero = negative_zero || t == "-0";
      subnormal = subnormal || (v != 0 && std::abs(v) < 2.2250738585072014e-308);
      big = big || std::abs(v) >= 1e5;
    }
    const double T = std::strtod(sample_temperature(d).c_str(), nullptr);
    REQUIRE(T >= 1e-6 * (1 - 1e-12));
    REQUIRE(T <= 1e6 * (1 + 1e-12));
  }
  REQUIRE(tie);
  REQUIRE(zero);
  REQUIRE(negative_zero);
  REQUIRE(subnormal);
  REQUIRE(big);
  REQUIRE(long_l);
}

TEST_CASE("sphere points lie on the sphere, directions are unit, top_n in range", "[samplers]") {
  RandomDraw d(5);
  for (int i = 0; i < 200; ++i) {
    const auto rows = sample_sphere_points(d, 4, 3, 2.5);
    for (const auto& r : rows) {
      double n2 = 0;
      for (const auto& t : r) n2 += std::pow(std::strtod(t.c_str(), nullptr), 2);
      REQUIRE(std::abs(std::sqrt(n2) - 2.5) < 1e-14);
    }
    const auto v = sample_direction(d, 5);
    double n2 = 0;
    for (const auto& t : v) n2 += std::pow(std::strtod(t.c_str(), nullptr), 2);
    REQUIRE(std::abs(n2 - 1) < 1e-14);
    const auto n = sample_top_n(d, 7);
    REQUIRE(n >= 1);
    REQUIRE(n <= 7);
    const auto pts = sample_points(d, 3, 2, 1.0);
    REQUIRE(pts.size() == 3);
    REQUIRE(pts[0].size() == 2);
    REQUIRE(sample_vector(d, 4).size() == 4);
  }
}

TEST_CASE("sample_top_set: valid top-N sets that break ties at random", "[samplers]") {
  RandomDraw d(9);
  const Decimals logits{"1", "3", "3", "3", "-0", "0"};
  std::set<std::vector<std::int64_t>> seen;
  for (int i = 0; i < 200; ++i) {
    const auto set = sample_top_set(d, logits, 2);
    REQUIRE(set.size() == 2);
    REQUIRE(std::is_sorted(set.begin(), set.end()));
    for (auto k : set) REQUIRE((k >= 1 && k <= 3));  // two of the three tied maxima
    seen.insert(set);
    const auto wide = sample_top_set(d, logits, 5);  // the tie "-0" = "0" at the cut
    REQUIRE(wide.size() == 5);
    REQUIRE(std::count_if(wide.begin(), wide.end(), [](auto k) { return k >= 4; }) == 1);
  }
  REQUIRE(seen.size() == 3);  // every choice of two of the tied three appears
}
