// Norms of Jacobians of normalisers (spec 1.6, 2 Lemma 2 / Corollary 3).
#pragma once

#include "theory/arith.hpp"

namespace attnbound {

// ||M||_F = sqrt(sum_ij M_ij^2).
template <class S> S frobenius_norm(const Mat<S>& m) {
  S s(0);
  for (const auto& row : m)
    for (const auto& x : row) s += x * x;
  return sqrt(s);
}

// Euclidean norms of the rows: row i of a Jacobian d alpha / d l is grad_l alpha_i.
template <class S> Vec<S> row_norms(const Mat<S>& m) {
  Vec<S> out;
  for (const auto& row : m) out.push_back(norm2(row));
  return out;
}

// Spectral norm of the softmax Jacobian (diag p - p p^T)/T through the secular equation of the
// rank-one update: its largest eigenvalue is p_(1) when the largest weight is attained twice, else the
// unique root in (p_(2), p_(1)) of f(lambda) = 1 - sum_i p_i^2/(p_i - lambda) (f decreasing there).
// Real: safeguarded Newton to full precision. Interval: the bracket starts at [second largest lower end,
// largest upper end] (valid whichever index is largest) and each end moves only on a certified sign of f
// at a point certainly inside (p_(2), p_(1)), so the result encloses the exact norm (jacobian_norms.cpp).
template <class S> S softmax_jacobian_spectral_norm(const Vec<S>& weights, const S& temperature);

// Spectral norm ||M||_2 = sqrt(lambda_max(M^T M)) of a general square matrix.
// float/double/Real: Eigen's SelfAdjointEigenSolver on M^T M (Real through Boost's Eigen bindings).
// Interval: a certified enclosure [||M v||/||v||, sqrt(g/(1-e))] with v the top right singular vector of the
// midpoint matrix and the upper end from a Gershgorin bound on V^T (M^T M) V for approximate eigenvectors V
// with an Ostrowski correction for V^T V != I (see jacobian_norms.cpp); tight to O(n 2^-bits) relative for
// n <= 48 columns, to ~1e-16 relative up to 160 columns, and min(||M||_F, sqrt(||M||_1||M||_inf)) beyond.
// The softmax secular root: safeguarded Newton on midpoints, then a certified sign bracket around it.
template <class S> S spectral_norm(const Mat<S>& m);

}  // namespace attnbound
