// ||J||_2 of the softmax Jacobian J = (diag p - p p^T)/T enclosed to a relative accuracy also when p is one-hot
// to within e^-1000 (alt.low_temperature's regime, where ||J||_2 is ~e^-1000/T and the forms
// sum p v^2 - (sum p v)^2 cancel O(1) terms down to it).
//
// Contract: w from check/normaliser_weights.hpp (complements o_i summed without cancellation), T > 0. The
// result is a ball [lower, upper] containing ||J||_2 = lambda_max(A)/T, A = diag p - p p^T (positive
// semidefinite), with
//   lower = max( max_i p_i o_i,  R(e_top - e_second),  R(v) ) / T,  R(v) = v^T A v / v^T v <= lambda_max,
//           v^T A v = sum_{i<j} p_i p_j (v_i - v_j)^2 (A is the Laplacian of the complete graph with edge
//           weights p_i p_j: a sum of nonnegative terms, no cancellation; O(L^2)), v the checker's own
//           eigenvector estimate (check/softmax_jacobian_eigen_estimate.hpp);
//   upper = min( max_i 2 p_i o_i / T, ||J||_F, max_i p_i / T, s ) with s the own shift when s I - J is
//           certified positive definite (check/softmax_jacobian_bounds.hpp, whose pivot form cancels only
//           down to the margin s - lambda_max).
// L = 1: [0, 0].
// Reference: check/softmax_jacobian_bounds.hpp; Golub (1973) for the secular equation.
#pragma once

#include "check/normaliser_weights.hpp"

namespace attnbound::check {

Ball softmax_jacobian_norm_enclosure(const Weights& w, const Ball& T, long prec);
// v^T (diag p - p p^T) v / v^T v in the Laplacian form (nullopt-free: a ball; infinite when v^T v is not
// certified > 0).
Ball softmax_laplacian_rayleigh(const Weights& w, const std::vector<Ball>& v, long prec);

}  // namespace attnbound::check
