// entmax15_f32_sort_f64acc: p = entmax-1.5(z), p_i = max(z_i/2 - tau, 0)^2, sum p = 1 (Peters, Niculae & Martins
// 2019, alpha = 3/2; spec section 5 [E]), float32 in and out, the threshold from a sort of the candidates with
// double accumulation. Google Highway, dynamic dispatch (SSSE3 ... AVX-512 and the scalar fallback).
//
// Algorithm (y = (z - m)/2 in double, m = max z, so max y = 0): (1) m (SIMD) with a finiteness check;
// (2) candidates C = {i : y_i >= -1} (tau >= -1 since phi(-1) = sum max(y + 1, 0)^2 >= 1; fl64 is monotone and
// halving exact, so none of the support is lost), sorted decreasingly (std::sort below 256, vqsort above);
// (3) the scan of Peters et al. (Alg. 2): with Welford's mean_k, M2_k, delta_k = (1 - M2_k)/k,
// k* = max{k : delta_k >= 0, mean_k - sqrt(delta_k) < y_(k)} (a choice); then mean and M2 of the top k*
// recomputed in two passes and tau = mean - sqrt((1 - M2)/k*); (4) out_i = fl32(max(y_i - tau, 0)^2) (SIMD,
// double lanes). Returns tau + m/2 (the threshold in the coordinates z/2).
//
// Domain: L >= 1, every logit finite (InputError "logits[i]" otherwise). out may alias logits.
// Error (a priori, u = 2^-53, K = |C|): |fl64(y_i) - y_i| <= u on C, and tau is 1-Lipschitz in the max-norm of y
// (phi shifts by at most max|dy|): u. For the right k: the two-pass mean is within k u of the exact mean of the
// rounded y (|y| <= 1), M2 within (k + 3) u M2 + 2 u; on the support sum g = sum (y - tau) >= sum g^2 = 1
// (0 <= g <= 1), so sqrt(delta) = mean(g) >= 1/k and the square root turns an error e of delta into <= k e / 2:
// (k + 5) u / 2. So the computed tau is within (3K/2 + 8) u of the exact one (the subtraction and the sqrt
// rounding add 3 u); a misplaced index (y within that of tau_k) moves tau by no more. Then g_i = y_i - tau is
// within E = (3K/2 + 11) u, g^2 within 2E + E^2 + u (g <= 1), and the float rounding adds half an ulp:
// |out_i - p_i| <= 0.5 ulp32(p_i) + (3K + 26) 2^-53 (for E <= 1/2), enforced against MPFR by the tests.
// Reference: Peters, Niculae & Martins, "Sparse sequence-to-sequence models" (ACL 2019), Algorithm 2;
// theory/entmax15.hpp (the MPFR reference through entmax15<Real>).
#pragma once

#include <cstddef>
#include <vector>

namespace attnbound::kernels {

// *support_size: k*; *candidates: K = |C| (for the error bound).
double entmax15_f32_sort_f64acc(const float* logits, std::size_t length, float* out, std::size_t* support_size = nullptr,
                                std::size_t* candidates = nullptr);
std::vector<float> entmax15_f32_sort_f64acc(const std::vector<float>& logits);

// The absolute part of the error bound for K candidates: (3K + 26) 2^-53.
inline double entmax15_abs_error_bound(std::size_t candidates) {
  return (3.0 * static_cast<double>(candidates) + 26.0) * 0x1p-53;
}

}  // namespace attnbound::kernels
