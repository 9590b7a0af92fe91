#include "theory/jacobian_norms.hpp"

#include <Eigen/Dense>

#include <limits>
#include <optional>

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

// Safeguarded Newton on the secular equation inside the bracket (lo, hi) where f is decreasing with a
// single root: a Newton step that leaves the bracket is replaced by bisection, so it always converges;
// near the root the step is quadratically convergent, so it needs O(log bits) steps, not O(bits).
Real secular_root_newton(const Vec<Real>& p, Real lo, Real hi) {
  Real x = (lo + hi) / 2;
  const Real tol = ldexp(Real(1), -static_cast<int>(PrecisionScope::current_bits()) + 2);
  for (int it = 0; it < 4 * static_cast<int>(PrecisionScope::current_bits()) + 64; ++it) {
    Real f(1), df(0);
    for (const auto& pi : p) {
      const Real r = pi / (pi - x);
      f -= pi * r;
      df -= r * r;
    }
    if (f > 0) lo = x; else if (f < 0) hi = x; else return x;
    Real next = x - f / df;
    if (!(lo < next && next < hi)) next = (lo + hi) / 2;
    if (!(lo < next && next < hi)) break;  // no representable point left inside the bracket
    const Real step = abs(next - x);
    x = next;
    if (step <= tol * abs(x)) break;
  }
  return x;
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
  if constexpr (std::is_same_v<S, Real>) {
    return secular_root_newton(p, second, p[top]);
  } else {
    S lo = second, hi = p[top];
    for (int it = 0; it < 100000; ++it) {
      S mid = (lo + hi) / 2;
      if (!(lo < mid && mid < hi)) break;  // no representable point left between lo and hi
      if (secular(p, mid) > 0) lo = mid; else hi = mid;
    }
    return (lo + hi) / 2;
  }
}

// Certified sign of f at a point strictly inside the safe bracket: +1, -1, or 0 when not decidable.
int secular_sign(const Vec<Interval>& p, const Real& x) {
  const Interval f = secular(p, Interval(x));
  if (lower_end(f) > 0) return 1;
  if (upper_end(f) < 0) return -1;
  return 0;
}

