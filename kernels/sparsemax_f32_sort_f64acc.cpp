// Sparsemax by a sort of the candidates; contract in sparsemax_f32_sort_f64acc.hpp.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "kernels/sparsemax_f32_sort_f64acc.cpp"
#include <hwy/foreach_target.h>  // IWYU pragma: keep
#include <hwy/highway.h>

#include "kernels/simplex_core-inl.h"

HWY_BEFORE_NAMESPACE();
namespace attnbound::kernels::HWY_NAMESPACE {

float MaxAndProbe(const float* z, size_t n, float* nonfinite_probe) { return SimplexMaxAndProbe(z, n, nonfinite_probe); }

// out_i = fl32(max(fl64(fl64(z_i - m) - tau_y), 0)), in double lanes.
void SparsemaxOutput(const float* z, size_t n, float m, double tau_y, float* out) {
  SimplexProjectionOutput<false>(z, n, m, 1.0, tau_y, out);
}

}  // namespace attnbound::kernels::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
#include "kernels/sparsemax_f32_sort_f64acc.hpp"
#include "kernels/simplex_candidates.hpp"
#include "theory/errors.hpp"


#include <cmath>

namespace attnbound::kernels {

HWY_EXPORT(MaxAndProbe);
HWY_EXPORT(SparsemaxOutput);

double sparsemax_f32_sort_f64acc(const float* logits, std::size_t length, float* out, std::size_t* support_size,
                                 std::size_t* candidates) {
  if (length == 0) throw InputError("logits", "sparsemax needs at least one logit");
  float probe = 0;
  const float m = HWY_DYNAMIC_DISPATCH(MaxAndProbe)(logits, length, &probe);
  if (!(probe == 0.0f)) check_finite_logits(logits, length);
  // Candidates: fl64(z_i - m) >= -1 (every support index, see the contract).
  const std::vector<double> y = sorted_candidates(logits, length, m, 1.0);  // y_(1) = 0 >= ... >= -1
  double S = 0, S_star = y[0];
  std::size_t k_star = 1;
  for (std::size_t k = 1; k <= y.size(); ++k) {
    S += y[k - 1];
    if (1.0 + static_cast<double>(k) * y[k - 1] > S) {  // y_(k) > tau_k: k is in the support
      k_star = k;
      S_star = S;
    }
  }
  const double tau_y = (S_star - 1.0) / static_cast<double>(k_star);
  HWY_DYNAMIC_DISPATCH(SparsemaxOutput)(logits, length, m, tau_y, out);
  if (support_size) *support_size = k_star;
  if (candidates) *candidates = y.size();
  return static_cast<double>(m) + tau_y;
}

std::vector<float> sparsemax_f32_sort_f64acc(const std::vector<float>& logits) {
  std::vector<float> out(logits.size());
  sparsemax_f32_sort_f64acc(logits.data(), logits.size(), out.data());
  return out;
}

}  // namespace attnbound::kernels
#endif
