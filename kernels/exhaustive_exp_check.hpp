// Exhaustive check of exp_f32_le0 (the exp inside every softmax kernel) over every float32 x <= 0:
// all 2^31 - 2^23 + 1 bit patterns from -0 to -inf (NaN patterns excluded; NaN -> NaN is checked apart).
// Every pattern is run through the kernel and compared with a double reference:
//   * -2^-12 < x <= 0: the Taylor polynomial 1 + x + x^2/2 + x^3/6 + x^4/24 in double (Horner, FMA where the
//     CPU has it). Truncation |x|^5/120 < 2^-66.9; the Horner roundings add <= 4 * 2^-53 * |x| <= 2^-63, the
//     final 1 + p one <= 2^-53: within 2^-53 + 2^-62 relative of exp(x) (e^x >= 1 - 2^-12).
//   * -104 <= x <= -2^-12: glibc's double exp: libmvec's AVX2 exp where the CPU has AVX2 (measured against
//     MPFR up to 1.66 * 2^-52 relative; claimed and tested: 2^-51), else the scalar exp (2^-52).
//   Either way the reference is within 2^-51 relative of exp(x), so the float ULP figures are within 2^-27
//   ulp of the figures against the exact value (exhaustive_exp_check_test.cpp checks both references against
//   MPFR on samples).
//   * x < -104: the exact value is < 2^-150 and the correct float result is +0, checked without a reference.
// The error bookkeeping (ULP and relative error, sums, max, the 1/64-octave histogram of error_stats) is
// vectorised (AVX2) where the CPU has it, with a scalar path of the same arithmetic; the work is shared by
// `threads` threads in blocks of 2^16 patterns handed out dynamically.
#pragma once

#include "kernels/error_stats.hpp"

#include <cstddef>
#include <cstdint>

namespace attnbound::kernels {

struct ExhaustiveExpResult {
  std::uint64_t inputs = 0;          // float inputs checked
  std::uint64_t nonzero_range = 0;   // of which x >= -104 (compared against the reference)
  std::uint64_t taylor_range = 0;    // of which x > -2^-12 (reference: the Taylor polynomial)
  ErrorSummary ulp;                  // over all inputs (the median from 1/64-octave bins)
  ErrorSummary rel;                  // normal-range references only
  float worst_x = 0;                 // an input with the largest ULP error
  float worst_y = 0;
  double worst_ref = 0;
  std::uint64_t zero_range_failures = 0;  // x < -104 whose result is not +0
  bool nan_propagates = false;
  double seconds = 0;                // wall time
  double cpu_seconds = 0;            // CPU time of all threads (the machine may be shared)
  unsigned stride = 1;               // 1: exhaustive; k: every k-th pattern (sanitizer builds only)
  unsigned threads = 1;
  bool simd_bookkeeping = false;     // whether the AVX2 bookkeeping path ran
};

// scalar_bookkeeping = true forces the scalar path (tests compare the two).
ExhaustiveExpResult exhaustive_exp_check(unsigned threads, unsigned stride = 1, bool scalar_bookkeeping = false);

// The double reference described above, for -104 <= x[i] <= 0 (any other x: glibc's exp).
void exhaustive_exp_reference(const float* x, std::size_t n, double* r);

}  // namespace attnbound::kernels
