// entmax-1.5 (Peters, Niculae & Martins 2019, alpha = 3/2 of alpha-entmax; spec section 5 [E]):
//   p_i = [z_i/2 - tau]_+^2,   tau the unique threshold with sum_i p_i = 1,
// and its Jacobian, with g_i = sqrt(p_i) = [z_i/2 - tau]_+ (0 off the support K = {i : p_i > 0}):
//   d p_i / d z_j = g_i delta_ij - g_i g_j / sum_k g_k        (symmetric).
// (Differentiate sum_i g_i^2 = 1 with dg_i/dz_j = delta_ij/2 - dtau/dz_j on K: dtau/dz_j = g_j/(2 sum g).)
//
// Contract: z non-empty and finite (std::invalid_argument when empty). Exact sort-based algorithm
// (Peters et al. 2019, Alg. 2), O(L log L): with y = z/2 sorted decreasingly, for each k the candidate
//   tau_k = mean_k - sqrt(delta_k),  delta_k = (1 - M2_k)/k,  M2_k = sum_{j<=k} (y_(j) - mean_k)^2,
// is the smaller root of sum_{j<=k} (y_(j) - t)^2 = 1, and k* = max{k : delta_k >= 0, tau_k < y_(k)}:
// in exact arithmetic that condition holds exactly for k <= |K| (k <= |K|: the quadratic is <= 0 at the true
// tau < y_(k), so its smaller root is <= tau; k > |K|: tau_k < y_(k) <= tau would make the sum exceed 1).
// The scan uses Welford's update of mean_k and M2_k (no cancellation in M2 = k*ss - (sum)^2), on
// y = (z - c)/2 with c a point copy of the largest z (entmax commutes with shifts; halving is exact).
// Error: float/double/Real round each operation to nearest; an index with z_i/2 within rounding of tau may
// land on the wrong side (uncertified). Interval: order and support are chosen from midpoints (the scan
// runs on the midpoints in Real), then tau, g and p are enclosed for that support (two-pass mean and M2).
// The support is certified (choice_certified) when the enclosures give y_i - tau > 0 on K and
// y_i - tau <= 0 off K: then g = [y - tau]_+ with sum g^2 = 1 holds for the exact z, which determines tau
// uniquely (t -> sum_i [y_i - t]_+^2 is strictly decreasing while positive). If the enclosure of delta
// reaches below 0 it is clipped at 0: on a correct support the exact delta is > 0 (the g_i > 0 cannot all
// equal their mean deviation sum, which is 0), so clipping keeps the enclosure, and on a wrong support the
// certificate fails. Otherwise the enclosures are valid only for the support that was chosen.
// Ties: as for sparsemax, tied z's are in or out of K together; where z_i/2 = tau for some i off K the
// Jacobian is continuous there anyway (g_i = 0 gives a zero row and column on both sides), so entmax-1.5 is
// differentiable at such points; the returned K is {i : z_i/2 > tau}.
#pragma once

#include "theory/sparsemax.hpp"

