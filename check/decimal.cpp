// Exact decimal syntax and comparison (check/decimal.hpp).
#include "check/decimal.hpp"

#include <cctype>
#include <cstdint>
#include <stdexcept>

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
    if (n == 0 || static_cast<int>(n) > max_exponent_digits || n > 18) return false;
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

}  // namespace attnbound::check
