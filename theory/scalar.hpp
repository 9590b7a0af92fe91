// Scalar types of attnbound and the operations generic code needs beyond + - * /.
//
// theory/ is generic over four scalars:
//   float, double          fast, uncertified (kernels, search)
//   Real                   MPFR point arithmetic at run-time precision, round-to-nearest per operation
//   Interval               MPFI interval arithmetic: every result encloses the exact value
// Expression templates are off (et_off) so `auto` in generic code always holds a value.
// Boost counts precision in decimal digits; PrecisionScope takes bits and reports the bits MPFR really uses.
#pragma once

#include <boost/multiprecision/mpfi.hpp>
#include <boost/multiprecision/mpfr.hpp>

#include <cmath>
#include <string>
#include <type_traits>
#include <vector>

namespace attnbound {

using Real = boost::multiprecision::number<boost::multiprecision::mpfr_float_backend<0>,
                                           boost::multiprecision::et_off>;
using Interval = boost::multiprecision::number<boost::multiprecision::mpfi_float_backend<0>,
                                               boost::multiprecision::et_off>;

inline constexpr unsigned kDefaultPrecisionBits = 256;

template <class S> using Vec = std::vector<S>;
// Dense row-major matrix as rows; generic over the scalar, no Eigen so intervals work too.
template <class S> using Mat = std::vector<std::vector<S>>;

template <class S> inline constexpr bool is_interval_v = std::is_same_v<S, Interval>;
template <class S> inline constexpr bool is_multiprecision_v = std::is_same_v<S, Real> || std::is_same_v<S, Interval>;

// Sets the working precision of Real and Interval for the lifetime of the scope (per thread).
class PrecisionScope {
 public:
  explicit PrecisionScope(unsigned bits);
  ~PrecisionScope();
  PrecisionScope(const PrecisionScope&) = delete;
  PrecisionScope& operator=(const PrecisionScope&) = delete;
  // Bits MPFR actually carries for new Real/Interval values (>= the bits asked for).
  static unsigned current_bits();

 private:
  unsigned saved_real_digits_;
  unsigned saved_interval_digits_;
};

// Exact decimal text -> scalar. Real: correctly rounded; Interval: an enclosure of the exact value;
// double/float: correctly rounded by strtod/strtof. The text must already be validated (see instance.hpp).
template <class S> S from_decimal(const std::string& text);

template <class S> S from_int(long long v) { return S(v); }

// Decimal text that round-trips at the value's precision ("17 significant digits" for double).
std::string to_decimal(double v);
std::string to_decimal(float v);
std::string to_decimal(const Real& v);
// Directed output: the printed lower end is <= the true lower end, the printed upper end >= the upper end.
std::string to_decimal_down(const Real& v);
std::string to_decimal_up(const Real& v);

// Lower/upper ends of an enclosure; for point types both are the value itself.
Real lower_end(const Interval& v);
Real upper_end(const Interval& v);
template <class S> Real lower_of(const S& v) {
  if constexpr (is_interval_v<S>) return lower_end(v); else return Real(v);
}
template <class S> Real upper_of(const S& v) {
  if constexpr (is_interval_v<S>) return upper_end(v); else return Real(v);
}
// A representative point: the value for point types, the midpoint for intervals. Used only for
// choices that do not affect correctness (the shift in log-sum-exp, the order of a sort, pivots).
template <class S> double approx(const S& v) {
  if constexpr (std::is_floating_point_v<S>) return static_cast<double>(v);
  else if constexpr (is_interval_v<S>) return static_cast<double>(boost::multiprecision::median(v));
  else return static_cast<double>(v);
}
// Interval hull / point conversion helpers.
Interval hull(const Real& lo, const Real& hi);
unsigned precision_bits_of(const Real& v);
unsigned precision_bits_of(const Interval& v);

}  // namespace attnbound
