// Per-target building blocks of the simplex-projection kernels (sparsemax, entmax-1.5; Google Highway, included
// once per target by foreach_target.h from each kernel's .cpp). Not a public header: kernels/*.hpp are.
//   MaxAndProbe: m = max z, and NaN in *nonfinite_probe iff some z is NaN or infinite (z * 0 is NaN exactly then).
//   ProjectionOutput<kSquare>: out_i = fl32(g_i) or fl32(g_i^2), g_i = max(fl64(fl64(z_i - m) * scale - tau), 0),
//   in double lanes (scale 1 for sparsemax, 1/2 for entmax-1.5: exact).
#if defined(ATTNBOUND_KERNELS_SIMPLEX_CORE_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef ATTNBOUND_KERNELS_SIMPLEX_CORE_INL_H_
#undef ATTNBOUND_KERNELS_SIMPLEX_CORE_INL_H_
#else
#define ATTNBOUND_KERNELS_SIMPLEX_CORE_INL_H_
#endif

#include <hwy/highway.h>

#include <cstddef>

HWY_BEFORE_NAMESPACE();
namespace attnbound::kernels::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

HWY_INLINE float SimplexMaxAndProbe(const float* z, size_t n, float* nonfinite_probe) {
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

template <bool kSquare>
HWY_INLINE void SimplexProjectionOutput(const float* z, size_t n, float m, double scale, double tau, float* out) {
  const hn::ScalableTag<double> dd;
  const hn::Rebind<float, decltype(dd)> df;
  const size_t N = hn::Lanes(dd);
  const auto vm = hn::Set(dd, static_cast<double>(m));
  const auto vs = hn::Set(dd, scale);
  const auto vt = hn::Set(dd, tau);
  const auto zero = hn::Zero(dd);
  size_t i = 0;
  for (; i + N <= n; i += N) {
    const auto y = hn::Mul(hn::Sub(hn::PromoteTo(dd, hn::LoadU(df, z + i)), vm), vs);
    auto g = hn::Max(hn::Sub(y, vt), zero);
    if (kSquare) g = hn::Mul(g, g);
    hn::StoreU(hn::DemoteTo(df, g), df, out + i);
  }
  for (; i < n; ++i) {
    double g = (static_cast<double>(z[i]) - m) * scale - tau;
    g = g > 0 ? g : 0.0;
    out[i] = static_cast<float>(kSquare ? g * g : g);
  }
}

}  // namespace attnbound::kernels::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif
