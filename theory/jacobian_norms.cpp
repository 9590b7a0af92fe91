#include "theory/jacobian_norms.hpp"

#include <Eigen/Dense>

#include <limits>

// Eigen's numeric traits for Real (Boost 1.74's own binding lacks infinity()/quiet_NaN() that Eigen 3.4 needs).
namespace Eigen {
template <> struct NumTraits<attnbound::Real> : GenericNumTraits<attnbound::Real> {
  using Real = attnbound::Real;
  using NonInteger = attnbound::Real;
  using Nested = attnbound::Real;
  using Literal = attnbound::Real;
  enum { IsComplex = 0, IsInteger = 0, IsSigned = 1, RequireInitialization = 1, ReadCost = 4, AddCost = 8, MulCost = 16 };
  static Real epsilon() { return std::numeric_limits<Real>::epsilon(); }
  static Real dummy_precision() { return epsilon() * 1024; }
  static Real highest() { return std::numeric_limits<Real>::max(); }
  static Real lowest() { return -std::numeric_limits<Real>::max(); }
  static Real infinity() { return std::numeric_limits<Real>::infinity(); }
  static Real quiet_NaN() { return std::numeric_limits<Real>::quiet_NaN(); }
  static int digits10() { return Real::default_precision(); }
};
}  // namespace Eigen

namespace attnbound {
namespace {

template <class S> S secular(const Vec<S>& p, const S& lambda) {
  S f(1);
  for (const auto& pi : p) f -= pi * pi / (pi - lambda);
  return f;
}

template <class S> S largest_eigenvalue_point(const Vec<S>& p) {
  std::size_t top = steer_argmax(p);
  if (p.size() == 1) return S(0);  // 1x1: p - p^2 = 0 since p = 1
  S second(-1);
  bool tie = false;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (i == top) continue;
    if (p[i] == p[top]) tie = true;
    if (second < p[i]) second = p[i];
  }
  if (tie) return p[top];
  S lo = second, hi = p[top];
  for (int it = 0; it < 100000; ++it) {
    S mid = (lo + hi) / 2;
    if (!(lo < mid && mid < hi)) break;  // no representable point left between lo and hi
    if (secular(p, mid) > 0) lo = mid; else hi = mid;
  }
  return (lo + hi) / 2;
}

Interval largest_eigenvalue_interval(const Vec<Interval>& p) {
  const std::size_t top = steer_argmax(p);
  if (p.size() == 1) return Interval(0);
  Real second_lo(-1), second_hi(-1);
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (i == top) continue;
    second_lo = std::max(second_lo, lower_end(p[i]));
    second_hi = std::max(second_hi, upper_end(p[i]));
  }
  // lambda_max lies in [p_(2), p_(1)] (interlacing), and p_(2) >= second_lo, p_(1) <= max upper end.
  Real lo = second_lo, hi = std::max(upper_end(p[top]), second_hi);
  const Real safe_lo = second_hi, safe_hi = lower_end(p[top]);
  if (!(safe_lo < safe_hi)) return hull(lo, hi);  // the top weight is not separated: no sign test is valid
  // Inside (safe_lo, safe_hi) every lambda lies strictly between the true p_(2) and p_(1), where f is
  // decreasing with a single root, so a certified sign of f moves one end of the bracket.
  lo = std::max(lo, safe_lo);
  hi = std::min(hi, safe_hi);
  for (int it = 0; it < 100000; ++it) {
    Real mid = (lo + hi) / 2;
    if (!(lo < mid && mid < hi)) break;
    Interval f = secular(p, Interval(mid));
    if (lower_end(f) > 0) lo = mid;
    else if (upper_end(f) < 0) hi = mid;
    else break;  // sign not certified at this precision
  }
  return hull(lo, hi);
}

template <class S> using EigenMat = Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic>;

