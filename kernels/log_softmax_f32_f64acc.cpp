// Log-softmax; contract in log_softmax_f32_f64acc.hpp.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "kernels/log_softmax_f32_f64acc.cpp"
#include <hwy/foreach_target.h>  // IWYU pragma: keep
#include <hwy/highway.h>

#include "kernels/softmax_core-inl.h"

HWY_BEFORE_NAMESPACE();
namespace attnbound::kernels::HWY_NAMESPACE {

// Returns sum over l_i < m of exp((l_i - m2)/T), m2 the largest logit below m (so the sum is >= 1 and its
// terms are not subnormal where it matters), and sets *ties = #{l_i == m}.
double ExpSumBelowMax(const float* x, size_t n, float m, float m2, float c_hi, float c_lo, size_t* ties) {
  const hn::ScalableTag<float> d;
  const size_t N = hn::Lanes(d);
  const auto P = MakeExpParams(d, m2, c_hi, c_lo);
  const auto vm = hn::Set(d, m);
  DoubleAcc<decltype(d)> total(d);
  size_t count = 0, i = 0;
  auto acc = hn::Zero(d);
  size_t terms = 0;
  for (; i + N <= n; i += N) {
    const auto v = hn::LoadU(d, x + i);
    const auto at_max = hn::Eq(v, vm);
    count += hn::CountTrue(d, at_max);
    acc = hn::Add(acc, hn::IfThenZeroElse(at_max, ExpShifted(d, P, v)));
    if (++terms == kTermsPerLane) {  // same float-lane bound as ExpSum: <= 7u before the exact flush
      total.add(d, acc);
      acc = hn::Zero(d);
      terms = 0;
    }
  }
  total.add(d, acc);
  double S = total.total();
  const ExpParams<hn::CappedTag<float, 1>> P1 = MakeExpParams(hn::CappedTag<float, 1>(), m2, c_hi, c_lo);
  for (; i < n; ++i) {
    if (x[i] == m) {
      ++count;
      continue;
    }
    const hn::CappedTag<float, 1> d1;
    S += static_cast<double>(hn::GetLane(ExpShifted(d1, P1, hn::Set(d1, x[i]))));
  }
  *ties = count;
  return S;
}

}  // namespace attnbound::kernels::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
#include "kernels/log_softmax_f32_f64acc.hpp"
#include "kernels/softmax_special_cases.hpp"

#include <cmath>

namespace attnbound::kernels {

HWY_EXPORT(ExpSumBelowMax);

void log_softmax_f32_f64acc(const float* logits, std::size_t length, float temperature, float* out) {
  check_softmax_args(length, temperature);
  if (softmax_special_cases_f32(logits, length, out, true)) return;
  float m = -INFINITY, m2 = -INFINITY;
  for (std::size_t i = 0; i < length; ++i) m = logits[i] > m ? logits[i] : m;
  for (std::size_t i = 0; i < length; ++i) m2 = logits[i] > m2 && logits[i] < m ? logits[i] : m2;
  const ExpScale c = exp_scale_for_temperature(temperature);
  std::size_t ties = 0;
  const double below = HWY_DYNAMIC_DISPATCH(ExpSumBelowMax)(logits, length, m, m2, c.hi, c.lo, &ties);
  // S' = 2^((m2 - m) c) * below: the difference is exact in double, the factor within |(m2 - m) c| 2^-52 relative.
  const double rest = m2 == -INFINITY ? 0.0 : std::exp2((static_cast<double>(m2) - m) * c.value) * below;
  const double k = static_cast<double>(ties);
  const double log_s = std::log(k) + std::log1p(rest / k);
  const double inv_t = 1.0 / static_cast<double>(temperature);
  // l_i - m is exact in double for floats within 2^29 binades of each other, else within 2^-53 relative.
  for (std::size_t i = 0; i < length; ++i)
    out[i] = static_cast<float>((static_cast<double>(logits[i]) - m) * inv_t - log_s);
}

std::vector<float> log_softmax_f32_f64acc(const std::vector<float>& logits, float temperature) {
  std::vector<float> out(logits.size());
  log_softmax_f32_f64acc(logits.data(), logits.size(), temperature, out.data());
  return out;
}

}  // namespace attnbound::kernels
#endif
