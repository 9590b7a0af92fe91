#include "theory/sparsemax.hpp"

#include "testing/catch.hpp"
#include "theory/tests/normaliser_checks.hpp"

using namespace attnbound;
using attnbound::testing::Decimals;
using attnbound::testing::from_decimals;

namespace {
// |x - y| at 256 bits, as a double for CHECK messages.
double gap(const Real& x, const Real& y) { return static_cast<double>(abs(x - y)); }

Vec<Real> sparsemax_real(const Decimals& z) { return sparsemax(from_decimals<Real>(z)); }
}  // namespace

TEST_CASE("sparsemax: known answer [-2, 0, 0.5] -> [0, 1/4, 3/4]", "[sparsemax]") {
  PrecisionScope scope(256);
  // tau = (0 + 0.5 - 1)/2 = -1/4 (the support is {1, 2}: 1 + 2*0 > 0.5, but 1 + 3*(-2) < -1.5).
  const SimplexProjection<Real> proj = sparsemax_projection(from_decimals<Real>({"-2", "0", "0.5"}));
  CHECK(proj.p[0] == 0);
  CHECK(proj.p[1] == Real(1) / 4);
  CHECK(proj.p[2] == Real(3) / 4);
  CHECK(proj.tau == Real(-1) / 4);
  CHECK(proj.support == std::vector<bool>{false, true, true});
  CHECK(proj.support_size == 2);
  const Vec<double> pd = sparsemax(Vec<double>{-2, 0, 0.5});
  CHECK(pd == Vec<double>{0, 0.25, 0.75});
  const Vec<float> pf = sparsemax(Vec<float>{-2, 0, 0.5});
  CHECK(pf == Vec<float>{0, 0.25f, 0.75f});
}

TEST_CASE("sparsemax: Jacobian diag(s) - s s^T/|S| at the known answer", "[sparsemax][jacobian]") {
  const Mat<double> J = sparsemax_jacobian(Vec<double>{-2, 0, 0.5});
  const Mat<double> expected{{0, 0, 0}, {0, 0.5, -0.5}, {0, -0.5, 0.5}};
  CHECK(J == expected);
}

TEST_CASE("sparsemax: two-token closed form p_1 = (1 + z_1 - z_2)/2 while |z_1 - z_2| < 1", "[sparsemax]") {
  PrecisionScope scope(256);
  for (const char* d : {"0", "0.3", "-0.7", "0.999"}) {
    const Real diff = from_decimal<Real>(d);
    const Vec<Real> p = sparsemax(Vec<Real>{diff + Real(5), Real(5)});
    INFO("z_1 - z_2 = " << d);
    CHECK(gap(p[0], (Real(1) + diff) / 2) < 1e-70);
    CHECK(gap(p[1], (Real(1) - diff) / 2) < 1e-70);
    const Mat<Real> J = sparsemax_jacobian(Vec<Real>{diff, Real(0)});
    CHECK(J[0][0] == Real(1) / 2);
    CHECK(J[0][1] == Real(-1) / 2);
  }
  // |z_1 - z_2| >= 1: one-hot; at exactly 1 the loser sits on the threshold (p = 0, z_2 = tau).
  for (const char* d : {"1", "2.5"}) {
    const SimplexProjection<Real> proj = sparsemax_projection(Vec<Real>{from_decimal<Real>(d), Real(0)});
    INFO("z_1 - z_2 = " << d);
    CHECK(proj.p == Vec<Real>{Real(1), Real(0)});
    CHECK(proj.support_size == 1);
  }
}

TEST_CASE("sparsemax: ties are in or out of the support together, order does not matter", "[sparsemax][ties]") {
  PrecisionScope scope(256);
  const Vec<Real> uniform = sparsemax_real({"1", "1", "1", "1"});
  for (const auto& x : uniform) CHECK(x == Real(1) / 4);
  const Vec<Real> pair = sparsemax_real({"0.5", "-3", "0.5"});
  CHECK(pair == Vec<Real>{Real(1) / 2, Real(0), Real(1) / 2});
  const Vec<Real> swapped = sparsemax_real({"-3", "0.5", "0.5"});
  CHECK(swapped == Vec<Real>{Real(0), Real(1) / 2, Real(1) / 2});
  const Mat<Real> J = sparsemax_jacobian(from_decimals<Real>({"0.5", "-3", "0.5"}));
  CHECK(J[0][0] == Real(1) / 2);
  CHECK(J[0][2] == Real(-1) / 2);
  CHECK(J[1] == Vec<Real>{Real(0), Real(0), Real(0)});
}

TEST_CASE("sparsemax: on the edge of the support the Jacobian is the limit from the side that keeps K",
          "[sparsemax][ties]") {
  PrecisionScope scope(256);
  const Real t = from_decimal<Real>("1e-50");
  // z = [1, 0]: z_2 = tau = 0, K = {1}; nearby points z = [1, -t] share K, z = [1, t] do not.
  const Mat<Real> edge = sparsemax_jacobian(Vec<Real>{Real(1), Real(0)});
  CHECK(edge == sparsemax_jacobian(Vec<Real>{Real(1), -t}));
  CHECK(edge != sparsemax_jacobian(Vec<Real>{Real(1), t}));
  CHECK(edge == Mat<Real>{{Real(0), Real(0)}, {Real(0), Real(0)}});
}

