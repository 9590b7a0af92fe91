// Sparsemax (Martins & Astudillo 2016; spec section 5 [E]): the Euclidean projection of z onto the simplex,
//   sparsemax(z) = argmin_{p in simplex} ||p - z||^2,   p_i = max(z_i - tau, 0),   sum_i p_i = 1,
// and its Jacobian on the support K = {i : p_i > 0}:
//   d p_i / d z_j = s_i delta_ij - s_i s_j / |K|,   s the indicator of K   (symmetric, idempotent).
//
// Contract: z non-empty and finite (std::invalid_argument when empty). Sort-based algorithm, O(L log L):
// order z decreasingly, k* = max{k : 1 + k z_(k) > sum_{j<=k} z_(j)}, tau = (sum_{j<=k*} z_(j) - 1)/k*.
// The work is done on y = z - c with c a point copy of the largest z (sparsemax commutes with shifts, tau
// moves with c), so 1 + k y_(k) is never absorbed by a huge |z|.
// Error: float/double/Real round each operation to nearest; an index whose z_i lies within rounding of tau
// may land on the wrong side (uncertified). Interval: the order and the support are chosen from midpoints
// (steer_less, then the point algorithm on the midpoints in Real); tau and p are then enclosed for that
// support. The support is certified (choice_certified) when the enclosures give z_i - tau > 0 on K and
// z_i - tau <= 0 off K: then (p, tau) satisfies the KKT conditions of the projection for the exact z, which
// determine it uniquely. Otherwise the enclosures are valid only for the support that was chosen.
// Ties: tied z's are ordered lower index first; in exact arithmetic they are in or out of K together, so the
// order does not change the result. Where z_i = tau for some i off K (p_i = 0 on the edge of the support)
// sparsemax is not differentiable; the Jacobian returned is the one of the piece K = {i : z_i > tau}, the
// limit of the Jacobians at nearby points where such an i stays outside the support (a B-subdifferential
// element).
#pragma once

#include "theory/arith.hpp"

#include <vector>

namespace attnbound {

// Result of a projection onto the simplex of the alpha-entmax family, p_i = g_i^{1/(alpha-1)} with
// g_i = [(alpha-1) z_i - tau]_+ (sparsemax: alpha = 2, p = g; entmax-1.5: g_i = sqrt(p_i)).
template <class S> struct SimplexProjection {
  Vec<S> p;                   // the weights
  Vec<S> g;                   // [(alpha-1) z_i - tau]_+ (0 off the support)
  S tau;                      // the threshold, in the coordinates of (alpha-1) z
  std::vector<bool> support;  // K
  std::size_t support_size = 0;
  // Interval: true when the support is proven to be the exact one (see the contract above). Point types
  // claim no enclosure and report true.
  bool choice_certified = true;
};

// Indices of z in decreasing order by steer_less (midpoints for intervals), lower index first among ties.
template <class S> std::vector<std::size_t> descending_steer_order(const Vec<S>& z);
// A point copy of v: v itself for point types, the midpoint as a degenerate interval for Interval.
template <class S> S steer_point(const S& v);

template <class S> SimplexProjection<S> sparsemax_projection(const Vec<S>& z);
template <class S> Vec<S> sparsemax(const Vec<S>& z, bool* choice_certified = nullptr);
template <class S> Mat<S> sparsemax_jacobian(const Vec<S>& z, bool* choice_certified = nullptr);
// Jacobian from the support of a projection (entries 1 - 1/|K|, -1/|K| and 0).
template <class S> Mat<S> sparsemax_jacobian_from_support(const std::vector<bool>& support);

// ---------------------------------------------------------------------------------------------------------

template <class S> std::vector<std::size_t> descending_steer_order(const Vec<S>& z) {
  std::vector<std::size_t> order(z.size());
  for (std::size_t i = 0; i < z.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return steer_less(z[b], z[a]); });
  return order;
}

template <class S> S steer_point(const S& v) {
  if constexpr (is_interval_v<S>) return S(boost::multiprecision::median(v));
  else return v;
}

