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
