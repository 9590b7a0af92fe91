// Per-target building blocks of the softmax kernels (Google Highway; included once per target by
// foreach_target.h from each kernel's .cpp). Not a public header: kernels/*.hpp are.
//
// The element function computes e = exp((x - m)/T) for x <= m as 2^t, t = (x - m) * log2(e)/T, with
//   * d = x - m held exactly as a float pair dh + dl (2Sum: dh + dl == x - m exactly, Knuth),
//   * c = log2(e)/T held as a float pair ch + cl (|ch + cl - c| <= 2^-48 c),
//   * t = th + tl with th = fl(dh*ch), tl = (dh*ch - th) + dh*cl + dl*ch (the first term exact by FMA or
//     Dekker's product), so |th + tl - t| <= 2^-44 |t| + 2^-48 |t|: the reduction error does not grow with |t|,
//     unlike fl(fl(x - m)/T) whose rounding alone costs |t| * 2^-24 relative in the result,
//   * n = round(th), r = (th - n) + tl (th - n exact: Sterbenz), |r| <= 1/2 + 2^-20,
//   * 2^r by a degree-6 polynomial, relative error 2.0e-9 on [-0.5000001, 0.5000001] (weighted Remez fit,
//     float coefficients), Horner in float,
//   * 2^n applied as (p * 2^(n+64)) * 2^-64: 2^(n+64) is a normal float for n in [-190, 63] and the second
//     product rounds once, so results in the subnormal range are rounded once, not flushed.
// Results with th < -150.5 are 0 exactly (the true value is < 2^-150 / 1.0000001, which rounds to 0).
#if defined(ATTNBOUND_KERNELS_SOFTMAX_CORE_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef ATTNBOUND_KERNELS_SOFTMAX_CORE_INL_H_
#undef ATTNBOUND_KERNELS_SOFTMAX_CORE_INL_H_
#else
#define ATTNBOUND_KERNELS_SOFTMAX_CORE_INL_H_
#endif

#include <hwy/cache_control.h>
#include <hwy/highway.h>

#include <cmath>
#include <cstddef>
#include <cstring>
#include <limits>

HWY_BEFORE_NAMESPACE();
namespace attnbound::kernels::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// a*b - p exactly, p = fl(a*b) (no overflow): FMA where the target has it, else Dekker's product.
template <class D, class V = hn::Vec<D>> HWY_INLINE V TwoProdErr(D d, V a, V b, V p) {
#if HWY_NATIVE_FMA
  (void)d;
  return hn::MulSub(a, b, p);
#else
  // Veltkamp split with 2^12 + 1: a = ah + al, each with <= 12 significant bits, so every product is exact.
  const V split = hn::Set(d, 4097.0f);
  const V ta = hn::Mul(a, split), tb = hn::Mul(b, split);
  const V ah = hn::Sub(ta, hn::Sub(ta, a)), bh = hn::Sub(tb, hn::Sub(tb, b));
  const V al = hn::Sub(a, ah), bl = hn::Sub(b, bh);
  V e = hn::Sub(hn::Mul(ah, bh), p);
  e = hn::Add(e, hn::Mul(ah, bl));
  e = hn::Add(e, hn::Mul(al, bh));
  return hn::Add(e, hn::Mul(al, bl));
#endif
}

// 2^r for |r| <= 0.5000001: the degree-6 polynomial (relative error 2.0e-9), Horner in float.
template <class D, class V = hn::Vec<D>> HWY_INLINE V Exp2Poly(D d, V r) {
  V p = hn::Set(d, 0.00015353360504377633f);
  p = hn::MulAdd(p, r, hn::Set(d, 0.0013398875016719103f));
  p = hn::MulAdd(p, r, hn::Set(d, 0.00961843691766262f));
  p = hn::MulAdd(p, r, hn::Set(d, 0.055503323674201965f));
  p = hn::MulAdd(p, r, hn::Set(d, 0.24022647738456726f));
  p = hn::MulAdd(p, r, hn::Set(d, 0.6931471824645996f));
  return hn::MulAdd(p, r, hn::Set(d, 1.0f));
}

