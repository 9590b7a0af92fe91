// softmax_f32_online_f64acc: the same softmax as softmax_f32_3pass_f64acc (paper Eq. 2, spec 1.1) in two
// passes over memory with an online normaliser (Milakov & Gimelshein 2018, "Online normalizer calculation
// for softmax"): pass 1 reads each block of 2048 logits from memory once (max, min, finiteness), takes the
// block sum s_b = sum exp((l_i - m_b)/T) while the block is in L1 (prefetching the next block meanwhile), and
// merges (M, S) <- (max(M, m_b), S 2^((M - M')c) + s_b 2^((m_b - M')c)) in double; pass 2 writes
// out_i = exp((l_i - M)/T) * fl(1/S), with non-temporal stores when L >= 2^20 and out is vector-aligned.
// Memory traffic 2 reads + 1 write per element instead of 3 reads + 2 writes (plus write-allocate), at the
// price of two exps per element: slower than the three-pass kernel in cache, faster out of cache
// (kernels/README.md: 1.32x at L = 16M on one thread, 1.94x on two; 1.27x and 1.47x on the earlier AVX2 VM).
//
// Domain, NaN/inf behaviour: as softmax_f32_3pass_f64acc (softmax_special_cases.hpp). out may alias logits.
// Error: as the three-pass kernel plus the merge factors 2^((m_b - M)c), computed in double from exact
// float differences (relative error <= |(m_b - M)c| 2^-52 + 2^-53, negligible): the same a priori
// bounds kNormaliserRelBound and kSoftmaxUlpBound hold, and the tests enforce them against MPFR.
// Returns the normaliser S = sum_j exp((l_j - M)/T) (NaN when the special-case path ran).
//
// Threads: pass 1 runs per chunk of kOnlineChunk logits, giving (M_k, S_k); the chunks are merged in chunk
// order, and pass 2 is elementwise, so the output is the same bits for every `threads`. With threads > 1 and
// L >= kOnlineParallelMin, each pass splits the chunks between that many threads (std::thread, the caller
// among them): out of cache the two passes are memory-bound on one core, and a second core adds bandwidth.
// threads = 0 is an InputError.
#pragma once

#include <cstddef>
#include <vector>

namespace attnbound::kernels {

inline constexpr std::size_t kOnlineChunk = std::size_t{1} << 16;
inline constexpr std::size_t kOnlineParallelMin = std::size_t{1} << 20;

double softmax_f32_online_f64acc(const float* logits, std::size_t length, float temperature, float* out,
                                 unsigned threads = 1);
std::vector<float> softmax_f32_online_f64acc(const std::vector<float>& logits, float temperature,
                                             unsigned threads = 1);

}  // namespace attnbound::kernels
