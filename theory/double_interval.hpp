// Double-precision interval arithmetic with outward rounding, for the hot loops that MPFI is too slow for
// (Theorem 2's interval integration over the angles at d = 2, theory/thm2_angle_integration.hpp).
//
// Domain: finite or infinite doubles, lo <= hi (never NaN: the callers' inputs are finite and bounded).
// Guarantee: every operation returns an interval that contains the exact real result for every choice of the
// operands in their intervals. Each arithmetic result f = fl(x op y) is computed in the default
// round-to-nearest mode and, when it is inexact on that side (error-free transformations below), moved one
// ulp outward:
//   |f - (x op y)| <= ulp/2 and the neighbours of f are a full spacing away, so
//   next_down(f) <= x op y <= next_up(f)                                                    (R)
// (at a binade edge the spacing below f is half the spacing above it, but the rounding error is still at
// most half of the spacing on its side; an exact result is trivially inside; a result rounded to +-inf
// stays inf on its side and next_down(+inf) = DBL_MAX is below any exact value that rounded to +inf.)
// Endpoints that come from MPFR / MPFI are converted with directed rounding (MPFR_RNDD / MPFR_RNDU).
// Reference: IEEE 754-2008 section 4.3.1 (round to nearest), section 5.3.1 (nextDown / nextUp).
#pragma once

#include "theory/scalar.hpp"

#include <mpfr.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

namespace attnbound {

// The neighbours of x in the doubles (IEEE 754 nextUp / nextDown), by the ordering of the bit patterns:
// for x > 0 the next larger double has the next larger pattern, for x < 0 the next smaller pattern.
inline double next_up(double x) {
  if (std::isnan(x) || x == std::numeric_limits<double>::infinity()) return x;
  if (x == 0) return std::numeric_limits<double>::denorm_min();
  const auto bits = std::bit_cast<std::uint64_t>(x);
  return std::bit_cast<double>(x > 0 ? bits + 1 : bits - 1);
}
inline double next_down(double x) { return -next_up(-x); }

struct DoubleInterval {
  double lo = 0, hi = 0;

