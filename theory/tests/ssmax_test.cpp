#include "theory/ssmax.hpp"

#include "testing/catch.hpp"
#include "theory/tests/normaliser_checks.hpp"

using namespace attnbound;
using attnbound::testing::Decimals;
using attnbound::testing::from_decimals;

namespace {
double gap(const Real& x, const Real& y) { return static_cast<double>(abs(x - y)); }
}  // namespace

TEST_CASE("ssmax: closed forms L^{s z_i / T} / sum_j L^{s z_j / T}", "[ssmax]") {
  PrecisionScope scope(256);
  // L = 2, s = 1: [2^0, 2^1]/3.
  Vec<Real> p = ssmax(Vec<Real>{Real(0), Real(1)}, Real(1));
  CHECK(gap(p[0], Real(1) / 3) < 1e-70);
  CHECK(gap(p[1], Real(2) / 3) < 1e-70);
  // L = 3, s = 1: [1, 3, 9]/13.
  p = ssmax(from_decimals<Real>({"0", "1", "2"}), Real(1));
  CHECK(gap(p[2], Real(9) / 13) < 1e-70);
  // L = 3, s = 1, T = 2: [1, sqrt 3, 3]/(4 + sqrt 3).
  p = ssmax(from_decimals<Real>({"0", "1", "2"}), Real(1), Real(2));
  CHECK(gap(p[1], sqrt(Real(3)) / (Real(4) + sqrt(Real(3)))) < 1e-70);
  // s < 0 reverses the order: L = 2, s = -1: [1, 1/2]/(3/2).
  p = ssmax(Vec<Real>{Real(0), Real(1)}, Real(-1));
  CHECK(gap(p[0], Real(2) / 3) < 1e-70);
  // s = 0 and ties give the uniform weights.
  for (const auto& x : ssmax(from_decimals<Real>({"5", "-1", "2", "0"}), Real(0))) CHECK(gap(x, Real(1) / 4) < 1e-70);
  for (const auto& x : ssmax(from_decimals<Real>({"2.5", "2.5"}), from_decimal<Real>("0.7"))) CHECK(x == Real(1) / 2);
  CHECK(gap(ssmax_scale(std::size_t{1024}, Real(1)), Real(10) * log(Real(2))) < 1e-70);
}

TEST_CASE("ssmax: Jacobian (s log L / T)(diag p - p p^T), two-token closed form", "[ssmax][jacobian]") {
  PrecisionScope scope(256);
  // L = 2, s = 1, T = 1, p = [1/3, 2/3]: J_00 = log 2 * 2/9, J_01 = -log 2 * 2/9.
  const Mat<Real> J = ssmax_jacobian(Vec<Real>{Real(0), Real(1)}, Real(1));
  CHECK(gap(J[0][0], log(Real(2)) * 2 / 9) < 1e-70);
  CHECK(gap(J[0][1], -log(Real(2)) * 2 / 9) < 1e-70);
  CHECK(J[0][1] == J[1][0]);
}

TEST_CASE("ssmax: L = 1 gives [1] with a zero Jacobian, empty input throws", "[ssmax]") {
  PrecisionScope scope(256);
  CHECK(ssmax(Vec<Real>{Real(42)}, Real(3)) == Vec<Real>{Real(1)});
  CHECK(ssmax_jacobian(Vec<Real>{Real(42)}, Real(3)) == Mat<Real>{{Real(0)}});
  CHECK_THROWS_AS(ssmax(Vec<Real>{}, Real(1)), std::invalid_argument);
}

TEST_CASE("ssmax: huge logits at a small temperature do not overflow (double, float)", "[ssmax]") {
  // L = 3, c = log 3; (c 1e6 - c (1e6 - 1e-3)) / 1e-3 = log 3 up to ~1e-7 (the rounding of c 1e6 is
  // ~1e-10, divided by T), so p = [3/4, 1/4, 0] to about 1e-7.
  const Vec<double> p = ssmax(Vec<double>{1e6, 1e6 - 1e-3, -1e6}, 1.0, 1e-3);
  CHECK(p[0] == Approx(0.75).epsilon(1e-5));
  CHECK(p[1] == Approx(0.25).epsilon(1e-5));
  CHECK(p[2] == 0.0);
  const Vec<float> q = ssmax(Vec<float>{1e30f, 0, -1e30f}, 1.0f, 1e-3f);
  CHECK(q == Vec<float>{1, 0, 0});
}

TEST_CASE("ssmax: random inputs sum to 1, Jacobian matches central differences, intervals enclose",
          "[ssmax][random][interval]") {
  std::mt19937_64 rng(attnbound::testing::test_seed("ssmax random"));
  std::uniform_int_distribution<int> s_pick(-2000, 2000), t_pick(100, 3000);
  for (int trial = 0; trial < 30; ++trial) {
    const Decimals z = attnbound::testing::random_decimals(rng, 1 + trial % 7);
    const std::string s = std::to_string(s_pick(rng)) + "e-3", T = std::to_string(t_pick(rng)) + "e-3";
    INFO("trial " << trial << ": s = " << s << ", T = " << T);
    {
      PrecisionScope scope(256);
      CHECK(gap(sum(ssmax(from_decimals<Real>(z), from_decimal<Real>(s), from_decimal<Real>(T))), Real(1)) < 1e-70);
    }
    attnbound::testing::check_jacobian_fd(
        [&](const Vec<Real>& v) { return ssmax(v, from_decimal<Real>(s), from_decimal<Real>(T)); },
        [&](const Vec<Real>& v) { return ssmax_jacobian(v, from_decimal<Real>(s), from_decimal<Real>(T)); }, z);
    attnbound::testing::check_vector_enclosure(
        [&](const Vec<Interval>& v) { return ssmax(v, from_decimal<Interval>(s), from_decimal<Interval>(T)); },
        [&](const Vec<Real>& v) { return ssmax(v, from_decimal<Real>(s), from_decimal<Real>(T)); }, z);
    attnbound::testing::check_matrix_enclosure(
        [&](const Vec<Interval>& v) { return ssmax_jacobian(v, from_decimal<Interval>(s), from_decimal<Interval>(T)); },
        [&](const Vec<Real>& v) { return ssmax_jacobian(v, from_decimal<Real>(s), from_decimal<Real>(T)); }, z);
  }
}
