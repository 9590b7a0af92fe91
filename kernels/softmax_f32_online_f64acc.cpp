// Two-pass online-normaliser softmax; contract in softmax_f32_online_f64acc.hpp.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "kernels/softmax_f32_online_f64acc.cpp"
#include <hwy/foreach_target.h>  // IWYU pragma: keep
#include <hwy/highway.h>

#include "kernels/softmax_core-inl.h"

#include <cmath>
#include <limits>

#ifndef ATTNBOUND_KERNELS_ONLINE_PARTIAL
#define ATTNBOUND_KERNELS_ONLINE_PARTIAL
namespace attnbound::kernels::detail {
// The online normaliser of a run of logits: max M (as double), S = sum exp((l - M)/T) (c = log2(e)/T),
// smallest element, all finite, any NaN/+inf seen.
struct OnlinePartial {
  double M = -std::numeric_limits<double>::infinity(), S = 0.0;
  float lowest = std::numeric_limits<float>::infinity();
  bool finite = true, nan = false;

  // Folds in a part whose max is m and whose sum relative to m is s (s = 0: every logit -inf, nothing to add;
  // skipping it also avoids (-inf) - (-inf)). Differences of two floats are exact in double (exponent gap
  // < 2^29 in practice; else 2^-53 relative).
  void add_sum(double m, double s, double c) {
    if (s == 0.0) return;
    if (m > M) {
      S = S * std::exp2((M - m) * c) + s;
      M = m;
    } else {
      S += s * std::exp2((m - M) * c);
    }
  }
  void add(const OnlinePartial& p, double c) {
    nan = nan || p.nan;
    finite = finite && p.finite;
    lowest = p.lowest < lowest ? p.lowest : lowest;
    add_sum(p.M, p.S, c);
  }
};
}  // namespace attnbound::kernels::detail
#endif

HWY_BEFORE_NAMESPACE();
namespace attnbound::kernels::HWY_NAMESPACE {

using detail::OnlinePartial;

// 2048 floats = 8 KiB: the block is re-read from L1 for its sum right after its max.
constexpr size_t kOnlineBlock = 2048;

OnlinePartial OnlinePass1(const float* logits, size_t n, float c_hi, float c_lo, double c) {
  const hn::ScalableTag<float> d;
  const float ninf = -std::numeric_limits<float>::infinity();
  OnlinePartial r;
  for (size_t b = 0; b < n; b += kOnlineBlock) {
    const size_t len = n - b < kOnlineBlock ? n - b : kOnlineBlock;
    const Range range = RangeOf(d, logits + b, len);
    const float mb = range.max;
    r.lowest = range.min < r.lowest ? range.min : r.lowest;
    r.finite = r.finite && range.finite;
    if (mb == ninf) {
      // Only -inf (weight 0) or NaN: the max cannot tell them apart, so look.
      for (size_t k = 0; k < len; ++k)
        if (std::isnan(logits[b + k])) r.nan = true;
      if (r.nan) return r;
      continue;
    }
    // The next block is fetched while this one's exps are computed (the max pass then reads it from cache).
    const bool next_full = b + 2 * kOnlineBlock <= n;
    const float* next = next_full ? logits + b + kOnlineBlock : nullptr;
    const auto P = MakeExpParams(d, mb, c_hi, c_lo);
    const double sb = AllNormal(range.finite, mb, range.min, c) ? ExpSum<true>(d, P, logits + b, len, nullptr, next)
                                                                : ExpSum<false>(d, P, logits + b, len, nullptr, next);
    if (!(sb >= 1.0)) {  // NaN or +inf in the block
      r.nan = true;
      return r;
    }
    r.add_sum(mb, sb, c);
  }
  return r;
}

// Pass 2 over one chunk: out_i = exp((l_i - M)/T) * inv; `total` is pass 1 over every chunk.
void OnlinePass2(const float* logits, size_t n, const OnlinePartial& total, float c_hi, float c_lo, double c,
                 float inv, bool stream, float* out) {
  const hn::ScalableTag<float> d;
  const float M = static_cast<float>(total.M);
  const auto P = MakeExpParams(d, M, c_hi, c_lo);
  if (AllNormal(total.finite, M, total.lowest, c)) ExpScaleStore<true>(d, P, logits, n, inv, out, stream);
  else ExpScaleStore<false>(d, P, logits, n, inv, out, stream);
}

}  // namespace attnbound::kernels::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
#include "kernels/exp_f32_le0.hpp"
#include "kernels/softmax_f32_online_f64acc.hpp"
#include "kernels/softmax_special_cases.hpp"
#include "theory/errors.hpp"

