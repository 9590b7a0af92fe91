// top_n_distance_f32_f64acc: the top-N set I_N, the context vector s = sum_{i in I_N} alpha_i x_i and the
// representation distance d~ = sum_{i notin I_N} ||alpha_i x_i - s||_2 (spec 1.3, paper Eqs. 6-7, reading (a),
// the project default), float32 weights and embeddings in, float32 s and d~ out, double inside.
//
// Selection: the N largest alpha_i, ties broken by the lower index (spec conventions), in O(L) with
// nth_element on the total order (alpha desc, index asc); indices are returned in increasing order.
// The selection compares floats exactly, so it is the exact top-N set of the given weights.
// Domain: alpha (length L >= 1) and x (L rows of d >= 1 floats, row-major) finite; 1 <= N <= L.
// NaN or inf in alpha or x -> InputError naming "alpha" or "x" (the kernel refuses rather than guesses).
// Error (a priori): products alpha_i x_ik are exact in double; s_k in double is within N 2^-53 sum|alpha_i x_ik|;
// each norm and the sum add <= (d + L + 3) 2^-53 relative; with the final roundings:
//   |s_k - s*_k| <= 0.5 ulp(s*_k) + N 2^-53 sum_{i in I_N} |alpha_i x_ik|,
//   |d~ - d~*| <= 0.5 ulp(d~*) + 2^-52 (L + d + N + 3) sum_{i notin I_N} (||alpha_i x_i|| + sqrt(d) max_k (N sum_{j in I_N}|alpha_j x_jk|)).
// distance_error_bound_excess() evaluates the second term for the tests.
// Measured (144 inputs incl. all-tied and pairwise-tied weights): sets exact, s and d~ max 0.50 ulp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace attnbound::kernels {

struct TopNDistance {
  std::vector<std::uint32_t> indices;  // I_N, increasing
  std::vector<float> context;          // s (d values)
  float distance = 0.0f;               // d~, reading (a)
};

TopNDistance top_n_distance_f32_f64acc(const float* alpha, const float* x, std::size_t length, std::size_t dim,
                                       std::size_t top_n);

// I_N alone (same order and tie rule), for kernels that need only the set.
std::vector<std::uint32_t> top_n_indices_f32(const float* alpha, std::size_t length, std::size_t top_n);

// The distance bound above minus its 0.5 ulp term.
double distance_error_bound_excess(const float* alpha, const float* x, std::size_t length, std::size_t dim,
                                   const std::vector<std::uint32_t>& indices);

}  // namespace attnbound::kernels
