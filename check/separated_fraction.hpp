// Algorithm 4's separated fraction N_s/N in Arb (spec section 3, Algorithm 4; spec 1.5), the checker's own code:
//   s = sum_{j in I} alpha_j x_j,  r^2 = min_{j notin I} ||s - alpha_j x_j||^2  (+inf when I is everything),
//   N_s = #{i in I : ||s - alpha_i x_i||^2 < r^2}.
//
// Contract: alpha, x (L rows of one dimension) balls, `in_set` marks I (non-empty). Squared distances are
// compared (t -> t^2 is increasing on t >= 0). Each comparison is decided by Arb: d_i^2 < r^2 certainly (counted),
// r^2 <= d_i^2 certainly (not counted), else undecided; the result is the ball [N_s_lo, N_s_lo + undecided] / N,
// which contains the exact fraction whatever the undecided comparisons are. (r^2 is enclosed by the min of the
// balls, which contains the exact minimum.)
// Reference: spec section 3 (Algorithm 4).
#pragma once

#include "check/ball.hpp"

#include <vector>

namespace attnbound::check {

Ball separated_fraction(const std::vector<Ball>& alpha, const std::vector<std::vector<Ball>>& x,
                        const std::vector<bool>& in_set, long prec);

}  // namespace attnbound::check
