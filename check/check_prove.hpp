// Re-verification of a `prove` certificate (prove/branch_and_bound.hpp) in Arb (issue 14 item 1).
//
// Contract: check_prove_certificate confirms the certificate only when
//   * the header is well formed: statement cor3.softmax_jacobian[.corrected] (variant spectral | frobenius |
//     per_weight), lemma2.jacobian (spectral | frobenius) or thm1.fixed (tight; length <= 6), 2 <= length <= 12, logits.lo and logits.hi decimals that are exactly doubles with
//     -700 <= lo < hi <= 0, a positive temperature, a positive target_ratio, status proved | refuted | incomplete;
//   * status refuted: the counterexample's certificate (format attnbound-certificate) names the same statement
//     and variant and is confirmed by check_certificate (the point is a certified violation);
//   * status proved | incomplete: the tree, replayed from the root box (z_1 = 0, z_2..z_L in [lo, hi]) with the
//     checker's own bisection at the centre 0.5 lo + 0.5 hi (any split point gives a cover, so a different
//     rounding could not make the leaves miss a point), is consumed exactly; every 'p' leaf certainly holds no
//     sorted point (lo_j > hi_i for some i < j); every 'c' leaf has ratio <= target_ratio for every point of
//     the box, proved below; 'o' leaves appear only when the status is incomplete; leaf_upper has one entry per
//     'c' and 'o' leaf. "proved" then means: sup over the domain of the ratio <= target_ratio.
// Leaf bound (Arb, 128 bits), an algorithm other than the engine's closed-form gradients: the weights' exact
// ranges over the box by monotonicity (p_i increases with z_i, decreases with z_j), A = diag p - p p^T formed
// entrywise, and for R = ratio^2 (4 ||A||_F^2, or 8 ||A e_i||^2 per row) the mean-value bound
//   R(z) <= R(c) + sum_k sup |dR/dz_k| r_k,  dR/dz_k = 8 sum_ij A_ij dA_ij/dz_k (Frobenius; 16 sum_j A_ij dA_ij/dz_k
//   per row), dA_ij/dz_k = delta_ij A_ik - A_ik p_j - p_i A_jk  (d p_i / d z_k = A_ik),
// summed over the matrix (O(L^3)) rather than through the engine's gradient in p. Spectral: the smaller of
// 2 max_i p_i (interlacing, diag p - p p^T <= diag p) and the Frobenius bound. The paper's form multiplies by
// kappa = 1 / (c min{1/4, sqrt 2 T}), c = 2 or 2 sqrt 2 (per_weight). Lemma 2 with F = exp (lemma2.jacobian,
// spectral / frobenius): the ratio is ||A|| G with G = L^2 m^2 / (L m + sum e^{2 z_i}), m = e^{min z}; the leaf
// bound is (the bound above on 2 ||A||) / 2 times G's upper end L^2 m_hi^2 / (L m_lo + sum e^{2 lo_i}).
// Theorem 1 part 1 (thm1.fixed, tight, d~ reading (a)): the header also holds dim (1..3), top_n (1..L-1) and the x
// interval {lo, hi} (exact doubles); the root box adds x_{i,k} in [x_lo, x_hi] (row 0 in [0, x_hi] when x_lo = -x_hi);
// a 'p' leaf may also be a box whose x part reaches neither x_lo nor x_hi (no point of the x box's surface: the
// x scaling reduction); a 'c' leaf is re-proved as d~ - target * bound <= 0 at every sorted point by the mean-value
// bound of f = Q - T B with a Clarke generalized gradient taken through the weights: df/dalpha_a from
// v_i = alpha_i x_i - sum_{j<N} alpha_j x_j and abar = sum_{j<N} alpha_j, then df/dz_b = sum_a df/dalpha_a A_ab with
// A formed entrywise (the engine differentiates in z directly); d/dx through v_i / ||v_i|| and the hull of the
// candidates of each max (d_1, M); or hi(Q) <= T lo(B) with the bracket >= 0 at sorted points; own refinement as above.
// Outcome: confirmed / rejected (with the first failing leaf) ; malformed input throws InputError.
#pragma once

#include "check/check_certificate.hpp"

#include <nlohmann/json.hpp>

namespace attnbound::check {

inline constexpr const char* kProveCertificateFormat = "attnbound-prove-certificate";

struct ProveCheckOutcome {
  CheckOutcome outcome;
  long leaves = 0, closed_confirmed = 0, pruned_confirmed = 0, open = 0;
  double largest_checker_upper = 0;  // the largest leaf upper end the checker proved (approximate, for reading)
};

bool is_prove_certificate(const nlohmann::json& j);
ProveCheckOutcome check_prove_certificate(const nlohmann::json& j, const CheckOptions& options = {});

}  // namespace attnbound::check
