// Algorithm 5 and Corollary 3 of `attnbound reproduce --model` (spec section 3): on `alg5_rows` evenly spaced rows
// per head, g(T, eps) by the float kernel kernels/fd_sensitivity_f32_f64 along seeded unit directions
// (reports/random_direction.hpp), and the exact ||J||_2 of softmax(l / T) in double, each against the paper's
// bound min{1/(4T), sqrt 2} (cor3_softmax_jacobian::bound) and the corrected 1/(2T)
// (cor3_softmax_jacobian_corrected::bound). Token average per head, max over heads. Not certified.
#pragma once

#include "reports/reproduce_model_rows.hpp"

namespace attnbound::reports {

// One sampled row: `row` holds the n scaled scores of row t (n = t + 1); the logits are row * st.scale (exact:
// a power of two). Adds g, ||J||_2, the worst ratios and the violation counts into res.
void alg5_cor3_row(const float* row, int n, int t, const Settings& st, std::size_t window, HeadResult& res);

struct GradientParts {
  Table table;                       // alg5_model
  Figure fig4, tightness;            // fig4_gradient_model, tightness_model_vs_T
  std::vector<VerdictRow> verdicts;  // cor3.softmax_jacobian, cor3.softmax_jacobian.corrected (spectral, double)
  ClaimRow slope;                    // headline.gradient_1_over_T
};

GradientParts alg5_cor3_parts(const ModelRun& run);

}  // namespace attnbound::reports