// 2^(th + tl) for th + tl <= 0.5 (see the file comment); NaN in -> NaN out, th = -inf -> 0.
// kAllNormal: the caller guarantees th >= -125 in every lane (see AllNormal), so the check is skipped.
template <bool kAllNormal = false, class D, class V = hn::Vec<D>> HWY_INLINE V Exp2Pair(D d, V th, V tl) {
  const hn::RebindToSigned<D> di;
  if (kAllNormal || HWY_LIKELY(hn::AllTrue(d, hn::Ge(th, hn::Set(d, -125.0f))))) {
    // Every lane has n >= -125, so p * 2^n >= 0.70 * 2^-125 is normal and p * 2^n is exact: adding n to p's
    // exponent field gives the same bits as the two products below, in one integer add (NaN lanes fail Ge).
    // n = round(th) by the shifter 1.5 * 2^23: k = fl(th + shifter) rounds th to the nearest integer (ties to
    // even, as Round does) for |th| < 2^22, n = k - shifter exactly, and bits(k) = 0x4B400000 + n, so
    // bits(k) << 23 == n << 23 (mod 2^32: the low 9 bits of 0x4B400000 are 0). No float-to-int conversion.
    const V shifter = hn::Set(d, 0x1.8p23f);
    const V k = hn::Add(th, shifter);
    const V n = hn::Sub(k, shifter);
    const V p = Exp2Poly(d, hn::Add(hn::Sub(th, n), tl));
    return hn::BitCast(d, hn::Add(hn::BitCast(di, p), hn::ShiftLeft<23>(hn::BitCast(di, k))));
  }
  // The clamp only keeps the integer conversion in range; lanes below -150.5 are zeroed at the end.
  const V tc = hn::Max(th, hn::Set(d, -160.0f));
  const V n = hn::Round(tc);
  const V r = hn::Add(hn::Sub(tc, n), tl);
  const V p = Exp2Poly(d, r);
  const auto bits = hn::ShiftLeft<23>(hn::Add(hn::ConvertTo(di, n), hn::Set(di, 127 + 64)));
  const V y = hn::Mul(hn::Mul(p, hn::BitCast(d, bits)), hn::Set(d, 0x1p-64f));
  return hn::IfThenZeroElse(hn::Lt(th, hn::Set(d, -150.5f)), y);
}

// Constants of one softmax call: the shift m, -m, and log2(e)/T as a float pair.
template <class D> struct ExpParams {
  hn::Vec<D> m, neg_m, ch, cl;
};
template <class D> HWY_INLINE ExpParams<D> MakeExpParams(D d, float m, float c_hi, float c_lo) {
  return {hn::Set(d, m), hn::Set(d, -m), hn::Set(d, c_hi), hn::Set(d, c_lo)};
}

// Whether every x of a range (all finite, in [lo, m]) has th = fl(fl(x - m) * c_hi) >= -125, so that Exp2Pair
// may skip its check: |th| <= (m - lo) c (1 + 2^-22), and 124 leaves more than that margin.
inline bool AllNormal(bool finite, float m, float lo, double c) {
  return finite && (static_cast<double>(m) - static_cast<double>(lo)) * c <= 124.0;
}

// exp((x - m)/T) for one vector (x <= m; x = -inf gives 0; NaN gives NaN).
template <bool kAllNormal = false, class D, class V = hn::Vec<D>>
HWY_INLINE V ExpShifted(D d, const ExpParams<D>& P, V x) {
  const V dh = hn::Sub(x, P.m);
  const V bb = hn::Sub(dh, x);
  const V dl = hn::Add(hn::Sub(x, hn::Sub(dh, bb)), hn::Sub(P.neg_m, bb));
  const V th = hn::Mul(dh, P.ch);
  const V tl = hn::MulAdd(dh, P.cl, hn::MulAdd(dl, P.ch, TwoProdErr(d, dh, P.ch, th)));
  return Exp2Pair<kAllNormal>(d, th, tl);
}

// Largest and smallest element, and whether every element is finite (a plain sum of the elements, which any
// NaN or infinity makes non-finite; a finite overflow only makes the answer conservatively false). Max and Min
// may drop NaN lanes, so NaN is detected through the sum, never through the extremes.
struct Range {
  float max, min;
  bool finite;
};
template <class D> HWY_INLINE Range RangeOf(D d, const float* HWY_RESTRICT x, size_t n) {
  const size_t N = hn::Lanes(d);
  const float inf = std::numeric_limits<float>::infinity();
  auto m0 = hn::Set(d, -inf), m1 = m0, l0 = hn::Set(d, inf), l1 = l0, s0 = hn::Zero(d), s1 = s0;
  size_t i = 0;
  for (; i + 2 * N <= n; i += 2 * N) {
    const auto v0 = hn::LoadU(d, x + i), v1 = hn::LoadU(d, x + i + N);
    m0 = hn::Max(m0, v0);
    m1 = hn::Max(m1, v1);
    l0 = hn::Min(l0, v0);
    l1 = hn::Min(l1, v1);
    s0 = hn::Add(s0, v0);
    s1 = hn::Add(s1, v1);
  }
  for (; i + N <= n; i += N) {
    const auto v = hn::LoadU(d, x + i);
    m0 = hn::Max(m0, v);
    l0 = hn::Min(l0, v);
    s0 = hn::Add(s0, v);
  }
  Range r{hn::GetLane(hn::MaxOfLanes(d, hn::Max(m0, m1))), hn::GetLane(hn::MinOfLanes(d, hn::Min(l0, l1))), true};
  float sum = hn::GetLane(hn::SumOfLanes(d, hn::Add(s0, s1)));
  for (; i < n; ++i) {
    r.max = x[i] > r.max ? x[i] : r.max;
    r.min = x[i] < r.min ? x[i] : r.min;
    sum += x[i];
  }
  r.finite = std::isfinite(sum);
  return r;
}

