// Softmax weights over a box of logits, in double intervals with outward rounding (prove/, issue 14).
//
// Contract: z is a box (z_i in [lo_i, hi_i], |z_i| <= 700, finite). For every point of the box,
//   p_i(z) = e^{z_i} / sum_j e^{z_j}  lies in p[i],  and  1 - p_i(z) = sum_{j != i} p_j(z)  lies in other[i].
// The enclosures are the exact ranges up to rounding, by monotonicity: with e = e^{z_i} and R = sum_{j != i}
// e^{z_j}, p_i = e / (e + R) is increasing in e and decreasing in R (d/de = R/(e+R)^2 >= 0, d/dR = -e/(e+R)^2
// <= 0), and 1 - p_i = R / (e + R) the reverse; e and R take their extremes at the box's corners
// (exp is increasing). 1 - p_i is never computed as a subtraction from 1, so a weight near 1 keeps the
// relative accuracy of its complement. A point is the box [c, c].
// Cost: O(L^2) exponentials-free operations after 2L directed exponentials (theory/double_interval.hpp).
#pragma once

#include "theory/double_interval.hpp"

#include <vector>

namespace attnbound::prove {

struct SoftmaxBoxWeights {
  std::vector<DoubleInterval> p;      // p_i over the box
  std::vector<DoubleInterval> other;  // 1 - p_i = sum_{j != i} p_j over the box
};

SoftmaxBoxWeights softmax_box_weights(const std::vector<DoubleInterval>& z);

}  // namespace attnbound::prove
