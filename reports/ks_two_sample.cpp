#include "reports/ks_two_sample.hpp"

#include "theory/errors.hpp"

#include <algorithm>
#include <cmath>

namespace attnbound::reports {

double kolmogorov_survival(double z) {
  if (z <= 0) return 1;
  if (z < 0.2) return 1;  // the series converges slowly here; Q_KS(0.2) = 1 - 3e-11
  double sum = 0, sign = 1;
  for (int k = 1; k <= 200; ++k) {
    const double term = std::exp(-2.0 * k * k * z * z);
    sum += sign * term;
    if (term < 1e-17 * std::fabs(sum)) break;
    sign = -sign;
  }
  return std::clamp(2 * sum, 0.0, 1.0);
}

KsResult ks_two_sample(std::vector<double> a, std::vector<double> b) {
  if (a.empty() || b.empty()) throw InputError("ks", "two-sample KS test needs two non-empty samples");
  for (double x : a)
    if (std::isnan(x)) throw InputError("ks", "sample holds a NaN");
  for (double x : b)
    if (std::isnan(x)) throw InputError("ks", "sample holds a NaN");
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  const double n = static_cast<double>(a.size()), m = static_cast<double>(b.size());
  std::size_t i = 0, j = 0;
  double d = 0;
  // Walk the merged order; at each distinct value both empirical CDFs have taken every tie.
  while (i < a.size() && j < b.size()) {
    const double x = std::min(a[i], b[j]);
    while (i < a.size() && a[i] == x) ++i;
    while (j < b.size() && b[j] == x) ++j;
    d = std::max(d, std::fabs(static_cast<double>(i) / n - static_cast<double>(j) / m));
  }
  const double ne = std::sqrt(n * m / (n + m));
  return {d, kolmogorov_survival((ne + 0.12 + 0.11 / ne) * d)};
}

}  // namespace attnbound::reports