// Largest element (NaN lanes make the result unspecified; callers detect NaN through the normaliser).
template <class D> HWY_INLINE float MaxOf(D d, const float* HWY_RESTRICT x, size_t n) {
  const size_t N = hn::Lanes(d);
  const float ninf = -std::numeric_limits<float>::infinity();
  auto m0 = hn::Set(d, ninf), m1 = m0, m2 = m0, m3 = m0;
  size_t i = 0;
  for (; i + 4 * N <= n; i += 4 * N) {
    m0 = hn::Max(m0, hn::LoadU(d, x + i));
    m1 = hn::Max(m1, hn::LoadU(d, x + i + N));
    m2 = hn::Max(m2, hn::LoadU(d, x + i + 2 * N));
    m3 = hn::Max(m3, hn::LoadU(d, x + i + 3 * N));
  }
  for (; i + N <= n; i += N) m0 = hn::Max(m0, hn::LoadU(d, x + i));
  m0 = hn::Max(hn::Max(m0, m1), hn::Max(m2, m3));
  float m = hn::GetLane(hn::MaxOfLanes(d, m0));
  for (; i < n; ++i) m = x[i] > m ? x[i] : m;
  return m;
}

// Adds the lanes of a float vector into a double vector accumulator (lane sums exact in double).
#if HWY_TARGET == HWY_SCALAR
template <class D> struct DoubleAcc {
  double sum = 0.0;
  explicit DoubleAcc(D) {}
  HWY_INLINE void add(D, hn::Vec<D> v) { sum += static_cast<double>(hn::GetLane(v)); }
  HWY_INLINE double total() const { return sum; }
};
#else
template <class D> struct DoubleAcc {
  using DH = hn::Half<D>;
  using DD = hn::Rebind<double, DH>;
  hn::Vec<DD> lo, hi;
  explicit DoubleAcc(D) : lo(hn::Zero(DD())), hi(hn::Zero(DD())) {}
  HWY_INLINE void add(D, hn::Vec<D> v) {
    const DH dh;
    const DD dd;
    lo = hn::Add(lo, hn::PromoteTo(dd, hn::LowerHalf(dh, v)));
    hi = hn::Add(hi, hn::PromoteTo(dd, hn::UpperHalf(dh, v)));
  }
  HWY_INLINE double total() const {
    const DD dd;
    return hn::GetLane(hn::SumOfLanes(dd, hn::Add(lo, hi)));
  }
};
#endif

// Each float lane accumulator adds at most kTermsPerLane terms before it is flushed (exactly) to double:
// |float lane sum - exact| <= (kTermsPerLane - 1) u * lane sum, u = 2^-24, because every term is >= 0.
// With 8 terms that is 7u = 4.2e-7 relative; the double sums after it add <= L/8 * 2^-53 relative.
inline constexpr size_t kTermsPerLane = 8;