namespace attnbound {

template <class S> SimplexProjection<S> entmax15_projection(const Vec<S>& z);
template <class S> Vec<S> entmax15(const Vec<S>& z, bool* choice_certified = nullptr);
template <class S> Mat<S> entmax15_jacobian(const Vec<S>& z, bool* choice_certified = nullptr);
// J = diag(g) - g g^T / sum(g) from g = sqrt(p) (0 off the support).
template <class S> Mat<S> entmax15_jacobian_from_roots(const Vec<S>& g);

// ---------------------------------------------------------------------------------------------------------

namespace detail {
// k* of the contract for y sorted decreasingly (point types); at least 1.
template <class S> std::size_t entmax15_support_size(const Vec<S>& sorted) {
  if constexpr (is_interval_v<S>) {
    Vec<Real> mid;
    for (const auto& v : sorted) mid.push_back(convert<Real>(v));
    return entmax15_support_size(mid);
  } else {
    S mean(0), m2(0);
    std::size_t k_star = 1;
    for (std::size_t i = 0; i < sorted.size(); ++i) {
      const S k = S(static_cast<long long>(i + 1));
      const S d = sorted[i] - mean;
      mean += d / k;
      m2 += d * (sorted[i] - mean);  // Welford: M2_k = M2_{k-1} + (y - mean_{k-1})(y - mean_k)
      const S delta = (S(1) - m2) / k;
      if (delta < S(0)) continue;
      if (mean - sqrt(delta) < sorted[i]) k_star = i + 1;
    }
    return k_star;
  }
}
}  // namespace detail

template <class S> SimplexProjection<S> entmax15_projection(const Vec<S>& z) {
  if (z.empty()) throw std::invalid_argument("entmax15 of an empty vector");
  const std::size_t n = z.size();
  const std::vector<std::size_t> order = descending_steer_order(z);
  const S c = steer_point(z[order[0]]);
  Vec<S> y(n), y_sorted(n);
  for (std::size_t i = 0; i < n; ++i) y[i] = (z[i] - c) / S(2);
  for (std::size_t r = 0; r < n; ++r) y_sorted[r] = y[order[r]];
  const std::size_t k = detail::entmax15_support_size(y_sorted);

  SimplexProjection<S> out;
  out.support.assign(n, false);
  out.support_size = k;
  const S kk = S(static_cast<long long>(k));
  S total(0);
  for (std::size_t r = 0; r < k; ++r) {
    total += y_sorted[r];
    out.support[order[r]] = true;
  }
  const S mean = total / kk;
  S m2(0);
  for (std::size_t r = 0; r < k; ++r) m2 += sq(y_sorted[r] - mean);
  S delta = (S(1) - m2) / kk;
  if constexpr (is_interval_v<S>) {
    if (!(upper_end(delta) > 0)) {
      out.choice_certified = false;
      delta = S(0);
    } else if (!(lower_end(delta) > 0)) {
      delta = hull(Real(0), upper_end(delta));
    }
  }
  const S tau_y = mean - sqrt(delta);
  out.tau = c / S(2) + tau_y;
  out.p.assign(n, S(0));
  out.g.assign(n, S(0));
  for (std::size_t i = 0; i < n; ++i) {
    const S gap = y[i] - tau_y;
    if (out.support[i]) {
      out.g[i] = gap;
      out.p[i] = sq(gap);
    }
    if constexpr (is_interval_v<S>) {
      const bool ok = out.support[i] ? lower_end(gap) > 0 : upper_end(gap) <= 0;
      out.choice_certified = out.choice_certified && ok;
    }
  }
  return out;
}

template <class S> Vec<S> entmax15(const Vec<S>& z, bool* choice_certified) {
  SimplexProjection<S> proj = entmax15_projection(z);
  if (choice_certified) *choice_certified = proj.choice_certified;
  return std::move(proj.p);
}

template <class S> Mat<S> entmax15_jacobian_from_roots(const Vec<S>& g) {
  const std::size_t n = g.size();
  const S total = sum(g);
  Mat<S> J(n, Vec<S>(n));
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j) J[i][j] = (i == j ? g[i] : S(0)) - g[i] * g[j] / total;
  return J;
}

template <class S> Mat<S> entmax15_jacobian(const Vec<S>& z, bool* choice_certified) {
  const SimplexProjection<S> proj = entmax15_projection(z);
  if (choice_certified) *choice_certified = proj.choice_certified;
  return entmax15_jacobian_from_roots(proj.g);
}

// Instantiated for float, double, Real and Interval in theory/normalisers.cpp only.
#define ATTNBOUND_ENTMAX15_TEMPLATES(EXTERN, S)                                 \
  EXTERN template SimplexProjection<S> entmax15_projection<S>(const Vec<S>&);  \
  EXTERN template Vec<S> entmax15<S>(const Vec<S>&, bool*);                    \
  EXTERN template Mat<S> entmax15_jacobian<S>(const Vec<S>&, bool*);           \
  EXTERN template Mat<S> entmax15_jacobian_from_roots<S>(const Vec<S>&);
ATTNBOUND_ENTMAX15_TEMPLATES(extern, float)
ATTNBOUND_ENTMAX15_TEMPLATES(extern, double)
ATTNBOUND_ENTMAX15_TEMPLATES(extern, Real)
ATTNBOUND_ENTMAX15_TEMPLATES(extern, Interval)

}  // namespace attnbound
