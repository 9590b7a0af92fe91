// Norms of the softmax Jacobian J = (diag p - p p^T)/T in Arb, by algorithms other than the engine's.
//
// Contract (p, o, q from check/softmax_weights.hpp; every result contains the exact value, or for the
// spectral bounds is a certified bound):
//   row_norm(i)     = p_i sqrt(o_i^2 + q_i) / T          (row i of T J: p_i (e_i - p), |.|^2 = p_i^2(o_i^2 + q_i))
//   frobenius       = sqrt(sum_i p_i^2 (o_i^2 + q_i)) / T
//   spectral_lower  = max_i p_i o_i / T                  (lambda_max >= e_i^T J e_i = J_ii; J is PSD so ||J||_2
//                                                          = lambda_max)
//   spectral_upper  = min(max_i 2 p_i o_i / T, frobenius) (||J||_2 <= ||J||_inf for symmetric J; <= ||J||_F)
//   rayleigh(v)     = (sum p_i v_i^2 - (sum p_i v_i)^2) / (T sum v_i^2) <= lambda_max for any v != 0
//   shift_is_upper(s): true only if s I - J is certified positive definite (so lambda_max < s). sI - J =
//     D + w w^T with D = diag(s - p_i/T), w_i^2 = p_i^2/T; the LDL^T of a diagonal plus rank-one matrix has the
//     pivots d'_i = D_i + c_i w_i^2, c_{i+1} = c_i D_i / d'_i, c_1 = 1 (the Schur complement after pivot i is
//     again diagonal plus c_{i+1} w w^T); the matrix is PD iff every pivot is > 0 (Sylvester). O(L); the
//     dominant index is eliminated last: every earlier D_i must be > 0 (s > lambda_max >= p_(2)/T), which
//     makes those pivots positive, and the last pivot is evaluated in closed form without cancellation.
// Reference: Cauchy interlacing / Golub, "Some modified matrix eigenvalue problems" (1973); Gill, Golub,
// Murray, Saunders, "Methods for modifying matrix factorizations" (1974), method C1.
#pragma once

#include "check/normaliser_weights.hpp"

#include <optional>

namespace attnbound::check {

Ball softmax_jacobian_row_norm(const Weights& w, std::size_t i, const Ball& T, long prec);
Ball softmax_jacobian_frobenius(const Weights& w, const Ball& T, long prec);
Ball softmax_jacobian_max_row_norm(const Weights& w, const Ball& T, long prec);
Ball softmax_jacobian_spectral_lower(const Weights& w, const Ball& T, long prec);
Ball softmax_jacobian_spectral_upper(const Weights& w, const Ball& T, long prec);
// max_i p_i / T >= ||J||_2 (diag p - p p^T <= diag p), with one-sided ends: S >= sum of the F_j's lower ends
// (each clamped at 0, summed rounding down) and p_i <= hi(F_i) / that (rounding up), so a tie's bound
// p_(1)/T = 1/(2T) is reached exactly even when the other weights are far below the precision (a ball's
// two-sided radius would put S below its true value there). A ball of radius 0.
Ball softmax_jacobian_max_weight_upper(const Weights& w, const Ball& T, long prec);
// nullopt when v is zero (no certified nonzero denominator).
std::optional<Ball> softmax_jacobian_rayleigh(const Weights& w, const std::vector<Ball>& v, const Ball& T, long prec);
// The two largest weights' difference vector e_top - e_second (the eigenvector at a two-way tie).
std::vector<Ball> top_pair_vector(const Weights& w);
bool softmax_jacobian_shift_is_upper(const Weights& w, const Ball& s, const Ball& T, long prec);

}  // namespace attnbound::check
