// Self-Adjusted Softmax, SA-Softmax (Zheng et al. 2025; spec section 5 [E]), both variants of the spec:
//   plain       f(z)_i = z_i p_i,                                   p = softmax(z)
//   normalised  f(z)_i = w_i p_i,  w_i = (z_i - a)/(b - a),  a = min(z_min, 0),  b = max(0, z_max)
// and their Jacobians (not symmetric):
//   plain       d f_i / d z_j = delta_ij p_i (1 + z_i) - z_i p_i p_j
//   normalised  d f_i / d z_j = p_i (delta_ij - a'_j - w_i (b'_j - a'_j)) / (b - a) + w_i p_i (delta_ij - p_j),
//               a'_j = [a = z_m and j = m],  b'_j = [b = z_M and j = M]  (m, M the attainers of min and max).
// The outputs are not weights on the simplex: f can be negative (plain) and does not sum to 1.
//
// Contract: z non-empty and finite (std::invalid_argument when empty). The normalised variant needs
// b > a, i.e. z != 0 (std::domain_error at z = 0, where w = 0/0). Softmax is computed shifted by its
// largest logit (softmax.hpp), so nothing overflows.
// Error: float/double/Real round each operation to nearest. Interval: every value is enclosed, the values
// with no discrete choice (a and b are enclosed by smin/smax whichever index attains them).
// Ties (normalised Jacobian only; the values are continuous): a = min(z_min, 0) and b = max(0, z_max) are
// not differentiable where the min or max is attained twice or equals 0. The Jacobian returned is that of
// one smooth piece, a limit of Jacobians of nearby points (an element of the B-subdifferential):
//   m = the lowest index attaining z_min, and a = z_m when z_min < 0, a = 0 when z_min >= 0;
//   M = the lowest index attaining z_max, and b = z_M when z_max > 0, b = 0 when z_max <= 0.
// Interval: these choices are made from midpoints (steer_less); choice_certified reports whether they hold
// for the exact z with strict inequalities (unique attainer, strictly away from 0), i.e. whether the
// function is differentiable there and the Jacobian enclosure is the exact Jacobian. Otherwise the
// enclosure is valid only for the chosen piece.
#pragma once

#include "theory/softmax.hpp"

namespace attnbound {

template <class S> Vec<S> sa_softmax(const Vec<S>& z);
template <class S> Mat<S> sa_softmax_jacobian(const Vec<S>& z);
template <class S> Vec<S> sa_softmax_normalised(const Vec<S>& z);
template <class S> Mat<S> sa_softmax_normalised_jacobian(const Vec<S>& z, bool* choice_certified = nullptr);

// ---------------------------------------------------------------------------------------------------------

template <class S> Vec<S> sa_softmax(const Vec<S>& z) {
  Vec<S> f = softmax(z, S(1));
  for (std::size_t i = 0; i < z.size(); ++i) f[i] *= z[i];
  return f;
}

template <class S> Mat<S> sa_softmax_jacobian(const Vec<S>& z) {
  const Vec<S> p = softmax(z, S(1));
  const std::size_t n = z.size();
  Mat<S> J(n, Vec<S>(n));
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j)
      J[i][j] = (i == j ? p[i] * (S(1) + z[i]) : S(0)) - z[i] * p[i] * p[j];
  return J;
}

namespace detail {
// [a, b] = [min(z_min, 0), max(0, z_max)] enclosed, with the range b - a checked non-zero.
template <class S> std::pair<S, S> sa_softmax_range(const Vec<S>& z) {
  const S a = smin(min_element_value(z), S(0));
  const S b = smax(S(0), max_element_value(z));
  bool zero_range;
  if constexpr (is_interval_v<S>) zero_range = upper_end(b - a) <= 0;
  else zero_range = !(a < b);
  if (zero_range)
    throw std::domain_error("sa_softmax_normalised: every logit is 0, so max(0, z_max) - min(z_min, 0) = 0");
  return {a, b};
}
}  // namespace detail

template <class S> Vec<S> sa_softmax_normalised(const Vec<S>& z) {
  if (z.empty()) throw std::invalid_argument("sa_softmax_normalised of an empty vector");
  const auto [a, b] = detail::sa_softmax_range(z);
  const S range = b - a;
  Vec<S> f = softmax(z, S(1));
  for (std::size_t i = 0; i < z.size(); ++i) f[i] *= (z[i] - a) / range;
  return f;
}

template <class S> Mat<S> sa_softmax_normalised_jacobian(const Vec<S>& z, bool* choice_certified) {
  if (z.empty()) throw std::invalid_argument("sa_softmax_normalised_jacobian of an empty vector");
  const std::size_t n = z.size();
  const auto [a, b] = detail::sa_softmax_range(z);
  const S range = b - a;
  std::size_t m = 0, M = 0;
  for (std::size_t i = 1; i < n; ++i) {
    if (steer_less(z[i], z[m])) m = i;
    if (steer_less(z[M], z[i])) M = i;
  }
  const bool a_moves = steer_less(z[m], S(0));  // piece a = z_m (else a = 0)
  const bool b_moves = steer_less(S(0), z[M]);  // piece b = z_M (else b = 0)
  bool certified = true;
  if constexpr (is_interval_v<S>) {
    // Strictly inside the chosen piece: a unique attainer, strictly on its side of 0.
    if (a_moves) certified = certified && upper_end(z[m]) < 0;
    if (b_moves) certified = certified && lower_end(z[M]) > 0;
    for (std::size_t j = 0; j < n; ++j) {
      if (a_moves) certified = certified && (j == m || lower_end(z[j] - z[m]) > 0);
      else certified = certified && lower_end(z[j]) > 0;  // a = 0 stays 0 only if every z_j > 0
      if (b_moves) certified = certified && (j == M || upper_end(z[j] - z[M]) < 0);
      else certified = certified && upper_end(z[j]) < 0;
    }
  }
  if (choice_certified) *choice_certified = certified;

  const Vec<S> p = softmax(z, S(1));
  Mat<S> J(n, Vec<S>(n));
  for (std::size_t i = 0; i < n; ++i) {
    const S w = (z[i] - a) / range;
    for (std::size_t j = 0; j < n; ++j) {
      const S da = (a_moves && j == m) ? S(1) : S(0);
      const S db = (b_moves && j == M) ? S(1) : S(0);
      const S delta = i == j ? S(1) : S(0);
      J[i][j] = p[i] * (delta - da - w * (db - da)) / range + w * p[i] * (delta - p[j]);
    }
  }
  return J;
}

// Instantiated for float, double, Real and Interval in theory/normalisers.cpp only.
#define ATTNBOUND_SA_SOFTMAX_TEMPLATES(EXTERN, S)                      \
  EXTERN template Vec<S> sa_softmax<S>(const Vec<S>&);                \
  EXTERN template Mat<S> sa_softmax_jacobian<S>(const Vec<S>&);       \
  EXTERN template Vec<S> sa_softmax_normalised<S>(const Vec<S>&);     \
  EXTERN template Mat<S> sa_softmax_normalised_jacobian<S>(const Vec<S>&, bool*);
ATTNBOUND_SA_SOFTMAX_TEMPLATES(extern, float)
ATTNBOUND_SA_SOFTMAX_TEMPLATES(extern, double)
ATTNBOUND_SA_SOFTMAX_TEMPLATES(extern, Real)
ATTNBOUND_SA_SOFTMAX_TEMPLATES(extern, Interval)

}  // namespace attnbound
