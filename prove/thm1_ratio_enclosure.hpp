// Theorem 1 part 1 (fixed top-N set, the tight variant, d~ reading (a)) over a box of logits and embeddings, in
// double intervals with outward rounding (prove/, issue 14 item 2; theory/thm1_fixed.hpp is the statement).
//
// Domain: a box of (z, x), z = l / T in R^L (z_0 = 0 after the shift), x in R^{L x d}, laid out as
//   coordinate c < L: z_c;   coordinate L + i d + k: x_{i,k}   (Thm1Shape::x_index).
// The selected set is I_N = {0, ..., N - 1} (a valid top-N set at every sorted point z_0 >= ... >= z_{L-1}; the
// permutation reduction of prove_domain.hpp lets prove look at sorted points only). With alpha = softmax(z),
//   Q = d~ = sum_{i >= N} ||alpha_i x_i - s||,  s = sum_{j < N} alpha_j x_j                  (quantity)
//   B = (1 - abar) d_1 + M [(L - N) abar - (1 - abar)] = (1 - abar) d_1 + M [(L - N + 1) abar - 1]   (bound)
// abar = sum_{j < N} alpha_j, d_1 = max_{i >= N, j < N} ||x_i - x_j||, M = max_{j < N} ||x_j||.
// Guarantee (thm1_fixed_ratio_upper): for every sorted point of the box, Q <= upper * B; the statement is
// proved in the form Q - R B <= 0 (R = target, a double <= the decimal target) because B and Q vanish together
// (x = 0; N = 1 with uniform weights and equal rows), where a quotient has no finite enclosure:
//   1. mean-value form around the box centre c: Q - R B <= hi(Q(c) - R B(c)) + sum_k sup_box |g_k| r_k, g a Clarke
//      generalized gradient of Q - R B (Lebourg's mean-value theorem: f(y) - f(c) = <g, y - c> for some g in
//      the generalized gradient at a point of the segment, which lies in the box). Enclosed with: the gradient of
//      a norm ||v|| is v/||v|| in [v/||v||] (or anything in the unit ball at v = 0, enclosed by [-1, 1] per
//      component); the generalized gradient of a max lies in the hull of the gradients of the candidates that can
//      attain it over the box (hi >= the largest lo); the product and sum rules as inclusions; d alpha_a / d z_b =
//      alpha_a (delta_ab - alpha_b) (Clarke 1983, Prop. 2.3.3, 2.3.12, 2.3.13, Thm. 2.3.7 and 2.3.10).
//      When its upper end is <= 0, upper = R;
//   2. otherwise the quotient of the natural enclosures hi(Q) / lo(B), with lo(B) >= (1 - abar)_lo d_1,lo +
//      M_lo max(0, bracket_lo) (the bracket is >= (L - N)(N - 1) / L >= 0 at sorted points, where abar >= N/L);
//      +inf when that lower end is 0.
// abar and 1 - abar are enclosed as exact ranges up to rounding by monotonicity (abar = E_s / (E_s + E_r) with
// E_s = sum_{j<N} e^{z_j}, E_r = sum_{i>=N} e^{z_i}, increasing in E_s and decreasing in E_r); a norm of
// independent coordinates (x_j, x_i - x_j) by the exact ranges of its squares.
// `split` is the free coordinate whose mean-value term sup|g_k| r_k is largest.
// Reference: F. H. Clarke, "Optimization and Nonsmooth Analysis" (Wiley, 1983), section 2.3; Moore, Kearfott,
// Cloud, "Introduction to Interval Analysis" (2009), section 6.4 (mean value form).
#pragma once

#include "prove/cor3_ratio_enclosure.hpp"

#include <cstddef>
#include <vector>

namespace attnbound::prove {

struct Thm1Shape {
  std::size_t length = 2, dim = 1, top_n = 1;
  std::size_t coordinates() const { return length + length * dim; }
  std::size_t x_index(std::size_t row, std::size_t k) const { return length + row * dim + k; }
};

// Upper end U with Q <= U B at every sorted point of the box (U = target when the mean-value form proves
// Q - target B <= 0); +inf when no finite end is found. `target` > 0 is a double. refine_open (for a box that will
// stay open, where the end is reported): when the form fails at the target, also the smallest R > target found (by
// doubling, then bisection, each R a double) for which the same form proves Q - R B <= 0, if smaller than the quotient.
RatioUpper thm1_fixed_ratio_upper(const Thm1Shape& s, double target, const std::vector<DoubleInterval>& box,
                                  bool refine_open = false);

// The point with its logits sorted decreasingly and the rows of x moved with them (stable: ties keep their order),
// the joint permutation under which Q and B are invariant.
std::vector<double> thm1_sorted_point(const Thm1Shape& s, const std::vector<double>& point);

// Q / B at the sorted point in plain double (uncertified: it ranks candidates); 0 when B = 0.
double thm1_fixed_ratio_estimate(const Thm1Shape& s, const std::vector<double>& point);

}  // namespace attnbound::prove