template <class S> EigenMat<S> to_eigen(const Mat<S>& m) {
  const auto rows = static_cast<Eigen::Index>(m.size());
  const auto cols = rows ? static_cast<Eigen::Index>(m[0].size()) : 0;
  EigenMat<S> e(rows, cols);
  for (Eigen::Index i = 0; i < rows; ++i)
    for (Eigen::Index j = 0; j < cols; ++j) e(i, j) = m[i][j];
  return e;
}

template <class S> S spectral_norm_point(const Mat<S>& m, Vec<S>* top_vector = nullptr) {
  if (m.empty()) return S(0);
  EigenMat<S> a = to_eigen(m);
  EigenMat<S> gram = a.transpose() * a;
  Eigen::SelfAdjointEigenSolver<EigenMat<S>> solver(gram);
  const auto& values = solver.eigenvalues();
  Eigen::Index last = values.size() - 1;
  if (top_vector) {
    top_vector->resize(static_cast<std::size_t>(values.size()));
    for (Eigen::Index i = 0; i < values.size(); ++i) (*top_vector)[i] = solver.eigenvectors()(i, last);
  }
  S top = values(last);
  return top > 0 ? S(sqrt(top)) : S(0);
}

Interval spectral_norm_interval(const Mat<Interval>& m) {
  if (m.empty()) return Interval(0);
  Mat<Real> mid(m.size(), Vec<Real>(m[0].size()));
  for (std::size_t i = 0; i < m.size(); ++i)
    for (std::size_t j = 0; j < m[i].size(); ++j) mid[i][j] = boost::multiprecision::median(m[i][j]);
  Vec<Real> v_real;
  spectral_norm_point(mid, &v_real);
  Vec<Interval> v(v_real.begin(), v_real.end());
  Vec<Interval> mv(m.size(), Interval(0));
  for (std::size_t i = 0; i < m.size(); ++i) mv[i] = dot(m[i], v);
  // ||M v|| / ||v|| <= ||M||_2 for any v != 0.
  Interval below = norm2(mv) / norm2(v);
  // ||M||_2 <= ||M||_F and ||M||_2 <= sqrt(||M||_1 ||M||_inf).
  Interval fro = frobenius_norm(m);
  Interval norm1(0), norm_inf(0);
  for (std::size_t j = 0; j < m[0].size(); ++j) {
    Interval c(0);
    for (std::size_t i = 0; i < m.size(); ++i) c += abs(m[i][j]);
    norm1 = smax(norm1, c);
  }
  for (const auto& row : m) {
    Interval r(0);
    for (const auto& x : row) r += abs(x);
    norm_inf = smax(norm_inf, r);
  }
  Interval above = smin(fro, Interval(sqrt(norm1 * norm_inf)));
  Real lo = lower_end(below), hi = upper_end(above);
  if (hi < lo) lo = hi;  // cannot happen in exact arithmetic; keep the enclosure well formed
  return hull(lo, hi);
}

}  // namespace

template <class S> S softmax_jacobian_spectral_norm(const Vec<S>& weights, const S& temperature) {
  if constexpr (is_interval_v<S>) return largest_eigenvalue_interval(weights) / temperature;
  else return largest_eigenvalue_point(weights) / temperature;
}

template <class S> S spectral_norm(const Mat<S>& m) {
  if constexpr (is_interval_v<S>) return spectral_norm_interval(m);
  else return spectral_norm_point(m);
}

template float softmax_jacobian_spectral_norm<float>(const Vec<float>&, const float&);
template double softmax_jacobian_spectral_norm<double>(const Vec<double>&, const double&);
template Real softmax_jacobian_spectral_norm<Real>(const Vec<Real>&, const Real&);
template Interval softmax_jacobian_spectral_norm<Interval>(const Vec<Interval>&, const Interval&);
template float spectral_norm<float>(const Mat<float>&);
template double spectral_norm<double>(const Mat<double>&);
template Real spectral_norm<Real>(const Mat<Real>&);
template Interval spectral_norm<Interval>(const Mat<Interval>&);

}  // namespace attnbound
