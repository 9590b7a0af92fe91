// Exact rationals from decimal text (GMP mpq_t), for hypothesis checks that must not depend on rounding:
// "the weights sum to exactly 1", "every selected weight >= every non-selected one", "|l_i| <= a".
//
// Contract: the text is a validated decimal (instance.hpp); the value is represented exactly as
// (integer digits)(fraction digits) * 10^(exponent - #fraction digits). Decimal exponents beyond
// +-kMaxExactExponent are refused with an InputError naming the field (10^e would need e*3.3 bits).
#pragma once

#include "theory/errors.hpp"

#include <gmp.h>

#include <string>
#include <utility>
#include <vector>

namespace attnbound {

class Rational {
 public:
  static constexpr long kMaxExactExponent = 100000;

  Rational() { mpq_init(q_); }
  explicit Rational(long v) {
    mpq_init(q_);
    mpq_set_si(q_, v, 1);
  }
  Rational(const Rational& o) {
    mpq_init(q_);
    mpq_set(q_, o.q_);
  }
  Rational& operator=(const Rational& o) {
    if (this != &o) mpq_set(q_, o.q_);
    return *this;
  }
  ~Rational() { mpq_clear(q_); }

  // Exact value of a validated decimal; `field` names the input in errors.
  static Rational from_decimal(const std::string& text, const std::string& field) {
    std::size_t i = 0;
    bool negative = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
    std::string digits;
    long frac_digits = 0;
    bool in_frac = false;
    for (; i < text.size() && text[i] != 'e' && text[i] != 'E'; ++i) {
      if (text[i] == '.') {
        in_frac = true;
        continue;
      }
      digits.push_back(text[i]);
      if (in_frac) ++frac_digits;
    }
    long exponent = 0;
    if (i < text.size()) exponent = std::stol(text.substr(i + 1));  // is_decimal allows at most 9 digits
    exponent -= frac_digits;
    if (exponent > kMaxExactExponent || exponent < -kMaxExactExponent)
      throw InputError(field, "\"" + text + "\": decimal exponent too large for exact arithmetic");
    if (digits.empty()) digits.push_back('0');
    Rational r;
    mpz_set_str(mpq_numref(r.q_), digits.c_str(), 10);
    mpz_t pow10;
    mpz_init(pow10);
    mpz_ui_pow_ui(pow10, 10, static_cast<unsigned long>(exponent < 0 ? -exponent : exponent));
    if (exponent >= 0) mpz_mul(mpq_numref(r.q_), mpq_numref(r.q_), pow10);
    else mpz_set(mpq_denref(r.q_), pow10);
    mpz_clear(pow10);
    mpq_canonicalize(r.q_);
    if (negative) mpq_neg(r.q_, r.q_);
    return r;
  }

  int sign() const { return mpq_sgn(q_); }
  Rational abs() const {
    Rational r(*this);
    mpq_abs(r.q_, r.q_);
    return r;
  }
  Rational& operator+=(const Rational& o) {
    mpq_add(q_, q_, o.q_);
    return *this;
  }
  Rational& operator-=(const Rational& o) {
    mpq_sub(q_, q_, o.q_);
    return *this;
  }
  mpq_srcptr get() const { return q_; }  // read-only, for GMP/MPFR/MPFI functions that take an mpq_t
  friend int compare(const Rational& a, const Rational& b) { return mpq_cmp(a.q_, b.q_); }
  friend bool operator<(const Rational& a, const Rational& b) { return compare(a, b) < 0; }
  friend bool operator<=(const Rational& a, const Rational& b) { return compare(a, b) <= 0; }
  friend bool operator==(const Rational& a, const Rational& b) { return mpq_equal(a.q_, b.q_) != 0; }
  std::string str() const {
    char* raw = mpq_get_str(nullptr, 10, q_);
    std::string s(raw);
    void (*free_fn)(void*, std::size_t);
    mp_get_memory_functions(nullptr, nullptr, &free_fn);
    free_fn(raw, s.size() + 1);
    return s;
  }

 private:
  mpq_t q_;
};

// Exact values of a vector field's decimals; element i is named "field[i]" in errors.
inline std::vector<Rational> exact_vector(const std::vector<std::string>& texts, const std::string& field) {
  std::vector<Rational> out;
  out.reserve(texts.size());
  for (std::size_t i = 0; i < texts.size(); ++i)
    out.push_back(Rational::from_decimal(texts[i], field + "[" + std::to_string(i) + "]"));
  return out;
}

}  // namespace attnbound
