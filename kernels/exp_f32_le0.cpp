// exp over x <= 0 through the softmax element function; contract in exp_f32_le0.hpp.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "kernels/exp_f32_le0.cpp"
#include <hwy/foreach_target.h>  // IWYU pragma: keep
#include <hwy/highway.h>

#include "kernels/softmax_core-inl.h"

HWY_BEFORE_NAMESPACE();
namespace attnbound::kernels::HWY_NAMESPACE {

void ExpLe0(const float* x, size_t n, float c_hi, float c_lo, float* y) {
  const hn::ScalableTag<float> d;
  // Scaling by exactly 1 keeps the element function bit-identical to the softmax pass 2.
  ExpScaleStore(d, MakeExpParams(d, 0.0f, c_hi, c_lo), x, n, 1.0f, y, false);
}

int64_t CurrentTarget() { return HWY_TARGET; }

}  // namespace attnbound::kernels::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
#include "kernels/exp_f32_le0.hpp"
#include "kernels/softmax_special_cases.hpp"

namespace attnbound::kernels {

HWY_EXPORT(ExpLe0);
HWY_EXPORT(CurrentTarget);

void exp_f32_le0(const float* x, std::size_t n, float* y) {
  const ExpScale c = exp_scale_for_temperature(1.0f);
  HWY_DYNAMIC_DISPATCH(ExpLe0)(x, n, c.hi, c.lo, y);
}

const char* kernels_dispatch_target() { return hwy::TargetName(HWY_DYNAMIC_DISPATCH(CurrentTarget)()); }

}  // namespace attnbound::kernels
#endif
