#include "theory/sa_softmax.hpp"

#include "testing/catch.hpp"
#include "theory/tests/normaliser_checks.hpp"

using namespace attnbound;
using attnbound::testing::Decimals;
using attnbound::testing::from_decimals;

namespace {
double gap(const Real& x, const Real& y) { return static_cast<double>(abs(x - y)); }
double max_gap(const Mat<Real>& a, const Mat<Real>& b) {
  double m = 0;
  for (std::size_t i = 0; i < a.size(); ++i)
    for (std::size_t j = 0; j < a[i].size(); ++j) m = std::max(m, gap(a[i][j], b[i][j]));
  return m;
}
// softmax of [-2, 0, 1/2] in closed form: e^{z_i} / (e^-2 + 1 + e^{1/2}).
Vec<Real> known_softmax() {
  const Real total = exp(Real(-2)) + Real(1) + exp(Real(1) / 2);
  return {exp(Real(-2)) / total, Real(1) / total, exp(Real(1) / 2) / total};
}
}  // namespace

TEST_CASE("sa_softmax: plain z * softmax(z), known answers and Jacobian closed form", "[sa_softmax]") {
  PrecisionScope scope(256);
  const Vec<Real> p = known_softmax();
  const Vec<Real> f = sa_softmax(from_decimals<Real>({"-2", "0", "0.5"}));
  CHECK(gap(f[0], Real(-2) * p[0]) < 1e-70);
  CHECK(f[1] == 0);
  CHECK(gap(f[2], p[2] / 2) < 1e-70);
  CHECK(static_cast<double>(f[0]) == Approx(-2 * 0.0486).margin(1e-4));
  // Two tokens z = [0, 1], p_1 = e/(1+e): J = [[p_0, 0], [-p_0 p_1, 2 p_1 - p_1^2]].
  const Real p1 = exp(Real(1)) / (Real(1) + exp(Real(1))), p0 = Real(1) - p1;
  const Mat<Real> J = sa_softmax_jacobian(Vec<Real>{Real(0), Real(1)});
  CHECK(gap(J[0][0], p0) < 1e-70);
  CHECK(J[0][1] == 0);
  CHECK(gap(J[1][0], -p0 * p1) < 1e-70);
  CHECK(gap(J[1][1], Real(2) * p1 - p1 * p1) < 1e-70);
  // L = 1: f(z) = z, J = [[1]].
  CHECK(sa_softmax(Vec<Real>{Real(-3)}) == Vec<Real>{Real(-3)});
  CHECK(gap(sa_softmax_jacobian(Vec<Real>{Real(-3)})[0][0], Real(1)) < 1e-70);
  // Ties: equal logits share p = 1/L.
  const Vec<Real> tie = sa_softmax(from_decimals<Real>({"2", "2"}));
  CHECK(tie == Vec<Real>{Real(1), Real(1)});
}

TEST_CASE("sa_softmax: normalised variant, all three shapes of the range [a, b]", "[sa_softmax][normalised]") {
  PrecisionScope scope(256);
  // Mixed signs: a = -2, b = 1/2, w = [0, 4/5, 1].
  const Vec<Real> p = known_softmax();
  Vec<Real> f = sa_softmax_normalised(from_decimals<Real>({"-2", "0", "0.5"}));
  CHECK(f[0] == 0);
  CHECK(gap(f[1], p[1] * 4 / 5) < 1e-70);
  CHECK(gap(f[2], p[2]) < 1e-70);
  // All positive: a = 0, b = 2, w = [1/2, 1]; p = [1, e]/(1 + e).
  const Real e = exp(Real(1));
  f = sa_softmax_normalised(Vec<Real>{Real(1), Real(2)});
  CHECK(gap(f[0], Real(1) / (Real(1) + e) / 2) < 1e-70);
  CHECK(gap(f[1], e / (Real(1) + e)) < 1e-70);
  // All negative: a = -3, b = 0, w = [2/3, 0].
  f = sa_softmax_normalised(Vec<Real>{Real(-1), Real(-3)});
  CHECK(gap(f[0], Real(2) / 3 * e * e / (Real(1) + e * e)) < 1e-70);
  CHECK(f[1] == 0);
  // L = 1: w = 1 (z > 0) or 0 (z < 0); the Jacobian is 0 either way (f is constant in z).
  CHECK(sa_softmax_normalised(Vec<Real>{Real(2)}) == Vec<Real>{Real(1)});
  CHECK(sa_softmax_normalised(Vec<Real>{Real(-2)}) == Vec<Real>{Real(0)});
  CHECK(sa_softmax_normalised_jacobian(Vec<Real>{Real(2)})[0][0] == 0);
  CHECK(sa_softmax_normalised_jacobian(Vec<Real>{Real(-2)})[0][0] == 0);
  // z = 0 is outside the domain (w = 0/0).
  CHECK_THROWS_AS(sa_softmax_normalised(Vec<Real>{Real(0), Real(0)}), std::domain_error);
  CHECK_THROWS_AS(sa_softmax_normalised(Vec<Real>{}), std::invalid_argument);
}

