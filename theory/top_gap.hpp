// The top gap of a vector and its largest absolute value, as enclosures (helpers of the alt.* statements).
//
// Contract: top_gap(z) = z_(1) - z_(2) >= 0, the difference of the two largest entries (ties count twice:
// (1, 1, 0) has gap 0), for L >= 2 (std::invalid_argument otherwise); max_abs(z) = max_i |z_i| (L >= 1).
// No discrete choice is made: z_(2) = max_i min(z_i, max_{j != i} z_j) (for the index of a largest entry
// the inner min is z_(2), for every other index it is z_i <= z_(2)), and the max/min of smax/smin enclose
// the exact max/min for intervals (theory/arith.hpp), so the results enclose the exact values for Interval
// and are exact up to the rounding of one subtraction for point types. |x| is smax(x, -x), an enclosure.
// Reference: none (elementary); used by theory/alt_*.hpp.
#pragma once

#include "theory/arith.hpp"

#include <stdexcept>

namespace attnbound {

template <class S> S top_gap(const Vec<S>& z) {
  const std::size_t L = z.size();
  if (L < 2) throw std::invalid_argument("top_gap needs at least two entries");
  Vec<S> prefix(z), suffix(z);  // prefix[i] = max_{j <= i} z_j, suffix[i] = max_{j >= i} z_j
  for (std::size_t i = 1; i < L; ++i) prefix[i] = smax(prefix[i - 1], z[i]);
  for (std::size_t i = L - 1; i-- > 0;) suffix[i] = smax(suffix[i + 1], z[i]);
  S second = smin(z[0], suffix[1]);
  for (std::size_t i = 1; i < L; ++i) {
    const S others = i + 1 < L ? smax(prefix[i - 1], suffix[i + 1]) : prefix[i - 1];
    second = smax(second, smin(z[i], others));
  }
  return prefix[L - 1] - second;
}

template <class S> S max_abs(const Vec<S>& z) {
  if (z.empty()) throw std::invalid_argument("max_abs of an empty vector");
  Vec<S> a;
  for (const auto& x : z) a.push_back(smax(x, S(-x)));
  return max_element_value(a);
}

}  // namespace attnbound
