#include "theory/softmax.hpp"

#include "testing/catch.hpp"
#include "theory/tests/normaliser_checks.hpp"

using namespace attnbound;
using attnbound::testing::Decimals;
using attnbound::testing::from_decimals;

namespace {
double gap(const Real& x, const Real& y) { return static_cast<double>(abs(x - y)); }
}  // namespace

TEST_CASE("softmax: known answer [-2, 0, 0.5] at T = 1 -> [0.0486, 0.3592, 0.5922]", "[softmax]") {
  PrecisionScope scope(256);
  const Vec<Real> p = softmax(from_decimals<Real>({"-2", "0", "0.5"}), Real(1));
  const Real total = exp(Real(-2)) + Real(1) + exp(Real(1) / 2);
  CHECK(gap(p[0], exp(Real(-2)) / total) < 1e-70);
  CHECK(gap(p[1], Real(1) / total) < 1e-70);
  CHECK(gap(p[2], exp(Real(1) / 2) / total) < 1e-70);
  CHECK(static_cast<double>(p[0]) == Approx(0.0486).margin(5e-5));
  CHECK(static_cast<double>(p[1]) == Approx(0.3592).margin(5e-5));
  CHECK(static_cast<double>(p[2]) == Approx(0.5922).margin(5e-5));
  const Vec<double> pd = softmax(Vec<double>{-2, 0, 0.5}, 1.0);
  const Vec<float> pf = softmax(Vec<float>{-2, 0, 0.5f}, 1.0f);
  for (int i = 0; i < 3; ++i) {
    CHECK(pd[i] == Approx(static_cast<double>(p[i])).epsilon(1e-15));
    CHECK(pf[i] == Approx(static_cast<double>(p[i])).epsilon(1e-6));
  }
}

TEST_CASE("softmax: huge logits 1e6 at T = 1e-3 do not overflow", "[softmax]") {
  // (l - max)/T = [0, -1, -2e9]: p = [1, e^-1, 0]/(1 + e^-1).
  {
    PrecisionScope scope(256);
    const Vec<Real> p = softmax(from_decimals<Real>({"1e6", "999999.999", "-1e6"}), from_decimal<Real>("1e-3"));
    const Real e1 = exp(Real(-1));
    CHECK(gap(p[0], Real(1) / (Real(1) + e1)) < 1e-60);
    CHECK(gap(p[1], e1 / (Real(1) + e1)) < 1e-60);
    CHECK(p[2] >= 0);
    CHECK(static_cast<double>(p[2]) < 1e-300);
  }
  // double: 999999.999 is off by <= 2^-34 ~ 6e-11, divided by T: the exponent -1 is off by < 1e-7.
  const Vec<double> pd = softmax(Vec<double>{1e6, 999999.999, -1e6}, 1e-3);
  CHECK(pd[0] == Approx(1 / (1 + std::exp(-1.0))).epsilon(1e-6));
  CHECK(pd[2] == 0.0);
  const Vec<float> pf = softmax(Vec<float>{1e6f, 1e6f, -1e6f}, 1e-3f);
  CHECK(pf == Vec<float>{0.5f, 0.5f, 0.0f});
  const Vec<double> lp = log_softmax(Vec<double>{1e6, 999999.999, -1e6}, 1e-3);
  CHECK(lp[2] == Approx(-2e9).epsilon(1e-9));  // finite, no log(0)
}

TEST_CASE("softmax: L = 1, ties, two-token Jacobian closed form", "[softmax][ties]") {
  PrecisionScope scope(256);
  CHECK(softmax(Vec<Real>{Real(-5)}, Real(2)) == Vec<Real>{Real(1)});
  CHECK(softmax_jacobian(Vec<Real>{Real(-5)}, Real(2)) == Mat<Real>{{Real(0)}});
  CHECK(softmax(Vec<Real>{Real(3), Real(3)}, Real(1)) == Vec<Real>{Real(1) / 2, Real(1) / 2});
  // At a two-way tie J = [[1, -1], [-1, 1]]/(4T).
  const Real T = from_decimal<Real>("0.1");
  const Mat<Real> J = softmax_jacobian(Vec<Real>{Real(7), Real(7)}, T);
  CHECK(gap(J[0][0], Real(1) / (Real(4) * T)) < 1e-70);
  CHECK(gap(J[0][1], Real(-1) / (Real(4) * T)) < 1e-70);
  CHECK_THROWS_AS(softmax(Vec<Real>{}, Real(1)), std::invalid_argument);
  CHECK_THROWS_AS(log_softmax(Vec<Real>{}, Real(1)), std::invalid_argument);
}

TEST_CASE("softmax: random inputs sum to 1, exp(log_softmax) = softmax, Jacobian vs central differences",
          "[softmax][random][interval]") {
  std::mt19937_64 rng(attnbound::testing::test_seed("softmax random"));
  std::uniform_int_distribution<int> t_pick(50, 3000);
  for (int trial = 0; trial < 30; ++trial) {
    const Decimals z = attnbound::testing::random_decimals(rng, 1 + trial % 7);
    const std::string T = std::to_string(t_pick(rng)) + "e-3";
    INFO("trial " << trial << ", T = " << T);
    {
      PrecisionScope scope(256);
      const Vec<Real> p = softmax(from_decimals<Real>(z), from_decimal<Real>(T));
      const Vec<Real> lp = log_softmax(from_decimals<Real>(z), from_decimal<Real>(T));
      CHECK(gap(sum(p), Real(1)) < 1e-70);
      for (std::size_t i = 0; i < p.size(); ++i) CHECK(gap(exp(lp[i]), p[i]) < 1e-70);
    }
    attnbound::testing::check_jacobian_fd(
        [&](const Vec<Real>& v) { return softmax(v, from_decimal<Real>(T)); },
        [&](const Vec<Real>& v) { return softmax_jacobian(v, from_decimal<Real>(T)); }, z);
    attnbound::testing::check_vector_enclosure(
        [&](const Vec<Interval>& v) { return softmax(v, from_decimal<Interval>(T)); },
        [&](const Vec<Real>& v) { return softmax(v, from_decimal<Real>(T)); }, z);
    attnbound::testing::check_matrix_enclosure(
        [&](const Vec<Interval>& v) { return softmax_jacobian(v, from_decimal<Interval>(T)); },
        [&](const Vec<Real>& v) { return softmax_jacobian(v, from_decimal<Real>(T)); }, z);
  }
}
