#include "prove/softmax_box_weights.hpp"

namespace attnbound::prove {

SoftmaxBoxWeights softmax_box_weights(const std::vector<DoubleInterval>& z) {
  const std::size_t L = z.size();
  std::vector<double> e_lo(L), e_hi(L);
  for (std::size_t i = 0; i < L; ++i) {
    e_lo[i] = exp_down(z[i].lo);  // <= e^{z_i} for every z_i >= lo_i
    e_hi[i] = exp_up(z[i].hi);    // >= e^{z_i} for every z_i <= hi_i
  }
  SoftmaxBoxWeights w;
  w.p.resize(L);
  w.other.resize(L);
  for (std::size_t i = 0; i < L; ++i) {
    double rest_lo = 0, rest_hi = 0;  // rest_lo <= R <= rest_hi, R = sum_{j != i} e^{z_j}
    for (std::size_t j = 0; j < L; ++j) {
      if (j == i) continue;
      rest_lo = add_down(rest_lo, e_lo[j]);
      rest_hi = add_up(rest_hi, e_hi[j]);
    }
    // p_i <= e_hi / (e_hi + rest_lo): the numerator rounded up, the denominator down.
    w.p[i] = {div_down(e_lo[i], add_up(e_lo[i], rest_hi)), std::min(1.0, div_up(e_hi[i], add_down(e_hi[i], rest_lo)))};
    w.other[i] = {div_down(rest_lo, add_up(e_hi[i], rest_lo)), std::min(1.0, div_up(rest_hi, add_down(e_lo[i], rest_hi)))};
  }
  return w;
}

}  // namespace attnbound::prove
