// The candidates of the simplex-projection kernels (sparsemax_f32_sort_f64acc, entmax15_f32_sort_f64acc): the
// shifted, scaled logits y_i = fl64(z_i - m) * scale (scale 1 or 1/2: exact) with y_i >= -1, sorted decreasingly.
//
// Contract: m = max z (from the kernel's SIMD pass); every support index has y_i > tau >= -1 (the kernel's
// bracket), and fl64 is monotone with -1 exact, so none of the support is dropped. Sorted by std::sort below
// 256 values and by Highway's vectorised quicksort (vqsort) from 256 on (faster there in bench/sparsemax_bench).
// check_finite_logits throws InputError("logits[i]") for the first non-finite logit.
// Reference: none (a filter and a sort).
#pragma once

#include <cstddef>
#include <vector>

namespace attnbound::kernels {

std::vector<double> sorted_candidates(const float* z, std::size_t n, float m, double scale);
void check_finite_logits(const float* z, std::size_t n);

}  // namespace attnbound::kernels
