// Two-pass online-normaliser softmax; contract in softmax_f32_online_f64acc.hpp.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "kernels/softmax_f32_online_f64acc.cpp"
#include <hwy/foreach_target.h>  // IWYU pragma: keep
#include <hwy/highway.h>

#include "kernels/softmax_core-inl.h"

#include <cmath>

HWY_BEFORE_NAMESPACE();
namespace attnbound::kernels::HWY_NAMESPACE {

// 2048 floats = 8 KiB: the block is re-read from L1 for its sum right after its max.
constexpr size_t kOnlineBlock = 2048;

double SoftmaxOnline(const float* logits, size_t n, float c_hi, float c_lo, double c, float* out) {
  const hn::ScalableTag<float> d;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const float ninf = -std::numeric_limits<float>::infinity();
  double M = -std::numeric_limits<double>::infinity(), S = 0.0;
  float lowest = std::numeric_limits<float>::infinity();
  bool all_finite = true;
  for (size_t b = 0; b < n; b += kOnlineBlock) {
    const size_t len = n - b < kOnlineBlock ? n - b : kOnlineBlock;
    const Range range = RangeOf(d, logits + b, len);
    const float mb = range.max;
    lowest = range.min < lowest ? range.min : lowest;
    all_finite = all_finite && range.finite;
    if (mb == ninf) {
      // Only -inf (weight 0) or NaN: the max cannot tell them apart, so look.
      for (size_t k = 0; k < len; ++k)
        if (std::isnan(logits[b + k])) return nan;
      continue;
    }
    // The next block is fetched while this one's exps are computed (the max pass then reads it from cache).
    const bool next_full = b + 2 * kOnlineBlock <= n;
    const float* next = next_full ? logits + b + kOnlineBlock : nullptr;
    const auto P = MakeExpParams(d, mb, c_hi, c_lo);
    const double sb = AllNormal(range.finite, mb, range.min, c) ? ExpSum<true>(d, P, logits + b, len, nullptr, next)
                                                                : ExpSum<false>(d, P, logits + b, len, nullptr, next);
    if (!(sb >= 1.0)) return nan;  // NaN or +inf in the block
    // Differences of two floats are exact in double (exponent gap < 2^29 in practice; else 2^-53 relative).
    if (mb > M) {
      S = S * std::exp2((M - static_cast<double>(mb)) * c) + sb;
      M = mb;
    } else {
      S += sb * std::exp2((static_cast<double>(mb) - M) * c);
    }
  }
  if (!(S >= 1.0)) return nan;  // every logit -inf
  const auto P = MakeExpParams(d, static_cast<float>(M), c_hi, c_lo);
  const float inv = static_cast<float>(1.0 / S);
  const bool stream = n >= (size_t{1} << 20) && out != logits;
  if (AllNormal(all_finite, static_cast<float>(M), lowest, c)) ExpScaleStore<true>(d, P, logits, n, inv, out, stream);
  else ExpScaleStore<false>(d, P, logits, n, inv, out, stream);
  return S;
}

}  // namespace attnbound::kernels::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
#include "kernels/softmax_f32_online_f64acc.hpp"
#include "kernels/softmax_special_cases.hpp"

namespace attnbound::kernels {

HWY_EXPORT(SoftmaxOnline);

double softmax_f32_online_f64acc(const float* logits, std::size_t length, float temperature, float* out) {
  check_softmax_args(length, temperature);
  const ExpScale c = exp_scale_for_temperature(temperature);
  const double S = HWY_DYNAMIC_DISPATCH(SoftmaxOnline)(logits, length, c.hi, c.lo, c.value, out);
  if (S >= 1.0) return S;
  softmax_special_cases_f32(logits, length, out, false);
  return std::numeric_limits<double>::quiet_NaN();
}

std::vector<float> softmax_f32_online_f64acc(const std::vector<float>& logits, float temperature) {
  std::vector<float> out(logits.size());
  softmax_f32_online_f64acc(logits.data(), logits.size(), temperature, out.data());
  return out;
}

}  // namespace attnbound::kernels
#endif
