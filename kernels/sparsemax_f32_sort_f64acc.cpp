// Sparsemax by a sort of the candidates; contract in sparsemax_f32_sort_f64acc.hpp.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "kernels/sparsemax_f32_sort_f64acc.cpp"
#include <hwy/foreach_target.h>  // IWYU pragma: keep
#include <hwy/highway.h>

HWY_BEFORE_NAMESPACE();
namespace attnbound::kernels::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// max z, and NaN in *nonfinite_probe when any z is NaN or infinite (z * 0 is NaN exactly then).
float MaxAndProbe(const float* z, size_t n, float* nonfinite_probe) {
  const hn::ScalableTag<float> d;
  const size_t N = hn::Lanes(d);
  auto vmax = hn::Set(d, z[0]);
  auto probe = hn::Zero(d);
  const auto zero = hn::Zero(d);
  size_t i = 0;
  for (; i + N <= n; i += N) {
    const auto v = hn::LoadU(d, z + i);
    vmax = hn::Max(vmax, v);
    probe = hn::Add(probe, hn::Mul(v, zero));
  }
  float m = hn::GetLane(hn::MaxOfLanes(d, vmax));
  float p = hn::GetLane(hn::SumOfLanes(d, probe));
  for (; i < n; ++i) {
    m = z[i] > m ? z[i] : m;
    p += z[i] * 0.0f;
  }
  *nonfinite_probe = p;
  return m;
}

// out_i = fl32(max(fl64(fl64(z_i - m) - tau_y), 0)), in double lanes.
void SparsemaxOutput(const float* z, size_t n, float m, double tau_y, float* out) {
  const hn::ScalableTag<double> dd;
  const hn::Rebind<float, decltype(dd)> df;
  const size_t N = hn::Lanes(dd);
  const auto vm = hn::Set(dd, static_cast<double>(m));
  const auto vt = hn::Set(dd, tau_y);
  const auto zero = hn::Zero(dd);
  size_t i = 0;
  for (; i + N <= n; i += N) {
    const auto y = hn::Sub(hn::PromoteTo(dd, hn::LoadU(df, z + i)), vm);
    hn::StoreU(hn::DemoteTo(df, hn::Max(hn::Sub(y, vt), zero)), df, out + i);
  }
  for (; i < n; ++i) {
    const double p = (static_cast<double>(z[i]) - m) - tau_y;
    out[i] = static_cast<float>(p > 0 ? p : 0.0);
  }
}

}  // namespace attnbound::kernels::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
#include "kernels/sparsemax_f32_sort_f64acc.hpp"
#include "theory/errors.hpp"

#include <fmt/format.h>
#include <hwy/contrib/sort/vqsort.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <vector>

namespace attnbound::kernels {

HWY_EXPORT(MaxAndProbe);
HWY_EXPORT(SparsemaxOutput);

double sparsemax_f32_sort_f64acc(const float* logits, std::size_t length, float* out, std::size_t* support_size,
                                 std::size_t* candidates) {
  if (length == 0) throw InputError("logits", "sparsemax needs at least one logit");
  float probe = 0;
  const float m = HWY_DYNAMIC_DISPATCH(MaxAndProbe)(logits, length, &probe);
  if (!(probe == 0.0f))
    for (std::size_t i = 0; i < length; ++i)
      if (!std::isfinite(logits[i])) throw InputError(fmt::format("logits[{}]", i), fmt::format("must be finite, got {}", logits[i]));
  // Candidates: fl64(z_i - m) >= -1 (every support index, see the contract).
  std::vector<double> y;
  for (std::size_t i = 0; i < length; ++i) {
    const double v = static_cast<double>(logits[i]) - m;
    if (v >= -1.0) y.push_back(v);
  }
  if (y.size() < 256) {  // below that, std::sort was faster in bench/sparsemax_bench
    std::sort(y.begin(), y.end(), std::greater<double>());
  } else {
    thread_local hwy::Sorter sorter;  // Highway's vectorised quicksort (its buffer, one per thread)
    sorter(y.data(), y.size(), hwy::SortDescending());
  }
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
