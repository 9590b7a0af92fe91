#include "gpt2/attention_pipeline.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <limits>

namespace attnbound::gpt2 {

void causal_softmax_rows(float* s, std::ptrdiff_t T, float scale, float* scores_out) {
  const float neg_inf = -std::numeric_limits<float>::infinity();
  for (std::ptrdiff_t i = 0; i < T; ++i) {
    Eigen::Map<Eigen::ArrayXf> row(s + i * T, i + 1);
    row *= scale;
    if (scores_out) {
      std::copy(row.data(), row.data() + i + 1, scores_out + i * T);
      std::fill(scores_out + i * T + i + 1, scores_out + (i + 1) * T, neg_inf);
    }
    row = (row - row.maxCoeff()).exp();  // shift by the max: every exponent <= 0, no overflow
    row /= row.sum();
    std::fill(s + i * T + i + 1, s + (i + 1) * T, 0.0f);
  }
}

}  // namespace attnbound::gpt2
