// Softmax weights over a box: every point's weights (MPFR at 256 bits) lie in the enclosures, corners included
// (they are the extremes), and a point box is tight.
#include "prove/softmax_box_weights.hpp"
#include "testing/catch.hpp"
#include "theory/scalar.hpp"
#include "theory/softmax.hpp"

#include <random>

using namespace attnbound;
using namespace attnbound::prove;

namespace {
// p(z) in MPFR at 256 bits, and 1 - p_i as the sum of the others.
void check_point_inside(const std::vector<double>& z, const SoftmaxBoxWeights& w) {
  PrecisionScope scope(256);
  Vec<Real> zr;
  for (double v : z) zr.push_back(Real(v));
  const Vec<Real> p = softmax(zr, Real(1));
  for (std::size_t i = 0; i < z.size(); ++i) {
    Real other = 0;
    for (std::size_t j = 0; j < z.size(); ++j)
      if (j != i) other += p[j];
    REQUIRE(Real(w.p[i].lo) <= p[i]);
    REQUIRE(p[i] <= Real(w.p[i].hi));
    REQUIRE(Real(w.other[i].lo) <= other);
    REQUIRE(other <= Real(w.other[i].hi));
  }
}
}  // namespace

TEST_CASE("softmax box weights: corners and random points of random boxes lie inside", "[prove][softmax_box_weights]") {
  const std::uint64_t seed = 20261206;
  INFO("seed " << seed);
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  for (int trial = 0; trial < 200; ++trial) {
    const std::size_t L = 2 + trial % 5;
    std::vector<DoubleInterval> box(L);
    box[0] = DoubleInterval::point(0);
    for (std::size_t k = 1; k < L; ++k) {
      const double a = -60 * u(rng), b = a + (trial % 3 == 0 ? 1e-9 : 5 * u(rng));
      box[k] = {a, std::min(b, 0.0)};
    }
    const SoftmaxBoxWeights w = softmax_box_weights(box);
    for (unsigned corner = 0; corner < (1u << (L - 1)); ++corner) {
      std::vector<double> z(L, 0);
      for (std::size_t k = 1; k < L; ++k) z[k] = (corner >> (k - 1)) & 1 ? box[k].hi : box[k].lo;
      check_point_inside(z, w);
    }
    std::vector<double> z(L, 0);
    for (std::size_t k = 1; k < L; ++k) z[k] = box[k].lo + (box[k].hi - box[k].lo) * u(rng);
    check_point_inside(z, w);
  }
}

TEST_CASE("softmax box weights: a point is enclosed to a few ulps, a complement near 0 keeps its digits", "[prove][softmax_box_weights]") {
  const SoftmaxBoxWeights w = softmax_box_weights({DoubleInterval::point(0), DoubleInterval::point(-1.5), DoubleInterval::point(-3)});
  for (const auto& p : w.p) CHECK(p.hi - p.lo <= 1e-14 * p.hi);
  // z = (0, -600): 1 - p_1 = e^-600 / (1 + e^-600) ~ 2.65e-261, enclosed with relative width ~1e-15 (a subtraction
  // from 1 would give [0, 1e-16]).
  const SoftmaxBoxWeights far = softmax_box_weights({DoubleInterval::point(0), DoubleInterval::point(-600)});
  CHECK(far.other[0].lo > 0);
  CHECK(far.other[0].hi - far.other[0].lo <= 1e-14 * far.other[0].hi);
  check_point_inside({0, -600}, far);
}
