// Algorithms 1 and 2 of `attnbound reproduce --model` (spec section 3): the representation distance d~
// (reading (a)) of the top-N set against Theorem 1's fixed-set bound (thm1.fixed, tight) and the random-set main
// sum E (thm1.random), per (head, row), averaged over rows with n > N, then over heads; Algorithm 1 against L at
// N = fixed_n, Algorithm 2 against N at the longest L. Double precision through the Gram matrix, not certified.
#pragma once

#include "reports/reproduce_model_rows.hpp"

namespace attnbound::reports {

struct DistanceRow {
  double d = 0;      // d~ = sum_{i not in I_N} ||alpha_i x_i - s||
  double bound = 0;  // thm1.fixed, tight: (1 - abar) d_1 + max_{j in I_N} ||x_j|| [(n - N) abar - (1 - abar)]
  double e = 0;      // thm1.random's main sum ((n - N)/n) sum_i ||alpha_i x_i - (N/(n - 1)) sum_{j != i} alpha_j x_j||
};

// One row's statistics through the Gram matrix: ||alpha_i x_i - s||^2 = alpha_i^2 G_ii - 2 alpha_i <x_i, s> + ||s||^2
// (clipped at 0: rounding only), and alpha_i x_i - c (S - alpha_i x_i) = (1 + c) alpha_i x_i - c S for E, c = N/(n-1).
// Needs n > N >= 1.
DistanceRow distance_row(const RowState& r);

struct DistanceParts {
  Table alg1, alg2;                          // alg1_distance_vs_L, alg2_distance_vs_N
  Figure fig2a, fig2b, tightness;            // fig2a_distance_vs_L, fig2b_distance_vs_N, tightness_model_vs_L
  ClaimRow linear_in_L, plateau, thm1_fixed;  // headline.distance_linear_in_L, headline.distance_plateau, statement.thm1.fixed
  double worst_ratio = 0;                    // max over every (head, row) of d~/bound at fixed_n, every window
  std::size_t fixed_evals = 0;               // (head, row) pairs at fixed_n and the longest L
};

// The tables, figures and claims of Algorithms 1 and 2. `model` names the checkpoint in a claim's note.
DistanceParts alg12_parts(const ModelRun& run, const std::string& model);

}  // namespace attnbound::reports
