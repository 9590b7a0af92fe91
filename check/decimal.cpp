// Exact decimal syntax and comparison (check/decimal.hpp).
#include "check/decimal.hpp"

#include <cctype>
#include <cstdint>
#include <stdexcept>

#include <flint/fmpz.h>

namespace attnbound::check {
namespace {

bool digit(char c) { return c >= '0' && c <= '9'; }

struct Normal {
  bool zero = true;
  std::string digits;       // significant digits, no leading or trailing zeros
  long double lead_exp = 0;  // the value is 0.d1d2... * 10^lead_exp (exact for exponents < 10^18)
};

Normal normalise(const std::string& t) {
  std::size_t i = 0;
  if (t[i] == '+' || t[i] == '-') ++i;
  std::string mant;
  long long point = -1;
  for (; i < t.size() && t[i] != 'e' && t[i] != 'E'; ++i) {
    if (t[i] == '.') point = static_cast<long long>(mant.size());
    else mant.push_back(t[i]);
  }
  long long e = 0;
  if (i < t.size()) e = std::stoll(t.substr(i + 1));  // at most 20 digits: checked by the caller's syntax
  if (point < 0) point = static_cast<long long>(mant.size());
  std::size_t first = mant.find_first_not_of('0');
  Normal n;
  if (first == std::string::npos) return n;
  std::size_t last = mant.find_last_not_of('0');
  n.zero = false;
  n.digits = mant.substr(first, last - first + 1);
  // value = 0.mant * 10^(point) * 10^e; dropping `first` leading zeros lowers the exponent by `first`.
  n.lead_exp = static_cast<long double>(point) - static_cast<long double>(first) + static_cast<long double>(e);
  return n;
}

}  // namespace

bool is_strict_decimal(const std::string& t, int max_exponent_digits) {
  if (t.empty() || t.size() > 100000) return false;
  std::size_t i = 0;
  if (t[i] == '+' || t[i] == '-') ++i;
  const std::size_t int_start = i;
  while (i < t.size() && digit(t[i])) ++i;
  if (i == int_start) return false;
  if (i < t.size() && t[i] == '.') {
    ++i;
    const std::size_t frac_start = i;
    while (i < t.size() && digit(t[i])) ++i;
    if (i == frac_start) return false;
  }
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
    const std::size_t exp_start = i;
    while (i < t.size() && digit(t[i])) ++i;
    const std::size_t n = i - exp_start;
    if (n == 0 || static_cast<int>(n) > max_exponent_digits || n > 19) return false;
    if (n == 19 && t.compare(exp_start, 19, "9000000000000000000") > 0) return false;  // fits a long long
  }
  return i == t.size();
}

int decimal_sign(const std::string& t) {
  if (normalise(t).zero) return 0;
  return t[0] == '-' ? -1 : 1;
}

int compare_abs_decimals(const std::string& a, const std::string& b) {
  const Normal x = normalise(a), y = normalise(b);
  if (x.zero || y.zero) return x.zero == y.zero ? 0 : (x.zero ? -1 : 1);
  if (x.lead_exp != y.lead_exp) return x.lead_exp < y.lead_exp ? -1 : 1;
  const int c = x.digits.compare(y.digits);  // same length prefix order = numeric order of 0.d1d2...
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

int compare_decimals(const std::string& a, const std::string& b) {
  const int sa = decimal_sign(a), sb = decimal_sign(b);
  if (sa != sb) return sa < sb ? -1 : 1;
  const int m = compare_abs_decimals(a, b);
  return sa >= 0 ? m : -m;
}

std::optional<bool> decimals_sum_to_one(const std::vector<std::string>& texts) {
  // Each text = sign * D * 10^(lead_exp - len(D)), D the significant digits as an integer.
  std::vector<Normal> n;
  long double lo = 0;
  bool first = true;
  for (const auto& t : texts) {
    n.push_back(normalise(t));
    if (n.back().zero) continue;
    const long double e = n.back().lead_exp - static_cast<long double>(n.back().digits.size());
    if (first || e < lo) lo = e;
    first = false;
  }
  if (first) return false;
  if (lo < -1e6L) return std::nullopt;
  for (const auto& x : n)
    if (!x.zero && x.lead_exp - lo > 1e6L) return std::nullopt;
  fmpz_t sum, term, p;
  fmpz_init(sum);
  fmpz_init(term);
  fmpz_init(p);
  for (std::size_t i = 0; i < n.size(); ++i) {
    if (n[i].zero) continue;
    fmpz_set_str(term, n[i].digits.c_str(), 10);
    const long double e = n[i].lead_exp - static_cast<long double>(n[i].digits.size());
    fmpz_set_ui(p, 10);
    fmpz_pow_ui(p, p, static_cast<unsigned long>(e - lo));  // exact: e - lo is an integer >= 0
    fmpz_mul(term, term, p);
    if (texts[i][0] == '-') fmpz_sub(sum, sum, term); else fmpz_add(sum, sum, term);
  }
  bool one = false;
  if (lo <= 0) {  // sum * 10^lo == 1  <=>  sum == 10^(-lo)
    fmpz_set_ui(p, 10);
    fmpz_pow_ui(p, p, static_cast<unsigned long>(-lo));
    one = fmpz_equal(sum, p) != 0;
  }
  fmpz_clear(sum);
  fmpz_clear(term);
  fmpz_clear(p);
  return one;
}

}  // namespace attnbound::check
