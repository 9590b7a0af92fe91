// Generic arithmetic helpers over float, double, Real and Interval.
// For Interval every helper returns an enclosure of the exact result; decisions that only steer an
// algorithm (which index to shift by, in what order to sort) use midpoints and never affect enclosure.
#pragma once

#include "theory/scalar.hpp"

#include <algorithm>
#include <cstddef>
#include <numeric>
#include <stdexcept>

namespace attnbound {

using std::abs;
using std::exp;
using std::log;
using std::sqrt;
using boost::multiprecision::abs;
using boost::multiprecision::exp;
using boost::multiprecision::log;
using boost::multiprecision::sqrt;

template <class S> S sq(const S& x) { return x * x; }

// max / min that enclose the true max / min for intervals: [max(lo), max(hi)].
template <class S> S smax(const S& a, const S& b) {
  if constexpr (is_interval_v<S>) {
    Real lo = std::max(lower_end(a), lower_end(b)), hi = std::max(upper_end(a), upper_end(b));
    return hull(lo, hi);
  } else {
    return a < b ? b : a;
  }
}
template <class S> S smin(const S& a, const S& b) {
  if constexpr (is_interval_v<S>) {
    Real lo = std::min(lower_end(a), lower_end(b)), hi = std::min(upper_end(a), upper_end(b));
    return hull(lo, hi);
  } else {
    return b < a ? b : a;
  }
}
template <class S> S max_element_value(const Vec<S>& v) {
  if (v.empty()) throw std::invalid_argument("max of an empty vector");
  S m = v[0];
  for (std::size_t i = 1; i < v.size(); ++i) m = smax(m, v[i]);
  return m;
}
template <class S> S min_element_value(const Vec<S>& v) {
  if (v.empty()) throw std::invalid_argument("min of an empty vector");
  S m = v[0];
  for (std::size_t i = 1; i < v.size(); ++i) m = smin(m, v[i]);
  return m;
}

// Strict order used to steer algorithms: exact for point types, by midpoint for intervals.
template <class S> bool steer_less(const S& a, const S& b) {
  if constexpr (is_interval_v<S>) return boost::multiprecision::median(a) < boost::multiprecision::median(b);
  else return a < b;
}
// Index of a largest element by steer_less (lowest index among ties).
template <class S> std::size_t steer_argmax(const Vec<S>& v) {
  std::size_t best = 0;
  for (std::size_t i = 1; i < v.size(); ++i)
    if (steer_less(v[best], v[i])) best = i;
  return best;
}

template <class S> S sum(const Vec<S>& v) {
  S s(0);
  for (const auto& x : v) s += x;
  return s;
}
template <class S> S dot(const Vec<S>& a, const Vec<S>& b) {
  if (a.size() != b.size()) throw std::invalid_argument("dot: size mismatch");
  S s(0);
  for (std::size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
  return s;
}
template <class S> S norm2(const Vec<S>& v) { return sqrt(dot(v, v)); }

template <class S> Vec<S> scaled(const Vec<S>& v, const S& c) {
  Vec<S> out(v);
  for (auto& x : out) x *= c;
  return out;
}
template <class S> Vec<S> difference(const Vec<S>& a, const Vec<S>& b) {
  if (a.size() != b.size()) throw std::invalid_argument("difference: size mismatch");
  Vec<S> out(a);
  for (std::size_t i = 0; i < a.size(); ++i) out[i] -= b[i];
  return out;
}
template <class S> void add_scaled(Vec<S>& acc, const S& c, const Vec<S>& v) {
  for (std::size_t i = 0; i < v.size(); ++i) acc[i] += c * v[i];
}

// Converts between scalar types through exact decimal-free routes (used to seed a point computation).
template <class To, class From> To convert(const From& x) {
  if constexpr (std::is_same_v<To, From>) return x;
  else if constexpr (is_interval_v<From>) return To(boost::multiprecision::median(x));
  else return To(x);
}

}  // namespace attnbound
