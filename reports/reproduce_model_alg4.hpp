// Algorithm 4 of `attnbound reproduce --model` (spec section 3) against Theorem 2 (thm2.lower, thm2.upper):
// x normalised to the unit sphere (M = 1), r = min over non-selected i of ||s - alpha_i x_i||,
// N_s = #{selected i: ||s - alpha_i x_i|| < r}, and Theorem 2's bounds with the xi_a spread
// (xi_i^2 = sum_{j in I_N, j != i} alpha_j^2), through the statements' own templates (theory/thm2_lower.hpp,
// theory/thm2_upper.hpp). Per-head token means, quartiles over heads, at the longest L. Double, not certified.
#pragma once

#include "reports/reproduce_model_rows.hpp"

namespace attnbound::reports {

struct Thm2Row {
  double ns = 0;  // N_s / N
  double lo = 0;  // thm2.lower's bound 1 - (1/(rN)) sum xi_i (-inf when r = 0)
  double up = 0;  // thm2.upper's bound (1/N) sum_i [exp(-(xi_i - r)^2/2) if r < xi_i, else 1]
};

// One row on the unit sphere through the Gram matrix: ||alpha_i x^_i - s^||^2 = alpha_i^2 [x_i != 0]
// - 2 alpha_i <x^_i, s^> + ||s^||^2 (clipped at 0: rounding only). Needs n > N >= 1; dist: scratch of n entries.
Thm2Row thm2_row(const RowState& r, std::vector<double>& dist);

struct Thm2Parts {
  Table table;                      // alg4_separability
  Figure fig3;                      // fig3_separability
  ClaimRow saturation;              // headline.separability
  std::vector<ClaimRow> statements;  // statement.thm2.lower, statement.thm2.upper (when any head has rows)
};

Thm2Parts alg4_parts(const ModelRun& run);

}  // namespace attnbound::reports