// lambda_max of diag(p) - p p^T for weight enclosures p (exact weights p*_i in p_i, p*_i > 0, sum 1).
// Contract: returns an enclosure of lambda_max for EVERY choice of exact weights inside the p_i; no step
// trusts a midpoint. The justification of each bracket move:
//   (a) interlacing: p*_(2) <= lambda_max <= p*_(1) (order statistics of the exact weights);
//   (b) order statistics are monotone in each argument, so p*_(1) <= max_i hi(p_i) and
//       p*_(2) >= the second largest of the lower ends lo(p_i) over ALL i (whichever index is largest);
//   (c) when lo(p_top) > hi(p_i) for every i != top, every x with safe_lo := max_{i != top} hi(p_i) < x <
//       safe_hi := lo(p_top) satisfies p*_(2) < x < p*_(1); there f(x) = 1 - sum_i p*_i^2/(p*_i - x) is
//       continuous and strictly decreasing with lambda_max its only root, so a certified f(x) > 0 gives
//       lambda_max > x and a certified f(x) < 0 gives lambda_max < x. Points outside (safe_lo, safe_hi)
//       are never tested: lambda_max may lie in [p*_(2), safe_lo] or [safe_hi, p*_(1)], and the bracket
//       keeps the ends from (b) until a certified sign moves them.
Interval largest_eigenvalue_interval(const Vec<Interval>& p) {
  if (p.size() == 1) return Interval(0);
  Real first_lo(-1), second_lo(-1), first_hi(-1);  // the two largest lower ends, the largest upper end
  for (const auto& pi : p) {
    const Real l = lower_end(pi), h = upper_end(pi);
    if (l > first_lo) {
      second_lo = first_lo;
      first_lo = l;
    } else if (l > second_lo) {
      second_lo = l;
    }
    first_hi = std::max(first_hi, h);
  }
  Real lo = second_lo, hi = first_hi;  // (a) + (b)
  const std::size_t top = steer_argmax(p);  // a guess only: (c) certifies it before any sign is trusted
  Real safe_lo(-1);
  for (std::size_t i = 0; i < p.size(); ++i)
    if (i != top) safe_lo = std::max(safe_lo, upper_end(p[i]));
  const Real safe_hi = lower_end(p[top]);
  if (!(safe_lo < safe_hi)) return hull(lo, hi);  // top not certified largest: no sign test is valid
  const auto inside = [&](const Real& x) { return safe_lo < x && x < safe_hi; };
  const auto move = [&](const Real& x) {  // (c): one certified sign moves one end; 0 = undecided
    const int s = secular_sign(p, x);
    if (s > 0 && x > lo) lo = x;
    if (s < 0 && x < hi) hi = x;
    return s;
  };
  // First a point root by Newton on the midpoints (steering only), then a certified bracket around it:
  // f(x - d) > 0 and f(x + d) < 0 put the exact root in [x - d, x + d]. d grows until both signs are certified.
  Vec<Real> mid(p.size());
  for (std::size_t i = 0; i < p.size(); ++i) mid[i] = boost::multiprecision::median(p[i]);
  const Real x = secular_root_newton(mid, safe_lo, safe_hi);
  Real d = ldexp(abs(x), -static_cast<int>(PrecisionScope::current_bits()) + 4);
  for (int attempt = 0; attempt < 12 && d > 0; ++attempt, d *= 16) {
    const Real a = x - d, b = x + d;
    const int sa = inside(a) ? move(a) : 0, sb = inside(b) ? move(b) : 0;
    if (sa > 0 && sb < 0) return hull(lo, hi);
    if (!inside(a) && !inside(b)) break;
  }
  // Fallback: certified bisection on the part of the bracket inside the safe region.
  for (int it = 0; it < 100000; ++it) {
    const Real a = std::max(lo, safe_lo), b = std::min(hi, safe_hi);
    const Real m = (a + b) / 2;
    if (!(a < m && m < b) || !inside(m)) break;
    if (move(m) == 0) break;  // sign not certified at this precision
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

// Loose certified upper bound: ||M||_2 <= ||M||_F and ||M||_2 <= sqrt(||M||_1 ||M||_inf).
Real spectral_upper_loose(const Mat<Interval>& m) {
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
  return upper_end(smin(fro, Interval(sqrt(norm1 * norm_inf))));
}

// Tight certified upper bound on lambda_max(A), A = M^T M, from approximate eigenvectors V (columns):
//   B = V^T A V (enclosed), E = V^T V - I (enclosed), e >= ||E||_F >= ||E||_2.
//   Gershgorin on the exact symmetric B:      lambda_max(B) <= g := max_i (B_ii + sum_{j != i} |B_ij|).
//   Ostrowski (Horn & Johnson 4.5.9):          lambda_max(B) = theta lambda_max(A), theta >= sigma_min(V)^2,
//                                              and sigma_min(V)^2 = lambda_min(V^T V) >= 1 - e (Weyl).
//   A is positive semidefinite, so lambda_max(B) >= 0 and lambda_max(A) <= g / (1 - e) when e < 1.
// With V accurate to the working precision the off-diagonal of B is O(n eps ||A||), so the bound is
// lambda_max(A) (1 + O(n eps)). Returns nullopt when V is too far from orthogonal (e >= 1/2).
std::optional<Real> lambda_max_upper(const Mat<Interval>& a, const Mat<Real>& v) {
  const std::size_t n = a.size();
  Mat<Interval> vi(n, Vec<Interval>(n));
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j) vi[i][j] = Interval(v[i][j]);
  Mat<Interval> av(n, Vec<Interval>(n, Interval(0)));
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t k = 0; k < n; ++k)
      for (std::size_t j = 0; j < n; ++j) av[i][j] += a[i][k] * vi[k][j];
  Real g(0);
  Interval e2(0);
  bool first = true;
  for (std::size_t i = 0; i < n; ++i) {
    Interval row(0);
    for (std::size_t j = 0; j < n; ++j) {
      Interval b(0), gram(0);
      for (std::size_t k = 0; k < n; ++k) {
        b += vi[k][i] * av[k][j];
        gram += vi[k][i] * vi[k][j];
      }
      if (i == j) {
        row += b;
        gram -= Interval(1);
      } else {
        row += abs(b);
      }
      e2 += gram * gram;
    }
    const Real r = upper_end(row);
    if (first || r > g) g = r;
    first = false;
  }
  const Real e = upper_end(sqrt(e2));
  if (!(e < Real(0.5))) return std::nullopt;
  if (g < 0) g = 0;
  return upper_end(Interval(g) / (Interval(1) - Interval(e)));
}