namespace detail {
// k* = max{k : 1 + k y_(k) > sum_{j<=k} y_(j)} for y sorted decreasingly (point types); at least 1.
template <class S> std::size_t sparsemax_support_size(const Vec<S>& sorted) {
  if constexpr (is_interval_v<S>) {
    Vec<Real> mid;
    for (const auto& v : sorted) mid.push_back(convert<Real>(v));
    return sparsemax_support_size(mid);
  } else {
    S cumsum(0);
    std::size_t k = 1;
    for (std::size_t i = 0; i < sorted.size(); ++i) {
      cumsum += sorted[i];
      if (cumsum < S(1) + S(static_cast<long long>(i + 1)) * sorted[i]) k = i + 1;
    }
    return k;
  }
}
}  // namespace detail

template <class S> SimplexProjection<S> sparsemax_projection(const Vec<S>& z) {
  if (z.empty()) throw std::invalid_argument("sparsemax of an empty vector");
  const std::size_t n = z.size();
  const std::vector<std::size_t> order = descending_steer_order(z);
  const S c = steer_point(z[order[0]]);
  Vec<S> y_sorted(n);
  for (std::size_t r = 0; r < n; ++r) y_sorted[r] = z[order[r]] - c;
  const std::size_t k = detail::sparsemax_support_size(y_sorted);

  SimplexProjection<S> out;
  out.support.assign(n, false);
  out.support_size = k;
  S top(0);
  for (std::size_t r = 0; r < k; ++r) {
    top += y_sorted[r];
    out.support[order[r]] = true;
  }
  const S tau_y = (top - S(1)) / S(static_cast<long long>(k));
  out.tau = c + tau_y;
  out.p.assign(n, S(0));
  for (std::size_t i = 0; i < n; ++i) {
    const S gap = (z[i] - c) - tau_y;
    if (out.support[i]) out.p[i] = gap;
    if constexpr (is_interval_v<S>) {
      // KKT certificate: strictly above the threshold on K, at or below it off K.
      const bool ok = out.support[i] ? lower_end(gap) > 0 : upper_end(gap) <= 0;
      out.choice_certified = out.choice_certified && ok;
    }
  }
  out.g = out.p;
  return out;
}

template <class S> Vec<S> sparsemax(const Vec<S>& z, bool* choice_certified) {
  SimplexProjection<S> proj = sparsemax_projection(z);
  if (choice_certified) *choice_certified = proj.choice_certified;
  return std::move(proj.p);
}

template <class S> Mat<S> sparsemax_jacobian_from_support(const std::vector<bool>& support) {
  const std::size_t n = support.size();
  std::size_t k = 0;
  for (bool s : support) k += s ? 1 : 0;
  if (k == 0) throw std::invalid_argument("sparsemax_jacobian: empty support");
  const S inv_k = S(1) / S(static_cast<long long>(k));
  Mat<S> J(n, Vec<S>(n, S(0)));
  for (std::size_t i = 0; i < n; ++i) {
    if (!support[i]) continue;
    for (std::size_t j = 0; j < n; ++j)
      if (support[j]) J[i][j] = (i == j ? S(1) : S(0)) - inv_k;
  }
  return J;
}

template <class S> Mat<S> sparsemax_jacobian(const Vec<S>& z, bool* choice_certified) {
  const SimplexProjection<S> proj = sparsemax_projection(z);
  if (choice_certified) *choice_certified = proj.choice_certified;
  return sparsemax_jacobian_from_support<S>(proj.support);
}

// Instantiated for float, double, Real and Interval in theory/normalisers.cpp only.
#define ATTNBOUND_SPARSEMAX_TEMPLATES(EXTERN, S)                                              \
  EXTERN template std::vector<std::size_t> descending_steer_order<S>(const Vec<S>&);          \
  EXTERN template S steer_point<S>(const S&);                                                  \
  EXTERN template SimplexProjection<S> sparsemax_projection<S>(const Vec<S>&);                 \
  EXTERN template Vec<S> sparsemax<S>(const Vec<S>&, bool*);                                   \
  EXTERN template Mat<S> sparsemax_jacobian<S>(const Vec<S>&, bool*);                          \
  EXTERN template Mat<S> sparsemax_jacobian_from_support<S>(const std::vector<bool>&);
ATTNBOUND_SPARSEMAX_TEMPLATES(extern, float)
ATTNBOUND_SPARSEMAX_TEMPLATES(extern, double)
ATTNBOUND_SPARSEMAX_TEMPLATES(extern, Real)
ATTNBOUND_SPARSEMAX_TEMPLATES(extern, Interval)

}  // namespace attnbound
