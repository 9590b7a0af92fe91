// Tests of theory/jacobian_norms: containment of high-precision point values in the interval enclosures,
// tightness of the enclosures, and known closed forms (ties, diagonal matrices, rank one).
#include "testing/catch.hpp"
#include "theory/jacobian_norms.hpp"
#include "theory/softmax.hpp"

#include <random>

using namespace attnbound;

namespace {
// Relative width (hi - lo) / |hi| of an enclosure, as a double (0 when hi == 0).
double relative_width(const Interval& x) {
  const Real hi = upper_end(x), lo = lower_end(x);
  if (hi == 0) return 0;
  return static_cast<double>((hi - lo) / abs(hi));
}
bool contains(const Interval& x, const Real& v) { return lower_end(x) <= v && v <= upper_end(x); }

Mat<std::string> random_matrix_text(std::size_t rows, std::size_t cols, std::mt19937_64& rng) {
  std::uniform_int_distribution<int> d(-999, 999);
  Mat<std::string> m(rows, Vec<std::string>(cols));
  for (auto& r : m)
    for (auto& x : r) x = std::to_string(d(rng)) + "e-3";
  return m;
}
template <class S> Mat<S> convert_matrix(const Mat<std::string>& t) {
  Mat<S> m(t.size(), Vec<S>(t[0].size()));
  for (std::size_t i = 0; i < t.size(); ++i)
    for (std::size_t j = 0; j < t[i].size(); ++j) m[i][j] = from_decimal<S>(t[i][j]);
  return m;
}
}  // namespace

TEST_CASE("softmax spectral norm: interval enclosure contains the 1024-bit value and is tight", "[jacobian_norms]") {
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<int> d(-5000, 5000);
  for (int trial = 0; trial < 40; ++trial) {
    const std::size_t n = 2 + static_cast<std::size_t>(trial % 13) * 3;
    std::vector<std::string> logits;
    for (std::size_t i = 0; i < n; ++i) logits.push_back(std::to_string(d(rng)) + "e-3");
    const std::string T = trial % 2 ? "0.37" : "2";
    Real exact;
    {
      PrecisionScope scope(1024);
      Vec<Real> l;
      for (auto& t : logits) l.push_back(from_decimal<Real>(t));
      exact = softmax_jacobian_spectral_norm(softmax(l, from_decimal<Real>(T)), from_decimal<Real>(T));
    }
    for (unsigned bits : {64u, 256u}) {
      PrecisionScope scope(bits);
      Vec<Interval> l;
      for (auto& t : logits) l.push_back(from_decimal<Interval>(t));
      const Interval Ti = from_decimal<Interval>(T);
      const Interval enc = softmax_jacobian_spectral_norm(softmax(l, Ti), Ti);
      INFO("trial " << trial << " bits " << bits << " enclosure " << enc);
      CHECK(contains(enc, exact));
      CHECK(relative_width(enc) < std::ldexp(1.0, -static_cast<int>(bits) + 24));
    }
  }
}

TEST_CASE("softmax spectral norm: a two-way tie encloses 1/(2T) and the enclosure shrinks with precision",
          "[jacobian_norms]") {
  double previous = 1;
  for (unsigned bits : {64u, 128u, 512u}) {
    PrecisionScope scope(bits);
    const Interval T = from_decimal<Interval>("0.001");
    const Vec<Interval> l{from_decimal<Interval>("3"), from_decimal<Interval>("3"), from_decimal<Interval>("-1")};
    const Interval enc = softmax_jacobian_spectral_norm(softmax(l, T), T);
    // Tie: the top two weights are equal, the third is e^-4000 smaller; lambda = p_1 and p_1 < 1/2.
    CHECK(upper_end(enc) <= upper_end(Interval(1) / (Interval(2) * T)));
    CHECK(lower_end(enc) > Real(499.9));
    const double w = relative_width(enc);
    CHECK(w < previous);
    previous = w;
  }
}

