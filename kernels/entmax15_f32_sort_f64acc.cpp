// entmax-1.5 by a sort of the candidates; contract in entmax15_f32_sort_f64acc.hpp.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "kernels/entmax15_f32_sort_f64acc.cpp"
#include <hwy/foreach_target.h>  // IWYU pragma: keep
#include <hwy/highway.h>

#include "kernels/simplex_core-inl.h"

HWY_BEFORE_NAMESPACE();
namespace attnbound::kernels::HWY_NAMESPACE {

float EntmaxMaxAndProbe(const float* z, size_t n, float* nonfinite_probe) { return SimplexMaxAndProbe(z, n, nonfinite_probe); }

// out_i = fl32(max((z_i - m)/2 - tau, 0)^2), in double lanes.
void Entmax15Output(const float* z, size_t n, float m, double tau, float* out) {
  SimplexProjectionOutput<true>(z, n, m, 0.5, tau, out);
}

}  // namespace attnbound::kernels::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
#include "kernels/entmax15_f32_sort_f64acc.hpp"
#include "kernels/simplex_candidates.hpp"
#include "theory/errors.hpp"


#include <cmath>

namespace attnbound::kernels {

HWY_EXPORT(EntmaxMaxAndProbe);
HWY_EXPORT(Entmax15Output);

double entmax15_f32_sort_f64acc(const float* logits, std::size_t length, float* out, std::size_t* support_size,
                                std::size_t* candidates) {
  if (length == 0) throw InputError("logits", "entmax-1.5 needs at least one logit");
  float probe = 0;
  const float m = HWY_DYNAMIC_DISPATCH(EntmaxMaxAndProbe)(logits, length, &probe);
  if (!(probe == 0.0f)) check_finite_logits(logits, length);
  const std::vector<double> y = sorted_candidates(logits, length, m, 0.5);  // y_(1) = 0 >= ... >= -1
  // The scan (a choice of k only): Welford's mean_k and M2_k.
  double mean = 0, m2 = 0;
  std::size_t k_star = 1;
  for (std::size_t k = 1; k <= y.size(); ++k) {
    const double d = y[k - 1] - mean;
    mean += d / static_cast<double>(k);
    m2 += d * (y[k - 1] - mean);
    const double delta = (1.0 - m2) / static_cast<double>(k);
    if (delta >= 0 && mean - std::sqrt(delta) < y[k - 1]) k_star = k;
  }
  // tau on the top k*: two-pass mean and M2.
  double total = 0;
  for (std::size_t r = 0; r < k_star; ++r) total += y[r];
  const double mu = total / static_cast<double>(k_star);
  double M2 = 0;
  for (std::size_t r = 0; r < k_star; ++r) M2 += (y[r] - mu) * (y[r] - mu);
  const double delta = std::max(0.0, (1.0 - M2) / static_cast<double>(k_star));
  const double tau = mu - std::sqrt(delta);
  HWY_DYNAMIC_DISPATCH(Entmax15Output)(logits, length, m, tau, out);
  if (support_size) *support_size = k_star;
  if (candidates) *candidates = y.size();
  return tau + 0.5 * static_cast<double>(m);
}

std::vector<float> entmax15_f32_sort_f64acc(const std::vector<float>& logits) {
  std::vector<float> out(logits.size());
  entmax15_f32_sort_f64acc(logits.data(), logits.size(), out.data());
  return out;
}

}  // namespace attnbound::kernels
#endif
