// Normalised weights alpha_i = F_i / sum_j F_j from positive values F_i, in Arb, with the complements
// o_i = sum_{j != i} alpha_j (= 1 - alpha_i) and q_i = sum_{j != i} alpha_j^2 computed without cancellation
// at the dominant index, and the F-normaliser families of Lemma 1 / Lemma 2 (exp, softplus, sigmoid,
// quadratic, gaussian, ssmax) with their derivatives.
//
// Contract: F_i > 0 balls. Every output ball contains the exact value for the exact F_i in the input balls.
// o_i: for the index `top` (largest F by midpoint) o_top = (sum_{j != top} F_j)/S directly, a sum of
// nonnegative terms; for i != top, o_i = (S - F_i)/S, where S - F_i >= F_top >= F_i up to the ball radii, so
// the subtraction loses at most a bit or two (and any loss only widens the ball). Same for q_i with
// Q = sum alpha_j^2: Q - alpha_i^2 >= alpha_top^2. The choice of `top` affects accuracy only, never soundness.
// Reference: spec 1.2 (Eq. 3), 2 (Lemma 1, Lemma 2); this is the checker's own code, not theory/.
#pragma once

#include "check/ball.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace attnbound::check {

struct Weights {
  std::vector<Ball> F;                         // the positive values (softmax: e^{z_i - z_top}, e_top = 1)
  std::vector<Ball> alpha, others, others_sq;  // alpha_i, o_i, q_i
  Ball total;                                  // S = sum F_j
  std::size_t top = 0;
};

Weights weights_from_positive(const std::vector<Ball>& F, long prec);

// An F-normaliser family with its parameter (see theory/README.md for the fields; here re-read independently).
struct FFamily {
  std::string name = "exp";  // exp | softplus | sigmoid | quadratic | gaussian | ssmax
  Ball param;                // T, the offset c, or the ssmax scale s
  long length = 1;           // L (ssmax only)
  Ball value(const Ball& l, long prec) const;
  Ball derivative(const Ball& l, long prec) const;
  Ball min_on(const Ball& a, long prec) const;  // min of F over [-a, a], a >= 0
  Ball max_on(const Ball& a, long prec) const;
};

}  // namespace attnbound::check