TEST_CASE("general spectral norm: enclosure contains the 512-bit value with relative width O(n 2^-bits)",
          "[jacobian_norms]") {
  std::mt19937_64 rng(11);
  for (std::size_t n : {1u, 2u, 5u, 17u, 40u}) {
    const auto text = random_matrix_text(n, n, rng);
    Real exact;
    {
      PrecisionScope scope(512);
      exact = spectral_norm(convert_matrix<Real>(text));
    }
    PrecisionScope scope(128);
    const Interval enc = spectral_norm(convert_matrix<Interval>(text));
    INFO("n = " << n << " enclosure " << enc);
    CHECK(contains(enc, exact));
    CHECK(relative_width(enc) < 1e-30);
  }
}

TEST_CASE("general spectral norm: beyond the Real eigensolver size the bound is still tight to ~1e-12",
          "[jacobian_norms]") {
  std::mt19937_64 rng(12);
  const auto text = random_matrix_text(64, 64, rng);
  Real exact;
  {
    PrecisionScope scope(128);
    exact = static_cast<Real>(spectral_norm(convert_matrix<double>(text)));
  }
  PrecisionScope scope(128);
  const Interval enc = spectral_norm(convert_matrix<Interval>(text));
  CHECK(relative_width(enc) < 1e-12);
  CHECK(abs(Real(boost::multiprecision::median(enc)) - exact) / exact < Real(1e-12));
}

TEST_CASE("general spectral norm: known closed forms (diagonal, repeated top value, rank one)",
          "[jacobian_norms]") {
  PrecisionScope scope(256);
  // diag(3, -7, 7, 1): ||M||_2 = 7, attained twice (a repeated singular value).
  Mat<Interval> d(4, Vec<Interval>(4, Interval(0)));
  d[0][0] = 3; d[1][1] = -7; d[2][2] = 7; d[3][3] = 1;
  const Interval nd = spectral_norm(d);
  CHECK(contains(nd, Real(7)));
  CHECK(relative_width(nd) < 1e-70);
  // Rank one u v^T: ||M||_2 = ||u|| ||v|| = sqrt(14) sqrt(2).
  const Vec<int> u{1, 2, 3}, v{1, -1, 0};
  Mat<Interval> r(3, Vec<Interval>(3));
  for (std::size_t i = 0; i < 3; ++i)
    for (std::size_t j = 0; j < 3; ++j) r[i][j] = Interval(u[i] * v[j]);
  const Interval nr = spectral_norm(r);
  CHECK(contains(nr, Real(sqrt(Real(28)))));
  CHECK(relative_width(nr) < 1e-70);
  // The zero matrix.
  const Interval z = spectral_norm(Mat<Interval>(3, Vec<Interval>(3, Interval(0))));
  CHECK(upper_end(z) == 0);
}

TEST_CASE("softmax Jacobian: the general method and the secular equation agree", "[jacobian_norms]") {
  PrecisionScope scope(192);
  const Interval T = from_decimal<Interval>("0.5");
  const Vec<Interval> l{from_decimal<Interval>("0.3"), from_decimal<Interval>("-1.25"), from_decimal<Interval>("2"),
                        from_decimal<Interval>("1.999")};
  const Vec<Interval> p = softmax(l, T);
  const Interval a = softmax_jacobian_spectral_norm(p, T);
  const Interval b = spectral_norm(softmax_jacobian_from_weights(p, T));
  CHECK(lower_end(a) <= upper_end(b));
  CHECK(lower_end(b) <= upper_end(a));
  CHECK(relative_width(a) < 1e-50);
  CHECK(relative_width(b) < 1e-50);
}

namespace {
// lambda_max of the 3x3 reduction of diag(p) - p p^T for grouped weights (a once, b once, q m times):
// on the group-symmetric subspace the matrix is diag(a, b, q) - w w^T with w = (a, b, sqrt(m) q). Bisection
// on the sign of its characteristic polynomial in (b, a), computed entry by entry (no secular equation):
// there (a - x) > 0 and (b - x), (q - x) < 0, so det(M - xI) > 0 exactly when lambda_max > x.
Real grouped_lambda_max(const Real& a, const Real& b, const Real& q, long m) {
  const Real w[3] = {a, b, sqrt(Real(m)) * q};
  const Real d[3] = {a, b, q};
  const auto det = [&](const Real& x) {
    Real M[3][3];
    for (int i = 0; i < 3; ++i)
      for (int j = 0; j < 3; ++j) M[i][j] = (i == j ? d[i] - x : Real(0)) - w[i] * w[j];
    return M[0][0] * (M[1][1] * M[2][2] - M[1][2] * M[2][1]) - M[0][1] * (M[1][0] * M[2][2] - M[1][2] * M[2][0]) +
           M[0][2] * (M[1][0] * M[2][1] - M[1][1] * M[2][0]);
  };
  Real lo = b, hi = a;
  for (unsigned it = 0; it < PrecisionScope::current_bits() + 8; ++it) {
    const Real mid = (lo + hi) / 2;
    if (det(mid) > 0) lo = mid; else hi = mid;
  }
  return (lo + hi) / 2;
}
}  // namespace

