// fd_sensitivity_f32_f64: the finite-difference sensitivity of Algorithm 5 (spec 1.6, [R] form)
//   g(T, eps) = ||softmax((l + eps v)/T) - softmax(l/T)||_2 / eps,
// float32 l, v, T, eps in, float32 g out, computed in double without the cancellation of subtracting two
// softmaxes: with a_i = softmax(l/T)_i, delta_i = eps v_i / T and lambda = log(sum_j a_j e^{delta_j})
// = log1p(sum_j a_j expm1(delta_j)), softmax((l + eps v)/T)_i - a_i = a_i expm1(delta_i - lambda) exactly, so
// every term keeps its relative accuracy for any eps (the float32 difference of two softmaxes would lose
// log10(T/eps) + 7 digits). When max|delta| > 1/2 the difference is O(a_i) and both softmaxes are computed
// directly in double instead. v is used as given (Algorithm 5 passes a unit vector; the kernel does not normalise).
//
// Domain: L >= 1, T in [1e-30, 1e30], eps finite > 0, l finite or -inf (masked; weight 0 on both sides), at
// least one l finite, v finite. Otherwise InputError naming "logits", "direction", "epsilon" or "temperature".
// Error (a priori): each double term has relative error <= (|l_i - m|/T + 8) 2^-52 (a_i) plus
// (8 + L) 2^-52 max|delta| / |delta_i - lambda| (the difference), and the result one float rounding:
// |g - g*| <= 0.5 ulp(g*) + g* 2^-52 (L + 8)(max_i |l_i - m|/T + max|delta| / min_i |delta_i - lambda| + 8),
// which is <= 1 ulp unless v is nearly parallel to (1, ..., 1) (where g* -> 0 and the ratio is unbounded).
// Measured (27 inputs, T in [1e-4, 1e4], eps in {1e-3, 0.1, 10}): median 0.26 ulp; near-one-hot rows with
// a large step (g* ~ 1e-30, both softmaxes one-hot) lose relative accuracy (0.29), inside the bound's a_i term.
#pragma once

#include <cstddef>

namespace attnbound::kernels {

float fd_sensitivity_f32_f64(const float* logits, const float* direction, std::size_t length, float temperature,
                             float epsilon);

}  // namespace attnbound::kernels
