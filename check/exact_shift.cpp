// check/exact_shift.hpp.
#include "check/exact_shift.hpp"

#include "check/decimal.hpp"

#include <flint/fmpq.h>
#include <flint/fmpz.h>

#include <algorithm>
#include <cstdlib>

namespace attnbound::check {
namespace {

constexpr long kMaxExponent = 100000;

// The exact value of a validated decimal as a rational; false when its scale exponent is beyond kMaxExponent.
bool decimal_to_fmpq(fmpq* out, const std::string& t) {
  std::size_t i = 0;
  const bool negative = t[0] == '-';
  if (t[0] == '+' || t[0] == '-') ++i;
  std::string digits;
  long frac = 0;
  bool after_point = false;
  for (; i < t.size() && t[i] != 'e' && t[i] != 'E'; ++i) {
    if (t[i] == '.') after_point = true;
    else {
      digits.push_back(t[i]);
      frac += after_point ? 1 : 0;
    }
  }
  long long e = 0;
  if (i < t.size()) {
    const std::string exp_text = t.substr(i + 1);
    if (exp_text.size() > 12) return false;  // |e| >= 10^11 (after a sign): beyond kMaxExponent anyway
    e = std::stoll(exp_text);
  }
  const long long scale = e - frac;  // value = digits * 10^scale, exactly
  if (scale > kMaxExponent || scale < -kMaxExponent) return false;
  fmpz_t m, p;
  fmpz_init(m);
  fmpz_init(p);
  fmpz_set_str(m, digits.c_str(), 10);
  if (negative) fmpz_neg(m, m);
  fmpz_set_ui(p, 10);
  fmpz_pow_ui(p, p, static_cast<unsigned long>(std::llabs(scale)));
  if (scale >= 0) {
    fmpz_mul(m, m, p);
    fmpz_set(fmpq_numref(out), m);
    fmpz_one(fmpq_denref(out));
  } else {
    fmpq_set_fmpz_frac(out, m, p);  // canonicalised by FLINT
  }
  fmpz_clear(m);
  fmpz_clear(p);
  return true;
}

}  // namespace

ShiftedLogits shifted_logits(const std::vector<std::string>& texts, long prec, const std::string& field) {
  ShiftedLogits s;
  const std::size_t L = texts.size();
  for (std::size_t i = 0; i < L; ++i)
    if (!is_strict_decimal(texts[i])) (void)parse_decimal(texts[i], prec, field + "[" + std::to_string(i) + "]");
  s.order.resize(L);
  for (std::size_t i = 0; i < L; ++i) s.order[i] = i;
  std::stable_sort(s.order.begin(), s.order.end(),
                   [&](std::size_t a, std::size_t b) { return compare_decimals(texts[b], texts[a]) < 0; });
  if (L == 0) return s;
  const std::size_t top = s.order[0];
  std::vector<fmpq> q(L);
  for (auto& x : q) fmpq_init(&x);
  for (std::size_t i = 0; i < L && s.exact; ++i) s.exact = decimal_to_fmpq(&q[i], texts[i]);
  s.y.resize(L);
  if (s.exact) {
    fmpq_t d;
    fmpq_init(d);
    for (std::size_t i = 0; i < L; ++i) {
      fmpq_sub(d, &q[i], &q[top]);                // exact: l_i - l_top
      arb_set_fmpq(s.y[i].get(), d, prec);      // encloses it (exact when dyadic and short enough)
    }
    fmpq_clear(d);
  } else {
    const Ball t = parse_decimal(texts[top], prec, field + "[" + std::to_string(top) + "]");
    for (std::size_t i = 0; i < L; ++i)
      s.y[i] = compare_decimals(texts[i], texts[top]) == 0
                   ? Ball(0)  // equal decimals: the difference is 0 exactly
                   : sub(parse_decimal(texts[i], prec, field + "[" + std::to_string(i) + "]"), t, prec);
  }
  for (auto& x : q) fmpq_clear(&x);
  return s;
}

}  // namespace attnbound::check