TEST_CASE("sparsemax: one-hot limit and L = 1 have a zero Jacobian", "[sparsemax][one-hot]") {
  PrecisionScope scope(256);
  const Vec<Real> z = from_decimals<Real>({"0", "10", "-4"});
  CHECK(sparsemax(z) == Vec<Real>{Real(0), Real(1), Real(0)});
  for (const auto& row : sparsemax_jacobian(z))
    for (const auto& x : row) CHECK(x == 0);
  CHECK(sparsemax(Vec<Real>{Real(-7)}) == Vec<Real>{Real(1)});
  CHECK(sparsemax_jacobian(Vec<Real>{Real(-7)}) == Mat<Real>{{Real(0)}});
  CHECK_THROWS_AS(sparsemax(Vec<Real>{}), std::invalid_argument);
}

TEST_CASE("sparsemax: huge logits do not absorb the 1 (work is shifted by the largest logit)", "[sparsemax]") {
  const Vec<double> p = sparsemax(Vec<double>{1e300, 0.5e300, -1e300});
  CHECK(p == Vec<double>{1, 0, 0});
  const Vec<float> q = sparsemax(Vec<float>{1e30f, 1e30f, 0});
  CHECK(q[0] == 0.5f);
  CHECK(q[1] == 0.5f);
}

TEST_CASE("sparsemax: random inputs sum to 1, are >= 0, Jacobian matches central differences", "[sparsemax][random]") {
  std::mt19937_64 rng(attnbound::testing::test_seed("sparsemax random"));
  for (int trial = 0; trial < 40; ++trial) {
    const Decimals z = attnbound::testing::random_decimals(rng, 1 + trial % 7);
    INFO("trial " << trial);
    {
      PrecisionScope scope(256);
      const Vec<Real> p = sparsemax_real(z);
      CHECK(gap(sum(p), Real(1)) < 1e-70);
      for (const auto& x : p) CHECK(x >= 0);
    }
    attnbound::testing::check_jacobian_fd([](const Vec<Real>& v) { return sparsemax(v); },
                                          [](const Vec<Real>& v) { return sparsemax_jacobian(v); }, z);
  }
}

TEST_CASE("sparsemax: 53-bit interval enclosures contain the 1000-bit value, support certified", "[sparsemax][interval]") {
  std::mt19937_64 rng(attnbound::testing::test_seed("sparsemax interval"));
  for (int trial = 0; trial < 30; ++trial) {
    const Decimals z = attnbound::testing::random_decimals(rng, 1 + trial % 6);
    INFO("trial " << trial);
    attnbound::testing::check_vector_enclosure([](const Vec<Interval>& v) { return sparsemax(v); },
                                               [](const Vec<Real>& v) { return sparsemax(v); }, z);
    attnbound::testing::check_matrix_enclosure([](const Vec<Interval>& v) { return sparsemax_jacobian(v); },
                                               [](const Vec<Real>& v) { return sparsemax_jacobian(v); }, z);
    PrecisionScope scope(53);
    bool certified = false;
    sparsemax(from_decimals<Interval>(z), &certified);
    CHECK(certified);
  }
}

TEST_CASE("sparsemax: interval support at ties and on the threshold", "[sparsemax][interval][ties]") {
  PrecisionScope scope(53);
  bool certified = false;
  // Three equal enclosures of 1/10: all in the support, each weight encloses 1/3.
  const Vec<Interval> p = sparsemax(from_decimals<Interval>({"0.1", "0.1", "0.1"}), &certified);
  CHECK(certified);
  for (const auto& x : p) CHECK(attnbound::testing::encloses(x, Real(1) / 3));
  // z = [1, 0]: z_2 = tau exactly; exact inputs keep the certificate (z_2 - tau <= 0 holds as [0, 0]).
  const Vec<Interval> edge = sparsemax(Vec<Interval>{Interval(1), Interval(0)}, &certified);
  CHECK(certified);
  CHECK(attnbound::testing::encloses(edge[0], Real(1)));
  CHECK(upper_end(edge[1]) == 0);
  // z = [1 - 1e-29, 0]: exactly, both are in the support (p_2 = 5e-30), but at 53 bits the enclosure of
  // z_1 contains 1, so whichever support the midpoints pick, its certificate fails (p_2 or z_2 - tau has an
  // enclosure touching 0 from the wrong side): the result is then only valid for the chosen support.
  sparsemax(from_decimals<Interval>({"0.99999999999999999999999999999", "0"}), &certified);
  CHECK_FALSE(certified);
  // At 200 bits the same input is resolved and certified.
  PrecisionScope fine(200);
  const Vec<Interval> resolved = sparsemax(from_decimals<Interval>({"0.99999999999999999999999999999", "0"}), &certified);
  CHECK(certified);
  CHECK(lower_end(resolved[1]) > 0);
}
