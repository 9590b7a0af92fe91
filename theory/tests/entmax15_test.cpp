#include "theory/entmax15.hpp"

#include "testing/catch.hpp"
#include "theory/tests/normaliser_checks.hpp"

using namespace attnbound;
using attnbound::testing::Decimals;
using attnbound::testing::from_decimals;

namespace {
double gap(const Real& x, const Real& y) { return static_cast<double>(abs(x - y)); }

// Independent reference: tau by bisection on t -> sum_i [z_i/2 - t]_+^2 - 1 (strictly decreasing while
// positive) over [max z/2 - 1, max z/2], where it goes from >= 0 to -1.
Real tau_by_bisection(const Vec<Real>& z) {
  Real hi = max_element_value(z) / 2, lo = hi - 1;
  for (int it = 0; it < 300; ++it) {
    const Real mid = (lo + hi) / 2;
    Real total(0);
    for (const auto& x : z)
      if (x / 2 > mid) total += sq(x / 2 - mid);
    (total > 1 ? lo : hi) = mid;
  }
  return (lo + hi) / 2;
}
}  // namespace

TEST_CASE("entmax15: known answer [-2, 0, 0.5] -> [0, 1/2 - sqrt(31)/32, 1/2 + sqrt(31)/32]", "[entmax15]") {
  // y = z/2 = [-1, 0, 1/4]; on the support {0, 1/4}: mean 1/8, M2 = 1/32, delta = (1 - 1/32)/2 = 31/64,
  // tau = 1/8 - sqrt(31)/8 (and for k = 3 tau_3 = -1/4 - sqrt(1/24) > -1, so -1 is out). Then
  // p = ((1/8 -+ 1/8) + sqrt(31)/8)^2 ... = (sqrt(31) -+ 1)^2/64 = 1/2 -+ sqrt(31)/32 = 0.32601.., 0.67399..
  PrecisionScope scope(256);
  const SimplexProjection<Real> proj = entmax15_projection(from_decimals<Real>({"-2", "0", "0.5"}));
  const Real r31 = sqrt(Real(31));
  CHECK(proj.p[0] == 0);
  CHECK(gap(proj.p[1], Real(1) / 2 - r31 / 32) < 1e-70);
  CHECK(gap(proj.p[2], Real(1) / 2 + r31 / 32) < 1e-70);
  CHECK(gap(proj.tau, (Real(1) - r31) / 8) < 1e-70);
  CHECK(proj.support == std::vector<bool>{false, true, true});
  CHECK(static_cast<double>(proj.p[1]) == Approx(0.3260).margin(5e-5));
  CHECK(static_cast<double>(proj.p[2]) == Approx(0.6740).margin(5e-5));
  // g = sqrt(p) = [0, (sqrt 31 - 1)/8, (sqrt 31 + 1)/8]
  CHECK(gap(proj.g[1], (r31 - 1) / 8) < 1e-70);
  CHECK(gap(proj.g[2], (r31 + 1) / 8) < 1e-70);
  const Vec<double> pd = entmax15(Vec<double>{-2, 0, 0.5});
  CHECK(pd[1] == Approx(0.5 - std::sqrt(31.0) / 32).epsilon(1e-14));
  const Vec<float> pf = entmax15(Vec<float>{-2, 0, 0.5f});
  CHECK(pf[2] == Approx(0.5 + std::sqrt(31.0) / 32).epsilon(1e-6));
}

TEST_CASE("entmax15: two-token closed form p_1 = (1 + d sqrt(2 - d^2))/2, d = (z_1 - z_2)/2, |d| < 1", "[entmax15]") {
  // (y_1 - t) - (y_2 - t) = d and (y_1 - t)^2 + (y_2 - t)^2 = 1 give y_1 - t = (d + sqrt(2 - d^2))/2.
  PrecisionScope scope(256);
  for (const char* d_text : {"0", "0.25", "-0.6", "0.999"}) {
    const Real d = from_decimal<Real>(d_text);
    const Vec<Real> z{Real(2) * d - Real(3), Real(-3)};
    const Vec<Real> p = entmax15(z);
    INFO("d = " << d_text);
    const Real s = sqrt(Real(2) - d * d);
    CHECK(gap(p[0], (Real(1) + d * s) / 2) < 1e-70);
    CHECK(gap(p[1], (Real(1) - d * s) / 2) < 1e-70);
  }
  // |z_1 - z_2| >= 2: one-hot. At exactly 2 the loser is on the threshold: p_2 = 0 and, because
  // g_2 = 0 on both sides, the Jacobian is continuous there and equal to 0.
  for (const char* z1 : {"2", "7"}) {
    INFO("z = [" << z1 << ", 0]");
    const Vec<Real> z{from_decimal<Real>(z1), Real(0)};
    CHECK(entmax15(z) == Vec<Real>{Real(1), Real(0)});
    for (const auto& row : entmax15_jacobian(z))
      for (const auto& x : row) CHECK(x == 0);
  }
}