TEST_CASE("sa_softmax: at ties and at 0 the normalised Jacobian is the limit from the documented piece",
          "[sa_softmax][normalised][ties]") {
  PrecisionScope scope(256);
  const Real t = from_decimal<Real>("1e-50");
  // Min attained twice: the piece where index 0 (the lowest) is the strict minimum.
  CHECK(max_gap(sa_softmax_normalised_jacobian(Vec<Real>{Real(-1), Real(-1), Real(2)}),
                sa_softmax_normalised_jacobian(Vec<Real>{Real(-1), Real(-1) + t, Real(2)})) < 1e-45);
  // Max attained twice: index 1 (the lowest attainer) is the strict maximum.
  CHECK(max_gap(sa_softmax_normalised_jacobian(Vec<Real>{Real(-1), Real(2), Real(2)}),
                sa_softmax_normalised_jacobian(Vec<Real>{Real(-1), Real(2), Real(2) - t})) < 1e-45);
  // z_min = 0: the piece a = 0, i.e. the limit from z_min > 0.
  CHECK(max_gap(sa_softmax_normalised_jacobian(Vec<Real>{Real(0), Real(1)}),
                sa_softmax_normalised_jacobian(Vec<Real>{t, Real(1)})) < 1e-45);
  // z_max = 0: the piece b = 0, i.e. the limit from z_max < 0.
  CHECK(max_gap(sa_softmax_normalised_jacobian(Vec<Real>{Real(-1), Real(0)}),
                sa_softmax_normalised_jacobian(Vec<Real>{Real(-1), -t})) < 1e-45);
  // and it really is a kink: the other side differs.
  CHECK(max_gap(sa_softmax_normalised_jacobian(Vec<Real>{Real(0), Real(1)}),
                sa_softmax_normalised_jacobian(Vec<Real>{-t, Real(1)})) > 1e-3);
}

TEST_CASE("sa_softmax: random inputs, Jacobians match central differences, intervals enclose",
          "[sa_softmax][random][interval]") {
  std::mt19937_64 rng(attnbound::testing::test_seed("sa_softmax random"));
  for (int trial = 0; trial < 30; ++trial) {
    const Decimals z = attnbound::testing::random_decimals(rng, 1 + trial % 7);
    INFO("trial " << trial);
    attnbound::testing::check_jacobian_fd([](const Vec<Real>& v) { return sa_softmax(v); },
                                          [](const Vec<Real>& v) { return sa_softmax_jacobian(v); }, z);
    attnbound::testing::check_jacobian_fd([](const Vec<Real>& v) { return sa_softmax_normalised(v); },
                                          [](const Vec<Real>& v) { return sa_softmax_normalised_jacobian(v); }, z);
    attnbound::testing::check_vector_enclosure([](const Vec<Interval>& v) { return sa_softmax(v); },
                                               [](const Vec<Real>& v) { return sa_softmax(v); }, z);
    attnbound::testing::check_matrix_enclosure([](const Vec<Interval>& v) { return sa_softmax_jacobian(v); },
                                               [](const Vec<Real>& v) { return sa_softmax_jacobian(v); }, z);
    attnbound::testing::check_vector_enclosure([](const Vec<Interval>& v) { return sa_softmax_normalised(v); },
                                               [](const Vec<Real>& v) { return sa_softmax_normalised(v); }, z);
    attnbound::testing::check_matrix_enclosure(
        [](const Vec<Interval>& v) { return sa_softmax_normalised_jacobian(v); },
        [](const Vec<Real>& v) { return sa_softmax_normalised_jacobian(v); }, z);
  }
}

TEST_CASE("sa_softmax: interval certificate of the normalised Jacobian's piece", "[sa_softmax][interval][ties]") {
  PrecisionScope scope(53);
  bool certified = false;
  sa_softmax_normalised_jacobian(from_decimals<Interval>({"-0.3", "0.1", "2"}), &certified);
  CHECK(certified);
  sa_softmax_normalised_jacobian(from_decimals<Interval>({"0.3", "0.1", "2"}), &certified);
  CHECK(certified);
  sa_softmax_normalised_jacobian(from_decimals<Interval>({"-1", "-1", "2"}), &certified);
  CHECK_FALSE(certified);  // the minimum is attained twice
  sa_softmax_normalised_jacobian(from_decimals<Interval>({"0", "1"}), &certified);
  CHECK_FALSE(certified);  // z_min = 0: the kink of min(z_min, 0)
  // Values need no choice: the enclosure at a tie still contains the exact value.
  const Vec<Interval> f = sa_softmax_normalised(from_decimals<Interval>({"-1", "-1", "2"}));
  PrecisionScope fine(1000);
  const Vec<Real> exact = sa_softmax_normalised(from_decimals<Real>({"-1", "-1", "2"}));
  for (std::size_t i = 0; i < 3; ++i) CHECK(attnbound::testing::encloses(f[i], exact[i]));
}
