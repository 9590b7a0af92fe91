#include "theory/scalar.hpp"

#include <mpfi.h>
#include <mpfr.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <stdexcept>

namespace attnbound {
namespace {
// Boost stores precision in decimal digits and converts with digits10 -> bits = ceil(d * log2(10)).
unsigned digits_for_bits(unsigned bits) { return static_cast<unsigned>((bits * 30103ULL + 99999ULL) / 100000ULL); }

std::string mpfr_text(mpfr_srcptr x, mpfr_rnd_t rnd) {
  if (mpfr_nan_p(x)) return "nan";
  if (mpfr_inf_p(x)) return mpfr_sgn(x) > 0 ? "inf" : "-inf";
  if (mpfr_zero_p(x)) return mpfr_signbit(x) ? "-0" : "0";
  mpfr_exp_t exp10 = 0;
  // n = 0: enough digits that reading the string back at this precision gives the same number.
  char* raw = mpfr_get_str(nullptr, &exp10, 10, 0, x, rnd);
  if (!raw) throw std::runtime_error("mpfr_get_str failed");
  std::string digits(raw);
  mpfr_free_str(raw);
  bool negative = !digits.empty() && digits[0] == '-';
  if (negative) digits.erase(0, 1);
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  std::string out;
  if (negative) out.push_back('-');
  out.push_back(digits[0]);
  if (digits.size() > 1) {
    out.push_back('.');
    out.append(digits, 1, std::string::npos);
  }
  const long e = static_cast<long>(exp10) - 1;
  if (e != 0) {
    out.push_back('e');
    out.append(std::to_string(e));
  }
  return out;
}
}  // namespace

PrecisionScope::PrecisionScope(unsigned bits)
    : saved_real_digits_(Real::default_precision()), saved_interval_digits_(Interval::default_precision()) {
  if (bits < 2) throw std::invalid_argument("precision must be at least 2 bits");
  // The widest exponent range MPFR has (about 2^+-4.6e18 instead of the default 2^+-1.07e9), per thread:
  // softmax weights such as e^-2.5e9 then stay representable instead of underflowing to an enclosure
  // [0, 2^-1.07e9] that says nothing. Underflow is still sound (MPFI rounds outward through it), only rarer.
  mpfr_set_emin(mpfr_get_emin_min());
  mpfr_set_emax(mpfr_get_emax_max());
  Real::default_precision(digits_for_bits(bits));
  Interval::default_precision(digits_for_bits(bits));
}
PrecisionScope::~PrecisionScope() {
  Real::default_precision(saved_real_digits_);
  Interval::default_precision(saved_interval_digits_);
}
unsigned PrecisionScope::current_bits() { return precision_bits_of(Real(0)); }

template <> double from_decimal<double>(const std::string& text) { return std::strtod(text.c_str(), nullptr); }
template <> float from_decimal<float>(const std::string& text) { return std::strtof(text.c_str(), nullptr); }
template <> Real from_decimal<Real>(const std::string& text) {
  Real r;
  mpfr_set_str(r.backend().data(), text.c_str(), 10, MPFR_RNDN);
  return r;
}
template <> Interval from_decimal<Interval>(const std::string& text) {
  Interval r;
  // mpfi_set_str encloses the exact decimal value (lower end rounded down, upper end rounded up).
  if (mpfi_set_str(r.backend().data(), text.c_str(), 10) != 0)
    throw std::invalid_argument("not a decimal number: " + text);
  return r;
}

std::string to_decimal(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}
std::string to_decimal(float v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.9g", static_cast<double>(v));
  return buf;
}
std::string to_decimal(const Real& v) { return mpfr_text(v.backend().data(), MPFR_RNDN); }
std::string to_decimal_down(const Real& v) { return mpfr_text(v.backend().data(), MPFR_RNDD); }
std::string to_decimal_up(const Real& v) { return mpfr_text(v.backend().data(), MPFR_RNDU); }

Real lower_end(const Interval& v) {
  Real r;
  mpfr_set_prec(r.backend().data(), mpfi_get_prec(v.backend().data()));
  mpfi_get_left(r.backend().data(), v.backend().data());
  return r;
}
Real upper_end(const Interval& v) {
  Real r;
  mpfr_set_prec(r.backend().data(), mpfi_get_prec(v.backend().data()));
  mpfi_get_right(r.backend().data(), v.backend().data());
  return r;
}
Interval hull(const Real& lo, const Real& hi) {
  Interval r;
  mpfi_interv_fr(r.backend().data(), lo.backend().data(), hi.backend().data());
  return r;
}
unsigned precision_bits_of(const Real& v) { return static_cast<unsigned>(mpfr_get_prec(v.backend().data())); }
unsigned precision_bits_of(const Interval& v) { return static_cast<unsigned>(mpfi_get_prec(v.backend().data())); }

}  // namespace attnbound