TEST_CASE("entmax15: ties, one-hot limit, L = 1", "[entmax15][ties][one-hot]") {
  PrecisionScope scope(256);
  for (const auto& x : entmax15(from_decimals<Real>({"1", "1", "1"}))) CHECK(gap(x, Real(1) / 3) < 1e-70);
  const Vec<Real> pair = entmax15(from_decimals<Real>({"0.5", "-9", "0.5"}));
  CHECK(gap(pair[0], Real(1) / 2) < 1e-70);
  CHECK(pair[1] == 0);
  CHECK(gap(pair[2], Real(1) / 2) < 1e-70);
  const Vec<Real> hot = from_decimals<Real>({"0", "10", "-4"});
  CHECK(entmax15(hot) == Vec<Real>{Real(0), Real(1), Real(0)});
  for (const auto& row : entmax15_jacobian(hot))
    for (const auto& x : row) CHECK(x == 0);
  CHECK(entmax15(Vec<Real>{Real(3)}) == Vec<Real>{Real(1)});
  CHECK(entmax15_jacobian(Vec<Real>{Real(3)}) == Mat<Real>{{Real(0)}});
  CHECK_THROWS_AS(entmax15(Vec<Real>{}), std::invalid_argument);
}

TEST_CASE("entmax15: random inputs agree with bisection, sum to 1, Jacobian matches central differences",
          "[entmax15][random]") {
  std::mt19937_64 rng(attnbound::testing::test_seed("entmax15 random"));
  for (int trial = 0; trial < 40; ++trial) {
    const Decimals z = attnbound::testing::random_decimals(rng, 1 + trial % 8);
    INFO("trial " << trial);
    {
      PrecisionScope scope(256);
      const Vec<Real> zr = from_decimals<Real>(z);
      const SimplexProjection<Real> proj = entmax15_projection(zr);
      CHECK(gap(proj.tau, tau_by_bisection(zr)) < 1e-70);
      CHECK(gap(sum(proj.p), Real(1)) < 1e-70);
      for (std::size_t i = 0; i < z.size(); ++i) CHECK(gap(sq(proj.g[i]), proj.p[i]) < 1e-70);
      const Vec<double> pd = entmax15(from_decimals<double>(z));
      for (std::size_t i = 0; i < z.size(); ++i) CHECK(std::abs(pd[i] - static_cast<double>(proj.p[i])) < 1e-13);
    }
    attnbound::testing::check_jacobian_fd([](const Vec<Real>& v) { return entmax15(v); },
                                          [](const Vec<Real>& v) { return entmax15_jacobian(v); }, z);
  }
}

TEST_CASE("entmax15: 53-bit interval enclosures contain the 1000-bit value, support certified", "[entmax15][interval]") {
  std::mt19937_64 rng(attnbound::testing::test_seed("entmax15 interval"));
  for (int trial = 0; trial < 30; ++trial) {
    const Decimals z = attnbound::testing::random_decimals(rng, 1 + trial % 6);
    INFO("trial " << trial);
    attnbound::testing::check_vector_enclosure([](const Vec<Interval>& v) { return entmax15(v); },
                                               [](const Vec<Real>& v) { return entmax15(v); }, z);
    attnbound::testing::check_matrix_enclosure([](const Vec<Interval>& v) { return entmax15_jacobian(v); },
                                               [](const Vec<Real>& v) { return entmax15_jacobian(v); }, z);
    PrecisionScope scope(53);
    bool certified = false;
    entmax15(from_decimals<Interval>(z), &certified);
    CHECK(certified);
  }
  PrecisionScope scope(53);
  bool certified = false;
  const Vec<Interval> p = entmax15(from_decimals<Interval>({"-2", "0", "0.5"}), &certified);
  CHECK(certified);
  PrecisionScope fine(1000);
  CHECK(attnbound::testing::encloses(p[1], Real(1) / 2 - sqrt(Real(31)) / 32));
  CHECK(attnbound::testing::encloses(p[2], Real(1) / 2 + sqrt(Real(31)) / 32));
}
