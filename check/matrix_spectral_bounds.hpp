// Bounds of the spectral norm ||J||_2 of a general (non-symmetric) square matrix of balls, in Arb: used for
// SA-Softmax's Jacobian (check/alt_sa_softmax_sides.cpp).
//
// Contract: J is L x L, every entry a ball containing the exact entry; the results hold for every matrix of
// points in the balls.
//   lower = max( max_j ||J e_j||,  ||J v|| / ||v|| )   (any column, any v != 0: ||J v|| <= ||J||_2 ||v||); v is
//           the checker's own estimate of the top right singular vector (power iteration on J^T J in double on
//           the midpoints, rounded to exact points: a choice of accuracy only; skipped when not finite).
//   upper = min( ||J||_F,  sqrt(||J||_1 ||J||_inf) )   (Frobenius; Hoelder / Riesz-Thorin).
// at_most(J, b): ||J||_2 <= b is proved when upper <= b, or when b > 0 and b^2 I - J^T J is certified
// positive definite by Arb's Cholesky (arb_mat_cho; O(L^3)), since then v^T J^T J v < b^2 v^T v for v != 0.
// Reference: Golub & Van Loan, Matrix Computations (4th ed.), 2.3 (norm inequalities), 4.2 (Cholesky).
#pragma once

#include "check/ball.hpp"

#include <vector>

namespace attnbound::check {

using BallMatrix = std::vector<std::vector<Ball>>;

Ball matrix_spectral_lower(const BallMatrix& J, long prec);  // a ball whose points are all <= ||J||_2
Ball matrix_spectral_upper(const BallMatrix& J, long prec);  // a ball whose points are all >= ||J||_2
bool matrix_spectral_at_most(const BallMatrix& J, const Ball& b, long prec);
// b^2 I - G certified positive definite by arb_mat_cho, for a Gram matrix G = J^T J given by its entries (so
// ||J||_2 < b); lemma2.jacobian passes its closed form of J^T J (check/statement_sides.cpp).
bool shifted_gram_positive_definite(const BallMatrix& G, const Ball& b, long prec);

}  // namespace attnbound::check
