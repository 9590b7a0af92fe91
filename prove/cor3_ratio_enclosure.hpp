// Upper bounds over a box of logits on the ratio ||J|| / bound of the corrected Corollary 3
// (theory/cor3_softmax_jacobian_corrected.hpp), in double intervals with outward rounding (prove/, issue 14).
//
// With A = diag p - p p^T, p = softmax(z), z = l / T, the corrected ratios depend on z only:
//   spectral    2 ||A||_2                   (||J||_2 = ||A||_2 / T, bound 1/(2T))
//   frobenius   2 ||A||_F                   (||A||_F^2 = sum_i p_i^2 (o_i^2 + q_i), o_i = 1 - p_i, q_i = sum_{j!=i} p_j^2)
//   per_weight  2 sqrt 2 max_i ||A e_i||_2  (bound sqrt 2 / (4T); ||A e_i||^2 = p_i^2 (o_i^2 + q_i))
// Contract: for every z in the box, ratio(z) <= upper (a certified bound: every step is a directed double
// operation, theory/double_interval.hpp). Method, for a smooth function R of the weights (R = ratio^2 for
// frobenius and per row for per_weight), the mean-value form around the centre c:
//   R(z) = R(c) + grad_z R(xi) . (z - c) for some xi on the segment [c, z] (inside the box, which is convex), so
//   R(z) <= hi(R(c)) + sum_k sup_box |d R / d z_k| r_k,   r_k the half-width of coordinate k,
// with the chain rule through softmax (d p / d z = A, symmetric): d R / d z_k = p_k (g_k - sum_i p_i g_i),
// g = grad_p R, enclosed over the box from the weights' box enclosures (prove/softmax_box_weights.hpp).
// Near a maximum the gradient vanishes, so the form's excess is O(width^2) there.
// Also, valid everywhere and used when smaller: per_weight, the row formula on the box enclosures directly;
// spectral, ||A||_2 <= ||A||_F and ||A||_2 <= max_i p_i (diag p - p p^T <= diag p in the semidefinite order).
// The returned `split` is the free coordinate (z_0 is fixed at 0 by the shift) whose term in the active bound
// is largest: bisecting it shrinks that bound the most.
// Reference: Moore, Kearfott, Cloud, "Introduction to Interval Analysis" (2009), section 6.4 (mean value form).
#pragma once

#include "theory/double_interval.hpp"

#include <string>
#include <vector>

namespace attnbound::prove {

enum class Cor3Norm { spectral, frobenius, per_weight };

// "spectral" | "frobenius" | "per_weight"; InputError naming `variant` otherwise.
Cor3Norm cor3_norm_of(const std::string& variant);

struct RatioUpper {
  double upper = 0;       // >= ratio(z) for every z in the box
  std::size_t split = 0;  // the coordinate to bisect (>= 1)
};

// The point c the mean-value form expands around, 0.5 lo + 0.5 hi per coordinate (clamped into [lo, hi]); prove
// bisects at the same point.
std::vector<double> box_centre(const std::vector<DoubleInterval>& box);

RatioUpper cor3_corrected_ratio_upper(Cor3Norm norm, const std::vector<DoubleInterval>& box);

// The ratio at a point in plain double (uncertified: it ranks candidates; a counterexample is certified by
// the engine). Spectral: the largest root of the secular equation 1 = sum_i p_i^2 / (p_i - lambda), by
// bisection on (p_(2), p_(1)).
double cor3_corrected_ratio_estimate(Cor3Norm norm, const std::vector<double>& z);

}  // namespace attnbound::prove
