// Three-pass softmax; contract in softmax_f32_3pass_f64acc.hpp.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "kernels/softmax_f32_3pass_f64acc.cpp"
#include <hwy/foreach_target.h>  // IWYU pragma: keep
#include <hwy/highway.h>

#include "kernels/softmax_core-inl.h"

HWY_BEFORE_NAMESPACE();
namespace attnbound::kernels::HWY_NAMESPACE {

double Softmax3Pass(const float* logits, size_t n, float c_hi, float c_lo, float* out) {
  const hn::ScalableTag<float> d;
  const Range range = RangeOf(d, logits, n);
  const float m = range.max;
  const auto P = MakeExpParams(d, m, c_hi, c_lo);
  // Finite logits spanning less than 124 / c: every exp is a normal float, and the per-vector check goes.
  const double S = AllNormal(range.finite, m, range.min, static_cast<double>(c_hi) + c_lo)
                       ? ExpSum<true>(d, P, logits, n, out)
                       : ExpSum<false>(d, P, logits, n, out);
  // The max term is exactly 2^0 = 1, so S >= 1 unless a NaN or +inf (or all -inf) reached the sum.
  if (!(S >= 1.0)) return S;
  ScaleInPlace(d, out, n, static_cast<float>(1.0 / S));
  return S;
}

}  // namespace attnbound::kernels::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
#include "kernels/softmax_f32_3pass_f64acc.hpp"
#include "kernels/softmax_special_cases.hpp"

#include <limits>

namespace attnbound::kernels {

HWY_EXPORT(Softmax3Pass);

double softmax_f32_3pass_f64acc(const float* logits, std::size_t length, float temperature, float* out) {
  check_softmax_args(length, temperature);
  const ExpScale c = exp_scale_for_temperature(temperature);
  const double S = HWY_DYNAMIC_DISPATCH(Softmax3Pass)(logits, length, c.hi, c.lo, out);
  if (S >= 1.0) return S;
  softmax_special_cases_f32(logits, length, out, false);
  return std::numeric_limits<double>::quiet_NaN();
}

std::vector<float> softmax_f32_3pass_f64acc(const std::vector<float>& logits, float temperature) {
  std::vector<float> out(logits.size());
  softmax_f32_3pass_f64acc(logits.data(), logits.size(), temperature, out.data());
  return out;
}

}  // namespace attnbound::kernels
#endif
