// softmax_f32_3pass_f64acc: alpha_i = exp(l_i/T) / sum_j exp(l_j/T) (paper Eq. 2, spec 1.1), float32 in and out,
// three passes over memory: (1) m = max l; (2) e_i = exp((l_i - m)/T) stored to out, S = sum e_i;
// (3) out_i = e_i * fl(1/S). Google Highway, dynamic dispatch over SSSE3/SSE4/AVX2/AVX-512 and a scalar
// (EMU128) fallback; every target computes the same arithmetic (FMA or Dekker's exact product).
//
// Domain: L >= 1, T finite in [1e-30, 1e30], logits any float (NaN/inf: see softmax_special_cases.hpp).
// out may alias logits (in-place).
// Error (a priori, u = 2^-24): each e_i is within kExpUlpBound ulp of exp((l_i - m)/T) (the reduction is
// exact to 2^-43 relative, see softmax_core-inl.h); the float lane sums lose <= 7u, the double sums
// <= L/8 * 2^-53, so |S - S*|/S* <= 7u + kExpUlpBound * 2^-23 + L * 2^-56 <= 6.6e-7 for L <= 2^24
// (spec target 2e-6 at L = 16M); fl(1/S) and the product add u each. Hence, for outputs in the normal
// range, |out_i - alpha_i| <= kSoftmaxUlpBound ulp(alpha_i); subnormal outputs are within that many
// subnormal ulps (2^-149) plus the one rounding of the subnormal result.
// Measured (attnbound kernels, seed 20250823, 95 adversarial inputs, 85240 outputs, AVX3): max 2.27 ulp
// (mean 0.37, median 0.30), max relative 1.55e-7, normaliser max relative 6.9e-8; at L = 2^24 the
// normaliser stays within kNormaliserRelBound (tests enforce it). GPT-2 (144 heads x 4 prompts): max 1.78 ulp.
// Returns the normaliser S = sum_j exp((l_j - m)/T) in [1, L] as computed (NaN when the special-case
// path of softmax_special_cases.hpp ran).
#pragma once

#include <cstddef>
#include <vector>

namespace attnbound::kernels {

// A priori bounds (derivation above); the tests enforce them against MPFR.
inline constexpr double kExpUlpBound = 1.5;        // exp core; measured max 1.066 ulp over every float x <= 0
inline constexpr double kNormaliserRelBound = 2e-6;  // spec target; a priori 6.6e-7 up to L = 2^24
inline constexpr double kSoftmaxUlpBound = 8.0;    // 1.5 + (7u + 1.5 * 2u) / 2u + 2 roundings, rounded up

double softmax_f32_3pass_f64acc(const float* logits, std::size_t length, float temperature, float* out);
std::vector<float> softmax_f32_3pass_f64acc(const std::vector<float>& logits, float temperature);

}  // namespace attnbound::kernels
