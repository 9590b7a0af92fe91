// Exhaustive check of exp_f32_le0 (the exp inside every softmax kernel) over every float32 x <= 0:
// all 2^31 - 2^23 + 1 bit patterns from -0 to -inf (NaN patterns excluded; NaN -> NaN is checked apart).
// Reference: glibc's double exp (within 1 double ulp, so the float ULP figure is within 2^-28 of the
// figure against the exact value) for x >= -104; below, the exact value is < 2^-150 and the correct
// float result is 0, which is checked without calling exp. Split over `threads` threads.
#pragma once

#include "kernels/error_stats.hpp"

#include <cstdint>

namespace attnbound::kernels {

struct ExhaustiveExpResult {
  std::uint64_t inputs = 0;          // float inputs checked
  std::uint64_t nonzero_range = 0;   // of which x >= -104 (compared against exp)
  ErrorSummary ulp;                  // over all inputs with a reference >= 2^-126 ... and all others
  ErrorSummary rel;                  // normal-range references only
  float worst_x = 0;                 // an input with the largest ULP error
  float worst_y = 0;
  double worst_ref = 0;
  std::uint64_t zero_range_failures = 0;  // x < -104 whose result is not +0
  bool nan_propagates = false;
  double seconds = 0;
  unsigned stride = 1;               // 1: exhaustive; k: every k-th pattern (sanitizer builds only)
};

ExhaustiveExpResult exhaustive_exp_check(unsigned threads, unsigned stride = 1);

}  // namespace attnbound::kernels