// Sizes up to which the tight method runs: the eigenvectors come from Eigen on Real (at the working
// precision) up to kRealEigenMax, from double up to kDoubleEigenMax (then the bound is tight to ~1e-16
// relative only), and beyond that the loose bound is used (O(n^3) interval work would dominate).
constexpr std::size_t kRealEigenMax = 48;
constexpr std::size_t kDoubleEigenMax = 160;

Interval spectral_norm_interval(const Mat<Interval>& m) {
  if (m.empty()) return Interval(0);
  const std::size_t rows = m.size(), cols = m[0].size();
  Mat<Real> mid(rows, Vec<Real>(cols));
  for (std::size_t i = 0; i < rows; ++i)
    for (std::size_t j = 0; j < cols; ++j) mid[i][j] = boost::multiprecision::median(m[i][j]);
  Mat<Real> vectors(cols, Vec<Real>(cols));
  Vec<Real> v_real(cols);
  const bool tight = cols <= kDoubleEigenMax;
  if (cols <= kRealEigenMax) {
    EigenMat<Real> e = to_eigen(mid);
    Eigen::SelfAdjointEigenSolver<EigenMat<Real>> solver(e.transpose() * e);
    for (std::size_t i = 0; i < cols; ++i)
      for (std::size_t j = 0; j < cols; ++j)
        vectors[i][j] = solver.eigenvectors()(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
  } else {
    Mat<double> md(rows, Vec<double>(cols));
    for (std::size_t i = 0; i < rows; ++i)
      for (std::size_t j = 0; j < cols; ++j) md[i][j] = static_cast<double>(mid[i][j]);
    EigenMat<double> e = to_eigen(md);
    if (tight) {
      Eigen::SelfAdjointEigenSolver<EigenMat<double>> solver(e.transpose() * e);
      for (std::size_t i = 0; i < cols; ++i)
        for (std::size_t j = 0; j < cols; ++j)
          vectors[i][j] = solver.eigenvectors()(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
    } else {
      // Power iteration on M^T M for a lower-bound vector only.
      Eigen::VectorXd x = Eigen::VectorXd::Ones(static_cast<Eigen::Index>(cols));
      for (int it = 0; it < 200; ++it) {
        Eigen::VectorXd y = e.transpose() * (e * x);
        const double nrm = y.norm();
        if (!(nrm > 0)) break;
        x = y / nrm;
      }
      for (std::size_t i = 0; i < cols; ++i) vectors[i][cols - 1] = x(static_cast<Eigen::Index>(i));
    }
  }
  for (std::size_t i = 0; i < cols; ++i) v_real[i] = vectors[i][cols - 1];  // eigenvalues ascend: last is top
  Vec<Interval> v(v_real.begin(), v_real.end());
  Vec<Interval> mv(rows, Interval(0));
  for (std::size_t i = 0; i < rows; ++i) mv[i] = dot(m[i], v);
  // ||M v|| / ||v|| <= ||M||_2 for any v != 0 (a zero v gives no information).
  Real lo(0);
  const Interval vnorm = norm2(v);
  if (lower_end(vnorm) > 0) lo = lower_end(norm2(mv) / vnorm);
  Real hi = spectral_upper_loose(m);
  if (tight) {
    Mat<Interval> a(cols, Vec<Interval>(cols, Interval(0)));
    for (std::size_t i = 0; i < cols; ++i)
      for (std::size_t j = i; j < cols; ++j) {
        Interval s(0);
        for (std::size_t k = 0; k < rows; ++k) s += m[k][i] * m[k][j];
        a[i][j] = s;
        a[j][i] = s;
      }
    if (auto up = lambda_max_upper(a, vectors)) hi = std::min(hi, upper_end(sqrt(Interval(*up))));
  }
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
