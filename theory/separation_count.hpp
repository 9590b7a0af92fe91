// Algorithm 4's direct count of separated tokens (spec section 3, Algorithm 4; spec 1.5 for N_s):
//   s = sum_{j in I_N} alpha_j x_j,  r = min_{j notin I_N} ||s - alpha_j x_j||_2  (+inf when I_N is everything),
//   N_s = #{i in I_N : ||s - alpha_i x_i||_2 < r}.
// With this r every non-selected token lies outside the ball B_r(s) (the product of Eq. (10) is 1), so
// N_s/N is the fraction of the selected tokens the context separates from all the non-selected ones; it
// is the measured quantity that Theorem 2 bounds in expectation (paper Fig. 3, reports/reproduce_model.cpp).
//
// Contract: alpha, x finite, x has alpha.size() rows of one dimension, `in` marks I_N (at least one token).
// The comparisons are made on squared distances (t -> t^2 is increasing on t >= 0, so the order is the
// same). double/Real: the comparison of the computed values (rounding may flip a near-tie; measurements
// only). Interval: no choice is made. A comparison is decided from the enclosures, upper(d_i^2) < lower(r^2)
// (counted) or lower(d_i^2) >= upper(r^2) (not counted); otherwise it is `undecided`, and N_s is enclosed by
// [separated, separated + undecided] (separated_fraction), which holds whatever the undecided comparisons are.
#pragma once

#include "theory/arith.hpp"
#include "theory/top_n.hpp"

#include <optional>

namespace attnbound {

template <class S> struct SeparationCount {
  std::size_t separated = 0;     // N_s (Interval: the comparisons certainly true)
  std::size_t undecided = 0;     // Interval: comparisons the enclosures cannot decide (0 for point types)
  std::size_t selected = 0;      // N = |I_N|
  std::optional<S> radius_sq;    // r^2; none when every token is selected (r = +inf)
};

// ||s - alpha_i x_i||_2^2.
template <class S> S distance_to_context_sq(const Vec<S>& s, const S& alpha_i, const Vec<S>& x_i) {
  S acc(0), t(0);
  for (std::size_t k = 0; k < s.size(); ++k) {
    t = alpha_i * x_i[k] - s[k];
    acc += square(t);
  }
  return acc;
}

template <class S>
SeparationCount<S> separation_count(const Vec<S>& alpha, const Mat<S>& x, const std::vector<bool>& in) {
  const Vec<S> s = context_vector(alpha, x, in);
  SeparationCount<S> c;
  for (std::size_t j = 0; j < alpha.size(); ++j) {
    if (in[j]) {
      ++c.selected;
      continue;
    }
    const S d2 = distance_to_context_sq(s, alpha[j], x[j]);
    c.radius_sq = c.radius_sq ? smin(*c.radius_sq, d2) : d2;
  }
  for (std::size_t i = 0; i < alpha.size(); ++i) {
    if (!in[i]) continue;
    if (!c.radius_sq) {  // r = +inf: every selected token is inside
      ++c.separated;
      continue;
    }
    const S d2 = distance_to_context_sq(s, alpha[i], x[i]);
    if constexpr (is_interval_v<S>) {
      if (upper_end(d2) < lower_end(*c.radius_sq)) ++c.separated;
      else if (!(lower_end(d2) >= upper_end(*c.radius_sq))) ++c.undecided;
    } else if (d2 < *c.radius_sq) {
      ++c.separated;
    }
  }
  return c;
}

// N_s/N: the exact fraction of the count for point types; Interval: [separated, separated + undecided]/N.
template <class S> S separated_fraction(const SeparationCount<S>& c) {
  const S n = S(static_cast<long long>(c.selected));
  const S lo = S(static_cast<long long>(c.separated)) / n;
  if constexpr (is_interval_v<S>) {
    if (c.undecided == 0) return lo;
    const S hi = S(static_cast<long long>(c.separated + c.undecided)) / n;
    return hull(lower_end(lo), upper_end(hi));
  } else {
    return lo;
  }
}

}  // namespace attnbound