#include <algorithm>
#include <thread>

namespace attnbound::kernels {

HWY_EXPORT(OnlinePass1);
HWY_EXPORT(OnlinePass2);

namespace {

// Runs f(chunk) for chunk = 0..chunks-1 on `threads` threads (the caller's among them), each thread taking a
// contiguous run of chunks. Which thread runs a chunk never changes what the chunk computes.
template <class F> void for_each_chunk(std::size_t chunks, unsigned threads, const F& f) {
  threads = static_cast<unsigned>(std::min<std::size_t>(std::max(threads, 1u), chunks));
  std::vector<std::thread> pool;
  pool.reserve(threads - 1);
  auto run = [&](unsigned t) {
    for (std::size_t k = chunks * t / threads; k < chunks * (t + 1) / threads; ++k) f(k);
  };
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(run, t);
  run(0);
  for (auto& th : pool) th.join();
}

}  // namespace

double softmax_f32_online_f64acc(const float* logits, std::size_t length, float temperature, float* out,
                                 unsigned threads) {
  check_softmax_args(length, temperature);
  if (threads == 0) throw InputError("threads", "must be at least 1");
  const ExpScale c = exp_scale_for_temperature(temperature);
  // Below kOnlineParallelMin a second thread costs more than it saves (thread start ~ 20 us).
  if (length < kOnlineParallelMin) threads = 1;
  const std::size_t chunks = (length + kOnlineChunk - 1) / kOnlineChunk;
  auto chunk_length = [&](std::size_t k) { return std::min(kOnlineChunk, length - k * kOnlineChunk); };
  auto pass1 = [&](std::size_t k) {
    return HWY_DYNAMIC_DISPATCH(OnlinePass1)(logits + k * kOnlineChunk, chunk_length(k), c.hi, c.lo, c.value);
  };
  // Merged in chunk order, whatever the thread count: the same S, bit for bit.
  detail::OnlinePartial total;
  if (threads == 1) {
    for (std::size_t k = 0; k < chunks; ++k) total.add(pass1(k), c.value);
  } else {
    (void)kernels_dispatch_target();  // settles the dispatch before other threads use it
    std::vector<detail::OnlinePartial> part(chunks);
    for_each_chunk(chunks, threads, [&](std::size_t k) { part[k] = pass1(k); });
    for (const auto& p : part) total.add(p, c.value);
  }
  if (total.nan || !(total.S >= 1.0)) {  // NaN or +inf somewhere, or every logit -inf
    softmax_special_cases_f32(logits, length, out, false);
    return std::numeric_limits<double>::quiet_NaN();
  }
  const float inv = static_cast<float>(1.0 / total.S);
  const bool stream = length >= (std::size_t{1} << 20) && out != logits;
  for_each_chunk(chunks, threads, [&](std::size_t k) {
    HWY_DYNAMIC_DISPATCH(OnlinePass2)(logits + k * kOnlineChunk, chunk_length(k), total, c.hi, c.lo, c.value, inv,
                                      stream, out + k * kOnlineChunk);
  });
  return total.S;
}

std::vector<float> softmax_f32_online_f64acc(const std::vector<float>& logits, float temperature, unsigned threads) {
  std::vector<float> out(logits.size());
  softmax_f32_online_f64acc(logits.data(), logits.size(), temperature, out.data(), threads);
  return out;
}

}  // namespace attnbound::kernels
#endif
