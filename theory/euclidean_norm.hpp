// Euclidean norm whose Interval enclosure never has a negative (NaN after sqrt) lower end.
//
// Why: for an interval t = [-a, b] straddling 0, MPFI's t * t is [-ab, max(a, b)^2] (the two factors are
// treated as independent), and mpfi_sqrt of an interval with a negative lower end returns a NaN lower end.
// That happens whenever an exact zero vector is enclosed (e.g. alpha_i x_i - s = 0). mpfi_sqr knows both
// factors are the same number: its result is [0, max(a, b)^2] when t straddles 0.
// For float/double/Real these are the ordinary x*x and sqrt(sum).
#pragma once

#include "theory/arith.hpp"

namespace attnbound {

template <class S> S square(const S& x) {
  if constexpr (is_interval_v<S>) {
    S r;
    mpfi_sqr(r.backend().data(), x.backend().data());
    return r;
  } else {
    return x * x;
  }
}

// sqrt(sum_k v_k^2), each square enclosed by square().
template <class S> S euclidean_norm(const Vec<S>& v) {
  S acc(0);
  for (const auto& x : v) acc += square(x);
  return sqrt(acc);
}

// sum_k v_k^2 (>= 0 for Interval too).
template <class S> S squared_norm(const Vec<S>& v) {
  S acc(0);
  for (const auto& x : v) acc += square(x);
  return acc;
}

// ||a - b||_2 without a temporary vector.
template <class S> S euclidean_distance(const Vec<S>& a, const Vec<S>& b) {
  S acc(0);
  for (std::size_t k = 0; k < a.size(); ++k) acc += square(S(a[k] - b[k]));
  return sqrt(acc);
}

}  // namespace attnbound
