// softmax_jvp_f32_f64acc: the softmax Jacobian-vector product J v = (p * v - p (p^T v)) / T
// (J = (diag p - p p^T)/T, spec 1.6 / Corollary 3), float32 p, v in and float32 out, double inside.
// dot = p^T v accumulates the exact double products p_i v_i (24 + 24 bits < 53) in double; then
// out_i = fl(p_i (v_i - dot) / T) evaluated in double.
//
// Domain: p, v finite floats of length L >= 1 (p is normally a softmax output, but any finite p is
// evaluated as written), T finite in [1e-30, 1e30]. NaN or inf in p or v -> every output NaN. Results
// beyond FLT_MAX overflow to +-inf.
// Error (a priori): |dot - p^T v| <= L 2^-53 sum|p_j v_j| (recursive double sum), and the three double
// operations after it add <= 3 * 2^-53 relative; with the final rounding:
//   |out_i - (Jv)_i| <= 0.5 ulp((Jv)_i) + 2^-52 (p_i / T) ((L + 4) sum_j |p_j v_j| + 4 |v_i|).
// The second term matters only where v_i ~ p^T v (cancellation inherent to the formula); elsewhere the
// error is <= 0.5 ulp + 1e-9 ulp. jvp_error_bound_excess() evaluates the second term for the tests.
// Measured (22 inputs, 17676 outputs): median 0.02 ulp; the max (1.2e7 ulp, an output of 3e-16 returned as
// 0 where v_i = p^T v to double precision) is inside the cancellation term of the bound.
#pragma once

#include <cstddef>
#include <vector>

namespace attnbound::kernels {

void softmax_jvp_f32_f64acc(const float* p, const float* v, std::size_t length, float temperature, float* out);
std::vector<float> softmax_jvp_f32_f64acc(const std::vector<float>& p, const std::vector<float>& v,
                                          float temperature);

// The absolute error bound above minus its 0.5 ulp term, for element i.
double jvp_error_bound_excess(const float* p, const float* v, std::size_t length, float temperature, std::size_t i);

}  // namespace attnbound::kernels
