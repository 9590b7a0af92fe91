// exp_f32_le0: y_i = exp(x_i) for float32 x_i <= 0, the exact element function the softmax kernels run
// (softmax_core-inl.h's ExpShifted with m = 0, T = 1: d = x exactly, t = x log2(e) as a float pair, 2^t).
// Exposed so that the exp inside softmax can be checked exhaustively (exhaustive_exp_check.hpp).
//
// Domain: x <= 0 (including -0 and -inf). x = -inf -> 0; x < -103.98 -> 0 (true value < 2^-150 rounds to 0);
// NaN -> NaN. x > 0 is outside the domain (results are unspecified beyond x = 43).
// Error: measured exhaustively over all 2^31 - 2^23 + 1 float32 inputs x <= 0 against glibc's double exp
// (itself within 1 double ulp): max 1.066 float ulp on the AVX3 target (mean 0.035, max relative 8.97e-8;
// x = -0x1.60d8cp-2), the same on AVX2 (1.0657, mean 0.0345, x = -0.344577); sampled on the targets without FMA (SSSE3, SSE4, scalar; Dekker's product, unfused
// Horner) max 1.30 ulp. kExpUlpBound = 1.5 (softmax_f32_3pass_f64acc.hpp) is the bound the tests enforce on
// every target; subnormal results are within that many subnormal ulps (2^-149).
#pragma once

#include <cstddef>

namespace attnbound::kernels {

void exp_f32_le0(const float* x, std::size_t n, float* y);

// Which Highway target the dispatcher picks on this machine (e.g. "AVX3"), for reports.
const char* kernels_dispatch_target();

}  // namespace attnbound::kernels