// sum_i exp((x_i - m)/T) over x[0..n), also storing each term to out when out != nullptr (may alias x).
// The tail (< one vector) goes through a padded buffer whose padding is -inf (term 0). When prefetch is not
// null, prefetch[0..n) is prefetched alongside (the online kernel's next block: memory and exp overlap).
template <bool kAllNormal = false, class D>
HWY_INLINE double ExpSum(D d, const ExpParams<D>& P, const float* x, size_t n, float* out,
                         const float* prefetch = nullptr) {
  const size_t N = hn::Lanes(d);
  DoubleAcc<D> total(d);
  size_t i = 0;
  while (i + 4 * N <= n) {
    auto a0 = hn::Zero(d), a1 = a0, a2 = a0, a3 = a0;
    const size_t iters = (n - i) / (4 * N) < kTermsPerLane ? (n - i) / (4 * N) : kTermsPerLane;
    const size_t end = i + iters * 4 * N;
    for (; i < end; i += 4 * N) {
      if (prefetch)
        for (size_t k = 0; k < 4 * N; k += 64 / sizeof(float)) hwy::Prefetch(prefetch + i + k);
      const auto e0 = ExpShifted<kAllNormal>(d, P, hn::LoadU(d, x + i));
      const auto e1 = ExpShifted<kAllNormal>(d, P, hn::LoadU(d, x + i + N));
      const auto e2 = ExpShifted<kAllNormal>(d, P, hn::LoadU(d, x + i + 2 * N));
      const auto e3 = ExpShifted<kAllNormal>(d, P, hn::LoadU(d, x + i + 3 * N));
      if (out) {
        hn::StoreU(e0, d, out + i);
        hn::StoreU(e1, d, out + i + N);
        hn::StoreU(e2, d, out + i + 2 * N);
        hn::StoreU(e3, d, out + i + 3 * N);
      }
      a0 = hn::Add(a0, e0);
      a1 = hn::Add(a1, e1);
      a2 = hn::Add(a2, e2);
      a3 = hn::Add(a3, e3);
    }
    total.add(d, a0);
    total.add(d, a1);
    total.add(d, a2);
    total.add(d, a3);
  }
  auto a = hn::Zero(d);
  for (; i + N <= n; i += N) {
    const auto e = ExpShifted<kAllNormal>(d, P, hn::LoadU(d, x + i));
    if (out) hn::StoreU(e, d, out + i);
    a = hn::Add(a, e);
  }
  if (i < n) {
    HWY_ALIGN float buf[HWY_MAX_BYTES / sizeof(float)];
    for (size_t k = 0; k < N; ++k) buf[k] = i + k < n ? x[i + k] : -std::numeric_limits<float>::infinity();
    const auto e = ExpShifted(d, P, hn::Load(d, buf));
    a = hn::Add(a, e);
    if (out) {
      hn::Store(e, d, buf);
      std::memcpy(out + i, buf, (n - i) * sizeof(float));
    }
  }
  total.add(d, a);
  return total.total();
}

// out[i] = exp((x_i - m)/T) * scale; streams (non-temporal stores) when asked and out is vector-aligned.
template <bool kAllNormal = false, class D>
HWY_INLINE void ExpScaleStore(D d, const ExpParams<D>& P, const float* x, size_t n, float scale, float* out,
                              bool stream) {
  const size_t N = hn::Lanes(d);
  const auto s = hn::Set(d, scale);
  size_t i = 0;
  if (stream && reinterpret_cast<uintptr_t>(out) % (N * sizeof(float)) == 0) {
    for (; i + N <= n; i += N) hn::Stream(hn::Mul(ExpShifted<kAllNormal>(d, P, hn::LoadU(d, x + i)), s), d, out + i);
    hwy::FlushStream();
  } else {
    for (; i + 2 * N <= n; i += 2 * N) {
      hn::StoreU(hn::Mul(ExpShifted<kAllNormal>(d, P, hn::LoadU(d, x + i)), s), d, out + i);
      hn::StoreU(hn::Mul(ExpShifted<kAllNormal>(d, P, hn::LoadU(d, x + i + N)), s), d, out + i + N);
    }
    for (; i + N <= n; i += N)
      hn::StoreU(hn::Mul(ExpShifted<kAllNormal>(d, P, hn::LoadU(d, x + i)), s), d, out + i);
  }
  if (i < n) {
    HWY_ALIGN float buf[HWY_MAX_BYTES / sizeof(float)];
    for (size_t k = 0; k < N; ++k) buf[k] = i + k < n ? x[i + k] : -std::numeric_limits<float>::infinity();
    hn::Store(hn::Mul(ExpShifted(d, P, hn::Load(d, buf)), s), d, buf);
    std::memcpy(out + i, buf, (n - i) * sizeof(float));
  }
}

// x[i] *= scale.
template <class D> HWY_INLINE void ScaleInPlace(D d, float* x, size_t n, float scale) {
  const size_t N = hn::Lanes(d);
  const auto s = hn::Set(d, scale);
  size_t i = 0;
  for (; i + 2 * N <= n; i += 2 * N) {
    hn::StoreU(hn::Mul(hn::LoadU(d, x + i), s), d, x + i);
    hn::StoreU(hn::Mul(hn::LoadU(d, x + i + N), s), d, x + i + N);
  }
  for (; i + N <= n; i += N) hn::StoreU(hn::Mul(hn::LoadU(d, x + i), s), d, x + i);
  for (; i < n; ++i) x[i] *= scale;
}

}  // namespace attnbound::kernels::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // include guard
