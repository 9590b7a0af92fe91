// sparsemax_f32_sort_f64acc: p = sparsemax(z) = argmin_{q in simplex} ||q - z||^2, p_i = max(z_i - tau, 0), sum p = 1
// (Martins & Astudillo 2016; spec section 5 [E]), float32 in and out, the threshold from a sort of the candidates
// with double accumulation. Google Highway, dynamic dispatch (SSSE3 ... AVX-512 and the scalar fallback).
//
// Algorithm: (1) m = max z (SIMD), with a finiteness check; (2) the candidates C = {i : fl64(z_i - m) >= -1}
// (tau >= m - 1 since psi(m - 1) = sum max(z - m + 1, 0) >= 1, so every support index is one; fl64 is monotone
// and -1 exact, so none is lost), copied as y_i = fl64(z_i - m) and sorted decreasingly (std::sort below 256
// candidates, Highway's vectorised quicksort vqsort above; K log K, K = |C|, usually far below L); (3) the scan k* = max{k : 1 + k y_(k) > S_k}, S_k = sum_{j<=k} y_(j) in double,
// tau_y = (S_k* - 1)/k*; (4) out_i = fl32(max(fl64(fl64(z_i - m) - tau_y), 0)) (SIMD, double lanes).
// Returns tau = m + tau_y (double); the support size and K go to *support_size and *candidates when given.
//
// Domain: L >= 1, every logit finite (InputError "logits[i]" otherwise). out may alias logits.
// Error (a priori, u = 2^-53, K = |C| <= L): |fl64(z_i - m) - (z_i - m)| <= u |z_i - m| <= u (1 + u) on C; the
// recursive sums lose <= (k - 1) u sum|y| <= k^2 u, so the computed tau_k is within (k + 4) u of the exact
// tau_k of the rounded y; the rounded test can only misplace an index whose y is within that of tau_k, which
// moves tau by at most that much divided by k + 1 (tau_{k+1} - tau_k = (y_(k+1) - tau_k)/(k + 1)); and tau is
// 1-Lipschitz in the max-norm of its input (psi shifts by at most max|dy|), adding u. So |tau_y - tau| <=
// (K + 6) u, and the double output before its float rounding is within (K + 9) u of p_i (max(., 0) is
// 1-Lipschitz). Hence |out_i - p_i| <= 0.5 ulp32(p_i) + (K + 9) 2^-53 (subnormal p: ulp 2^-149), which the
// tests enforce against MPFR (kSparsemaxAbsPerCandidate below).
// Reference: Martins & Astudillo, "From softmax to sparsemax" (ICML 2016), Algorithm 1; theory/sparsemax.hpp
// (the MPFR reference through sparsemax<Real>).
#pragma once

#include <cstddef>
#include <vector>

namespace attnbound::kernels {

inline constexpr double kSparsemaxHalfUlp = 0.5;              // the one float rounding of each output
inline constexpr double kSparsemaxAbsPerCandidate = 0x1p-53;  // times (K + 9): the double part of the bound

// *support_size: k*; *candidates: K = |C| (for the error bound).
double sparsemax_f32_sort_f64acc(const float* logits, std::size_t length, float* out, std::size_t* support_size = nullptr,
                                 std::size_t* candidates = nullptr);
std::vector<float> sparsemax_f32_sort_f64acc(const std::vector<float>& logits);

// The absolute part of the error bound for K candidates: (K + 9) 2^-53.
inline double sparsemax_abs_error_bound(std::size_t candidates) {
  return (static_cast<double>(candidates) + 9.0) * kSparsemaxAbsPerCandidate;
}

}  // namespace attnbound::kernels
