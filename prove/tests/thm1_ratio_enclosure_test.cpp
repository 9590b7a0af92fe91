// Theorem 1 (fixed top-N, tight) enclosures over boxes of (logits, x): sound against the registry's own evaluation
// in MPFR (quantity <= upper * bound at sorted interior points of random boxes), the double estimate agrees with
// it, small boxes close at a target above the attained 1, and the joint sort moves rows with their logits.
#include "prove/thm1_ratio_enclosure.hpp"
#include "counterexamples/draw.hpp"
#include "testing/catch.hpp"
#include "theory/instance.hpp"
#include "theory/scalar.hpp"
#include "theory/statement.hpp"

#include <algorithm>
#include <cmath>
#include <random>

using namespace attnbound;
using namespace attnbound::prove;

namespace {
struct Sides {
  double quantity, bound;
};
// quantity and bound of thm1.fixed (tight, reading (a)) at a sorted point, by the registry in MPFR at 256 bits.
Sides registry_sides(const Thm1Shape& s, const std::vector<double>& y) {
  nlohmann::json logits = nlohmann::json::array(), x = nlohmann::json::array();
  for (std::size_t i = 0; i < s.length; ++i) {
    logits.push_back(search::shortest_decimal(y[i]));
    nlohmann::json row = nlohmann::json::array();
    for (std::size_t k = 0; k < s.dim; ++k) row.push_back(search::shortest_decimal(y[s.x_index(i, k)]));
    x.push_back(row);
  }
  const Instance inst = Instance::from_json({{"statement", "thm1.fixed"}, {"variant", "tight"}, {"logits", logits},
                                             {"temperature", "1"}, {"x", x}, {"top_n", s.top_n}});
  PrecisionScope scope(256);
  const Evaluation<Real> e = find_statement("thm1.fixed").evaluate_real(inst, "tight", EvalOptions{});
  return {e.sides.at(0).quantity.convert_to<double>(), e.sides.at(0).bound.convert_to<double>()};
}
}  // namespace

TEST_CASE("thm1 enclosure: sorted interior points of random boxes satisfy quantity <= upper * bound", "[prove][thm1_ratio_enclosure]") {
  const std::uint64_t seed = 23;
  INFO("seed " << seed);
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  int closed_at_target = 0;
  for (int trial = 0; trial < 60; ++trial) {
    const Thm1Shape s{static_cast<std::size_t>(2 + trial % 3), static_cast<std::size_t>(1 + trial % 2),
                      static_cast<std::size_t>(1 + (trial / 3) % (1 + trial % 3))};
    std::vector<DoubleInterval> box(s.coordinates());
    box[0] = DoubleInterval::point(0);
    const double w = trial % 2 ? 0.02 : 0.5 * u(rng);
    double top = 0;  // decreasing box ends, so interior points drawn in order below are sorted
    for (std::size_t k = 1; k < s.length; ++k) {
      top -= 1.5 * u(rng);
      box[k] = {top - w, top};
    }
    for (std::size_t k = s.length; k < box.size(); ++k) {
      const double a = -2 + 4 * u(rng);
      box[k] = {a - w, a};
    }
    const double target = 1.5;
    const RatioUpper ru = thm1_fixed_ratio_upper(s, target, box);
    const double open_end = thm1_fixed_ratio_upper(s, 1, box, true).upper;  // the search above the attained 1
    REQUIRE(ru.split >= 1);
    REQUIRE(ru.split < box.size());
    if (ru.upper == target) ++closed_at_target;
    for (int t = 0; t < 4; ++t) {
      std::vector<double> y(box.size(), 0);
      for (std::size_t k = 1; k < box.size(); ++k) y[k] = box[k].lo + (box[k].hi - box[k].lo) * (0.05 + 0.9 * u(rng));
      std::sort(y.begin() + 1, y.begin() + static_cast<std::ptrdiff_t>(s.length), std::greater<>());
      const Sides exact = registry_sides(s, y);
      INFO("trial " << trial << " L " << s.length << " d " << s.dim << " N " << s.top_n);
      // The registry's sides are rounded to double: a relative 1e-12 allowance for that rounding only.
      REQUIRE(exact.quantity <= ru.upper * exact.bound * (1 + 1e-12) + 1e-300);
      REQUIRE(exact.quantity <= open_end * exact.bound * (1 + 1e-12) + 1e-300);
      REQUIRE(exact.quantity <= exact.bound * (1 + 1e-12));  // the theorem itself (tight, reading (a))
      if (exact.bound > 0)
        CHECK(std::fabs(thm1_fixed_ratio_estimate(s, y) - exact.quantity / exact.bound) <= 1e-9 * exact.quantity / exact.bound);
    }
  }
  CHECK(closed_at_target > 0);  // the narrow boxes (width 0.02) close at 1.5 by the mean-value form
}

TEST_CASE("thm1 enclosure: a box where the bound is attained cannot close at target 1, closes above it", "[prove][thm1_ratio_enclosure]") {
  // L = 2, d = 1, N = 1: x_0 > 0 > x_1 gives Q = alpha_0 x_0 + alpha_1 |x_1| = B exactly (ratio 1 on the whole box).
  const Thm1Shape s{2, 1, 1};
  const std::vector<DoubleInterval> box{{0, 0}, {-2, -1.99}, {1.5, 1.51}, {-1.01, -1}};
  CHECK(thm1_fixed_ratio_upper(s, 1, box).upper > 1);
  CHECK(thm1_fixed_ratio_upper(s, 1.01, box).upper == 1.01);
  const double open_end = thm1_fixed_ratio_upper(s, 1, box, true).upper;  // the smallest R the form proves
  CHECK(open_end > 1);
  CHECK(open_end <= 1.01);
  CHECK(std::fabs(thm1_fixed_ratio_estimate(s, {0, -1.995, 1.505, -1.005}) - 1) < 1e-14);
}

TEST_CASE("thm1 enclosure: the joint sort moves each row of x with its logit", "[prove][thm1_ratio_enclosure]") {
  const Thm1Shape s{3, 2, 1};
  const std::vector<double> p{0, -3, -1, 10, 11, 20, 21, 30, 31};
  const std::vector<double> y = thm1_sorted_point(s, p);
  CHECK(y == std::vector<double>{0, -1, -3, 10, 11, 30, 31, 20, 21});
  CHECK(thm1_fixed_ratio_estimate(s, p) == thm1_fixed_ratio_estimate(s, y));
}