  static DoubleInterval point(double v) { return {v, v}; }  // v exact: [v, v]
};

// Directed sums and products: the round-to-nearest result f, moved one ulp outward by (R) only when it is
// inexact on that side. The rounding error is computed exactly (error-free transformations):
//   sum:     TwoSum (Knuth): f = fl(x + y), e = (x - (f - b')) + (y - b'), b' = f - x, gives x + y = f + e exactly
//            for finite x, y when f is finite (no overflow; subnormal sums are exact);
//   product: e = fma(x, y, -f) = x y - f exactly when |f| >= 2^-900 (the error of a product is representable
//            unless it underflows, Boldo-Muller 2011); fma is correctly rounded (C23 7.12.13.1).
// Then x op y = f + e: e >= 0 means f is a lower end, e <= 0 an upper end; otherwise (R) moves f one ulp.
// These need -ffp-contract=off semantics only for the sum (no product to contract) and std::fma for the product.
namespace detail_double_interval {
inline double sum_error(double x, double y, double f) {
  const double b = f - x;
  return (x - (f - b)) + (y - b);
}
inline bool product_error_exact(double f) { return std::isfinite(f) && std::fabs(f) >= 0x1p-900; }
}  // namespace detail_double_interval

inline double add_down(double x, double y) {
  const double f = x + y;
  if (!std::isfinite(f)) return next_down(f);
  return detail_double_interval::sum_error(x, y, f) >= 0 ? f : next_down(f);
}
inline double add_up(double x, double y) {
  const double f = x + y;
  if (!std::isfinite(f)) return next_up(f);
  return detail_double_interval::sum_error(x, y, f) <= 0 ? f : next_up(f);
}
inline double mul_down(double x, double y) {
  const double f = x * y;
  if (x == 0 || y == 0) return 0;  // exact (finite operands)
  if (!detail_double_interval::product_error_exact(f)) return next_down(f);
  return std::fma(x, y, -f) >= 0 ? f : next_down(f);
}
inline double mul_up(double x, double y) {
  const double f = x * y;
  if (x == 0 || y == 0) return 0;
  if (!detail_double_interval::product_error_exact(f)) return next_up(f);
  return std::fma(x, y, -f) <= 0 ? f : next_up(f);
}

inline DoubleInterval operator+(DoubleInterval a, DoubleInterval b) { return {add_down(a.lo, b.lo), add_up(a.hi, b.hi)}; }
inline DoubleInterval operator-(DoubleInterval a, DoubleInterval b) { return {add_down(a.lo, -b.hi), add_up(a.hi, -b.lo)}; }
inline DoubleInterval operator-(DoubleInterval a) { return {-a.hi, -a.lo}; }  // negation is exact

// Directed quotient and square root, by the exact remainder of the round-to-nearest result f:
//   quotient: r = fma(-f, y, x) = x - f y exactly when 2^-400 <= |f|, |y| <= 2^400: x, f y and r are multiples
//             of u = ulp(f) ulp(y) >= 2^-904 and |r| <= ulp(f) |y| / 2 < 2^53 u, so r is a normal double; and
//             x/y - f = r/y, so for y > 0, r >= 0 means f <= x/y;
//   sqrt:     r = fma(-f, f, x) = x - f^2 exactly when 2^-400 <= f <= 2^400 (the same argument with y = f),
//             r >= 0 means f <= sqrt(x).
// Outside those ranges f is moved one ulp outward unconditionally, which (R) makes valid.
// Contract: y > 0 finite for the quotients, x >= 0 for the roots.
namespace detail_double_interval {
inline bool remainder_exact(double v) { return std::isfinite(v) && std::fabs(v) >= 0x1p-400 && std::fabs(v) <= 0x1p400; }
}  // namespace detail_double_interval
inline double div_down(double x, double y) {
  const double f = x / y;
  if (x == 0) return 0;
  if (!detail_double_interval::remainder_exact(f) || !detail_double_interval::remainder_exact(y)) return next_down(f);
  return std::fma(-f, y, x) >= 0 ? f : next_down(f);
}
inline double div_up(double x, double y) {
  const double f = x / y;
  if (x == 0) return 0;
  if (!detail_double_interval::remainder_exact(f) || !detail_double_interval::remainder_exact(y)) return next_up(f);
  return std::fma(-f, y, x) <= 0 ? f : next_up(f);
}
inline double sqrt_down(double x) {
  const double f = std::sqrt(x);
  if (x == 0) return 0;
  if (!detail_double_interval::remainder_exact(f)) return next_down(f);
  return std::fma(-f, f, x) >= 0 ? f : next_down(f);
}
inline double sqrt_up(double x) {
  const double f = std::sqrt(x);
  if (x == 0) return 0;
  if (!detail_double_interval::remainder_exact(f)) return next_up(f);
  return std::fma(-f, f, x) <= 0 ? f : next_up(f);
}

// e^x, directed. glibc's exp (Debian 12: glibc 2.36, the implementation of Szabolcs Nagy, 2018) has a
// documented maximum error below 1 ulp on x86_64 and aarch64 (glibc manual, "Errors in Math Functions";
// libm-test-ulps lists exp: 1 at most), so
//   |fl_exp(x) - e^x| < 1 ulp  =>  next_down(next_down(fl_exp(x))) <= e^x <= next_up(next_up(fl_exp(x)))
// (two steps outward cover one ulp of error on either side, binade edges included, as in (R)).
// Domain: |x| <= 700 (no overflow, and e^x stays a normal double, so an ulp is the spacing of normals).
// A lower end is clamped at 0 (e^x > 0).
inline double exp_down(double x) { return std::max(0.0, next_down(next_down(std::exp(x)))); }
inline double exp_up(double x) { return next_up(next_up(std::exp(x))); }

// x * y over the box: the extremes are among the four end products (bilinear), each directed.
// 0 * inf does not occur for the finite operands the callers pass.
inline DoubleInterval operator*(DoubleInterval a, DoubleInterval b) {
  if (b.lo >= 0 && a.lo < 0) std::swap(a, b);
  if (a.lo >= 0) {  // a >= 0: x y is increasing in y, and in x where y >= 0 (decreasing where y < 0)
    return {b.lo >= 0 ? mul_down(a.lo, b.lo) : mul_down(a.hi, b.lo), b.hi >= 0 ? mul_up(a.hi, b.hi) : mul_up(a.lo, b.hi)};
  }
  const double lo = std::min(std::min(mul_down(a.lo, b.lo), mul_down(a.lo, b.hi)), std::min(mul_down(a.hi, b.lo), mul_down(a.hi, b.hi)));
  const double hi = std::max(std::max(mul_up(a.lo, b.lo), mul_up(a.lo, b.hi)), std::max(mul_up(a.hi, b.lo), mul_up(a.hi, b.hi)));
  return {lo, hi};
}

// x^2 over [lo, hi]: 0 when the interval holds 0, else the squares of the ends (monotone on each sign).
inline DoubleInterval sqr(DoubleInterval a) {
  const double l = std::fabs(a.lo), h = std::fabs(a.hi);
  const double small = (a.lo <= 0 && a.hi >= 0) ? 0.0 : std::min(l, h), big = std::max(l, h);
  return {mul_down(small, small), mul_up(big, big)};
}

// x / y over the box for y > 0 (the callers' denominators are sums of exponentials): monotone in each
// operand, so the extremes are end quotients, each directed.
inline DoubleInterval divide_positive(DoubleInterval a, DoubleInterval b) {
  return {a.lo >= 0 ? div_down(a.lo, b.hi) : div_down(a.lo, b.lo), a.hi >= 0 ? div_up(a.hi, b.lo) : div_up(a.hi, b.hi)};
}

// max |x| over [lo, hi].
inline double magnitude(DoubleInterval a) { return std::max(std::fabs(a.lo), std::fabs(a.hi)); }

inline DoubleInterval hull(DoubleInterval a, DoubleInterval b) { return {std::min(a.lo, b.lo), std::max(a.hi, b.hi)}; }

// [lo, hi] as doubles: the MPFR value rounded down / up (an enclosure of it).
inline double round_down(const Real& v) { return mpfr_get_d(v.backend().data(), MPFR_RNDD); }
inline double round_up(const Real& v) { return mpfr_get_d(v.backend().data(), MPFR_RNDU); }

// An enclosure of S: Interval -> its ends rounded outward; Real -> the value rounded outward (an enclosure of
// the point); double -> the point itself.
template <class S> DoubleInterval to_double_interval(const S& v) {
  if constexpr (std::is_floating_point_v<S>) return DoubleInterval::point(static_cast<double>(v));
  else return {round_down(lower_of(v)), round_up(upper_of(v))};
}

// Tri-state comparison of enclosures (Kleene logic for decisions that an interval may not settle).
enum class Tri { no, yes, unknown };

inline Tri tri_and(Tri a, Tri b) {
  if (a == Tri::no || b == Tri::no) return Tri::no;
  if (a == Tri::yes && b == Tri::yes) return Tri::yes;
  return Tri::unknown;
}
inline Tri tri_or(Tri a, Tri b) {
  if (a == Tri::yes || b == Tri::yes) return Tri::yes;
  if (a == Tri::no && b == Tri::no) return Tri::no;
  return Tri::unknown;
}

// x <= y for every x in a, y in b: yes when a.hi <= b.lo (x <= a.hi <= b.lo <= y); no when a.lo > b.hi
// (x >= a.lo > b.hi >= y); otherwise unknown.
inline Tri certainly_le(DoubleInterval a, DoubleInterval b) {
  if (a.hi <= b.lo) return Tri::yes;
  if (a.lo > b.hi) return Tri::no;
  return Tri::unknown;
}

}  // namespace attnbound
