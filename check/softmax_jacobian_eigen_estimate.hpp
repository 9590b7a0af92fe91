// The checker's own estimate of the top eigenpair of the softmax Jacobian J = (diag p - p p^T)/T, for sides
// whose certificates carry no witness (the alternatives: entmax-1.5, SSMax). Accuracy only: every number it
// returns is re-proved by the caller (check/softmax_jacobian_bounds.hpp), never trusted.
//
// Contract: w from check/normaliser_weights.hpp with L >= 2 and two distinct largest weights by midpoint
// (otherwise nothing is returned: at a tie the top pair e_a - e_b is the eigenvector). lambda_max of
// A = diag p - p p^T lies in (p_(2), p_(1)) and is the root there of the secular function
//   1 - sum_i p_i^2 / (p_i - x) = -x g(x),   g(x) = sum_i p_i / (p_i - x)     (sum p = 1; rank-one update,
// det(A - x I) = det(diag p - x I)(1 - sum_i p_i^2/(p_i - x))). g has no cancellation of O(1) terms when p_top is
// near 1 (its top term is ~1 and balances the others), unlike the first form; g' = sum p_i/(p_i - x)^2 > 0, so g
// is strictly increasing on (p_(2), p_(1)): g(x) < 0 certified in Arb gives x < lambda_max and g(x) > 0 gives
// x > lambda_max. Safeguarded Newton (each step shrinks the certified bracket [lo, hi], then takes x - g/g' inside it or else the bisection point; points rounded at
// `prec`, never exact sums: the weights' exponents may differ by 10^12), at most 64 + 2 log2(prec) steps,
// stopping when Arb cannot decide the sign. The vector v_i = p_i / (p_i - x) is the eigenvector of the root x
// (rounded to exact points); the shift is x padded by twice the Newton step at x and 2^-(prec-32) relative,
// at most hi, over T, rounded up. The caller proves: Rayleigh quotient v^T J v / v^T v <= ||J||_2 (any v != 0),
// and s I - J positive definite => ||J||_2 < s.
// Reference: Golub, "Some modified matrix eigenvalue problems" (1973), the secular equation.
#pragma once

#include "check/normaliser_weights.hpp"

#include <optional>

namespace attnbound::check {

struct EigenEstimate {
  std::vector<Ball> vector;  // exact points (radius 0)
  Ball shift;                // an exact point, meant to be >= lambda_max(J)
};

std::optional<EigenEstimate> softmax_jacobian_eigen_estimate(const Weights& w, const Ball& T, long prec);

}  // namespace attnbound::check
