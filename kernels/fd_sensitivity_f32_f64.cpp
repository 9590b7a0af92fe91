// Finite-difference sensitivity g(T, eps); contract in fd_sensitivity_f32_f64.hpp.
#include "kernels/fd_sensitivity_f32_f64.hpp"

#include "kernels/softmax_special_cases.hpp"
#include "theory/errors.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace attnbound::kernels {

float fd_sensitivity_f32_f64(const float* logits, const float* direction, std::size_t length, float temperature,
                             float epsilon) {
  check_softmax_args(length, temperature);
  if (!(epsilon > 0.0f) || !std::isfinite(epsilon))
    throw InputError("epsilon", fmt::format("must be finite and > 0, got {}", epsilon));
  double m = -INFINITY;
  for (std::size_t i = 0; i < length; ++i) {
    if (std::isnan(logits[i]) || logits[i] == INFINITY)
      throw InputError(fmt::format("logits[{}]", i), fmt::format("must be finite or -inf, got {}", logits[i]));
    if (!std::isfinite(direction[i]))
      throw InputError(fmt::format("direction[{}]", i), fmt::format("must be finite, got {}", direction[i]));
    m = std::max(m, static_cast<double>(logits[i]));
  }
  if (m == -INFINITY) throw InputError("logits", "every logit is -inf: the softmax is undefined");
  const double T = temperature, eps = epsilon;
  std::vector<double> a(length), delta(length);
  double S = 0.0;
  for (std::size_t i = 0; i < length; ++i) {
    a[i] = std::exp((logits[i] - m) / T);  // exact difference of floats in double; exp within 1 double ulp
    S += a[i];
  }
  double dmax = 0.0;
  for (std::size_t i = 0; i < length; ++i) {
    a[i] /= S;
    delta[i] = eps * static_cast<double>(direction[i]) / T;  // eps * v_i exact in double, one rounding for /T
    dmax = std::max(dmax, std::fabs(delta[i]));
  }
  double sq = 0.0;
  if (dmax <= 0.5) {
    // Small perturbation: the expm1/log1p form has no cancellation.
    double w = 0.0;
    for (std::size_t i = 0; i < length; ++i) w += a[i] * std::expm1(delta[i]);
    const double lambda = std::log1p(w);
    for (std::size_t i = 0; i < length; ++i) {
      const double diff = a[i] * std::expm1(delta[i] - lambda);
      sq += diff * diff;
    }
  } else {
    // Large perturbation: the difference is O(a_i) and both softmaxes are computed directly (shifted).
    std::vector<double> z(length);
    double zmax = -INFINITY;
    for (std::size_t i = 0; i < length; ++i) {
      z[i] = (logits[i] - m) / T + delta[i];
      zmax = std::max(zmax, z[i]);
    }
    double S2 = 0.0;
    for (std::size_t i = 0; i < length; ++i) S2 += (z[i] = std::exp(z[i] - zmax));
    for (std::size_t i = 0; i < length; ++i) {
      const double diff = z[i] / S2 - a[i];
      sq += diff * diff;
    }
  }
  return static_cast<float>(std::sqrt(sq) / eps);
}

}  // namespace attnbound::kernels