// Two top logits a hair apart and 200 equal low logits (T = 1), tuned (mpmath, 1600 bits) so that
// lambda_max = 1/4 - 1.99 * 2^-261 with the second weight about 31 (33) units of 2^-261 below it: at the
// engine's first precision (256 asked = 261 bits) the top weight's enclosure separates, but lambda_max lies
// inside the second weight's enclosure. The bracket once clamped to [hi(p_2), lo(p_1)] missed it (the
// engine printed "violated", certified); every end must now move only on a certified sign.
TEST_CASE("softmax spectral norm: near-tie at the engine's precisions encloses the 3x3-reduction value",
          "[jacobian_norms][soundness]") {
  const std::vector<std::pair<std::string, std::string>> tops{{"4.6051701859880913680359829093687284152022029772575459520666558019351452193547319808843611619228182742323263048", "4.6051701859880913680359829093687284152022029772575459520666558019351452193546693470719153394631726597154413449"}, {"4.6051701859880913680359829093687284152022029772575459520666558019351452193547341399264999355339746208202920049", "4.6051701859880913680359829093687284152022029772575459520666558019351452193546671880297765658520163131274756448"}};
  for (const auto& [l1, l2] : tops) {
    Real exact;
    {
      PrecisionScope scope(1200);
      Vec<Real> l{from_decimal<Real>(l1), from_decimal<Real>(l2)};
      l.resize(202, Real(0));
      const Vec<Real> p = softmax(l, Real(1));
      exact = grouped_lambda_max(p[0], p[1], p[2], 200);
      // The tuning: 1/4 - 1.99 * 2^-261 to two digits.
      const Real units = (exact - Real(1) / 4) / ldexp(Real(1), -261);
      REQUIRE(abs(units + Real(1.99)) < Real(0.01));
    }
    for (unsigned bits : {256u, 512u, 1024u}) {
      PrecisionScope scope(bits);
      Vec<Interval> l{from_decimal<Interval>(l1), from_decimal<Interval>(l2)};
      l.resize(202, Interval(0));
      const Interval enc = softmax_jacobian_spectral_norm(softmax(l, Interval(1)), Interval(1));
      INFO("bits " << PrecisionScope::current_bits() << " enclosure " << enc);
      CHECK(contains(enc, exact));
      if (bits >= 512) CHECK(upper_end(enc) < Real(1) / 4);  // decided once the weights' enclosures are narrow
    }
  }
}

// Weight enclosures whose midpoints name the wrong largest weight: box 0 has the largest midpoint, but the
// exact weights (0.30, 0.41, 0.29) put the largest at index 1 and lambda_max below lo(p_1) = 0.39. The
// unseparated case must take the second-largest lower end over ALL indices, not over i != argmax(midpoint).
TEST_CASE("softmax spectral norm: unseparated weights use the second-largest lower end over every index",
          "[jacobian_norms][soundness]") {
  PrecisionScope scope(256);
  const Vec<Interval> boxes{hull(Real("0.2"), Real("0.62")), hull(Real("0.39"), Real("0.41")),
                            hull(Real("0.25"), Real("0.35"))};
  const Vec<Real> exact_weights{Real("0.30"), Real("0.41"), Real("0.29")};
  const Real exact = softmax_jacobian_spectral_norm(exact_weights, Real(1));
  REQUIRE(exact < Real("0.39"));
  for (std::size_t i = 0; i < 3; ++i) REQUIRE(contains(boxes[i], exact_weights[i]));
  const Interval enc = softmax_jacobian_spectral_norm(boxes, Interval(1));
  INFO("enclosure " << enc << " exact " << exact);
  CHECK(contains(enc, exact));
}
